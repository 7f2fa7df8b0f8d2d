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
      const resultat = await original(args)
      await retenirFenetres(payload, resultat.queued as unknown as Planifiee[])
      return resultat
    } finally {
      await rendreBail(payload, BAIL_PLANIFICATION, jeton)
    }
  }) as Planifier
}

interface Planifiee {
  scheduleConfig: { queue: string }
  taskConfig?: { slug: string }
  workflowConfig?: { slug: string }
  waitUntil?: Date
}
type Dernieres = Record<string, { lastScheduledRun?: string }>
type StatsPlanification = { stats?: { scheduledRuns?: { queues?: Record<string, { tasks?: Dernieres; workflows?: Dernieres }> } } }
const STATS_TACHES = 'payload-jobs-stats'

/**
 * Payload notes a schedule's last run as the moment it queued the job, before the job's window;
 * a worker that runs the job (which Payload then deletes) before the next handleSchedules leaves
 * that call finding the same window free again: every window ran twice (seen by tests/cluster).
 * Noting the window itself makes the next one the next window.
 */
async function retenirFenetres(payload: Payload, planifiees: Planifiee[]): Promise<void> {
  const aNoter = planifiees.filter((q) => q.waitUntil instanceof Date && (q.taskConfig || q.workflowConfig))
  if (aNoter.length === 0) return
  const global = (await payload.db.findGlobal({ slug: STATS_TACHES })) as StatsPlanification | null
  if (!global) return
  const queues = { ...global.stats?.scheduledRuns?.queues }
  for (const q of aNoter) {
    const file = { ...queues[q.scheduleConfig.queue] }
    const sorte = q.taskConfig ? 'tasks' : 'workflows'
    const nom = (q.taskConfig ?? q.workflowConfig)!.slug
    const parNom: Dernieres = { ...file[sorte] }
    const avant = parNom[nom]?.lastScheduledRun
    const fenetre = q.waitUntil!.toISOString()
    if (!avant || avant < fenetre) parNom[nom] = { lastScheduledRun: fenetre }
    file[sorte] = parNom
    queues[q.scheduleConfig.queue] = file
  }
  await payload.db.updateGlobal({
    slug: STATS_TACHES,
    data: { ...global, stats: { ...global.stats, scheduledRuns: { ...global.stats?.scheduledRuns, queues } } } as Record<string, unknown>,
    returning: false,
  } as Parameters<Payload['db']['updateGlobal']>[0])
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
