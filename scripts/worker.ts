/**
 * `npm run jobs`: a job worker (PDFs, e-mails, reminders, exports, backups). Run as many as you
 * like next to the web instances (JOBS_AUTORUN=false on those): claims are leased and
 * conditional, schedules are handled by one process at a time (src/services/taches.ts).
 * SIGTERM/SIGINT: finishes the current batch, then exits; a worker killed harder loses nothing
 * (its jobs go back to the queue when their lease expires).
 */
import { getPayload } from 'payload'
import config from '@/payload.config'
import { env } from '@/src/config/env'
import { boucleTravailleur } from '@/src/services/taches'

async function main(): Promise<void> {
  const payload = await getPayload({ config })
  const e = env()
  const arret = new AbortController()
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      payload.logger.info({ msg: `Worker : ${signal} reçu, arrêt après le lot en cours` })
      arret.abort()
    })
  }
  payload.logger.info({ msg: 'Worker de tâches démarré', pid: process.pid, lot: e.jobsBatch, bailSecondes: e.jobsLeaseSeconds })
  await boucleTravailleur(payload, { lot: e.jobsBatch, pauseMs: e.jobsPollSeconds * 1000, signal: arret.signal })
  await payload.destroy().catch(() => undefined)
  process.exit(0)
}

main().catch((err) => {
  console.error('ÉCHEC du worker :', err)
  process.exit(1)
})
