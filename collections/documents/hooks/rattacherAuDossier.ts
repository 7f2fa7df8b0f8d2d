import { createHash } from 'node:crypto'
import { APIError, type CollectionBeforeValidateHook } from 'payload'
import { exigerDossierAccessible, lireDossierAccessible } from '@/src/access/dossier'
import { estAdmin, idOf } from '@/src/access/roles'
import type { Document } from '@/src/payload-types'

/**
 * The dossier a document goes to must be one the uploader may read (admins: one that exists);
 * the file's SHA-256 is recorded; a beneficiary's upload is marked as theirs.
 */
export const rattacherAuDossier: CollectionBeforeValidateHook<Document> = async ({ data, req, operation }) => {
  if (!data) return data
  if (operation === 'create') await exigerDossierAccessible(req, data.dossier)
  // Admins skip the read check: the dossier must still exist, or the insert fails on its
  // foreign key once the file is already written (a 500 and an orphan file).
  if (req.user && estAdmin(req.user) && data.dossier != null) {
    if ((await lireDossierAccessible(req, idOf(data.dossier), { systeme: true })) === null) {
      throw new APIError('Dossier introuvable.', 400, undefined, true)
    }
  }
  if (req.file) data.sha256 = createHash('sha256').update(req.file.data).digest('hex')
  if (operation === 'create' && req.user && !estAdmin(req.user)) {
    data.uploadedBy = req.user.id
    data.origin = 'uploaded'
  }
  return data
}
