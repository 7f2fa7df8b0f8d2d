import type { PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { premiereLigne } from '@/src/domain/historique'
import { dedoublonner } from '@/src/domain/notifications'
import type { Message } from '@/src/payload-types'
import * as T from '@/templates/email'
import { ajouterEmails } from './boiteEnvoi'
import { admins, dossierEmail, liens, lireDossier, personneDe } from './destinataires'

/**
 * A new message on a dossier: to the team when the beneficiary side writes, to the owner when the
 * team does (never to its author), in the message's transaction; one row per message and recipient.
 */
export async function notifierMessage(req: PayloadRequest, message: Message): Promise<void> {
  const dossierId = idOf(message.dossier)
  if (dossierId === null) return
  const payload = req.payload
  const d = await lireDossier(payload, req, dossierId)
  if (!d) return
  const auteur = await personneDe(payload, req, message.author)
  const parEquipe = auteur?.role === 'admin'
  const destinataires = parEquipe
    ? dedoublonner([(await personneDe(payload, req, d.owner))?.email])
    : dedoublonner((await admins(payload, req)).map((a) => a.email))
  const nomAuteur = parEquipe ? 'L’équipe MonOPCO' : [auteur?.prenom, auteur?.nom].filter(Boolean).join(' ') || 'Le bénéficiaire'
  const dossier = await dossierEmail(payload, req, d)
  const extrait = premiereLigne(message.body, 500)
  await ajouterEmails(
    payload,
    req,
    destinataires
      .filter((to) => to !== auteur?.email.toLowerCase())
      .map((to) => ({ to, dossier: d.id, cle: `message:${String(message.id)}:${to}`, rendu: T.rendre(T.messageRecu(dossier, liens(), nomAuteur, extrait, !parEquipe)) })),
  )
}
