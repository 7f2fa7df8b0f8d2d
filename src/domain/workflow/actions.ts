/**
 * Actions du cycle de vie d'un dossier (docs/architecture.md, « Dossier workflow »).
 * Les noms sont en anglais car ce sont ceux de l'API (`POST /api/dossiers/:id/transition`)
 * que les intégrateurs appellent ; les libellés affichés sont en français.
 */

/** Actions qu'un utilisateur (admin, bénéficiaire, OPCO) déclenche par l'API. */
export const ACTIONS_PUBLIQUES = [
  'submit',
  'review',
  'validate',
  'send',
  'answer',
  'complete-documents',
  'start',
  'complete',
  'invoice',
  'close',
  'cancel',
] as const

/**
 * `paiement-complet` n'est jamais demandé par un humain : c'est l'enregistrement des
 * paiements qui le déclenche quand ils couvrent le montant validé. Il passe quand même
 * par la machine à états pour être daté, attribué (acteur « systeme ») et journalisé.
 */
export const ACTIONS_DOSSIER = [...ACTIONS_PUBLIQUES, 'paiement-complet'] as const

export type ActionPublique = (typeof ACTIONS_PUBLIQUES)[number]
export type ActionDossier = (typeof ACTIONS_DOSSIER)[number]

export const LIBELLES_ACTION: Record<ActionDossier, string> = {
  submit: 'Soumettre',
  review: 'Passer en revue',
  validate: 'Valider',
  send: "Envoyer à l'OPCO",
  answer: "Enregistrer la réponse de l'OPCO",
  'complete-documents': 'Transmettre les pièces demandées',
  start: 'Démarrer la formation',
  complete: 'Déclarer la formation réalisée',
  invoice: 'Facturer',
  close: 'Clôturer',
  cancel: 'Annuler',
  'paiement-complet': 'Constater le paiement complet',
}

export function estActionDossier(valeur: unknown): valeur is ActionDossier {
  return typeof valeur === 'string' && (ACTIONS_DOSSIER as readonly string[]).includes(valeur)
}

export function estActionPublique(valeur: unknown): valeur is ActionPublique {
  return typeof valeur === 'string' && (ACTIONS_PUBLIQUES as readonly string[]).includes(valeur)
}
