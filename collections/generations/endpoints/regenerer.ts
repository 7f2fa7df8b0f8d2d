import { endpoint } from '@/src/endpoints/endpoint'
import { erreur, json } from '@/src/endpoints/http'
import { estAdmin } from '@/src/access/roles'
import { regenerer as demanderNouvelleVersion } from '@/src/services/generation'

/** POST /api/generations/:id/regenerer: an admin asks for a new version of a generated document (202). */
export const regenerer = endpoint({
  path: '/:id/regenerer',
  method: 'post',
  handler: async ({ req, user }) => {
    if (!estAdmin(user)) return erreur(403, 'Seule l’équipe MonOPCO peut régénérer un document.')
    const id = req.routeParams?.id
    if (typeof id !== 'string' || !/^\d{1,15}$/.test(id)) return erreur(400, 'Identifiant de génération invalide.')
    const generation = await demanderNouvelleVersion(req, Number(id))
    return json({ message: 'Nouvelle version demandée : elle apparaîtra dès que le PDF sera produit.', generation }, 202)
  },
})
