import { Forbidden, type Payload, type PayloadRequest } from 'payload'
import { estAdmin, idOf, roleOf } from '@/src/access/roles'
import { decrireActions, libelleStatut, type ActionDecrite } from '@/src/domain/formulairesActions'
import { construireHistorique, type EntreeHistorique } from '@/src/domain/historique'
import { compterNonLus, totalNonLus } from '@/src/domain/messagesNonLus'
import type { Acteur } from '@/src/domain/workflow'
import { libelleStatutEmail } from '@/src/domain/notifications/statuts'
import { TYPES_DOCUMENT_DOSSIER } from '@/src/domain/documents/categories'
import { estBaseSql, requeteSql, sql } from '@/src/db/sql'
import type { Dossier, User } from '@/src/payload-types'
import { dossierWorkflow } from '@/src/services/transition'
import { heuresProuvees } from '@/src/services/seances'

/**
 * What the admin panel shows around a dossier's workflow: the actions the caller may fire (with
 * their forms), the dossier's timeline, and each admin's unread messages. The caller's right to
 * read the dossier was checked before (src/endpoints/endpoint.ts).
 */

/** The signed-in caller as the state machine knows them. */
export function acteurDe(user: User): Acteur {
  const role = roleOf(user)
  if (role === null) throw new Error('Acteur sans rôle : la route exige un utilisateur authentifié.')
  return { role, id: user.id, opco: idOf(user.opco) }
}

export interface ActionsDuDossier {
  id: number
  status: Dossier['status']
  libelleStatut: string
  actions: ActionDecrite[]
}

/** The actions this caller may fire on the dossier now, with the fields of their forms. */
export async function actionsDuDossier(req: PayloadRequest, user: User, dossier: Dossier): Promise<ActionsDuDossier> {
  // `complete`'s form proposes the hours the signed sessions prove.
  const heuresSeances = dossier.status === 'en_formation' ? await heuresProuvees(req, dossier.id) : null
  return {
    id: dossier.id,
    status: dossier.status,
    libelleStatut: libelleStatut(dossier.status),
    actions: decrireActions({ ...dossierWorkflow(dossier), heuresSeances }, acteurDe(user)),
  }
}

const LIBELLES_ROLE: Record<string, string> = { admin: 'équipe MonOPCO', opco: 'OPCO', user: 'bénéficiaire' }

