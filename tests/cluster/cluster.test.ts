/**
 * Several machines (issue 15), on one: `npm run cluster`'s demarrerCluster — 2 web instances and
 * 2 job workers on one PostgreSQL database, documents in an s3rver bucket, a round-robin proxy —
 * with the fake Resend as e-mail provider and 5-second job leases.
 *
 * 100 dossiers go from creation to closing through the proxy (uploads, messages, every
 * transition, the invoices the workers issue, payments), 12 at a time, while a worker and a web
 * instance are killed with SIGKILL halfway and restarted. Then, from the database and the fake
 * Resend: no duplicate (documents, e-mails, invoice numbers, payments, job runs, reminder
 * windows), nothing lost or stuck. The retry policy of the test's own requests is in scenario.ts.
 * The login rate limit is shared: 21 failures of one client spread over both instances → 429.
 *
 * The test of the tests: the same cluster with Payload's unguarded job claims
 * (JOBS_UNGUARDED_CLAIM_FOR_TESTS) and a backlog for two workers starting together must show
 * duplicates — so the checks above can fail.
 *
 * PostgreSQL only (SQLite is one machine): skipped otherwise, and not run by npm test's SQLite pass.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { demarrerCluster, type Cluster } from '@/scripts/cluster'
import { baseCible, creerBaseDeTest, type BaseDeTest } from '@/tests/helpers/database'
import { creerMonde, MOT_DE_PASSE, signerConventionPourTests, type Monde } from '@/tests/helpers/fixtures'
import { fermerPayload } from '@/tests/helpers/payload'
import { demarrerResendFactice, type ResendFactice } from '@/tests/helpers/resendFactice'
import { attendreFileVide, Client, doublons, echecConnexion, enParallele, parcours, SONDES, sql, verifier, type PaiementAttendu, type Qui } from './scenario'

const postgres = baseCible() === 'postgres'
if (!postgres) console.warn('tests/cluster ignorés : ils demandent PostgreSQL (TEST_DB=postgres et TEST_DATABASE_URL), SQLite étant une seule machine.')
const siPostgres = postgres ? describe : describe.skip

jest.setTimeout(600_000)

const CLE_RESEND = 're_cluster_test'
const DOSSIERS = 100
const LARGEUR = 12
const DOSSIERS_TEST_DU_TEST = 8

let base: BaseDeTest
let resend: ResendFactice
let cluster: Cluster | null = null
let payload: Payload | null = null
let monde: Monde
let fichiers: string

const envCluster = () => ({
  RESEND_API_KEY: CLE_RESEND,
  RESEND_BASE_URL: resend.url,
  EMAIL_FROM: 'notifications@monopco.example',
  JOBS_LEASE_SECONDS: '5',
  JOBS_POLL_SECONDS: '1',
  // Six fields (croner): a reminder window every 15 seconds instead of once a day.
  REMINDERS_CRON: '*/15 * * * * *',
  AUTH_RATE_LIMIT_MAX: '20',
  AUTH_RATE_LIMIT_WINDOW_SECONDS: '60',
})

async function connecterTous(c: Client): Promise<void> {
  const comptes: Record<Qui, string> = { admin: monde.admin.email, userA: monde.userA.email, userB: monde.userB.email, opcoA: monde.opcoUserA.email, opcoB: monde.opcoUserB.email }
  for (const [qui, email] of Object.entries(comptes) as [Qui, string][]) await c.connecter(qui, email, MOT_DE_PASSE)
}

