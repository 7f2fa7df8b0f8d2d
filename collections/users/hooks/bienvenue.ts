import type { CollectionAfterChangeHook } from 'payload'
import type { User } from '@/src/payload-types'
import { envoyerBienvenue } from '@/src/services/emails/comptes'

/** Welcome e-mail on account creation (registration, or an account created by an admin), in the same transaction. */
export const envoyerBienvenueALaCreation: CollectionAfterChangeHook<User> = async ({ doc, operation, req }) => {
  if (operation !== 'create' || typeof doc.email !== 'string') return doc
  await envoyerBienvenue(req, doc)
  return doc
}
