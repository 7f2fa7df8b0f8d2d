import { APIError, type PayloadRequest } from 'payload'
import { estAdmin, idOf } from './roles'

/**
 * For records attached to a dossier (documents, messages): the signed-in caller must be able to
 * read that dossier under the dossiers' own access rules — one definition of "whose dossier".
 */
export async function exigerDossierAccessible(req: PayloadRequest, dossier: unknown): Promise<void> {
  const id = idOf(dossier)
  if (id === null) throw new APIError('Le dossier est obligatoire.', 400, undefined, true)
  // No user: trusted server code (anonymous API callers never get past collection access).
  if (!req.user || estAdmin(req.user)) return
  const found = await req.payload.find({
    collection: 'dossiers',
    where: { id: { equals: id } },
    limit: 1,
    depth: 0,
    req,
    user: req.user,
    overrideAccess: false,
    pagination: false,
  })
  if (found.docs.length === 0) {
    throw new APIError("Dossier introuvable ou vous n'y avez pas accès.", 403, undefined, true)
  }
}
