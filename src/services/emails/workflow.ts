import type { Payload, PayloadRequest } from 'payload'
import { cleNotification, prevoirNotifications, type ModeleWorkflow } from '@/src/domain/notifications'
import type { EvenementDossier, EvenementReponse } from '@/src/domain/workflow'
import * as T from '@/templates/email'
import { ajouterEmails, type NouvelEmail } from './boiteEnvoi'
import { admins, dossierEmail, liens, lireDossier, opcoDe, personneDe } from './destinataires'

/** The generated demande de prise en charge attached to the OPCO's e-mail, if it exists at send time. */
async function demandePriseEnCharge(payload: Payload, req: PayloadRequest, dossier: number): Promise<{ id: number; filename: string } | null> {
  const res = await payload.find({
    collection: 'documents',
    where: { and: [{ dossier: { equals: dossier } }, { origin: { equals: 'generated' } }, { documentType: { equals: 'demande_prise_en_charge' } }] },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const doc = res.docs[0]
  return doc?.filename ? { id: doc.id, filename: doc.filename } : null
}

/**
 * Workflow e-mails, written in the transition's own transaction (publierEvenement calls this
 * with the transition's req): the rows exist if and only if the transition committed, and the
 * key (dossier, event, template, recipient) makes a replay a no-op.
 */
export async function notifierEvenement(evenement: EvenementDossier, { payload, req }: { payload: Payload; req: PayloadRequest }): Promise<void> {
  if (evenement.dossier === null) return
  const d = await lireDossier(payload, req, evenement.dossier)
  if (!d) return
  const opco = await opcoDe(payload, req, d.opco)
  const proprietaire = await personneDe(payload, req, d.owner)
  const ctx = {
    proprietaire,
    emailBeneficiaire: d.beneficiaire?.email ?? null,
    admins: await admins(payload, req),
    contactOpco: opco.contactEmail,
  }
  const prevues = prevoirNotifications(evenement, ctx)
  if (prevues.length === 0) return
  const dossier = await dossierEmail(payload, req, d, opco.nom)
  const l = liens()
  const piece = prevues.some((p) => p.modele === 'dossier_opco') ? await demandePriseEnCharge(payload, req, d.id) : null
  const commentaire = 'commentaire' in evenement && typeof evenement.commentaire === 'string' && evenement.commentaire !== '' ? evenement.commentaire : null
  // prevoirNotifications plans the answer's e-mails for `dossier.answer` only.
  const reponse = (): EvenementReponse => {
    if (evenement.type !== 'dossier.answer') throw new Error(`Réponse OPCO attendue, événement ${evenement.type}.`)
    return evenement
  }
  const rendre: Record<ModeleWorkflow, () => T.MessageEmail> = {
    accuse_reception: () => T.accuseReception(dossier, l),
    nouveau_dossier_equipe: () => T.nouveauDossierEquipe(dossier, l),
    dossier_valide: () => T.dossierValide(dossier, l),
    dossier_opco: () => T.dossierOpco(dossier, l, piece?.filename ?? null),
    envoi_opco_sans_contact: () => T.envoiOpcoSansContact(dossier, l),
    dossier_envoye: () => T.dossierEnvoye(dossier, l),
    reponse_opco: () => T.reponseOpco(dossier, l, { ...reponse() }),
    reponse_opco_equipe: () => T.reponseOpcoEquipe(dossier, l, { ...reponse() }),
    pieces_transmises_equipe: () => T.piecesTransmisesEquipe(dossier, l, commentaire),
    dossier_annule: () => T.dossierAnnule(dossier, l, commentaire),
  }
  const emails: NouvelEmail[] = prevues.map((p) => ({
    to: p.destinataire,
    rendu: T.rendre(rendre[p.modele]()),
    cle: cleNotification(evenement, p.modele, p.destinataire),
    dossier: d.id,
    pieceJointe: p.modele === 'dossier_opco' ? (piece?.id ?? null) : null,
  }))
  await ajouterEmails(payload, req, emails)
}
