import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'
import { idOf } from '@/src/access/roles'
import type { Payment } from '@/src/payload-types'
import { rapprocherDossier } from '@/src/services/paiements'

/** After a payment is written: reconcile its dossier (and the previous one, if it moved). */
export const apresEcriture: CollectionAfterChangeHook<Payment> = async ({ doc, previousDoc, operation, req }) => {
  const dossiers = new Set<number>()
  const actuel = idOf(doc.dossier)
  if (actuel !== null) dossiers.add(actuel)
  const precedent = operation === 'update' ? idOf(previousDoc?.dossier) : null
  if (precedent !== null) dossiers.add(precedent)
  for (const d of dossiers) await rapprocherDossier(req, d)
  return doc
}

/** After a payment is deleted: reconcile its dossier. */
export const apresSuppression: CollectionAfterDeleteHook<Payment> = async ({ doc, req }) => {
  const d = idOf(doc.dossier)
  if (d !== null) await rapprocherDossier(req, d)
  return doc
}
