import type { CollectionAfterChangeHook } from 'payload'
import type { Rattachement } from '@/src/payload-types'
import { notifierRattachement } from '@/src/services/emails/rattachements'

/** E-mails of a new request and of its decision, in the same transaction (src/services/emails/rattachements.ts). */
export const notifierChangementRattachement: CollectionAfterChangeHook<Rattachement> = async ({ doc, previousDoc, operation, req }) => {
  const statut = String(doc.statut ?? '')
  if (operation === 'update' && (previousDoc?.statut === statut || statut === 'en_attente')) return doc
  await notifierRattachement(req, doc)
  return doc
}
