import { endpoint } from '@/src/endpoints/endpoint'
import { erreur } from '@/src/endpoints/http'
import { demanderXmlFacture, ErreurFacturation } from '@/src/services/facturation'

/**
 * GET /api/invoices/:id/xml?format=cii|ubl (cii by default): the e-invoice of an issued invoice
 * or credit note, for whoever may read the invoice (same access as GET /api/invoices/:id).
 */
export const xml = endpoint({
  path: '/:id/xml',
  method: 'get',
  handler: async ({ req }) => {
    try {
      const { xml: contenu, nomFichier } = await demanderXmlFacture(req, req.routeParams?.id, req.searchParams.get('format'))
      return new Response(contenu, {
        status: 200,
        headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Content-Disposition': `attachment; filename="${nomFichier}"`, 'Cache-Control': 'private, no-store' },
      })
    } catch (err) {
      if (err instanceof ErreurFacturation) return erreur(err.status, err.message)
      throw err
    }
  },
})
