import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { confirmerCandidat, exigerAdmin, rejeterOperation } from '@/src/services/rapprochementBancaire'

/** POST /api/operations-bancaires/:id/confirmer `{ "candidat": 0 }` (admins): records that candidate's payments once. */
export const confirmerEndpoint = endpoint({
  path: '/:id/confirmer',
  method: 'post',
  corps: 'json',
  handler: async ({ req, corps }) => {
    exigerAdmin(req)
    const doc = await confirmerCandidat(req, req.routeParams?.id, corps.candidat)
    return json({ doc, message: 'Rapprochement confirmé : paiement enregistré.' })
  },
})

/** POST /api/operations-bancaires/:id/rejeter (admins): nothing recorded, the credit stays unmatched. */
export const rejeterEndpoint = endpoint({
  path: '/:id/rejeter',
  method: 'post',
  corps: 'json-facultatif',
  handler: async ({ req }) => {
    exigerAdmin(req)
    const doc = await rejeterOperation(req, req.routeParams?.id)
    return json({ doc, message: 'Rapprochement rejeté : rien n’est enregistré.' })
  },
})
