import { APIError, type CollectionBeforeDeleteHook } from 'payload'

/**
 * Pieces, invoices and payments are kept for years (DOMAIN.md §8): a dossier that has any is
 * cancelled, never deleted (and a cascade would erase them with it).
 */
export const refuserSuppressionAvecPieces: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const lies = await Promise.all(
    (['documents', 'invoices', 'payments', 'messages', 'generations'] as const).map(
      async (collection) => (await req.payload.count({ collection, where: { dossier: { equals: id } }, overrideAccess: true, req })).totalDocs,
    ),
  )
  if (lies.some((n) => n > 0)) {
    throw new APIError(
      'Ce dossier a déjà des documents, messages, factures ou paiements : il ne peut pas être supprimé. Annulez-le (action « cancel ») pour le clore en gardant ses pièces.',
      409,
      undefined,
      true,
    )
  }
}
