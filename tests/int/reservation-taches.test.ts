/**
 * Job claims with several workers (src/db/reservationTaches.ts), on SQLite and PostgreSQL:
 * - two workers racing over 200 jobs run each exactly once (counted from Payload's own per-run
 *   log rows), and the same race with the guard turned off does run jobs twice (the test of the test);
 * - a worker process killed with SIGKILL while it holds a job: the job runs again once its lease
 *   has expired, and its effect (one generated PDF) exists once.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { createLocalReq, type Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde } from '@/tests/helpers/fixtures'
import { SANS_FICHIERS_ENV } from '@/tests/helpers/sansConfigurationLocale'
import { requeteSql, sql } from '@/src/db/sql'
import { OPTIONS_RESERVATION, type OptionsReservation } from '@/src/db/reservationTaches'
import { abonner, TACHE_EVENEMENT_DOSSIER } from '@/src/jobs/evenements'
import { demanderGeneration } from '@/src/services/generation'

jest.setTimeout(240_000)

let ctx: ContexteTest
let payload: Payload

beforeAll(async () => {
  ctx = await demarrerPayload('reservation-taches', { JOBS_LEASE_SECONDS: '3' })
  payload = ctx.payload
})
afterAll(async () => ctx?.fermer())

const options = (): OptionsReservation => (payload.db as unknown as Record<symbol, OptionsReservation>)[OPTIONS_RESERVATION]!

async function mettreEnFile(n: number, lot: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await payload.jobs.queue({
      task: TACHE_EVENEMENT_DOSSIER as never,
      // No subscriber listens to « dossier.start »: the job's only effect is its run, logged by Payload.
      input: { evenement: { type: 'dossier.start', dossier: null, date: new Date().toISOString(), acteur: null, lot, rang: i } } as never,
    })
  }
}

/**
 * Runs per job of a batch: a subscriber of « dossier.start » events (the extension point every
 * job effect uses, src/jobs/evenements.ts) counts each execution in this process, where both
 * workers run. Completed jobs are deleted by Payload, so their own rows can't be counted after.
 */
const executions = new Map<string, number>()
const desabonner = abonner({
  nom: 'compteur-des-tests',
  types: ['dossier.start'],
  traiter: async (evenement) => {
    const { lot, rang } = evenement as unknown as { lot: string; rang: number }
    const cle = `${lot}:${rang}`
    executions.set(cle, (executions.get(cle) ?? 0) + 1)
  },
})
afterAll(() => desabonner())

const executionsDuLot = (lot: string): number[] => [...executions].filter(([cle]) => cle.startsWith(`${lot}:`)).map(([, n]) => n)

/**
 * One « worker »: claims batches of 10 until the queue is empty, as `npm run jobs` does. Without
 * the guard, Payload itself may throw when the other worker deleted a job it also ran (that is
 * the upstream bug): `tolerant` keeps going, as a worker's loop would.
 */
async function travailleur(tolerant = false): Promise<void> {
  for (let essais = 0; essais < 1000; essais++) {
    try {
      const r = await payload.jobs.run({ limit: 10, queue: 'default' })
      if (r.noJobsRemaining) return
    } catch (err) {
      if (!tolerant) throw err
    }
  }
}

async function viderTaches(): Promise<void> {
  await requeteSql(payload, undefined, sql`DELETE FROM payload_jobs_log`)
  await requeteSql(payload, undefined, sql`DELETE FROM payload_jobs`)
}

