import { roleOf } from '@/src/access/roles'
import { ErreurMetier } from '@/src/domain/erreurs'
import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { renvoyerLienEmargement } from '@/src/services/emargement'

/**
 * POST /api/seances/:id/renvoyer-lien `{ "role": "stagiaire" | "formateur" }` — admins only: a new
 * signing link by e-mail, the previous one invalidated (src/services/emargement.ts).
 */
export const endpointRenvoyerLien = endpoint({
  path: '/:id/renvoyer-lien',
  method: 'post',
  corps: 'json',
  handler: async ({ req, user, corps }) => {
    if (roleOf(user) !== 'admin') throw new ErreurMetier('Seule l’équipe MonOPCO peut renvoyer un lien d’émargement.', 403)
    const r = await renvoyerLienEmargement(req, req.routeParams?.id, corps.role)
    return json({ message: `Nouveau lien envoyé à ${r.email}.`, ...r }, 201)
  },
})
