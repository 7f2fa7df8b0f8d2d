import type { SanitizedConfig } from 'payload'
import { estAdmin } from './roles'

/**
 * `payload-jobs-stats`, the global Payload adds for scheduled jobs (when each schedule last
 * queued its task), came with Payload's default access: any signed-in account, a beneficiary
 * included, could read it and rewrite it over REST (`/api/globals/payload-jobs-stats`) and
 * GraphQL (`updatePayloadJobsStat`) — a date far ahead and the daily reminders were never
 * queued again. The scheduler writes it through the database adapter, without access checks:
 * read by admins only, written by nobody over the API, and out of the GraphQL schema (whose
 * `docAccessPayloadJobsStat` also answered a 500, a Payload resolver bug).
 */
export function verrouillerStatistiquesTaches(config: SanitizedConfig): SanitizedConfig {
  const global = config.globals.find((g) => g.slug === 'payload-jobs-stats')
  if (global) {
    global.access = { ...global.access, read: ({ req }) => estAdmin(req.user), update: () => false, readVersions: () => false }
    global.graphQL = false
  }
  return config
}
