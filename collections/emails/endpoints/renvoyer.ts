import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { renvoyerEmail } from '@/src/services/emails/renvoi'

/** POST /api/emails/:id/renvoyer — admins; body (optional): `confirmer`, `to` (src/services/emails/renvoi.ts). */
export const endpointRenvoyer = endpoint({
  path: '/:id/renvoyer',
  method: 'post',
  corps: 'json-facultatif',
  handler: async ({ req, corps }) => {
    const r = await renvoyerEmail(req, req.routeParams?.id, corps)
    return json({ message: 'Renvoi mis dans la file d’attente.', id: r.id, renvoiDe: r.renvoiDe }, 201)
  },
})
