import type { Payload } from 'payload'
import { prendreBail, rendreBail } from '@/src/db/bail'

/**
 * Job scheduling and the worker loop for several processes (README « Production »).
 *
 * Payload checks a schedule (« is a reminders job already waiting? ») then queues it, in two
 * steps: two processes doing it at once would both queue. Every process may call
 * handleSchedules (workers, or the app's autorun on one machine), but only the holder of the
 * `bail:planification` lease runs it; the others skip that turn. Serialised, Payload's own check
 * then queues each scheduled task once per window.
 */
const BAIL_PLANIFICATION = 'bail:planification'
/** Far longer than a handleSchedules run (a few queries); a holder killed mid-run frees it after this. */
const DUREE_BAIL_PLANIFICATION_MS = 60_000

type Planifier = Payload['jobs']['handleSchedules']

export function planificationExclusive(payload: Payload): void {
  const original: Planifier = payload.jobs.handleSchedules.bind(payload.jobs)
  payload.jobs.handleSchedules = (async (args?: Parameters<Planifier>[0]) => {
    const jeton = await prendreBail(payload, BAIL_PLANIFICATION, DUREE_BAIL_PLANIFICATION_MS)
    if (jeton === null) return { errored: [], queued: [], skipped: [] }
    try {
      return await original(args)
    } finally {
      await rendreBail(payload, BAIL_PLANIFICATION, jeton)
    }
  }) as Planifier
}

export interface OptionsTravailleur {
  lot: number
  pauseMs: number
  /** Stops the loop after the current batch (SIGTERM, Ctrl-C). */
  signal: AbortSignal
}

/**
 * `npm run jobs`: handle schedules, then claim and run batches until the queue is empty, pause,
 * again. Claims are safe with any number of workers (src/db/reservationTaches.ts).
 */
export async function boucleTravailleur(payload: Payload, options: OptionsTravailleur): Promise<void> {
  while (!options.signal.aborted) {
    try {
      await payload.jobs.handleSchedules()
      for (;;) {
        if (options.signal.aborted) return
        const r = await payload.jobs.run({ limit: options.lot, queue: 'default' })
        if (r.noJobsRemaining) break
      }
    } catch (err) {
      // A database restart or a network cut: log, wait, try again; claimed jobs keep their lease.
      payload.logger.error({ msg: 'Worker : tour de tâches interrompu', err })
    }
    await attendre(options.pauseMs, options.signal)
  }
}

const attendre = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const t = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true })
  })
