/** Les noms du rapprochement bancaire, écrits une fois (collections, services, vue, documentation). */

export const FORMATS_RELEVE = [
  { value: 'camt053', label: 'CAMT.053 (ISO 20022)' },
  { value: 'csv', label: 'CSV' },
] as const

export const SENS_OPERATION = [
  { value: 'credit', label: 'Crédit' },
  { value: 'debit', label: 'Débit' },
] as const

export const STATUTS_OPERATION = [
  { value: 'automatique', label: 'Rapprochée automatiquement' },
  { value: 'a_confirmer', label: 'À confirmer' },
  { value: 'confirmee', label: 'Confirmée' },
  { value: 'rejetee', label: 'Rejetée' },
  { value: 'sans_correspondance', label: 'Sans correspondance' },
  { value: 'debit', label: 'Débit (non rapproché)' },
] as const
export type StatutOperation = (typeof STATUTS_OPERATION)[number]['value']

export const SITUATIONS = [
  { value: 'exact', label: 'Montant exact' },
  { value: 'partiel', label: 'Paiement partiel' },
  { value: 'trop_percu', label: 'Trop-perçu' },
] as const

export const libelleStatutOperation = (s: unknown): string => STATUTS_OPERATION.find((o) => o.value === s)?.label ?? String(s ?? '')
export const libelleSituation = (s: unknown): string => SITUATIONS.find((o) => o.value === s)?.label ?? String(s ?? '')
