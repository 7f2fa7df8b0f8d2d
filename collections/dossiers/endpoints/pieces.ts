import { listerPieces, type DocumentDuDossier } from '@/src/domain/piecesRequises'
import { estStatutDossier, type TypeFormation } from '@/src/domain/statuts'
import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { documentsLisiblesDuDossier } from '@/src/services/documents'

/**
 * GET /api/dossiers/:id/pieces — the dossier's required documents (src/domain/piecesRequises.ts):
 * present / missing / to come, with the documents found. Same rule as reading the dossier: 401
 * anonymous, 400 for an id that cannot name a dossier, 404 for a dossier the caller cannot see.
 */
export const endpointPieces = endpoint({
  path: '/:id/pieces',
  method: 'get',
  dossier: true,
  handler: async ({ req, user, dossier }) => {
    const documents = await documentsLisiblesDuDossier(req, user, dossier.id, {
      documentType: true,
      origin: true,
      filename: true,
      url: true,
      version: true,
      createdAt: true,
    })
    const typeFormation: TypeFormation = dossier.typeFormation === 'bilan' ? 'bilan' : 'formation'
    const status = estStatutDossier(dossier.status) ? dossier.status : 'brouillon'
    const liste = listerPieces(
      { typeFormation, status },
      documents.map(
        (d): DocumentDuDossier => ({
          id: d.id,
          documentType: d.documentType ?? null,
          origin: d.origin ?? null,
          filename: d.filename ?? null,
          url: d.url ?? null,
          version: d.version ?? null,
          createdAt: d.createdAt ?? null,
        }),
      ),
    )
    return json({ id: dossier.id, reference: dossier.reference ?? null, ...liste })
  },
})