describe('réservation des tâches', () => {
  it('2 workers × 200 tâches : chaque tâche exécutée exactement une fois', async () => {
    await viderTaches()
    await mettreEnFile(200, 'garde')
    await Promise.all([travailleur(), travailleur()])
    const runs = executionsDuLot('garde')
    expect(runs.length).toBe(200)
    expect(runs.filter((n) => n !== 1)).toEqual([])
    const restantes = await requeteSql<{ n: number | string }>(payload, undefined, sql`SELECT COUNT(*) AS n FROM payload_jobs`)
    expect(Number(restantes[0]!.n)).toBe(0)
  })

  it('test du test : sans la garde, les mêmes 2 workers exécutent des tâches deux fois', async () => {
    await viderTaches()
    await mettreEnFile(200, 'sans-garde')
    options().sansGarde = true
    try {
      await Promise.all([travailleur(true), travailleur(true)])
    } finally {
      options().sansGarde = false
      // Payload's runs that threw (job deleted under them) left their transactions open on
      // PostgreSQL: roll them back, or their connections would outlive the test's database.
      const sessions = (payload.db as unknown as { sessions?: Record<string, unknown> }).sessions ?? {}
      for (const id of Object.keys(sessions)) await payload.db.rollbackTransaction(id).catch(() => undefined)
    }
    const runs = executionsDuLot('sans-garde')
    expect(runs.filter((n) => n > 1).length).toBeGreaterThan(0)
  })

  it('planification : chaque fenêtre des relances quotidiennes n’est mise en file qu’une fois, même après un passage sauté', async () => {
    await viderTaches()
    const fenetres: string[] = []
    const enAttente = async () =>
      requeteSql<{ id: number | string; attente: unknown }>(payload, undefined, sql`SELECT id, wait_until AS attente FROM payload_jobs WHERE task_slug = 'relancesQuotidiennes'`)
    for (let passage = 0; passage < 3; passage++) {
      // The job waits for its window: a second check skips it (Payload then notes « now »).
      await payload.jobs.handleSchedules()
      await payload.jobs.handleSchedules()
      const file = await enAttente()
      expect(file).toHaveLength(1)
      fenetres.push(new Date(String(file[0]!.attente)).toISOString())
      // It ran (Payload deletes a completed job): the next check must take the next window.
      await requeteSql(payload, undefined, sql`DELETE FROM payload_jobs WHERE task_slug = 'relancesQuotidiennes'`)
    }
    expect(new Set(fenetres).size).toBe(3)
    expect([...fenetres].sort()).toEqual(fenetres)
  })

  it('un worker tué (SIGKILL) pendant une tâche : elle est reprise après son bail, son effet existe une fois', async () => {
    await viderTaches()
    const monde = await creerMonde(payload)
    const dossier = await creerDossier(payload, monde, 'A', 'valide')
    const req = await createLocalReq({}, payload)
    const generation = await demanderGeneration(req, { dossier: dossier.id, documentType: 'convention', cle: `kill:${dossier.id}` })

    // A real worker process (`npm run jobs`): its first PDF launches Chromium, which takes long
    // enough to be killed while it holds the job.
    const worker = demarrerWorker()
    let tenue = false
    try {
      const limite = Date.now() + 120_000
      while (Date.now() < limite) {
        const r = await requeteSql<{ processing: unknown; bail: unknown; fin: unknown }>(
          payload,
          undefined,
          sql`SELECT processing, bail_expire_le AS bail, completed_at AS fin FROM payload_jobs WHERE task_slug = 'genererDocument'`,
        )
        if (r[0] && (r[0].processing === true || r[0].processing === 1) && r[0].bail) {
          tenue = true
          break
        }
        if (r[0]?.fin) break
        await new Promise((res) => setTimeout(res, 10))
      }
    } finally {
      worker.kill('SIGKILL')
      await new Promise((res) => worker.once('exit', res))
    }
    expect(tenue).toBe(true)
    const apresKill = await requeteSql<{ fin: unknown; processing: unknown }>(payload, undefined, sql`SELECT completed_at AS fin, processing FROM payload_jobs WHERE task_slug = 'genererDocument'`)
    // Killed while holding it: not finished, still marked as being processed.
    expect(apresKill[0]!.fin).toBeNull()
    expect(Boolean(apresKill[0]!.processing)).toBe(true)

    // Within its lease, no other worker takes it.
    await payload.jobs.run({ limit: 10, queue: 'default' })
    const pendantBail = await requeteSql<{ fin: unknown }>(payload, undefined, sql`SELECT completed_at AS fin FROM payload_jobs WHERE task_slug = 'genererDocument'`)
    expect(pendantBail[0]!.fin).toBeNull()

    // After it (3 s), the next claim puts it back in the queue and runs it.
    await new Promise((res) => setTimeout(res, 3500))
    await travailleur()
    // Completed jobs are deleted by Payload: none left, in processing or otherwise (the worker's
    // scheduled jobs, waiting for their time, are not ours).
    const fin = await requeteSql<Record<string, unknown>>(payload, undefined, sql`SELECT * FROM payload_jobs WHERE task_slug = 'genererDocument'`)
    expect(fin).toEqual([])
    const documents = await payload.find({ collection: 'documents', where: { dossier: { equals: dossier.id } }, depth: 0, overrideAccess: true })
    const relue = await payload.findByID({ collection: 'generations', id: generation.id, depth: 0, overrideAccess: true })
    expect(relue.statut).toBe('genere')
    const generations = await payload.count({ collection: 'generations', where: { dossier: { equals: dossier.id } }, overrideAccess: true })
    expect(generations.totalDocs).toBe(1)
    expect(documents.totalDocs).toBe(1)
  })
})

function demarrerWorker(): ChildProcess {
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a child process
  // that a SIGKILL of the CLI would leave running.
  const p = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...SANS_FICHIERS_ENV,
      NODE_OPTIONS: '--conditions=development',
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      UPLOADS_DIR: ctx.dossierFichiers,
      JOBS_LEASE_SECONDS: '3',
      JOBS_POLL_SECONDS: '1',
      SEED_DEMO_DATA: 'false',
      ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let sortie = ''
  p.stdout?.on('data', (d) => (sortie = (sortie + d).slice(-4000)))
  p.stderr?.on('data', (d) => (sortie = (sortie + d).slice(-4000)))
  p.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL') console.log(`worker terminé (${code ?? signal}) :\n${sortie}`)
  })
  return p
}
