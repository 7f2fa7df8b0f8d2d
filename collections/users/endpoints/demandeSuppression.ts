import { formaterDateFr } from '@/src/domain/dates'
import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { demanderSuppression } from '@/src/services/comptes'

/** POST /api/users/me/demande-suppression — RGPD erasure request (src/services/comptes.ts). */
export const endpointDemandeSuppression = endpoint({
  path: '/me/demande-suppression',
  method: 'post',
  handler: async ({ req }) => {
    const r = await demanderSuppression(req)
    if (r.deja) {
      return json({ message: `Votre demande de suppression est déjà enregistrée (le ${formaterDateFr(r.suppressionDemandeeLe)}) : l’équipe vous répond sous un mois.`, suppressionDemandeeLe: r.suppressionDemandeeLe })
    }
    return json({ message: 'Votre demande de suppression est enregistrée : l’équipe vous répond sous un mois.', suppressionDemandeeLe: r.suppressionDemandeeLe }, 201)
  },
})
