import type { CollectionAfterChangeHook } from 'payload'
import type { Payment } from '@/src/payload-types'
import { webhookPaiementEnregistre } from '@/src/services/evenementsWebhooks'

/** `payment.recorded` for integrators, in the transaction that records the payment. */
export const webhookPaiement: CollectionAfterChangeHook<Payment> = async ({ doc, operation, req }) => {
  if (operation === 'create') await webhookPaiementEnregistre(req, doc)
  return doc
}
