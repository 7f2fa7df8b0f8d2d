import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { rejouerLivraison } from '@/src/services/webhooks'

/** POST /api/livraisons-webhooks/:id/rejouer — admins (src/services/webhooks). */
export const endpointRejouer = endpoint({
  path: '/:id/rejouer',
  method: 'post',
  corps: 'json-facultatif',
  handler: async ({ req, corps }) => {
    const r = await rejouerLivraison(req, req.routeParams?.id, corps)
    return json({ message: 'Livraison remise dans la file d’attente.', id: r.id }, 200)
  },
})
