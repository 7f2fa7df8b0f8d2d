import type { CollectionAfterMeHook } from 'payload'
import type { User } from '@/src/payload-types'

/** What Payload's me operation answers (only what this hook reads and rewrites). */
interface ReponseMe {
  user?: (User & { collection?: string; _strategy?: string }) | null
}

/**
 * `auth.depth` is 0 (collections/users/index.ts) so that the user lookup of every request reads
 * the users row alone; GET /api/users/me used that depth by default. Without `?depth`, the user is
 * read again here at the default depth with the same rights as before (no override, no hidden
 * fields): integrators get the same answer (company and OPCO populated) as before the change.
 */
export const repeuplerMe: CollectionAfterMeHook = async ({ req, response }) => {
  const reponse = response as ReponseMe
  const user = reponse?.user
  // The URL's own parameter: Payload's reads during the request rewrite req.query.depth.
  const demandee = req.searchParams?.get('depth')
  if (!user || req.payloadAPI === 'GraphQL' || (demandee !== null && demandee !== undefined && demandee !== '')) return response
  const complet = await req.payload.findByID({ collection: 'users', id: user.id, depth: req.payload.config.defaultDepth, overrideAccess: false, showHiddenFields: false, req })
  return { ...reponse, user: { ...complet, collection: user.collection, _strategy: user._strategy } }
}
