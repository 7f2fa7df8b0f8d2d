import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local server that speaks the JSON of the State's « Recherche d'entreprises » API
 * (`GET /search?q=<siret>`, https://recherche-entreprises.api.gouv.fr) for tests. Companies are
 * registered by SIRET (`inscrire`); an unknown SIRET gets the API's empty answer. `programmer`
 * queues other behaviours for the next requests: an HTTP error, malformed JSON, a delay longer
 * than the client's timeout, any raw body. Every query received is kept (`requetes`), to check
 * the cache and that nothing else than the SIRET is sent.
 */
export type Comportement =
  | { type: 'http'; status: number }
  | { type: 'malforme' }
  | { type: 'lent'; ms: number }
  | { type: 'brut'; corps: string; contentType?: string }

export interface RechercheEntreprisesFactice {
  /** Origin for ENTREPRISES_API_URL. */
  url: string
  requetes: { chemin: string; q: string | null }[]
  inscrire: (siret: string, reponse: unknown) => void
  programmer: (...c: Comportement[]) => void
  fermer: () => Promise<void>
}

export interface OptionsEtablissement {
  nom?: unknown
  etat?: unknown
  etatUnite?: unknown
  naf?: unknown
  tranche?: unknown
  idcc?: unknown
  adresse?: unknown
  codePostal?: unknown
  commune?: unknown
  /** The establishment is the head office (`siege`), not only in `matching_etablissements`. */
  siege?: boolean
}

/** A `/search` answer shaped like the real API's for one establishment (fields we do not read included). */
export function reponseRecherche(siret: string, o: OptionsEtablissement = {}): Record<string, unknown> {
  // An option given as null (or undefined) is sent as such: « absent » is a case to test too.
  const v = <K extends keyof OptionsEtablissement>(k: K, defaut: unknown): unknown => (k in o ? o[k] : defaut)
  const etablissement = {
    activite_principale: v('naf', '62.02A'),
    adresse: v('adresse', `12 RUE DES LILAS ${typeof o.codePostal === 'string' ? o.codePostal : '69003'} ${typeof o.commune === 'string' ? o.commune : 'LYON'}`),
    code_postal: v('codePostal', '69003'),
    commune: '69383',
    date_creation: '2015-03-01',
    est_siege: o.siege !== false,
    etat_administratif: v('etat', 'A'),
    libelle_commune: v('commune', 'LYON'),
    liste_enseignes: null,
    liste_idcc: v('idcc', ['1486']),
    siret,
    tranche_effectif_salarie: v('tranche', '12'),
  }
  const siege =
    o.siege === false
      ? { ...etablissement, siret: `${siret.slice(0, 9)}99999`, adresse: '1 AVENUE DU SIEGE 75008 PARIS', code_postal: '75008', libelle_commune: 'PARIS', etat_administratif: 'A' }
      : { ...etablissement, numero_voie: '12', type_voie: 'RUE', libelle_voie: 'DES LILAS', indice_repetition: null }
  return {
    results: [
      {
        siren: siret.slice(0, 9),
        nom_complet: typeof o.nom === 'string' ? `${o.nom} (SIGLE)` : v('nom', 'ATELIER DES LILAS (ADL)'),
        nom_raison_sociale: v('nom', 'ATELIER DES LILAS'),
        sigle: 'ADL',
        nombre_etablissements: 2,
        nombre_etablissements_ouverts: 1,
        activite_principale: '62.02A',
        etat_administratif: v('etatUnite', 'A'),
        tranche_effectif_salarie: '12',
        siege,
        complements: { convention_collective_renseignee: true, liste_idcc: v('idcc', ['1486']), est_ess: false },
        matching_etablissements: [etablissement],
      },
    ],
    total_results: 1,
    page: 1,
    per_page: 10,
    total_pages: 1,
  }
}

export const REPONSE_VIDE = { results: [], total_results: 0, page: 1, per_page: 10, total_pages: 0 }

export async function demarrerRechercheEntreprisesFactice(): Promise<RechercheEntreprisesFactice> {
  const file: Comportement[] = []
  const fiches = new Map<string, unknown>()
  const etat: RechercheEntreprisesFactice = {
    url: '',
    requetes: [],
    inscrire: (siret, reponse) => void fiches.set(siret, reponse),
    programmer: (...c) => void file.push(...c),
    fermer: async () => {
      serveur.closeAllConnections()
      await new Promise<void>((r) => serveur.close(() => r()))
    },
  }
  const repondre = (res: http.ServerResponse, status: number, corps: string, contentType = 'application/json') => {
    if (res.destroyed) return
    res.writeHead(status, { 'Content-Type': contentType })
    res.end(corps)
  }
  const serveur = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const q = url.searchParams.get('q')
    etat.requetes.push({ chemin: url.pathname, q })
    if (req.method !== 'GET' || url.pathname !== '/search') return repondre(res, 404, JSON.stringify({ erreur: 'not found' }))
    const c = file.shift()
    if (c?.type === 'http') return repondre(res, c.status, JSON.stringify({ erreur: 'erreur programmée' }))
    if (c?.type === 'malforme') return repondre(res, 200, '{"results": [{"siren": "12345')
    if (c?.type === 'brut') return repondre(res, 200, c.corps, c.contentType)
    if (c?.type === 'lent') await new Promise((r) => setTimeout(r, c.ms))
    const fiche = q !== null ? fiches.get(q) : undefined
    return repondre(res, 200, JSON.stringify(fiche ?? REPONSE_VIDE))
  })
  await new Promise<void>((r) => serveur.listen(0, '127.0.0.1', () => r()))
  etat.url = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`
  return etat
}
