import { APIError, type CollectionBeforeDeleteHook } from 'payload'

/** The outbox keeps what was sent: a document that left as an attachment stays (409). */
export const conserverPieceJointe: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const envois = await req.payload.count({ collection: 'emails', where: { pieceJointe: { equals: id } }, overrideAccess: true, req })
  if (envois.totalDocs > 0) {
    throw new APIError('Ce document a été envoyé en pièce jointe d’un e-mail : il est conservé et ne peut pas être supprimé.', 409, undefined, true)
  }
}
