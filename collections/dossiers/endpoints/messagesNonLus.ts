import { estAdmin } from '@/src/access/roles'
import { endpoint } from '@/src/endpoints/endpoint'
import { erreur, json } from '@/src/endpoints/http'
import { messagesNonLus } from '@/src/services/workflow'

/**
 * GET /api/dossiers/messages-non-lus — this admin's unread messages, per dossier. Registered
 * before the `/:id/…` routes (a literal path); admins only (the OPCO never sees messages).
 */
export const endpointMessagesNonLus = endpoint({
  path: '/messages-non-lus',
  method: 'get',
  handler: async ({ req, user }) => {
    if (!estAdmin(user)) return erreur(403, 'Réservé aux administrateurs.')
    return json(await messagesNonLus(req.payload, user))
  },
})
