import type { Log } from '@/src/payload-types'
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'
import { adresseIp } from '@/src/security/ip'
import { differencesAudit } from '@/src/domain/audit'

/**
 * One audit hook for every business collection: who did what to which document, the fields
 * that changed (before → after), from which IP. Written in the same transaction as the change.
 */
const ecrireLog = async (
  req: PayloadRequest,
  entry: { action: 'create' | 'update' | 'delete'; collection: string; documentId: string; changes: NonNullable<Log['changes']> },
): Promise<void> => {
  const user = req.user
  await req.payload.create({
    collection: 'logs',
    req,
    overrideAccess: true,
    data: {
      action: entry.action,
      collectionSlug: entry.collection,
      documentId: entry.documentId,
      changes: entry.changes,
      actor: user && user.collection === 'users' ? user.id : null,
      actorLabel: user ? `${user.collection}:${user.id}` : 'système',
      ip: req.headers ? adresseIp(req.headers) : 'local',
    },
  })
}

/**
 * Top-level fields a collection keeps out of the log (`custom: { journal: false }`): the outbox's
 * content, which may carry a personal link or code that nobody may read (collections/emails).
 */
const horsJournal = (collection: { fields: readonly unknown[] }): Set<string> =>
  new Set(
    collection.fields
      .filter((f): f is { name: string; custom?: Record<string, unknown> } => typeof f === 'object' && f !== null && 'name' in f && (f as { custom?: Record<string, unknown> }).custom?.journal === false)
      .map((f) => f.name),
  )

const afterChange: CollectionAfterChangeHook = async ({ collection, doc, previousDoc, operation, req }) => {
  if (req.context?.audit === false) return doc
  const changes = differencesAudit(operation === 'create' ? {} : (previousDoc ?? {}), doc, horsJournal(collection))
  if (operation === 'update' && Object.keys(changes).length === 0) return doc
  await ecrireLog(req, { action: operation, collection: collection.slug, documentId: String(doc.id), changes })
  return doc
}

const afterDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  if (req.context?.audit === false) return doc
  await ecrireLog(req, {
    action: 'delete',
    collection: collection.slug,
    documentId: String(doc.id),
    changes: differencesAudit(doc, {}, horsJournal(collection)),
  })
  return doc
}

export const auditHooks = { afterChange: [afterChange], afterDelete: [afterDelete] }
