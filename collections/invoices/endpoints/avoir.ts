import { endpoint } from '@/src/endpoints/endpoint'
import { lireCorpsJson } from '@/src/endpoints/http'
import { demanderAvoir, exigerAdminFacturation } from '@/src/services/facturation'
import { repondreFacturation } from './reponse'

/**
 * POST /api/invoices/:id/avoir, body `{ motif? }` (may be empty): an admin cancels an issued
 * invoice by a credit note. 201 with the credit note and the cancelled invoice.
 */
export const avoir = endpoint({
  path: '/:id/avoir',
  method: 'post',
  handler: async ({ req }) =>
    repondreFacturation(201, async () => {
      // Role and id first: a non-admin learns nothing from the body checks.
      exigerAdminFacturation(req, req.routeParams?.id)
      return demanderAvoir(req, req.routeParams?.id, await lireCorpsJson(req, { facultatif: true }))
    }),
})
