import type { TaskConfig } from 'payload'
import { env } from '@/src/config/env'
import { executerEmargement } from '@/src/services/emargement'

export const TACHE_EMARGEMENT = 'emargementQuotidien'

/**
 * Attendance signing, daily (REMINDERS_CRON, like the reminders — 07:00 by default): the links of
 * the day's sessions to each signer, the reminders of the last days' unsigned sessions. Every
 * e-mail has its key: a second run the same day writes nothing.
 */
export const tacheEmargement = (): TaskConfig => ({
  slug: TACHE_EMARGEMENT,
  label: 'Émargement : liens du jour et relances',
  schedule: [{ cron: env().emails.relances.cron, queue: 'default' }],
  retries: 3,
  handler: async ({ req }) => {
    const bilan = await executerEmargement(req.payload)
    req.payload.logger.info({ bilan }, 'Émargement : liens du jour et relances')
    return { output: {} }
  },
})
