import type { CollectionAfterChangeHook } from 'payload'
import { idOf, roleOf } from '@/src/access/roles'
import type { Company } from '@/src/payload-types'

/** A beneficiary who registers their company (and has none yet) is attached to it. */
export const rattacherCreateur: CollectionAfterChangeHook<Company> = async ({ doc, operation, req }) => {
  if (operation === 'create' && roleOf(req.user) === 'user' && req.user && idOf(req.user.company) === null) {
    await req.payload.update({ collection: 'users', id: req.user.id, data: { company: doc.id }, req, overrideAccess: true })
  }
  return doc
}
