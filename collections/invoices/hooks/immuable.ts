import { APIError, type CollectionBeforeChangeHook, type CollectionBeforeDeleteHook } from 'payload'
import { completerTotauxBrouillon, STATUT_FACTURE } from '@/src/domain/facturation'
import type { Invoice } from '@/src/payload-types'

const MESSAGE_IMMUABLE = 'Une facture émise ne peut plus être modifiée : émettez un avoir (POST /api/invoices/:id/avoir).'

/** 403: an issued invoice is never edited (L441-9 C. com.); a credit note corrects it. */
export const immuable = (): never => {
  throw new APIError(MESSAGE_IMMUABLE, 403, undefined, true)
}

export const estRenseigne = (v: unknown): boolean => v !== null && v !== undefined && v !== ''

/**
 * Every update path, bulk updates and trusted server code included: an issued invoice is never
 * edited (the services change status and number by SQL compare-and-set, not by update), and a
 * draft becomes an invoice only through the numbering service. Then the draft's totals are
 * completed from its lines.
 */
export const garderFactureEmiseImmuable: CollectionBeforeChangeHook<Invoice> = ({ data, originalDoc, operation }) => {
  if (operation === 'update' && originalDoc) {
    if (originalDoc.statut !== STATUT_FACTURE.brouillon) immuable()
    const interdits = (['numero', 'dateEmission', 'dateEcheance'] as const).filter((c) => estRenseigne(data[c])) as string[]
    if (estRenseigne(data.statut) && data.statut !== STATUT_FACTURE.brouillon) interdits.push('statut')
    if ('cleFacturation' in data && (data.cleFacturation ?? null) !== (originalDoc.cleFacturation ?? null)) interdits.push('cleFacturation')
    if (interdits.length > 0) {
      throw new APIError(`Une facture s'émet par POST /api/invoices/:id/emettre, pas par une modification (${interdits.join(', ')}).`, 403, { champs: interdits }, true)
    }
  }
  return completerTotauxBrouillon(data, { ...originalDoc })
}

/** Even trusted code: a deleted issued invoice would leave a hole in the sequence. */
export const refuserSuppressionFactureEmise: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const doc = await req.payload.findByID({ collection: 'invoices', id, req, depth: 0, overrideAccess: true })
  if (doc.statut !== STATUT_FACTURE.brouillon) throw new APIError('Une facture émise ne peut pas être supprimée : émettez un avoir.', 403, undefined, true)
}
