import type { CollectionBeforeChangeHook } from 'payload'
import { dansGroupe, STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'
import { formaterEuros } from '@/src/domain/money'
import { memeEstimation } from '@/src/domain/funding/dossier'
import type { Dossier } from '@/src/payload-types'
import { estimerValeurs, type ValeursDossier } from '@/src/services/financement'

/**
 * Funding estimate on every save (create/update, any API): `montantEstime` and its readable
 * breakdown, from the dossier's OPCO rules, the company's headcount, the type, hours, cost and
 * year of the training (src/services/financement.ts, the calculation itself being
 * `estimerDossier` in src/domain/funding). Runs after the reserved-fields check, so nobody
 * writes these two fields by hand.
 */
export const calculerEstimation: CollectionBeforeChangeHook<Dossier> = async ({ data, originalDoc, req }) => {
  const avant: ValeursDossier = originalDoc ?? {}
  const r = await estimerValeurs(req, data, avant)
  // Once the dossier is with the OPCO, the amount requested is the one filed: it no longer moves
  // (the OPCO answers on it). Server code creating an already-sent dossier (seed, import) brings it.
  const envoye = dansGroupe(STATUTS_ENVOYES_OPCO, 'status' in data ? data.status : avant.status)
  const fige = !envoye
    ? null
    : typeof avant.montantEstime === 'number'
      ? avant.montantEstime
      : req.payloadAPI === 'local' && typeof data.montantEstime === 'number'
        ? data.montantEstime
        : null
  let estimation = r.estimationFinancement
  if (fige !== null && fige !== r.montantEstime) {
    estimation = { ...estimation, detail: [...estimation.detail, `Montant demandé à l'OPCO lors de l'envoi (figé) : ${formaterEuros(fige)}`] }
  }
  data.montantEstime = fige ?? r.montantEstime
  // An unchanged result keeps its date: no spurious change in the audit log.
  data.estimationFinancement = memeEstimation(avant.estimationFinancement, estimation) ? avant.estimationFinancement : { ...estimation }
  return data
}
