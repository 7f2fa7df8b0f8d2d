import type { CollectionAfterChangeHook } from 'payload'
import type { Message } from '@/src/payload-types'
import { notifierMessage } from '@/src/services/emails/messages'

/** A new message is announced by e-mail to the other side (src/services/emails/messages.ts). */
export const notifierNouveauMessage: CollectionAfterChangeHook<Message> = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  await notifierMessage(req, doc)
  return doc
}
