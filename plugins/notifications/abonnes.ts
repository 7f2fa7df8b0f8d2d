import type { CollectionAfterChangeHook, Payload, PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { abonnerDansTransaction } from '@/src/jobs/evenements'
import { cleNotification, coteBeneficiaire, dedoublonner, prevoirNotifications, type ModeleWorkflow } from '@/src/domain/notifications'
import { premiereLigne } from '@/src/domain/historique'
import type { EvenementDossier } from '@/src/domain/workflow'
import * as T from '@/templates/email'
import { ajouterEmails, type NouvelEmail } from './boiteEnvoi'
import { admins, dossierEmail, liens, lireDossier, opcoDe, personneDe } from './donnees'

/** The generated demande de prise en charge attached to the OPCO's e-mail, if it exists at send time. */
async function demandePriseEnCharge(payload: Payload, req: PayloadRequest, dossier: string | number): Promise<{ id: string | number; filename: string } | null> {
  const res = await payload.find({
    collection: 'documents',
    where: { and: [{ dossier: { equals: dossier } }, { origin: { equals: 'generated' } }, { documentType: { equals: 'demande_prise_en_charge' } }] },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const doc = res.docs[0] as { id: string | number; filename?: string | null } | undefined
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
    emailBeneficiaire: ((d.beneficiaire ?? {}) as { email?: string | null }).email ?? null,
    admins: await admins(payload, req),
    contactOpco: opco.contactEmail,
  }
  const prevues = prevoirNotifications(evenement, ctx)
  if (prevues.length === 0) return
  const dossier = await dossierEmail(payload, req, d, opco.nom)
  const l = liens()
  const piece = prevues.some((p) => p.modele === 'dossier_opco') ? await demandePriseEnCharge(payload, req, d.id) : null
  const e = evenement as EvenementDossier & Record<string, unknown>
  const commentaire = typeof e.commentaire === 'string' && e.commentaire !== '' ? e.commentaire : null
  const rendre: Record<ModeleWorkflow, () => T.MessageEmail> = {
    accuse_reception: () => T.accuseReception(dossier, l),
    nouveau_dossier_equipe: () => T.nouveauDossierEquipe(dossier, l),
    dossier_valide: () => T.dossierValide(dossier, l),
    dossier_opco: () => T.dossierOpco(dossier, l, piece?.filename ?? null),
    envoi_opco_sans_contact: () => T.envoiOpcoSansContact(dossier, l),
    dossier_envoye: () => T.dossierEnvoye(dossier, l),
    reponse_opco: () => T.reponseOpco(dossier, l, e as never),
    reponse_opco_equipe: () => T.reponseOpcoEquipe(dossier, l, e as never),
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

/** A message on a dossier: to the team when the beneficiary side writes, to the owner when the team does. */
export const notifierMessage: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const dossierId = idOf(doc.dossier)
  if (dossierId === null) return doc
  const payload = req.payload
  const d = await lireDossier(payload, req, dossierId)
  if (!d) return doc
  const auteur = await personneDe(payload, req, doc.author)
  const parEquipe = auteur?.role === 'admin'
  const destinataires = parEquipe
    ? dedoublonner([(await personneDe(payload, req, d.owner))?.email])
    : dedoublonner((await admins(payload, req)).map((a) => a.email))
  const nomAuteur = parEquipe ? 'L’équipe MonOPCO' : [auteur?.prenom, auteur?.nom].filter(Boolean).join(' ') || 'Le bénéficiaire'
  const dossier = await dossierEmail(payload, req, d)
  const extrait = premiereLigne(doc.body, 500)
  await ajouterEmails(
    payload,
    req,
    destinataires
      .filter((to) => to !== auteur?.email.toLowerCase())
      .map((to) => ({ to, dossier: d.id, cle: `message:${String(doc.id)}:${to}`, rendu: T.rendre(T.messageRecu(dossier, liens(), nomAuteur, extrait, !parEquipe)) })),
  )
  return doc
}

/** Welcome e-mail on account creation (registration, or an account created by an admin). */
export const notifierBienvenue: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create' || typeof doc.email !== 'string') return doc
  const l = liens()
  const espace = doc.role === 'user' ? { libelle: 'Accéder à mon espace', url: l.portail } : { libelle: 'Ouvrir MonOPCO', url: l.admin }
  await ajouterEmails(req.payload, req, [{ to: doc.email, cle: `bienvenue:${String(doc.id)}`, rendu: T.rendre(T.bienvenue(typeof doc.prenom === 'string' ? doc.prenom : null, espace)) }])
  return doc
}

/**
 * Password reset, rendered with our layout; Payload hands the HTML to its `email` adapter, which
 * is the outbox (boiteEnvoi.ts). Beneficiaries reset on the portal (`/reinitialiser/<jeton>`),
 * the team and OPCO users on the admin's page.
 */
export function htmlReinitialisation(token: string, validiteMinutes: number, role?: unknown): string {
  const l = liens()
  const lien = role === 'user' ? `${l.portail}reinitialiser/${encodeURIComponent(token)}` : `${l.admin}/reset/${encodeURIComponent(token)}`
  return T.rendre(T.motDePasse(lien, validiteMinutes)).html
}

let abonne = false
export function abonnerNotifications(): void {
  if (abonne) return
  abonne = true
  abonnerDansTransaction({ nom: 'notifications', types: '*', traiter: notifierEvenement })
}

export { coteBeneficiaire }
