import type { PayloadRequest } from 'payload'
import { env, type ConfigEntreprises } from '@/src/config/env'
import { lireReponseRechercheEntreprises, type FicheEntreprise } from '@/src/domain/rechercheEntreprises'
import { estSiretValide } from '@/src/domain/siret'

/**
 * Client of the State's « Recherche d'entreprises » API (public, no key): the establishment of a
 * SIRET, read by the pure parser of src/domain/rechercheEntreprises.ts.
 *
 * Never blocks a form: one call is cut after ENTREPRISES_API_TIMEOUT_MS, its body is read up to
 * TAILLE_MAX bytes, and every failure is an answer (`indisponible`) the caller turns into the
 * « saisie manuelle » path — never an exception.
 *
 * Cache: in the memory of each process, ENTREPRISES_API_CACHE_SECONDS (24 h by default), at most
 * ENTREES_MAX SIRETs. Not in the database: the data is public and the same for every instance, a
 * miss on another instance costs one more call (the API allows 7 per second and IP), and a
 * shared cache would add a table and a write per lookup for no correctness gain. Failures are not
 * cached: the next try may work. Concurrent lookups of one SIRET share one call.
 */

export type ResultatConsultation =
  | { statut: 'trouve'; fiche: FicheEntreprise; consulteLe: string }
  | { statut: 'introuvable'; consulteLe: string }
  | { statut: 'indisponible'; raison: 'delai' | 'http' | 'reseau' | 'illisible' }

const TAILLE_MAX = 1024 * 1024
const ENTREES_MAX = 5000

interface Entree {
  resultat: Extract<ResultatConsultation, { statut: 'trouve' | 'introuvable' }>
  expireA: number
}
interface Etat {
  cache: Map<string, Entree>
  enCours: Map<string, Promise<ResultatConsultation>>
}

// One cache per process: Next.js bundles each route with its own copy of this module.
const CLE = Symbol.for('monopco.rechercheEntreprises')
function etat(): Etat {
  const g = globalThis as unknown as Record<symbol, Etat | undefined>
  return (g[CLE] ??= { cache: new Map(), enCours: new Map() })
}

/** The establishment's record if a lookup found it less than ENTREPRISES_API_CACHE_SECONDS ago (no network). */
export function ficheEnCache(siret: string, maintenant = Date.now()): { fiche: FicheEntreprise; consulteLe: string } | null {
  const e = etat().cache.get(siret)
  if (!e || e.expireA <= maintenant || e.resultat.statut !== 'trouve') return null
  return { fiche: e.resultat.fiche, consulteLe: e.resultat.consulteLe }
}

async function lireCorpsBorne(res: Response): Promise<string | null> {
  if (!res.body) return ''
  const lecteur = res.body.getReader()
  const morceaux: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await lecteur.read()
    if (done) break
    total += value.byteLength
    if (total > TAILLE_MAX) {
      await lecteur.cancel().catch(() => undefined)
      return null
    }
    morceaux.push(value)
  }
  return Buffer.concat(morceaux).toString('utf8')
}

async function appeler(siret: string, config: ConfigEntreprises, journal: (message: string) => void): Promise<ResultatConsultation> {
  const url = `${config.apiUrl}/search?q=${siret}&page=1&per_page=5`
  const signal = AbortSignal.timeout(config.timeoutMs)
  try {
    const res = await fetch(url, { signal, redirect: 'error', headers: { Accept: 'application/json' } })
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined)
      journal(`Recherche d'entreprises : réponse HTTP ${res.status} pour un SIRET.`)
      return { statut: 'indisponible', raison: 'http' }
    }
    const texte = await lireCorpsBorne(res)
    if (texte === null) {
      journal(`Recherche d'entreprises : réponse de plus de ${TAILLE_MAX} octets ignorée.`)
      return { statut: 'indisponible', raison: 'illisible' }
    }
    let json: unknown
    try {
      json = JSON.parse(texte)
    } catch {
      journal("Recherche d'entreprises : réponse qui n'est pas du JSON.")
      return { statut: 'indisponible', raison: 'illisible' }
    }
    // Without a `results` list the answer is not the API's: it says nothing, it is not « not found ».
    if (typeof json !== 'object' || json === null || !Array.isArray((json as { results?: unknown }).results)) {
      journal("Recherche d'entreprises : réponse JSON sans liste « results ».")
      return { statut: 'indisponible', raison: 'illisible' }
    }
    const fiche = lireReponseRechercheEntreprises(json, siret)
    const consulteLe = new Date().toISOString()
    return fiche ? { statut: 'trouve', fiche, consulteLe } : { statut: 'introuvable', consulteLe }
  } catch (err) {
    const delai = signal.aborted || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    journal(delai ? `Recherche d'entreprises : pas de réponse en ${config.timeoutMs} ms.` : `Recherche d'entreprises injoignable : ${err instanceof Error ? err.message : String(err)}`)
    return { statut: 'indisponible', raison: delai ? 'delai' : 'reseau' }
  }
}

/**
 * The establishment `siret` (already validated by the caller: an invalid one is `introuvable`
 * without a call), from the cache or the API.
 */
export async function consulterEntreprise(
  siret: string,
  options: { journal?: (message: string) => void; config?: ConfigEntreprises } = {},
): Promise<ResultatConsultation> {
  const config = options.config ?? env().entreprises
  const journal = options.journal ?? (() => undefined)
  if (!estSiretValide(siret)) return { statut: 'introuvable', consulteLe: new Date().toISOString() }
  const { cache, enCours } = etat()
  const maintenant = Date.now()
  const connu = cache.get(siret)
  if (connu && connu.expireA > maintenant) return connu.resultat
  const deja = enCours.get(siret)
  if (deja) return deja
  const appel = appeler(siret, config, journal).then((r) => {
    if (r.statut !== 'indisponible' && config.cacheSecondes > 0) {
      cache.delete(siret)
      // Oldest first out: a Map iterates in insertion order.
      while (cache.size >= ENTREES_MAX) cache.delete(cache.keys().next().value as string)
      cache.set(siret, { resultat: r, expireA: Date.now() + config.cacheSecondes * 1000 })
    }
    return r
  })
  enCours.set(siret, appel)
  try {
    return await appel
  } finally {
    enCours.delete(siret)
  }
}

/** The OPCO the IDCC table (`correspondances-idcc`) gives for the first of `idcc` it knows, as today's suggestion on a company. */
export async function opcoSuggereDesIdcc(req: PayloadRequest, idcc: readonly string[]): Promise<{ id: number; nom: string } | null> {
  if (idcc.length === 0) return null
  const trouves = await req.payload.find({
    collection: 'correspondances-idcc',
    where: { idcc: { in: [...idcc] } },
    depth: 1,
    limit: idcc.length,
    pagination: false,
    overrideAccess: true,
    req,
  })
  for (const i of idcc) {
    const opco = trouves.docs.find((d) => d.idcc === i)?.opco
    if (opco && typeof opco === 'object') return { id: opco.id, nom: opco.nom }
  }
  return null
}
