import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { historiqueDuDossier } from '@/src/services/workflow'

/** GET /api/dossiers/:id/historique — the dossier's timeline: transitions, documents, messages, e-mails (admins). */
export const endpointHistorique = endpoint({
  path: '/:id/historique',
  method: 'get',
  dossier: true,
  handler: async ({ req, user, dossier }) => json({ id: dossier.id, historique: await historiqueDuDossier(req, user, dossier) }),
})
