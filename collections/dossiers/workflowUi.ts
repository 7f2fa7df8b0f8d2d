import { Forbidden, type Endpoint, type Payload, type PayloadRequest } from 'payload'
import { lireDossierAccessible } from '@/src/access/dossier'
import { estAdmin, idOf, roleOf } from '@/src/access/roles'
import { decrireActions, libelleStatut } from '@/src/domain/formulairesActions'
import { construireHistorique } from '@/src/domain/historique'
import { compterNonLus, totalNonLus } from '@/src/domain/messagesNonLus'
import type { Acteur, DossierWorkflow } from '@/src/domain/workflow'
import { erreur, json, lireCorpsJson, reponseErreur } from '@/src/endpoints/http'
import { estMontantCentimesValide } from '@/src/domain/money'
import { estimerValeurs } from './financement'
import { lireFil, marquerLu } from '@/src/services/messagerie'
import { estBaseSql, requeteSql, sql } from '@/src/db/sql'
import { TYPES_DOCUMENT } from '@/collections/documents/index'
import { STATUTS_EMAIL } from '@/collections/emails/index'

type Dossier = Record<string, unknown> & { id: number | string; status?: unknown }

/**
 * The dossier as the caller may read it (the dossiers' own read rules, as transitions load it):
 * 401 anonymous, 404 for a bad id or a dossier the caller cannot see.
 */
async function dossierLisible(req: PayloadRequest): Promise<{ dossier: Dossier } | { reponse: Response }> {
  if (!req.user || roleOf(req.user) === null) return { reponse: erreur(401, 'Authentification requise.') }
  const dossier = (await lireDossierAccessible(req, req.routeParams?.id)) as Dossier | null
  if (!dossier) return { reponse: erreur(404, "Dossier introuvable ou vous n'y avez pas accès.") }
  return { dossier }
}

const LIBELLES_ROLE: Record<string, string> = { admin: 'équipe MonOPCO', opco: 'OPCO', user: 'bénéficiaire' }
const LIBELLES_TYPE_DOCUMENT = Object.fromEntries(TYPES_DOCUMENT.map((t) => [t.value, t.label])) as Record<string, string>

/** « Prénom Nom (rôle) » for each user id, read with the server's rights (names only, never e-mails of others). */
async function libellesPersonnes(req: PayloadRequest, ids: (string | number | null)[]): Promise<Map<string, string>> {
  const uniques = [...new Set(ids.filter((v): v is string | number => v !== null).map(String))]
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
  for (const u of res.docs as { id: unknown; nom?: string | null; prenom?: string | null; role?: string | null }[]) {
    const nom = [u.prenom, u.nom].filter(Boolean).join(' ') || `utilisateur n° ${String(u.id)}`
    libelles.set(String(u.id), u.role && LIBELLES_ROLE[u.role] ? `${nom} (${LIBELLES_ROLE[u.role]})` : nom)
  }
  return libelles
}

