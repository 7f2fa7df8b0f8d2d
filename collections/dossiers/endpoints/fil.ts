import { roleOf } from '@/src/access/roles'
import { endpoint } from '@/src/endpoints/endpoint'
import { erreur, json } from '@/src/endpoints/http'
import { lireFil, marquerLu } from '@/src/services/messagerie'

const MESSAGE_OPCO = 'Les messages sont échangés entre le bénéficiaire et l’équipe MonOPCO.'

/**
 * GET /api/dossiers/:id/fil — the conversation as a thread (admin panel): author, date and time,
 * plain text. Beneficiary side and team only: the OPCO is not part of it (403).
 */
export const endpointFil = endpoint({
  path: '/:id/fil',
  method: 'get',
  dossier: true,
  handler: async ({ req, user, dossier }) => {
    if (roleOf(user) === 'opco') return erreur(403, MESSAGE_OPCO)
    return json({ id: dossier.id, messages: await lireFil(req.payload, user, dossier.id, req) })
  },
})

/** POST /api/dossiers/:id/fil/lu — « I have read the thread up to this message » : { "jusqua": "<ISO date of the last message shown>" }. */
export const endpointFilLu = endpoint({
  path: '/:id/fil/lu',
  method: 'post',
  dossier: true,
  corps: 'json',
  handler: async ({ req, user, dossier, corps }) => {
    if (roleOf(user) === 'opco') return erreur(403, MESSAGE_OPCO)
    const inconnus = Object.keys(corps).filter((k) => k !== 'jusqua')
    if (inconnus.length > 0) return erreur(400, `Champs non pris en charge : ${inconnus.join(', ')} (attendu : jusqua).`)
    if (typeof corps.jusqua !== 'string' || corps.jusqua.length > 40 || Number.isNaN(Date.parse(corps.jusqua))) {
      return erreur(400, '« jusqua » est la date ISO 8601 du dernier message lu.')
    }
    const repere = await marquerLu(req.payload, user, dossier.id, corps.jusqua, new Date(), req)
    return json({ id: dossier.id, luJusqua: repere })
  },
})
