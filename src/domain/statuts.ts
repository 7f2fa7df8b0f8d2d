/**
 * Dossier statuses of the workflow (docs/architecture.md, "Dossier workflow"), with their French labels.
 * The state machine itself (transitions, who may fire them) builds on this list.
 */
export const STATUTS_DOSSIER = [
  'brouillon',
  'soumis',
  'en_revue',
  'valide',
  'envoye_opco',
  'pieces_demandees',
  'accepte',
  'accepte_partiel',
  'refuse',
  'en_formation',
  'realise',
  'facture',
  'paye',
  'cloture',
  'annule',
] as const

export type StatutDossier = (typeof STATUTS_DOSSIER)[number]

export const LIBELLES_STATUT: Record<StatutDossier, string> = {
  brouillon: 'Brouillon',
  soumis: 'Soumis',
  en_revue: 'En revue',
  valide: 'Validé',
  envoye_opco: "Envoyé à l'OPCO",
  pieces_demandees: 'Pièces demandées',
  accepte: 'Accepté',
  accepte_partiel: 'Accepté partiellement',
  refuse: 'Refusé',
  en_formation: 'En formation',
  realise: 'Réalisé',
  facture: 'Facturé',
  paye: 'Payé',
  cloture: 'Clôturé',
  annule: 'Annulé',
}

export function estStatutDossier(value: unknown): value is StatutDossier {
  return typeof value === 'string' && (STATUTS_DOSSIER as readonly string[]).includes(value)
}

/** Statuses in which the owner may still edit the dossier's content. */
export const STATUTS_EDITABLES_PAR_BENEFICIAIRE: readonly StatutDossier[] = ['brouillon', 'pieces_demandees']

export const TYPES_FORMATION = ['formation', 'bilan'] as const
export type TypeFormation = (typeof TYPES_FORMATION)[number]

/** Derived from the dossier's payments (src/domain/paiements.ts), never typed by hand. */
export const STATUTS_PAIEMENT_DOSSIER = ['aucun', 'partiel', 'paye', 'trop_percu'] as const
export type StatutPaiementDossier = (typeof STATUTS_PAIEMENT_DOSSIER)[number]

export const LIBELLES_STATUT_PAIEMENT: Record<StatutPaiementDossier, string> = {
  aucun: 'Aucun paiement',
  partiel: 'Payé partiellement',
  paye: 'Payé',
  trop_percu: 'Trop-perçu',
}
