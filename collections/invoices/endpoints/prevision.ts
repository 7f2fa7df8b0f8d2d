import { estAdmin } from '@/src/access/roles'
import { endpoint } from '@/src/endpoints/endpoint'
import { erreur, json } from '@/src/endpoints/http'
import { previsionDeFacture, previsionsParFacture } from '@/src/services/previsionPaiement'

/**
 * GET /api/invoices/:id/prevision — the payment forecast of one invoice, for whoever may read it
 * (404 otherwise, like an unknown invoice). Rules: src/domain/facturation/previsionPaiement.ts.
 */
export const endpointPrevision = endpoint({
  path: '/:id/prevision',
  method: 'get',
  handler: async ({ req }) => json(await previsionDeFacture(req, req.routeParams?.id)),
})

/**
 * GET /api/invoices/previsions — every open OPCO invoice's expected dates by invoice id, for the
 * admin list's column (one request per page). Admins only: it spans every OPCO.
 */
export const endpointPrevisions = endpoint({
  path: '/previsions',
  method: 'get',
  handler: async ({ req, user }) => {
    if (!estAdmin(user)) return erreur(403, 'Réservé aux administrateurs.')
    return json(await previsionsParFacture(req.payload))
  },
})
