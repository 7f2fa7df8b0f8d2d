import { endpoint } from '@/src/endpoints/endpoint'
import { demanderEmission } from '@/src/services/facturation'
import { repondreFacturation } from './reponse'

/** POST /api/invoices/:id/emettre: an admin issues a draft (number assigned then). 200 with the invoice. */
export const emettre = endpoint({
  path: '/:id/emettre',
  method: 'post',
  handler: async ({ req }) => repondreFacturation(200, () => demanderEmission(req, req.routeParams?.id)),
})
