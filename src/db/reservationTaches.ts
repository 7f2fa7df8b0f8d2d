import type { BaseDatabaseAdapter, Payload, PayloadRequest, Where } from 'payload'
import { requeteSql, sql, type SQL } from './sql'

/**
 * Safe job claims with several workers (Payload 3.90.1 is not: it reads the pending jobs, then
 * updates each by id, with no condition and no lease — upstream payloadcms/payload#17645, fixed
 * only in 4.0). We wrap the database adapter's `updateJobs`, the one call through which Payload
 * claims (`processing: true` with a `where`), runs by id, and finishes jobs:
 *
 * - a claim is one conditional statement per candidate: `UPDATE … SET processing = true,
 *   bail_expire_le = now + lease WHERE id = ? AND processing = false …`; a row another worker
 *   took in between is simply not returned, so no job is handed to two workers;
 * - every claim has a lease (`bailExpireLe`, JOBS_LEASE_SECONDS) that this process renews every
 *   third of it for the jobs it holds, until Payload writes their end (processing = false);
 * - before each claim, jobs whose lease expired (their worker died: kill -9, lost machine) go back
 *   to the queue; the task runs again, and every task's effects are idempotent (generation keys,
 *   outbox keys, invoice keys). Crash windows: README « Production ».
 *
 * Payload's own claim query (queue, waitUntil, concurrency keys) still chooses the candidates.
 */

const TABLE = 'payload_jobs'

/** Where the options live on the adapter: the test of the tests turns the guard off in process. */
export const OPTIONS_RESERVATION = Symbol.for('monopco.reservationTaches')

export interface OptionsReservation {
  bailSecondes: number
  /** Jobs claimed before the lease column existed (or by an older version) count as abandoned after this. */
  abandonSansBailSecondes?: number
  /** Tests of the tests only: Payload's original, unsafe claim (the cluster tests must then see duplicates). */
  sansGarde?: boolean
}

type UpdateJobsArgs = Parameters<BaseDatabaseAdapter['updateJobs']>[0]
type Ligne = { id: number | string }

const estBooleen = (v: unknown): v is boolean => typeof v === 'boolean'

/** The job ids an `updateJobs` call targets by id (runs by id, releases of a batch). */
function idsCibles(args: UpdateJobsArgs): (number | string)[] {
  if (args.id !== undefined && args.id !== null) return [args.id as number | string]
  const filtre = (args.where as Where | undefined)?.id as { in?: unknown; equals?: unknown } | undefined
  if (Array.isArray(filtre?.in)) return filtre.in as (number | string)[]
  if (filtre?.equals !== undefined) return [filtre.equals as number | string]
  return []
}

const finDeTache = (data: Record<string, unknown>): boolean =>
  data.processing === false || (data.completedAt !== undefined && data.completedAt !== null) || data.hasError === true

