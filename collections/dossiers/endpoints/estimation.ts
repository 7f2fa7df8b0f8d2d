import { estMontantCentimesValide } from '@/src/domain/money'
import { endpoint } from '@/src/endpoints/endpoint'
import { erreur, json } from '@/src/endpoints/http'
import { estimerValeurs, type ValeursDossier } from '@/src/services/financement'

/**
 * POST /api/dossiers/:id/estimation — { coutTotalHT?, dureeHeures? }: the portal's costs step,
 * the estimate of what is being typed, computed by the same rules as on save, for whoever may
 * read the dossier; nothing is written.
 */
export const endpointEstimation = endpoint({
  path: '/:id/estimation',
  method: 'post',
  dossier: true,
  corps: 'json',
  handler: async ({ req, dossier, corps }) => {
    const inconnus = Object.keys(corps).filter((k) => k !== 'coutTotalHT' && k !== 'dureeHeures')
    if (inconnus.length > 0) return erreur(400, `Champs non pris en charge : ${inconnus.join(', ')} (attendus : coutTotalHT, dureeHeures).`)
    const donnees: ValeursDossier = {}
    if (corps.coutTotalHT !== undefined) {
      if (!estMontantCentimesValide(corps.coutTotalHT)) return erreur(400, 'Le coût total HT est un montant en centimes entier et positif (ex. 140000 pour 1 400,00 €).', { manquants: ['coutTotalHT'] })
      donnees.coutTotalHT = corps.coutTotalHT as number // checked just above
    }
    if (corps.dureeHeures !== undefined) {
      const h = corps.dureeHeures
      if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0 || h > 5000 || !Number.isInteger(h * 2)) {
        return erreur(400, 'La durée est un nombre d’heures positif, par demi-heure (5 000 h au plus).', { manquants: ['dureeHeures'] })
      }
      donnees.formation = { dureeHeures: h }
    }
    const e = await estimerValeurs(req, donnees, dossier)
    return json({ montantEstime: e.montantEstime, estimationFinancement: e.estimationFinancement })
  },
})
