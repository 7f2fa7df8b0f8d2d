import { formaterReferenceDossier } from '@/src/domain/reference'
import { incrementerCompteur } from '@/src/db/compteurs'
import type { AttributionALInsertion } from '@/src/db/adapter'

/**
 * The dossier's reference (`MO-<année>-<n>`), taken when the row is inserted (src/db/adapter.ts
 * calls it inside the INSERT's transaction): a refused create leaves no gap in the numbering.
 */
export const attribuerReference: AttributionALInsertion = async (data, req) => {
  if (data.reference) return data
  const annee = new Date().getUTCFullYear()
  const payload = req?.payload
  if (!payload) throw new Error('Référence de dossier : requête sans Payload.')
  return { ...data, reference: formaterReferenceDossier(annee, await incrementerCompteur(payload, req, `dossier-${annee}`)) }
}
