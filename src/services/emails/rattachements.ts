import type { PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { formaterDateFr } from '@/src/domain/dates'
import { dedoublonner } from '@/src/domain/notifications'
import type { Rattachement } from '@/src/payload-types'
import * as T from '@/templates/email'
import { ajouterEmails, type NouvelEmail } from './boiteEnvoi'
import { admins, liens } from './destinataires'

/**
 * Attachment requests: on creation the requester gets an acknowledgement and the people already
 * attached to the company and the admins a request to decide; on the decision the requester gets
 * the answer and, when accepted, the company's other people learn who joined. Written with the
 * request's `req` (same transaction); the key (request, status, template, recipient) makes a replay
 * a no-op. Called for a new request and for each change of its status.
 */
export async function notifierRattachement(req: PayloadRequest, doc: Rattachement): Promise<void> {
  const statut = String(doc.statut ?? '')
  const payload = req.payload
  const opts = { depth: 0, overrideAccess: true, req } as const
  const companyId = idOf(doc.company)
  const demandeurId = idOf(doc.demandeur)
  if (companyId === null || demandeurId === null) return
  const company = await payload.findByID({ collection: 'companies', id: companyId, disableErrors: true, ...opts })
  const demandeur = await payload.findByID({ collection: 'users', id: demandeurId, disableErrors: true, ...opts })
  if (!company || !demandeur || typeof demandeur.email !== 'string') return
  const r: T.RattachementEmail = {
    demandeur: { email: demandeur.email, prenom: demandeur.prenom ?? null, nom: demandeur.nom ?? null },
    entreprise: { raisonSociale: String(company.raisonSociale ?? ''), siret: String(company.siret ?? doc.siret ?? '') },
    demandeLe: formaterDateFr(String(doc.demandeLe ?? doc.createdAt ?? new Date().toISOString())),
    motif: typeof doc.motif === 'string' ? doc.motif : null,
  }
  const l = liens()
  const membres = await payload.find({
    collection: 'users',
    where: { and: [{ company: { equals: companyId } }, { role: { equals: 'user' } }, { id: { not_equals: demandeurId } }] },
    pagination: false,
    sort: 'id',
    ...opts,
  })
  const emailsMembres = dedoublonner(membres.docs.map((u) => String(u.email)))
  const cle = (modele: string, to: string) => `rattachement:${String(doc.id)}:${statut}:${modele}:${to}`
  const emails: NouvelEmail[] = []
  const ajouter = (to: string, message: T.MessageEmail) => emails.push({ to, cle: cle(message.modele, to), rendu: T.rendre(message) })
  if (statut === 'en_attente') {
    ajouter(demandeur.email.toLowerCase(), T.rattachementDemande(r, l.portail))
    for (const to of emailsMembres) ajouter(to, T.rattachementATraiter(r, `${l.portail}compte`, false))
    const lienAdmin = `${l.admin}/collections/rattachements/${encodeURIComponent(String(doc.id))}`
    for (const to of dedoublonner((await admins(payload, req)).map((a) => a.email))) ajouter(to, T.rattachementATraiter(r, lienAdmin, true))
  } else if (statut === 'accepte' || statut === 'refuse') {
    ajouter(demandeur.email.toLowerCase(), T.rattachementDecide(r, statut === 'accepte', l.portail))
    if (statut === 'accepte') for (const to of emailsMembres) ajouter(to, T.rattachementAccepteEntreprise(r, l.portail))
  }
  await ajouterEmails(payload, req, emails)
}
