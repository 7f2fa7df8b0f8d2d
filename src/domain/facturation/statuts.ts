/**
 * Les noms de la facturation, écrits une fois : statuts d'une pièce, types de pièce et
 * destinataires, avec leurs libellés. Les options des collections, les services, les contrôles
 * et le SQL des rapports les lisent ici.
 */

export const STATUTS_FACTURE = [
  { value: 'brouillon', label: 'Brouillon' },
  { value: 'emise', label: 'Émise' },
  { value: 'payee', label: 'Payée' },
  { value: 'annulee', label: 'Annulée par avoir' },
] as const

export type StatutFacture = (typeof STATUTS_FACTURE)[number]['value']

/** Chaque statut par son nom : `STATUT_FACTURE.emise`. */
export const STATUT_FACTURE = {
  brouillon: 'brouillon',
  emise: 'emise',
  payee: 'payee',
  annulee: 'annulee',
} as const satisfies { [S in StatutFacture]: S }

/** Les pièces émises qui restent dues (ce que l'OPCO doit, une facture à relancer ou déjà réglée). */
export const STATUTS_FACTURE_EMISES: readonly StatutFacture[] = [STATUT_FACTURE.emise, STATUT_FACTURE.payee]

/** L'état d'une pièce dans une phrase (« La facture … est déjà émise »). */
export const ETAT_FACTURE_EN_PHRASE: Readonly<Record<StatutFacture, string>> = {
  brouillon: 'brouillon',
  emise: 'émise',
  payee: 'payée',
  annulee: 'annulée par un avoir',
}

/** L'état d'une pièce dans une phrase, ou la valeur telle quelle si ce n'est pas un des nôtres. */
export const etatFactureEnPhrase = (statut: unknown): string => ETAT_FACTURE_EN_PHRASE[statut as StatutFacture] ?? String(statut)

export const TYPES_PIECE = [
  { value: 'facture', label: 'Facture' },
  { value: 'avoir', label: 'Avoir' },
] as const

export type TypePiece = (typeof TYPES_PIECE)[number]['value']

export const TYPE_PIECE = { facture: 'facture', avoir: 'avoir' } as const satisfies { [T in TypePiece]: T }

export const DESTINATAIRES_FACTURE = [
  { value: 'opco', label: 'OPCO (subrogation)' },
  { value: 'entreprise', label: 'Entreprise' },
] as const

export type Destinataire = (typeof DESTINATAIRES_FACTURE)[number]['value']
