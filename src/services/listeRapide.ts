import { executeAccess, type Endpoint, type PayloadRequest, type SanitizedCollectionConfig } from 'payload'
import { decrireCollection, documentDepuisLigne, lireFiltre, paginer, planListe, type CollectionConfigDecrite, type Condition, type DescriptionListe } from '@/src/domain/listeRapide'
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

/**
 * `GET /api/<collection>` en lecture rapide (src/domain/listeRapide.ts), ou `null` : la requête
 * n'a pas la forme prise en charge, ou la règle d'accès en lecture ne s'exprime pas dans les
 * filtres qu'elle sait traduire, ou elle refuse (Payload répond alors lui-même, 403 compris).
 * La règle d'accès est celle de la collection, appelée comme Payload l'appelle (executeAccess) ;
 * son résultat est ajouté au filtre de l'appelant (`and`), comme `combineQueries` le fait.
 */
export async function lireListeRapide(req: PayloadRequest, slug: string): Promise<Response | null> {
  const collection = req.payload.collections[slug as keyof typeof req.payload.collections]
  if (!collection || !req.query) return null
  const config = collection.config
  const description = descriptionListe(config)
  const plan = planListe(req.query as Record<string, unknown>, description, typeof config.defaultSort === 'string' ? config.defaultSort : '-createdAt')
  if (!plan) return null
  const acces = await executeAccess({ disableErrors: true, req }, config.access.read)
  if (!acces) return null
  if (acces !== true) {
    const contrainte = lireFiltre(acces, new Map(description.champs.map((c) => [c.chemin, c])))
    if (!contrainte) return null
    plan.filtre = plan.filtre ? ({ et: [plan.filtre, contrainte] } satisfies Condition) : contrainte
  }
  const cles = description.champs.map((c) => c.cle)
  const { lignes, total } = await lirePageListe(req.payload, req, slug, cles, plan)
  const docs = lignes.map((l) => documentDepuisLigne(l, description.gabarit))
  // Tells tests and operators which path answered (the body is the same either way).
  return Response.json({ docs, ...paginer(total, lignes.length, plan.limit, plan.page) }, { status: 200, headers: { 'X-Lecture-Liste': 'rapide' } })
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
