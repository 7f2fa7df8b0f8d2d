import { LIBELLES_STATUT, estStatutDossier } from '@/src/domain/statuts'
import { LIBELLES_MONTANTS, montantsDepuisSommes, type MontantsDossier } from './montants'

/**
 * One row of the dossiers export, as read by SQL (amounts in integer cents, dates as ISO text
 * or Date depending on the database). The same columns feed CSV and XLSX.
 */
export interface LigneExportDossier {
  id: number
  reference: string | null
  status: string | null
  type_formation: string | null
  beneficiaire_nom: string | null
  beneficiaire_prenom: string | null
  entreprise: string | null
  siret: string | null
  opco: string | null
  organisme: string | null
  formation_titre: string | null
  formation_date_debut: string | Date | null
  cout_total_h_t: number | string | null
  montant_valide: number | string | null
  montant_estime?: number | string | null
  /** Sums of the received payments of each payer (SQL subqueries); the figures come from montants.ts. */
  recu_opco?: number | string | null
  recu_entreprise?: number | string | null
  /** Total TTC of the invoices issued to the OPCO, null when none. */
  facture_opco?: number | string | null
  soumission_date: string | Date | null
  validation_admin_date: string | Date | null
  envoi_opco_date: string | Date | null
  reponse_opco_date: string | Date | null
  created_at: string | Date | null
}

export type TypeColonne = 'texte' | 'euros' | 'date'

export interface ColonneExport {
  cle: keyof LigneExportDossier | 'statut_libelle' | `figure_${keyof MontantsDossier}`
  entete: string
  type: TypeColonne
  largeur: number
}

/** Headers in French, stable order: tests and users' spreadsheets rely on it. */
export const COLONNES_DOSSIERS: readonly ColonneExport[] = [
  { cle: 'reference', entete: 'Référence', type: 'texte', largeur: 16 },
  { cle: 'statut_libelle', entete: 'Statut', type: 'texte', largeur: 22 },
  { cle: 'type_formation', entete: 'Type', type: 'texte', largeur: 12 },
  { cle: 'beneficiaire_nom', entete: 'Nom du bénéficiaire', type: 'texte', largeur: 20 },
  { cle: 'beneficiaire_prenom', entete: 'Prénom du bénéficiaire', type: 'texte', largeur: 20 },
  { cle: 'entreprise', entete: 'Entreprise', type: 'texte', largeur: 28 },
  { cle: 'siret', entete: 'SIRET', type: 'texte', largeur: 16 },
  { cle: 'opco', entete: 'OPCO', type: 'texte', largeur: 14 },
  { cle: 'organisme', entete: 'Organisme de formation', type: 'texte', largeur: 24 },
  { cle: 'formation_titre', entete: 'Formation', type: 'texte', largeur: 30 },
  { cle: 'formation_date_debut', entete: 'Début de formation', type: 'date', largeur: 14 },
  { cle: 'cout_total_h_t', entete: 'Coût total HT (€)', type: 'euros', largeur: 16 },
  { cle: 'montant_valide', entete: 'Montant validé (€)', type: 'euros', largeur: 16 },
  // The figures of src/domain/reports/montants.ts, as on the dashboard and the payments page.
  { cle: 'figure_demande', entete: 'Demandé (€)', type: 'euros', largeur: 16 },
  { cle: 'figure_valide', entete: 'Validé accordé (€)', type: 'euros', largeur: 16 },
  { cle: 'figure_duOpco', entete: `${LIBELLES_MONTANTS.duOpco} (€)`, type: 'euros', largeur: 16 },
  { cle: 'figure_payeOpco', entete: `${LIBELLES_MONTANTS.payeOpco} (€)`, type: 'euros', largeur: 16 },
  { cle: 'figure_tropPercu', entete: 'Trop-perçu (€)', type: 'euros', largeur: 16 },
  { cle: 'figure_payeEntreprise', entete: `${LIBELLES_MONTANTS.payeEntreprise} (€)`, type: 'euros', largeur: 16 },
  { cle: 'figure_resteDu', entete: `${LIBELLES_MONTANTS.resteDu} (€)`, type: 'euros', largeur: 16 },
  { cle: 'soumission_date', entete: 'Soumis le', type: 'date', largeur: 12 },
  { cle: 'validation_admin_date', entete: 'Validé le', type: 'date', largeur: 12 },
  { cle: 'envoi_opco_date', entete: 'Envoyé à l’OPCO le', type: 'date', largeur: 12 },
  { cle: 'reponse_opco_date', entete: 'Réponse de l’OPCO le', type: 'date', largeur: 12 },
  { cle: 'created_at', entete: 'Créé le', type: 'date', largeur: 12 },
]

