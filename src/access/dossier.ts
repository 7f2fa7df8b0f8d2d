import { APIError, type PayloadRequest } from 'payload'
import type { Dossier } from '@/src/payload-types'
import { estAdmin, idOf } from './roles'

/** Highest id of a PostgreSQL `serial` column (Payload's ids): a larger one is an SQL error, not « introuvable ». */
const ID_MAX = 2_147_483_647

/** Ids are integers on the SQL adapters: anything else names no dossier (and would reach SQL as NaN or out of range). */
export function estIdentifiantDossier(req: PayloadRequest, id: unknown): id is string | number {
  if (typeof id !== 'string' && typeof id !== 'number') return false
  return /^\d{1,15}$/.test(String(id)) && Number(id) <= ID_MAX
}

/**
 * The dossier as the caller may read it under the dossiers' own read rules — the one definition
 * of "whose dossier" for transitions, the workflow endpoints, documents and messages. `null` for
 * a malformed id or a dossier the caller cannot see. `systeme`: trusted server code, full access.
 */
export async function lireDossierAccessible(
  req: PayloadRequest,
  id: unknown,
  { systeme = false }: { systeme?: boolean } = {},
): Promise<Dossier | null> {
  if (!estIdentifiantDossier(req, id)) return null
  const found = await req.payload.find({
    collection: 'dossiers',
    where: { id: { equals: id } },
    limit: 1,
    depth: 0,
    req,
    pagination: false,
    ...(systeme ? { overrideAccess: true } : { user: req.user, overrideAccess: false }),
  })
  return found.docs[0] ?? null
}

/**
 * For records attached to a dossier (documents, messages): the signed-in caller must be able to
 * read that dossier.
 */
export async function exigerDossierAccessible(req: PayloadRequest, dossier: unknown): Promise<void> {
  const id = idOf(dossier)
  if (id === null) throw new APIError('Le dossier est obligatoire.', 400, undefined, true)
  // No user: trusted server code (anonymous API callers never get past collection access).
  if (!req.user || estAdmin(req.user)) return
  if ((await lireDossierAccessible(req, id)) === null) {
    throw new APIError("Dossier introuvable ou vous n'y avez pas accès.", 403, undefined, true)
  }
}
