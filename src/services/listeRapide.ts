import { executeAccess, type Endpoint, type Payload, type PayloadRequest, type SanitizedCollectionConfig } from 'payload'
import { decrireCollection, documentDepuisLigne, lireFiltre, paginer, planListe, type CollectionConfigDecrite, type Condition, type DescriptionListe, type PlanListe } from '@/src/domain/listeRapide'
import { lirePageListe } from '@/src/db/listeRapide'

/** Une description par configuration assainie : calculée au premier appel, une fois par processus. */
const descriptions = new WeakMap<SanitizedCollectionConfig, DescriptionListe>()

export function descriptionListe(config: SanitizedCollectionConfig): DescriptionListe {
  let d = descriptions.get(config)
  if (!d) {
    d = decrireCollection(config as unknown as CollectionConfigDecrite)
    descriptions.set(config, d)
  }
  return d
}

export interface ListePreparee {
  slug: string
  config: SanitizedCollectionConfig
  description: DescriptionListe
  plan: PlanListe
}

/**
 * La lecture rapide d'une requête, si elle a la forme prise en charge (src/domain/listeRapide.ts)
 * et que la collection n'a rien que la lecture rapide ne sache reproduire ; sinon `null`. Ne
 * dépend que de la requête : décidé avant l'authentification.
 */
export function preparerListe(payload: Payload, slug: string, query: Record<string, unknown>): ListePreparee | null {
  const collection = payload.collections[slug as keyof typeof payload.collections]
  if (!collection) return null
  const config = collection.config
  const description = descriptionListe(config)
  const plan = planListe(query, description, typeof config.defaultSort === 'string' ? config.defaultSort : '-createdAt')
  return plan ? { slug, config, description, plan } : null
}

/**
 * Le corps de la réponse (celui de la route de liste de Payload), ou `null` : la règle d'accès en
 * lecture refuse (Payload répond alors lui-même, 403 compris) ou ne s'exprime pas dans les filtres
 * que la lecture rapide sait traduire. La règle est celle de la collection, appelée comme Payload
 * l'appelle (executeAccess) ; son résultat est ajouté au filtre de l'appelant (`and`), comme
 * `combineQueries` le fait.
 */
export async function executerListe(req: PayloadRequest, { slug, config, description, plan: planDemande }: ListePreparee): Promise<Record<string, unknown> | null> {
  const acces = await executeAccess({ disableErrors: true, req }, config.access.read)
  if (!acces) return null
  const plan = { ...planDemande }
  if (acces !== true) {
    const contrainte = lireFiltre(acces, new Map(description.champs.map((c) => [c.chemin, c])))
    if (!contrainte) return null
    plan.filtre = plan.filtre ? ({ et: [plan.filtre, contrainte] } satisfies Condition) : contrainte
  }
  const cles = description.champs.map((c) => c.cle)
  const { lignes, total } = await lirePageListe(req.payload, req, slug, cles, plan)
  const docs = lignes.map((l) => documentDepuisLigne(l, description.gabarit))
  return { docs, ...paginer(total, lignes.length, plan.limit, plan.page) }
}

/** Tells tests and operators which path answered (the body is the same either way). */
export const EN_TETE_LECTURE = 'X-Lecture-Liste'

/** `GET /api/<collection>` en lecture rapide, ou `null` : Payload répond alors lui-même. */
export async function lireListeRapide(req: PayloadRequest, slug: string): Promise<Response | null> {
  if (!req.query) return null
  const preparee = preparerListe(req.payload, slug, req.query as Record<string, unknown>)
  const corps = preparee ? await executerListe(req, preparee) : null
  return corps ? Response.json(corps, { status: 200, headers: { [EN_TETE_LECTURE]: 'rapide' } }) : null
}

/**
 * Le point d'entrée `GET /` d'une collection : Payload essaie les points d'entrée de la collection
 * avant les siens (handleEndpoints), celui-ci passe donc en premier ; hors forme prise en charge,
 * il appelle le point d'entrée suivant qui répond à `GET /`, celui de Payload, sans rien changer.
 */
export function endpointListeRapide(slug: string): Endpoint {
  const moi: Endpoint = {
    path: '/',
    method: 'get',
    handler: async (req) => {
      const rapide = await lireListeRapide(req, slug)
      if (rapide) return rapide
      // Payload's own list route: the last `GET /` of the collection (sanitize appends its
      // default routes after the collection's), never this one (the first).
      const routes = req.payload.collections[slug as keyof typeof req.payload.collections]?.config.endpoints
      const get = Array.isArray(routes) ? routes.filter((e) => e.method === 'get' && e.path === '/') : []
      const payloadFind = get.length >= 2 ? get[get.length - 1] : undefined
      if (!payloadFind) throw new Error(`listeRapide : pas de GET / de Payload pour ${slug}`)
      return payloadFind.handler(req)
    },
  }
  return moi
}
