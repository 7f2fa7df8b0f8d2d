import type { ActionDossier } from './actions'

export interface Confirmation {
  titre: string
  texte: string
  bouton: string
}

/**
 * Actions that cannot be taken back (documents generated, e-mails sent to the OPCO, an invoice
 * number consumed, a dossier closed for good): the admin panel and the portal ask first, with
 * these words, in a real dialog.
 */
export const CONFIRMATIONS: Partial<Record<ActionDossier, Confirmation>> = {
  submit: {
    titre: 'Envoyer le dossier à MonOPCO ?',
    texte: "Une fois envoyé, vous ne pourrez plus modifier le dossier : l'équipe MonOPCO le vérifie avant de le transmettre à l'OPCO.",
    bouton: 'Oui, envoyer le dossier',
  },
  validate: {
    titre: 'Valider le dossier ?',
    texte: 'La convention et la demande de prise en charge seront générées et le bénéficiaire prévenu par e-mail.',
    bouton: 'Oui, valider',
  },
  send: {
    titre: "Envoyer le dossier à l'OPCO ?",
    texte: "Le dossier part au contact de l'OPCO par e-mail ; l'entreprise, le coût et la formation ne pourront plus être modifiés.",
    bouton: "Oui, envoyer à l'OPCO",
  },
  invoice: {
    titre: 'Facturer le dossier ?',
    texte: "Une facture numérotée est émise et envoyée à son destinataire ; elle ne pourra plus être modifiée, seulement annulée par un avoir.",
    bouton: 'Oui, facturer',
  },
  cancel: {
    titre: 'Annuler le dossier ?',
    texte: "L'annulation est définitive : le dossier ne pourra plus avancer.",
    bouton: "Oui, annuler le dossier",
  },
}

export function confirmationDe(action: string): Confirmation | null {
  return (CONFIRMATIONS as Record<string, Confirmation | undefined>)[action] ?? null
}
