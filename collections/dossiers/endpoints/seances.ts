import { estAdmin } from '@/src/access/roles'
import { ErreurMetier } from '@/src/domain/erreurs'
import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { refuserChampsInconnus } from './conformite'
import { genererSeances } from '@/src/services/seances'

/**
 * POST /api/dossiers/:id/seances/generer — admins: the training's half-days from its dates and
 * hours (src/services/seances.ts). 422 when the dates or hours do not make half-days, 409 when a
 * session is already signed; the body, optional, has no field.
 */
export const endpointGenererSeances = endpoint({
  path: '/:id/seances/generer',
  method: 'post',
  dossier: true,
  corps: 'json-facultatif',
  handler: async ({ req, user, dossier, corps }) => {
    if (!estAdmin(user)) throw new ErreurMetier('Seule l’équipe MonOPCO peut générer les séances d’un dossier.', 403)
    refuserChampsInconnus(corps, [])
    const seances = await genererSeances(req, dossier)
    return json({ message: `${seances.length} demi-journée(s) créée(s).`, docs: seances }, 201)
  },
})