siPostgres('plusieurs machines : 2 instances web, 2 workers, une base PostgreSQL, un bucket S3', () => {
  beforeAll(async () => {
    base = await creerBaseDeTest('cluster')
    resend = await demarrerResendFactice(CLE_RESEND)
    cluster = await demarrerCluster({ databaseUrl: base.url, env: envCluster(), apresMigration: () => sql(base.url, SONDES).then(() => undefined) })
    // The cast, through the Local API of this process on the cluster's (migrated) database.
    fichiers = fs.mkdtempSync(path.join(os.tmpdir(), 'monopco-cluster-api-'))
    Object.assign(process.env, { DATABASE_URL: base.url, NODE_ENV: 'test', SEED_DEMO_DATA: 'false', JOBS_AUTORUN: 'false', UPLOADS_DIR: fichiers, PAYLOAD_SECRET: cluster.payloadSecret })
    const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('@/payload.config')])
    payload = await getPayload({ config })
    monde = await creerMonde(payload)
  }, 400_000)

  afterAll(async () => {
    await cluster?.arreter()
    if (payload) await fermerPayload(payload)
    await resend?.fermer()
    await base?.supprimer()
    if (fichiers) fs.rmSync(fichiers, { recursive: true, force: true })
  })

  it(`${DOSSIERS} dossiers de bout en bout pendant qu'un worker et une instance web sont tués (kill -9) puis relancés : rien en double, rien de perdu`, async () => {
    const c = new Client(cluster!.url, base.url)
    await connecterTous(c)
    const paiements: PaiementAttendu[] = []
    const dossiers: number[] = []
    let termines = 0
    const jusqua = async (n: number) => {
      while (termines < n) await new Promise((r) => setTimeout(r, 250))
    }
    const pannes = (async () => {
      await jusqua(DOSSIERS * 0.3)
      const [worker, web] = [cluster!.workers[0]!, cluster!.webs[0]!]
      await Promise.all([cluster!.tuer(worker), cluster!.tuer(web)])
      await jusqua(DOSSIERS * 0.45)
      await Promise.all([cluster!.redemarrer(web), cluster!.redemarrer(worker)])
    })()
    await enParallele(DOSSIERS, LARGEUR, async (i) => {
      dossiers.push(await parcours(c, monde, 'principal', i, paiements))
      termines++
    })
    await pannes
    await attendreFileVide(base.url)
    const v = await verifier(base.url, resend, dossiers, paiements)
    console.log(`Cluster : requêtes coupées par les arrêts brutaux : ${JSON.stringify(c.coupures)} ; fenêtres de relance exécutées : ${v.fenetresRelances}`)

    expect(dossiers).toHaveLength(DOSSIERS)
    expect(cluster!.workers.every((w) => w.vivant()) && cluster!.webs.every((w) => w.vivant())).toBe(true)
    expect({ ...v, fenetresRelances: undefined }).toEqual({
      documentsEnDouble: [],
      emailsEnDouble: [],
      facturesEnDouble: [],
      paiementsEnDouble: [],
      tachesExecuteesDeuxFois: [],
      relancesEnDouble: [],
      emailsPerdus: [],
      numerotationAvecTrous: [],
      paiementsManquants: [],
      tachesBloquees: [],
      dossiersInacheves: [],
      documentsManquants: [],
      fenetresRelances: undefined,
    })
    // Every dossier sent e-mails (transitions, messages); the reminders ran in several windows, each once.
    expect(resend.livres.length).toBeGreaterThan(DOSSIERS)
    expect(v.fenetresRelances).toBeGreaterThanOrEqual(2)
    expect(paiements.length).toBeGreaterThanOrEqual(DOSSIERS)
  })

  it('21 échecs de connexion d’un même client répartis sur les deux instances : le 21e est refusé (429)', async () => {
    // A loopback address of its own: the proxy reports it, and no earlier login of the test counts.
    const resultats = []
    for (let i = 0; i < 21; i++) resultats.push(await echecConnexion(cluster!.url, '127.0.0.2'))
    expect(resultats.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(401))
    expect(resultats[20]!.status).toBe(429)
    expect(Number(resultats[20]!.retryAfter)).toBeGreaterThanOrEqual(1)
  })

  it('test du test : sans la garde des réservations de tâches, les mêmes vérifications trouvent des doublons', async () => {
    await cluster!.arreter()
    cluster = await demarrerCluster({
      databaseUrl: base.url,
      env: envCluster(),
      // Refused in production (src/config/env.ts): these workers run as a test environment.
      // One job per claim: each worker claims again after every job, so the two unguarded workers
      // read the pending rows together many times over the backlog, not three or four times (a CI
      // run with batches of 10 once saw no overlap at all).
      envWorkers: { NODE_ENV: 'test', JOBS_UNGUARDED_CLAIM_FOR_TESTS: 'true', JOBS_BATCH: '1' },
    })
    await sql(base.url, 'DELETE FROM test_executions; DELETE FROM test_taches')
    const c = new Client(cluster.url, base.url)
    await connecterTous(c)
    // A backlog for two workers starting together: stopped while the dossiers are validated.
    await Promise.all(cluster.workers.map((w) => cluster!.tuer(w)))
    let valides = 0
    let relance!: () => void
    const apresValidation = new Promise<void>((r) => (relance = r))
    const paiements: PaiementAttendu[] = []
    const dossiers: number[] = []
    const parcoursFinis = enParallele(DOSSIERS_TEST_DU_TEST, DOSSIERS_TEST_DU_TEST, async (i) => {
      dossiers.push(
        await parcours(c, monde, 'sans-garde', i, paiements, {
          apresValidation: async () => {
            valides++
            await apresValidation
          },
          signerConvention: (id) => signerConventionPourTests(payload!, id),
        }),
      )
    })
    while (valides < DOSSIERS_TEST_DU_TEST) await new Promise((r) => setTimeout(r, 250))
    await Promise.all(cluster.workers.map((w) => cluster!.redemarrer(w)))
    relance()
    await parcoursFinis
    await attendreFileVide(base.url)
    const v = await verifier(base.url, resend, dossiers, paiements)
    console.log(`Test du test (réservations non gardées) : doublons trouvés : ${JSON.stringify(doublons(v).slice(0, 10))} (${doublons(v).length})`)
    expect(doublons(v).length).toBeGreaterThan(0)
  })
})
