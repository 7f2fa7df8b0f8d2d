import { endpoint } from '@/src/endpoints/endpoint'
import { erreur, json } from '@/src/endpoints/http'
import { ErreurTransition, transitionnerDossier } from '@/src/services/transition'

/**
 * POST /api/dossiers/:id/transition — { "action": "<action>", ...parameters }: the one way a
 * dossier changes status (src/services/transition.ts). A refusal answers its status with the
 * message and, next to it, what is missing, the possible actions or the blocking findings.
 */
export const endpointTransition = endpoint({
  path: '/:id/transition',
  method: 'post',
  corps: 'json',
  handler: async ({ req, corps }) => {
    const { action, ...parametres } = corps
    const id = req.routeParams?.id
    if (typeof id !== 'string' && typeof id !== 'number') return erreur(400, 'Identifiant manquant.')
    try {
      const r = await transitionnerDossier(req, id, action, parametres)
      return json({ message: r.message, doc: r.doc, evenement: r.evenement })
    } catch (err) {
      if (err instanceof ErreurTransition) return erreur(err.status, err.message, { ...err.complements })
      throw err
    }
  },
})
