import type { FieldAccess, PayloadRequest, Where } from 'payload'
import { STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'
import { idOf, opcoDe, roleOf } from './roles'
import { CHAMPS_UTILISATEUR_LISIBLES_PAR_OPCO } from '@/src/domain/nomComplet'

type Id = number | string

/** Matches no row: an OPCO user with nothing sent to it must get an empty list, not an error. */
const AUCUN: Where = { id: { exists: false } }

/**
 * What an OPCO agent needs around the dossiers sent to its OPCO (same statuses as the dossiers'
 * own read rule): their companies, who filed them and who validated them. Read with full access
 * on purpose — this decides the access itself — and only the three relationship columns.
 */
export async function entourageDossiersOpco(req: PayloadRequest, opco: Id): Promise<{ companies: Id[]; users: Id[] }> {
  const res = await req.payload.find({
    collection: 'dossiers',
    where: { and: [{ opco: { equals: opco } }, { status: { in: [...STATUTS_ENVOYES_OPCO] } }] },
    select: { company: true, owner: true, validationAdminBy: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const companies = new Set<Id>()
  const users = new Set<Id>()
  for (const d of res.docs as Record<string, unknown>[]) {
    const c = idOf(d.company)
    if (c !== null) companies.add(c)
    for (const u of [idOf(d.owner), idOf(d.validationAdminBy)]) if (u !== null) users.add(u)
  }
  return { companies: [...companies], users: [...users] }
}

/** Read constraint on companies for an OPCO agent: those of dossiers sent to its OPCO. */
export async function lectureEntreprisesOpco(req: PayloadRequest): Promise<Where | false> {
  const opco = opcoDe(req.user)
  if (opco === null) return false
  const { companies } = await entourageDossiersOpco(req, opco)
  return companies.length === 0 ? AUCUN : { id: { in: companies } }
}

/** Read constraint on users for an OPCO agent: itself, and who filed or validated its dossiers. */
export async function lectureUtilisateursOpco(req: PayloadRequest): Promise<Where | false> {
  const opco = opcoDe(req.user)
  if (opco === null || !req.user) return false
  const { users } = await entourageDossiersOpco(req, opco)
  return { id: { in: [...new Set([req.user.id, ...users])] } }
}

/** Whether `doc` is someone else's account read by an OPCO agent (names only, then). */
export function lectureRestreinteOpco(req: PayloadRequest, docId: unknown): boolean {
  return roleOf(req.user) === 'opco' && !!req.user && String(docId) !== String(req.user.id)
}

/** Field-level read access on users: every field but the names is the account holder's (and the team's). */
export const champPersonnel: FieldAccess = ({ req, doc, id }) => !lectureRestreinteOpco(req, (doc as { id?: unknown } | undefined)?.id ?? id)

/** The names of someone else's account, nothing else (also drops what field access cannot reach: timestamps). */
export function reduireAuxNoms<T extends Record<string, unknown>>(doc: T): T {
  const garde: Record<string, unknown> = {}
  for (const c of CHAMPS_UTILISATEUR_LISIBLES_PAR_OPCO) if (c in doc) garde[c] = doc[c]
  return garde as T
}
