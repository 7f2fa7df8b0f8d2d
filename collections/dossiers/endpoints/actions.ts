import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { actionsDuDossier } from '@/src/services/workflow'

/** GET /api/dossiers/:id/actions — the workflow actions the caller may fire now, with their forms (admin panel). */
export const endpointActions = endpoint({
  path: '/:id/actions',
  method: 'get',
  dossier: true,
  handler: async ({ req, user, dossier }) => json(await actionsDuDossier(req, user, dossier)),
})
