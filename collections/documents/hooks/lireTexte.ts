import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'
import { idOf } from '@/src/access/roles'
import type { Document } from '@/src/payload-types'
import { apresLecturePiece, estPieceLue, lireFichierPiece } from '@/src/services/lecturePieces'

/**
 * `lecture` is the server's: read from the file a person uploads when it is a devis, programme,
 * convention or attendance sheet; otherwise kept as it was (whatever a request sends).
 */
export const lireTexte: CollectionBeforeChangeHook<Document> = async ({ context, data, req, operation, originalDoc }) => {
  if (operation !== 'create' && operation !== 'update') return data
  context.pieceLue = false
  const type = data.documentType ?? originalDoc?.documentType
  const genere = (data.origin ?? originalDoc?.origin) === 'generated' || (data.generation ?? originalDoc?.generation) != null
  if (!req.file) {
    data.lecture = operation === 'create' ? null : (originalDoc?.lecture ?? null)
    return data
  }
  if (genere || !estPieceLue(type)) {
    data.lecture = null
    return data
  }
  const f = req.file.data
  data.lecture = (await lireFichierPiece(new Uint8Array(f.buffer, f.byteOffset, f.byteLength))) as unknown as Document['lecture']
  // afterChange sees the document as the caller may read it (without `lecture` for a beneficiary).
  context.pieceLue = true
  return data
}

/** A piece just read: the dossier's findings are computed again. */
export const recalculerApresLecture: CollectionAfterChangeHook<Document> = async ({ context, doc, req }) => {
  const dossier = idOf(doc.dossier)
  if (context.pieceLue !== true) return doc
  context.pieceLue = false
  if (dossier !== null) await apresLecturePiece(req, dossier)
  return doc
}
