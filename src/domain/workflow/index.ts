/**
 * Machine à états du dossier (docs/architecture.md, « Dossier workflow »), sans dépendance Payload :
 * la couche API construit un `DossierWorkflow`, appelle `evaluerTransition`, écrit
 * `champs` + `statutCible` et publie `evenement` pour les abonnés (documents, e-mails, conformité).
 */
export * from './actions'
export * from './certification'
export * from './confirmations'
export * from './motifs'
export * from './transitions'
export { actionsPossibles, evaluerTransition } from './evaluer'
export { montantDemande, PLAFOND_HEURES_BILAN_DEFAUT } from './preconditions'
export type * from './types'