export function avecReservationTaches(adaptateur: BaseDatabaseAdapter, payload: Payload, options: OptionsReservation): BaseDatabaseAdapter {
  const original = adaptateur.updateJobs.bind(adaptateur)
  const tenus = new Set<string>()
  const bailMs = options.bailSecondes * 1000
  const abandonMs = (options.abandonSansBailSecondes ?? Math.max(600, options.bailSecondes * 5)) * 1000
  const postgres = payload.db?.name === 'postgres' || adaptateur.name === 'postgres'
  // Dates are ISO text on SQLite (compared as strings, as Payload stores them), timestamptz on PostgreSQL.
  const date = (d: Date): SQL => (postgres ? sql`${d.toISOString()}::timestamptz` : sql`${d.toISOString()}`)
  let minuterie: ReturnType<typeof setInterval> | undefined

  const executer = <T>(req: Partial<PayloadRequest> | undefined, requete: SQL) => requeteSql<T>(payload, req, requete)

  async function renouveler(): Promise<void> {
    if (tenus.size === 0) return
    const ids = [...tenus]
    const bail = new Date(Date.now() + bailMs)
    const liste = sql.join(ids.map((id) => sql`${Number(id)}`), sql`, `)
    const renouveles = await executer<Ligne>(undefined, sql`UPDATE ${sql.raw(TABLE)} SET bail_expire_le = ${date(bail)}
      WHERE processing = true AND id IN (${liste}) RETURNING id`)
    const vivants = new Set(renouveles.map((r) => String(r.id)))
    for (const id of ids) if (!vivants.has(id)) tenus.delete(id)
  }

  function tenir(ids: (number | string)[]): void {
    for (const id of ids) tenus.add(String(id))
    if (!minuterie) {
      minuterie = setInterval(() => {
        renouveler().catch((err: unknown) => payload.logger.warn({ msg: 'Renouvellement des baux de tâches impossible', err }))
      }, Math.max(500, Math.floor(bailMs / 3)))
      // The lease must not keep a finished process alive; a dead process stops renewing, which is the point.
      minuterie.unref()
    }
  }

  /** Puts back in the queue the jobs whose worker stopped renewing their lease. */
  async function recupererAbandonnees(): Promise<void> {
    const maintenant = new Date()
    const repris = await executer<Ligne>(undefined, sql`UPDATE ${sql.raw(TABLE)} SET processing = false, bail_expire_le = NULL, updated_at = ${date(maintenant)}
      WHERE processing = true AND completed_at IS NULL
        AND ((bail_expire_le IS NOT NULL AND bail_expire_le < ${date(maintenant)})
          OR (bail_expire_le IS NULL AND updated_at < ${date(new Date(maintenant.getTime() - abandonMs))}))
      RETURNING id`)
    if (repris.length > 0) payload.logger.warn({ msg: `Tâches remises en file après expiration de leur bail : ${repris.length}`, taches: repris.map((r) => r.id) })
  }

  async function reserver(args: UpdateJobsArgs): Promise<Awaited<ReturnType<BaseDatabaseAdapter['updateJobs']>>> {
    await recupererAbandonnees()
    const candidats = await adaptateur.find({
      collection: 'payload-jobs',
      where: args.where as Where,
      limit: args.limit ?? 10,
      pagination: false,
      sort: args.sort,
      req: args.req,
    })
    if (candidats.docs.length === 0) return []
    const maintenant = new Date()
    const bail = new Date(maintenant.getTime() + bailMs)
    const obtenus: (number | string)[] = []
    for (const candidat of candidats.docs) {
      const lignes = await executer<Ligne>(args.req, sql`UPDATE ${sql.raw(TABLE)} SET processing = true, bail_expire_le = ${date(bail)}, updated_at = ${date(maintenant)}
        WHERE id = ${Number(candidat.id)} AND processing = false AND completed_at IS NULL
          AND (has_error IS NULL OR has_error = false) RETURNING id`)
      if (lignes.length === 1) obtenus.push(candidat.id as number | string)
    }
    if (obtenus.length === 0) return []
    tenir(obtenus)
    const reserves = await adaptateur.find({
      collection: 'payload-jobs',
      where: { id: { in: obtenus } },
      limit: 0,
      pagination: false,
      sort: args.sort,
      req: args.req,
    })
    if (args.returning === false) return null
    return reserves.docs as Awaited<ReturnType<BaseDatabaseAdapter['updateJobs']>>
  }

  ;(adaptateur as unknown as Record<symbol, OptionsReservation>)[OPTIONS_RESERVATION] = options
  adaptateur.updateJobs = async (args: UpdateJobsArgs) => {
    const data = (args.data ?? {}) as Record<string, unknown>
    const reservation = data.processing === true && (args.id === undefined || args.id === null) && args.where !== undefined
    if (reservation && !options.sansGarde) return reserver(args)
    if (data.processing === true) {
      // A run by id (payload.jobs.runByID, tests): the same lease, so no sweeper takes it back.
      const resultat = await original({ ...args, data: { ...data, bailExpireLe: new Date(Date.now() + bailMs).toISOString() } })
      tenir((resultat ?? []).map((j) => (j as { id: number | string }).id))
      return resultat
    }
    if (finDeTache(data)) for (const id of idsCibles(args)) tenus.delete(String(id))
    if (data.processing === false && estBooleen(data.processing)) return original({ ...args, data: { ...data, bailExpireLe: null } })
    return original(args)
  }
  return adaptateur
}
