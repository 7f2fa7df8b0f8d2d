import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { renvoyerLienSignature } from '@/src/services/signatureConvention'

/** POST /api/signatures-convention/:id/renvoyer `{ "signataire": "<id de ligne>" }` (admins): « Renvoyer le lien ». */
export const renvoyerLien = endpoint({
  path: '/:id/renvoyer',
  method: 'post',
  corps: 'json',
  handler: async ({ req, corps }) => {
    const r = await renvoyerLienSignature(req, req.routeParams?.id, corps)
    return json({ message: `Nouveau lien envoyé à ${r.envoye} ; l’ancien ne fonctionne plus.` })
  },
})
