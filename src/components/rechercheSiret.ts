/**
 * Browser side of GET /api/entreprises/siret/:siret, shared by the portal wizard and the admin
 * company form. Every outcome is an answer: a record to fill the form with, or a French message
 * and the manual path. The browser gives up after DELAI_NAVIGATEUR_MS even if the server has not
 * answered, so the form is never stuck waiting.
 */
export interface ReponseEntrepriseSiret {
  siret: string
  siren: string
  raisonSociale: string
  adresse: { rue: string | null; codePostal: string | null; ville: string | null }
  codeNaf: string | null
  trancheEffectif: { code: string; libelle: string | null } | null
  etatAdministratif: 'actif' | 'ferme'
  etatAdministratifLibelle: string
  idcc: string[]
  opcoSuggere: { id: number; nom: string } | null
  consulteLe: string
}

export type ResultatRecherche = { type: 'trouve'; fiche: ReponseEntrepriseSiret } | { type: 'manuel'; message: string }

export const DELAI_NAVIGATEUR_MS = 8000

const chaine = (v: unknown): v is string => typeof v === 'string'

export async function chercherEntrepriseParSiret(siret: string): Promise<ResultatRecherche> {
  try {
    const res = await fetch(`/api/entreprises/siret/${encodeURIComponent(siret)}`, { credentials: 'include', headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(DELAI_NAVIGATEUR_MS) })
    const corps = (await res.json().catch(() => null)) as (Partial<ReponseEntrepriseSiret> & { errors?: { message?: unknown }[] }) | null
    if (res.ok && corps && chaine(corps.raisonSociale) && chaine(corps.siret) && (corps.etatAdministratif === 'actif' || corps.etatAdministratif === 'ferme')) {
      return { type: 'trouve', fiche: corps as ReponseEntrepriseSiret }
    }
    const message = corps?.errors?.[0]?.message
    return { type: 'manuel', message: chaine(message) ? message : 'La recherche n’a pas abouti : saisissez l’entreprise à la main.' }
  } catch {
    return { type: 'manuel', message: 'Le registre des entreprises ne répond pas : saisissez l’entreprise à la main.' }
  }
}