/** Cents as stored (a PostgreSQL numeric may come back as text) → integer, or null. */
export function centimes(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null
  const n = typeof v === 'number' ? v : Number(v)
  return Number.isFinite(n) ? Math.round(n) : null
}

/** A stored instant (ISO text on SQLite, Date on PostgreSQL) → Date, or null. */
export function instant(v: unknown): Date | null {
  if (v === null || v === undefined || v === '') return null
  const d = v instanceof Date ? v : new Date(String(v))
  return Number.isNaN(d.getTime()) ? null : d
}

/** CSV amount for French Excel: `1234,56` (decimal comma, no thousands separator, no symbol). */
export function eurosCsv(cents: number | null): string {
  if (cents === null) return ''
  const negatif = cents < 0
  const abs = Math.abs(cents)
  return `${negatif ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}

/** CSV date: `jj/mm/aaaa` (UTC day), empty when absent. */
export function dateCsv(d: Date | null): string {
  if (!d) return ''
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`
}

/** The row's figures, by the one definition (montants.ts). */
export function montantsLigne(ligne: LigneExportDossier): MontantsDossier {
  return montantsDepuisSommes(
    { status: ligne.status, soumissionDate: ligne.soumission_date, montantEstime: centimes(ligne.montant_estime), coutTotalHT: centimes(ligne.cout_total_h_t), montantValide: centimes(ligne.montant_valide) },
    centimes(ligne.recu_opco) ?? 0,
    centimes(ligne.recu_entreprise) ?? 0,
    centimes(ligne.facture_opco),
  )
}

const valeurBrute = (ligne: LigneExportDossier, c: ColonneExport): unknown => {
  if (c.cle === 'statut_libelle') return estStatutDossier(ligne.status) ? LIBELLES_STATUT[ligne.status] : (ligne.status ?? '')
  if (c.cle.startsWith('figure_')) return montantsLigne(ligne)[c.cle.slice('figure_'.length) as keyof MontantsDossier]
  return ligne[c.cle as keyof LigneExportDossier]
}

/** Row for the CSV writer: every value a string already in its French form. */
export function ligneCsv(ligne: LigneExportDossier): Record<string, string> {
  const r: Record<string, string> = {}
  for (const c of COLONNES_DOSSIERS) {
    const v = valeurBrute(ligne, c)
    r[c.entete] = c.type === 'euros' ? eurosCsv(centimes(v)) : c.type === 'date' ? dateCsv(instant(v)) : v === null || v === undefined ? '' : String(v)
  }
  return r
}

/** Row for the XLSX writer: typed cells (euros as numbers, dates as Date, text as string). */
export function ligneXlsx(ligne: LigneExportDossier): (string | number | Date | null)[] {
  return COLONNES_DOSSIERS.map((c) => {
    const v = valeurBrute(ligne, c)
    if (c.type === 'euros') {
      const ct = centimes(v)
      return ct === null ? null : ct / 100
    }
    if (c.type === 'date') return instant(v)
    return v === null || v === undefined ? null : String(v)
  })
}

/** French Excel number format: thousands with a space, two decimals, euro sign. */
export const FORMAT_EUROS_XLSX = '#,##0.00 "€"'
export const FORMAT_DATE_XLSX = 'dd/mm/yyyy'
