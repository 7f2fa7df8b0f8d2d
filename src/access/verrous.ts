import type { Access, CollectionSlug, PayloadRequest, SanitizedConfig, Where } from 'payload'
import { estAdmin, idOf, roleOf } from './roles'

/**
 * Payload's built-in `payload-locked-documents` (who is editing which document in the admin
 * panel) is open to every signed-in user by default: anyone could list who edits what, lock any
 * document in anyone's name, or delete the team's locks. Here admins manage every lock; anyone
 * else sees and deletes their own locks only, and takes a lock only in their own name on a
 * document they may update (that collection's own update access decides).
 *
 * Reads are constrained (a query matching nothing else), never refused: the admin panel reads
 * the locks of every document it opens with the user's access, and a refusal there would break
 * the dossier page of OPCO users. The panel itself creates locks server-side, bypassing access.
 * A non-admin cannot take over someone else's lock (the panel then keeps the page read-only).
 */
export const SLUG_VERROUS = 'payload-locked-documents'

interface Reference {
  relationTo?: unknown
  value?: unknown
}

const mesVerrous = (req: PayloadRequest): Where => ({
  and: [{ 'user.relationTo': { equals: 'users' } }, { 'user.value': { equals: req.user!.id } }],
})

const estMoi = (req: PayloadRequest, ref: unknown): boolean => {
  const r = (ref ?? {}) as Reference
  return r.relationTo === 'users' && String(idOf(r.value)) === String(req.user!.id)
}

/** Whether the caller may update that document, as the collection's own access decides. */
export async function peutModifier(req: PayloadRequest, ref: unknown): Promise<boolean> {
  const { relationTo, value } = (ref ?? {}) as Reference
  const id = idOf(value)
  if (typeof relationTo !== 'string' || id === null) return false
  const collection = req.payload.collections[relationTo as CollectionSlug]
  if (!collection || collection.config.lockDocuments === false || relationTo === SLUG_VERROUS) return false
  const acces = collection.config.access.update
  const r = await acces({ req, id })
  if (r === true) return true
  if (!r) return false
  const { totalDocs } = await req.payload.count({ collection: relationTo as CollectionSlug, where: { and: [{ id: { equals: id } }, r as Where] }, overrideAccess: true, req })
  return totalDocs === 1
}

/** A lock a non-admin may write: in their own name, on a document they may update, no global. */
async function verrouPermis(req: PayloadRequest, data: Record<string, unknown> | undefined, creation: boolean): Promise<boolean> {
  const d = data ?? {}
  if (d.globalSlug != null && d.globalSlug !== '') return false
  if (creation || 'user' in d) {
    if (!estMoi(req, d.user)) return false
  }
  if (creation || 'document' in d) {
    if (!(await peutModifier(req, d.document))) return false
  }
  return true
}

const lecture: Access = ({ req }) => {
  if (estAdmin(req.user)) return true
  if (roleOf(req.user) === null) return false
  return mesVerrous(req)
}

const creation: Access = async ({ req, data }) => {
  if (estAdmin(req.user)) return true
  if (roleOf(req.user) === null) return false
  return verrouPermis(req, data as Record<string, unknown> | undefined, true)
}

const modification: Access = async ({ req, data }) => {
  if (estAdmin(req.user)) return true
  if (roleOf(req.user) === null) return false
  if (!(await verrouPermis(req, data as Record<string, unknown> | undefined, false))) return false
  return mesVerrous(req)
}

/**
 * The collection only exists once Payload has sanitized the config (after every plugin), so its
 * access is replaced on the sanitized config itself: every bundle that loads the config (REST,
 * GraphQL, admin) gets it, and access functions are read on every request.
 */
export function avecVerrousRestreints(config: SanitizedConfig): SanitizedConfig {
  const verrous = config.collections.find((c) => c.slug === SLUG_VERROUS)
  if (verrous) verrous.access = { ...verrous.access, read: lecture, create: creation, update: modification, delete: lecture }
  return config
}