/** « Prénom Nom (rôle) » for each user id, read with the server's rights (names only, never e-mails of others). */
async function libellesPersonnes(req: PayloadRequest, ids: (number | null)[]): Promise<Map<string, string>> {
  const uniques = [...new Set(ids.filter((v): v is number => v !== null).map(String))]
  const libelles = new Map<string, string>()
  if (uniques.length === 0) return libelles
  const res = await req.payload.find({
    collection: 'users',
    where: { id: { in: uniques } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { nom: true, prenom: true, role: true },
  })
  for (const u of res.docs) {
    const nom = [u.prenom, u.nom].filter(Boolean).join(' ') || `utilisateur n° ${String(u.id)}`
    libelles.set(String(u.id), u.role && LIBELLES_ROLE[u.role] ? `${nom} (${LIBELLES_ROLE[u.role]})` : nom)
  }
  return libelles
}

/**
 * The dossier's timeline: its transitions (from the audit log), documents, messages and — for
 * admins — the e-mails sent about it, merged by date (src/domain/historique.ts).
 */
export async function historiqueDuDossier(req: PayloadRequest, user: User, dossier: Dossier): Promise<EntreeHistorique[]> {
  const id = dossier.id
  // The journal is admin-only; the caller may read this dossier, so its transitions are shown.
  const [logs, documents, messages] = await Promise.all([
    req.payload.find({
      collection: 'logs',
      where: { and: [{ action: { equals: 'transition' } }, { collectionSlug: { equals: 'dossiers' } }, { documentId: { equals: String(id) } }] },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      sort: 'createdAt',
    }),
    // Documents and messages with the caller's own rights: an OPCO user sees no message.
    req.payload.find({ collection: 'documents', where: { dossier: { equals: id } }, pagination: false, depth: 0, req, user, overrideAccess: false }),
    // Payload answers « forbidden » when the rules give no access at all (OPCO users): no messages then.
    req.payload
      .find({ collection: 'messages', where: { dossier: { equals: id } }, pagination: false, depth: 0, req, user, overrideAccess: false })
      .catch((err: unknown) => {
        if (err instanceof Forbidden) return { docs: [] as never[] }
        throw err
      }),
  ])
  // The outbox, for admins only: it names every party's address.
  const emails = estAdmin(user)
    ? (await req.payload.find({ collection: 'emails', where: { dossier: { equals: id } }, pagination: false, depth: 0, overrideAccess: true, sort: 'createdAt', select: { to: true, subject: true, status: true, lastError: true, createdAt: true } })).docs
    : []
  const personnes = await libellesPersonnes(req, [
    ...logs.docs.map((l) => idOf(l.actor)),
    ...documents.docs.map((d) => idOf(d.uploadedBy)),
    ...messages.docs.map((m) => idOf(m.author)),
  ])
  const qui = (v: unknown, defaut: string) => {
    const i = idOf(v)
    return (i !== null && personnes.get(String(i))) || defaut
  }
  return construireHistorique({
    transitions: logs.docs.map((l) => ({ date: String(l.createdAt), acteur: qui(l.actor, 'système'), changes: l.changes })),
    documents: documents.docs.map((d) => ({
      date: String(d.createdAt),
      typeDocument: TYPES_DOCUMENT_DOSSIER.find((t) => t.value === d.documentType)?.label ?? 'Document',
      origine: d.origin,
      fichier: d.filename,
      auteur: idOf(d.uploadedBy) === null ? null : qui(d.uploadedBy, 'un utilisateur'),
    })),
    messages: messages.docs.map((m) => ({ date: String(m.createdAt), auteur: qui(m.author, 'auteur inconnu'), corps: m.body })),
    emails: emails.map((e) => ({
      date: String(e.createdAt),
      destinataire: String(e.to ?? ''),
      objet: String(e.subject ?? ''),
      statut: libelleStatutEmail(e.status),
      erreur: typeof e.lastError === 'string' ? e.lastError : null,
    })),
  })
}

/**
 * Unread messages for one admin reader, per dossier: the per-reader rule of
 * src/domain/messagesNonLus.ts (a non-admin message after the reader's read mark on that
 * dossier and after the reader's own last message there). Each admin has their own count.
 * Takes the Payload instance: the admin nav calls it outside any request.
 */
export async function messagesNonLus(payload: Payload, lecteur: { id: number | string }): Promise<{ total: number; parDossier: Record<string, number> }> {
  if (estBaseSql(payload)) {
    // The admin nav shows this on every page: one aggregate in the database.
    const lignes = await requeteSql<{ dossier: number | string; n: number | string }>(
      payload,
      undefined,
      sql`SELECT m.dossier_id AS dossier, COUNT(*) AS n
          FROM messages m LEFT JOIN users u ON u.id = m.author_id
          WHERE m.dossier_id IS NOT NULL AND (u.role IS NULL OR u.role <> 'admin')
            AND NOT EXISTS (
              SELECT 1 FROM lectures l WHERE l.lecteur_id = ${lecteur.id} AND l.dossier_id = m.dossier_id AND l.lu_jusqua >= m.created_at)
            AND NOT EXISTS (
              SELECT 1 FROM messages r WHERE r.dossier_id = m.dossier_id AND r.author_id = ${lecteur.id} AND r.created_at >= m.created_at)
          GROUP BY m.dossier_id`,
    )
    const parDossier = Object.fromEntries(lignes.map((l) => [String(l.dossier), Number(l.n)]))
    return { total: totalNonLus(parDossier), parDossier }
  }
  const admins = await payload.find({ collection: 'users', where: { role: { equals: 'admin' } }, pagination: false, depth: 0, overrideAccess: true, select: { role: true } })
  const idsAdmins = new Set(admins.docs.map((u) => String(u.id)))
  const messages = await payload.find({
    collection: 'messages',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { dossier: true, author: true, createdAt: true },
  })
  const lectures = await payload.find({ collection: 'lectures', where: { lecteur: { equals: lecteur.id } }, pagination: false, depth: 0, overrideAccess: true })
  const parDossier = compterNonLus(
    messages.docs.map((m) => ({
      dossier: idOf(m.dossier),
      date: String(m.createdAt),
      auteur: idOf(m.author),
      parAdmin: idOf(m.author) !== null && idsAdmins.has(String(idOf(m.author))),
    })),
    { id: lecteur.id, admin: true },
    Object.fromEntries(lectures.docs.map((l) => [String(idOf(l.dossier)), l.luJusqua])),
  )
  return { total: totalNonLus(parDossier), parDossier }
}
