import type { Endpoint } from 'payload'
import { estIdentifiantDossier, lireDossierAccessible } from '@/src/access/dossier'
import { roleOf } from '@/src/access/roles'
import { listerPieces, type DocumentDuDossier } from '@/src/domain/piecesRequises'
import { estStatutDossier, type TypeFormation } from '@/src/domain/statuts'
import { erreur, json, reponseErreur } from '@/src/endpoints/http'

/**
 * GET /api/dossiers/:id/pieces — the dossier's required documents (src/domain/piecesRequises.ts):
 * present / missing / to come, with the documents found. Same rule as reading the dossier: 401
 * anonymous, 400 for an id that cannot name a dossier, 404 for a dossier the caller cannot see.
 */
export const endpointPieces: Endpoint = {
  path: '/:id/pieces',
  method: 'get',
  handler: async (req) => {
    try {
      if (!req.user || roleOf(req.user) === null) return erreur(401, 'Authentification requise.')
      const id = req.routeParams?.id
      if (!estIdentifiantDossier(req, id)) return erreur(400, 'Identifiant de dossier invalide.')
      const dossier = await lireDossierAccessible(req, id)
      if (!dossier) return erreur(404, "Dossier introuvable ou vous n'y avez pas accès.")
      // With the caller's own rights: whoever reads the dossier reads its documents (same rule).
      const documents = await req.payload.find({
        collection: 'documents',
        where: { dossier: { equals: dossier.id } },
        pagination: false,
        depth: 0,
        req,
        user: req.user,
        overrideAccess: false,
        select: { documentType: true, origin: true, filename: true, url: true, version: true, createdAt: true },
      })
      const typeFormation: TypeFormation = dossier.typeFormation === 'bilan' ? 'bilan' : 'formation'
      const status = estStatutDossier(dossier.status) ? dossier.status : 'brouillon'
      const liste = listerPieces(
        { typeFormation, status },
        documents.docs.map(
          (d): DocumentDuDossier => ({
            id: d.id,
            documentType: (d.documentType as string | null | undefined) ?? null,
            origin: (d.origin as string | null | undefined) ?? null,
            filename: (d.filename as string | null | undefined) ?? null,
            url: (d.url as string | null | undefined) ?? null,
            version: (d.version as number | null | undefined) ?? null,
            createdAt: (d.createdAt as string | null | undefined) ?? null,
          }),
        ),
      )
      return json({ id: dossier.id, reference: dossier.reference ?? null, ...liste })
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}
