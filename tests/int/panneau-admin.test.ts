/**
 * The admin-panel wrappers of payload.config.ts run after every plugin: a collection a plugin
 * brings (appels-ia, exports, …) is hidden from OPCO users like the app's own ones, and gets the
 * strict input checks. Checked on the sanitized configuration Payload actually runs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { COLLECTIONS_VISIBLES_OPCO } from '@/src/access/adminPanel'

let ctx: ContexteTest
let payload: Payload

beforeAll(async () => {
  ctx = await demarrerPayload('panneau-admin')
  payload = ctx.payload
})
afterAll(async () => ctx?.fermer())

const masquee = (hidden: unknown, role: string): boolean =>
  typeof hidden === 'function' ? Boolean(hidden({ user: { role, collection: 'users' } })) : hidden === true

describe('panneau d’administration : toutes les collections, celles des plugins comprises', () => {
  it('un compte OPCO ne voit que les dossiers et leurs documents ; un admin voit tout ce qui n’est pas technique', () => {
    const slugs = payload.config.collections.map((c) => c.slug)
    // The plugins' own collections are there: the assertion below is about them too.
    expect(slugs).toEqual(expect.arrayContaining(['appels-ia', 'exports', 'generations']))
    for (const c of payload.config.collections) {
      if (c.slug.startsWith('payload-')) continue
      const visibleOpco = (COLLECTIONS_VISIBLES_OPCO as readonly string[]).includes(c.slug)
      expect({ slug: c.slug, opco: masquee(c.admin?.hidden, 'opco') }).toEqual({ slug: c.slug, opco: !visibleOpco })
      expect({ slug: c.slug, user: masquee(c.admin?.hidden, 'user') }).toEqual({ slug: c.slug, user: !visibleOpco })
    }
    expect(masquee(payload.config.collections.find((c) => c.slug === 'appels-ia')!.admin?.hidden, 'admin')).toBe(false)
  })
})
