import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'
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
      const avant = await lireStats(payload)
      const resultat = await original(args)
      await retenirFenetres(payload, avant, resultat.queued as unknown as Planifiee[])
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
type FilesPlanifiees = Record<string, { tasks?: Dernieres; workflows?: Dernieres }>
type StatsPlanification = { stats?: { scheduledRuns?: { queues?: FilesPlanifiees } } }
const STATS_TACHES = 'payload-jobs-stats'

const lireStats = async (payload: Payload): Promise<StatsPlanification | null> =>
  ((await payload.db.findGlobal({ slug: STATS_TACHES })) as StatsPlanification | null) ?? null

/**
 * Payload notes a schedule's « last run » as the moment it checked it — on a check that skipped
 * too (the job still waiting), and from the stats read before all of a queue's schedules, so one
 * schedule's note overwrites another's. The next window is computed from that note: once the
 * waiting job had run (and been deleted), the next check found the same window free and queued
 * it again (every reminders window ran twice in tests/cluster).
 *
 * Here the note of a schedule only moves when a job is queued, to that job's window (or now, for
 * a window already past — after a stop, the missed windows are not replayed one by one); Payload's
 * own notes are replaced by the ones read before its run. Safe because the lease serialises runs.
 */
async function retenirFenetres(payload: Payload, avant: StatsPlanification | null, planifiees: Planifiee[]): Promise<void> {
  const actuel = await lireStats(payload)
  if (!actuel) return
  const maintenant = new Date().toISOString()
  const queues: FilesPlanifiees = structuredClone(avant?.stats?.scheduledRuns?.queues ?? {})
  for (const q of planifiees) {
    const config = q.taskConfig ?? q.workflowConfig
    if (!config || !(q.waitUntil instanceof Date)) continue
    const file = (queues[q.scheduleConfig.queue] ??= {})
    const parNom = (file[q.taskConfig ? 'tasks' : 'workflows'] ??= {})
    const fenetre = q.waitUntil.toISOString() > maintenant ? q.waitUntil.toISOString() : maintenant
    const precedente = parNom[config.slug]?.lastScheduledRun
    if (!precedente || precedente < fenetre) parNom[config.slug] = { lastScheduledRun: fenetre }
  }
  await payload.db.updateGlobal({
    slug: STATS_TACHES,
    data: { ...actuel, stats: { ...actuel.stats, scheduledRuns: { ...actuel.stats?.scheduledRuns, queues } } } as Record<string, unknown>,
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

type ArgumentsFile = Parameters<Payload['jobs']['queue']>[0]

/**
 * Queues a job so that no worker can see it before Payload has read it back. `jobs.queue`
 * inserts the row then reads it again (the drizzle adapter's upsertRow); outside a transaction
 * the insert is committed at once, and on PostgreSQL a worker of another process may claim, run
 * and delete it (deleteJobOnComplete) in between — the read finds nothing and the request that
 * queued it fails with a 500 (« Cannot use 'in' operator to search for '_rels' in undefined »,
 * seen in tests/cluster). Inside the caller's transaction the row stays invisible until commit;
 * without one, the insert and its read get a short transaction of their own.
 */
export async function mettreEnFile(payload: Payload, req: PayloadRequest | undefined, args: Omit<ArgumentsFile, 'req'>): Promise<void> {
  if (req?.transactionID) {
    await payload.jobs.queue({ ...args, req } as ArgumentsFile)
    return
  }
  const reqFile = await createLocalReq({ context: req?.context ? { ...req.context } : {} }, payload)
  const transaction = await initTransaction(reqFile)
  try {
    await payload.jobs.queue({ ...args, req: reqFile } as ArgumentsFile)
    if (transaction) await commitTransaction(reqFile)
  } catch (err) {
    if (transaction) await killTransaction(reqFile)
    throw err
  }
}
