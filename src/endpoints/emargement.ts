import { ErreurMetier } from '@/src/domain/erreurs'
import { signerParLien } from '@/src/services/emargement'
import { endpoint } from './endpoint'
import { json } from './http'

/**
 * POST /api/emargement/:jeton — no account: the personal link is the credential (random, single
 * use, valid on the session's day). Body: `{ signature }` (PNG/SVG data URL) or `{ nom }`, and for
 * the trainer `{ absent: true }` or `{ minutes }`. 404 unknown, 409 used, 410 expired or not yet
 * valid, 400 bad image or body, 403 a trainee declaring (src/services/emargement.ts).
 */
export const endpointEmargement = endpoint({
  path: '/emargement/:jeton',
  method: 'post',
  public: true,
  corps: 'json',
  handler: async ({ req, corps }) => {
    const jeton = req.routeParams?.jeton
    if (typeof jeton !== 'string') throw new ErreurMetier('Lien d’émargement inconnu.', 404)
    const r = await signerParLien(req, jeton, corps)
    return json({ message: r.statut === 'signee' ? 'Signature enregistrée : la demi-journée est signée.' : 'Signature enregistrée.', ...r })
  },
})