/**
 * Unread messages for one admin reader, per dossier: the per-reader rule of
 * src/domain/messagesNonLus.ts (a non-admin message after the reader's read mark on that
 * dossier and after the reader's own last message there). Each admin has their own count.
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
    Object.fromEntries((lectures.docs as { dossier?: unknown; luJusqua?: string }[]).map((l) => [String(idOf(l.dossier)), l.luJusqua])),
  )
  return { total: totalNonLus(parDossier), parDossier }
}

export const endpointsWorkflowUi: Endpoint[] = [
  {
    // The portal's costs step: the estimate of what is being typed, computed by the same rules
    // as on save, for whoever may read the dossier; nothing is written.
    path: '/:id/estimation',
    method: 'post',
    handler: async (req) => {
      try {
        const r = await dossierLisible(req)
        if ('reponse' in r) return r.reponse
        const corps = await lireCorpsJson(req)
        const inconnus = Object.keys(corps).filter((k) => k !== 'coutTotalHT' && k !== 'dureeHeures')
        if (inconnus.length > 0) return erreur(400, `Champs non pris en charge : ${inconnus.join(', ')} (attendus : coutTotalHT, dureeHeures).`)
        const donnees: Record<string, unknown> = {}
        if (corps.coutTotalHT !== undefined) {
          if (!estMontantCentimesValide(corps.coutTotalHT)) return erreur(400, 'Le coût total HT est un montant en centimes entier et positif (ex. 140000 pour 1 400,00 €).', { manquants: ['coutTotalHT'] })
          donnees.coutTotalHT = corps.coutTotalHT
        }
        if (corps.dureeHeures !== undefined) {
          const h = corps.dureeHeures
          if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0 || h > 5000 || !Number.isInteger(h * 2)) {
            return erreur(400, 'La durée est un nombre d’heures positif, par demi-heure (5 000 h au plus).', { manquants: ['dureeHeures'] })
          }
          donnees.formation = { dureeHeures: h }
        }
        const e = await estimerValeurs(req, donnees, r.dossier)
        return json({ montantEstime: e.montantEstime, estimationFinancement: e.estimationFinancement })
      } catch (err) {
        return reponseErreur(req, err)
      }
    },
  },
  {
    // Before `/:id/…` routes: a literal path, admins only (the OPCO never sees messages).
    path: '/messages-non-lus',
    method: 'get',
    handler: async (req) => {
      try {
        if (!req.user || roleOf(req.user) === null) return erreur(401, 'Authentification requise.')
        if (!estAdmin(req.user)) return erreur(403, 'Réservé aux administrateurs.')
        return json(await messagesNonLus(req.payload, req.user))
      } catch (err) {
        return reponseErreur(req, err)
      }
    },
  },
  {
    // The conversation as a thread (admin panel): author, date and time, plain text. Beneficiary
    // side and team only: the OPCO is not part of it (403).
    path: '/:id/fil',
    method: 'get',
    handler: async (req) => {
      try {
        const r = await dossierLisible(req)
        if ('reponse' in r) return r.reponse
        if (roleOf(req.user) === 'opco') return erreur(403, 'Les messages sont échangés entre le bénéficiaire et l’équipe MonOPCO.')
        return json({ id: r.dossier.id, messages: await lireFil(req.payload, req.user!, r.dossier.id, req) })
      } catch (err) {
        return reponseErreur(req, err)
      }
    },
  },
  {
    // « I have read the thread up to this message » : { "jusqua": "<ISO date of the last message shown>" }.
    path: '/:id/fil/lu',
    method: 'post',
    handler: async (req) => {
      try {
        const r = await dossierLisible(req)
        if ('reponse' in r) return r.reponse
        if (roleOf(req.user) === 'opco') return erreur(403, 'Les messages sont échangés entre le bénéficiaire et l’équipe MonOPCO.')
        const corps = await lireCorpsJson(req)
        const inconnus = Object.keys(corps).filter((k) => k !== 'jusqua')
        if (inconnus.length > 0) return erreur(400, `Champs non pris en charge : ${inconnus.join(', ')} (attendu : jusqua).`)
        if (typeof corps.jusqua !== 'string' || corps.jusqua.length > 40 || Number.isNaN(Date.parse(corps.jusqua))) {
          return erreur(400, '« jusqua » est la date ISO 8601 du dernier message lu.')
        }
        const repere = await marquerLu(req.payload, req.user!, r.dossier.id, corps.jusqua, new Date(), req)
        return json({ id: r.dossier.id, luJusqua: repere })
      } catch (err) {
        return reponseErreur(req, err)
      }
    },
  },
  {
    path: '/:id/actions',
    method: 'get',
    handler: async (req) => {
      try {
        const r = await dossierLisible(req)
        if ('reponse' in r) return r.reponse
        const role = roleOf(req.user)!
        const acteur: Acteur = { role, id: req.user!.id, opco: idOf((req.user as { opco?: unknown }).opco) }
        const dossier = r.dossier
        return json({
          id: dossier.id,
          status: dossier.status,
          libelleStatut: libelleStatut(dossier.status),
          actions: decrireActions(dossier as unknown as DossierWorkflow, acteur),
        })
      } catch (err) {
        return reponseErreur(req, err)
      }
    },
  },
  {
    path: '/:id/historique',
    method: 'get',
    handler: async (req) => {
      try {
        const r = await dossierLisible(req)
        if ('reponse' in r) return r.reponse
        const id = r.dossier.id
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
          req.payload.find({ collection: 'documents', where: { dossier: { equals: id } }, pagination: false, depth: 0, req, user: req.user, overrideAccess: false }),
          // Payload answers « forbidden » when the rules give no access at all (OPCO users): no messages then.
          req.payload
            .find({ collection: 'messages', where: { dossier: { equals: id } }, pagination: false, depth: 0, req, user: req.user, overrideAccess: false })
            .catch((err: unknown) => {
              if (err instanceof Forbidden) return { docs: [] as never[] }
              throw err
            }),
        ])
        // The outbox, for admins only: it names every party's address.
        const emails = estAdmin(req.user)
          ? await req.payload.find({ collection: 'emails', where: { dossier: { equals: id } }, pagination: false, depth: 0, overrideAccess: true, sort: 'createdAt', select: { to: true, subject: true, status: true, lastError: true, createdAt: true } })
          : { docs: [] as { to?: string; subject?: string; status?: string; lastError?: string | null; createdAt?: string }[] }
        const personnes = await libellesPersonnes(req, [
          ...logs.docs.map((l) => idOf(l.actor)),
          ...documents.docs.map((d) => idOf(d.uploadedBy)),
          ...messages.docs.map((m) => idOf(m.author)),
        ])
        const qui = (v: unknown, defaut: string) => {
          const i = idOf(v)
          return (i !== null && personnes.get(String(i))) || defaut
        }
        const historique = construireHistorique({
          transitions: logs.docs.map((l) => ({ date: String(l.createdAt), acteur: qui(l.actor, 'système'), changes: l.changes })),
          documents: documents.docs.map((d) => ({
            date: String(d.createdAt),
            typeDocument: LIBELLES_TYPE_DOCUMENT[String(d.documentType)] ?? 'Document',
            origine: d.origin,
            fichier: d.filename,
            auteur: idOf(d.uploadedBy) === null ? null : qui(d.uploadedBy, 'un utilisateur'),
          })),
          messages: messages.docs.map((m) => ({ date: String(m.createdAt), auteur: qui(m.author, 'auteur inconnu'), corps: m.body })),
          emails: emails.docs.map((e) => ({
            date: String(e.createdAt),
            destinataire: String(e.to ?? ''),
            objet: String(e.subject ?? ''),
            statut: STATUTS_EMAIL.find((s) => s.value === e.status)?.label ?? String(e.status ?? ''),
            erreur: typeof e.lastError === 'string' ? e.lastError : null,
          })),
        })
        return json({ id, historique })
      } catch (err) {
        return reponseErreur(req, err)
      }
    },
  },
]
