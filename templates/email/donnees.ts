/** What the e-mail templates know of a dossier and of the links, filled by the notifications plugin. */
import { formaterEuros } from '@/src/domain/money'

export interface DossierEmail {
  id: string | number
  reference: string
  typeFormation: 'formation' | 'bilan' | string
  titreFormation: string
  /** « Prénom Nom » of the beneficiary (salarié). */
  beneficiaire: string
  entreprise: string | null
  opco: string | null
  /** ISO date (yyyy-mm-dd…) or null. */
  dateDebut: string | null
  /** Cents. */
  montantDemande: number | null
}

export interface Liens {
  /** The portal (beneficiaries, companies): SERVER_URL + `/`. */
  portail: string
  /** The admin panel: SERVER_URL + `/admin`. */
  admin: string
}

export const lienDossierAdmin = (liens: Liens, d: DossierEmail): string => `${liens.admin}/collections/dossiers/${encodeURIComponent(String(d.id))}`

export const natureFormation = (d: DossierEmail): string => (d.typeFormation === 'bilan' ? 'bilan de compétences' : 'formation')

export function dateFr(iso: string | null): string {
  if (!iso) return 'non renseignée'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso
}

export const euros = (cents: number | null): string => (cents === null || !Number.isSafeInteger(cents) ? 'non renseigné' : formaterEuros(cents))

/** The lines every dossier e-mail repeats, so the reader knows which dossier it is about. */
export function lignesDossier(d: DossierEmail): [string, string][] {
  const lignes: [string, string][] = [
    ['Dossier', d.reference],
    [d.typeFormation === 'bilan' ? 'Bilan' : 'Formation', d.titreFormation || 'sans intitulé'],
    ['Bénéficiaire', d.beneficiaire || 'non renseigné'],
  ]
  if (d.entreprise) lignes.push(['Entreprise', d.entreprise])
  if (d.opco) lignes.push(['OPCO', d.opco])
  lignes.push(['Début', dateFr(d.dateDebut)])
  return lignes
}
