import type { TaskConfig } from 'payload'
import { env } from '@/src/config/env'

/**
 * The scheduled backup: on BACKUP_CRON (unset: never scheduled, the task can still be queued by
 * hand), one archive in BACKUP_DIR, the newest BACKUP_KEEP kept, the last success recorded for
 * the metric `monopco_sauvegarde_derniere_timestamp_secondes` and the admin. `npm run jobs`
 * workers schedule it with --handle-schedules, like the daily reminders.
 */
export const TACHE_SAUVEGARDE = 'sauvegarde'

const cron = env().sauvegarde.cron

export const tacheSauvegarde: TaskConfig = {
  slug: TACHE_SAUVEGARDE,
  label: 'Sauvegarde (base et fichiers)',
  // A failed night is retried once; the next schedule tries again anyway.
  retries: 1,
  ...(cron ? { schedule: [{ cron, queue: 'default' }] } : {}),
  outputSchema: [
    { name: 'fichier', type: 'text' },
    { name: 'octets', type: 'number' },
  ],
  handler: async ({ req }) => {
    // Loaded on run only: the archive code (tar, pg_dump, S3) stays out of the app's start-up.
    const { sauvegardePlanifiee } = await import('@/src/services/sauvegarde/planifiee')
    const r = await sauvegardePlanifiee(req.payload, env())
    return { output: { fichier: r.fichier, octets: r.octets } }
  },
}
