import type { TaskConfig } from 'payload'
import { env } from '@/src/config/env'

/**
 * The daily pass of the convention's signatures (src/services/signatureConvention.ts,
 * `passeSignatures`): lapsed bilans (R6313-8) told to the team once, reminders from the 3rd
 * day, finalisations that failed. On REMINDERS_CRON, like the other reminders; `npm run jobs`
 * workers schedule it with --handle-schedules.
 */
export const TACHE_SIGNATURES = 'signaturesConvention'

export const tacheSignatures: TaskConfig = {
  slug: TACHE_SIGNATURES,
  label: 'Signatures des conventions (caducité, relances)',
  schedule: [{ cron: env().emails.relances.cron, queue: 'default' }],
  retries: 2,
  handler: async ({ req }) => {
    const { passeSignatures } = await import('@/src/services/signatureConvention')
    const bilan = await passeSignatures(req.payload)
    req.payload.logger.info({ bilan }, 'Signatures des conventions')
    return { output: {} }
  },
}
