/**
 * « Charge » of `npm run bench` (or `npm run bench -- charge`): the built app under 64 concurrent
 * clients (autocannon), on PostgreSQL with BENCH_CHARGE_DOSSIERS bulk dossiers (100 000), once
 * with 1 web instance and once as the 2-instance cluster (scripts/cluster.ts: same proxy, same
 * 2 job workers, same database — only the number of web instances differs):
 *   (a) the dossier list as a `user`, (b) the list as admin filtered on a status,
 *   (c) mixed writes (create a dossier, upload a PDF to it, post a message on it),
 *   (d) on the cluster, (c) again while one web instance is killed (-9) and restarted.
 * After each write scenario, every id the client got a 2xx for is looked up in the database.
 * It prints figures; it never fails on a duration (it fails only if a 2xx write is missing).
 *
 * The load generator runs in a worker thread: the proxy lives in this process's event loop and
 * must not queue behind autocannon's.
 *
 * Environment: BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_CHARGE_DOSSIERS
 * (100000), BENCH_CHARGE_CLIENTS (64), BENCH_CHARGE_SECONDES (30), BENCH_CHARGE_ECHAUFFEMENT (5 s of
 * unmeasured load before each scenario), BENCH_OUT (JSON for bench/run.ts).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import pg from 'pg'
import { texteRiche } from '@/src/domain/texteRiche'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'

export type Scenario = 'liste-user' | 'liste-admin' | 'ecritures' | 'ecritures-panne'
export type Deploiement = '1 instance' | 'cluster 2 instances'

export interface Ids {
  dossiers: number[]
  documents: number[]
  messages: number[]
}

export interface MesureCharge {
  scenario: Scenario
  deploiement: Deploiement
  connexions: number
  secondes: number
  requetes: number
  requetesParSeconde: number
  /** Latencies of the 2xx answers (autocannon records only those), in ms. */
  p50: number
  p99: number
  non2xx: number
  /** Socket errors and timeouts. */
  erreursReseau: number
  /** non-2xx + socket errors. */
  erreurs: number
  codes: Record<string, number>
  /** Write scenarios: the 2xx writes the client saw, and how many of them the database holds. */
  ecritures?: { vues: number; trouvees: number; parType: Record<keyof Ids, { vues: number; trouvees: number }> }
  /** Kill scenario: when the instance was killed and how long its restart took, in s. */
  panne?: { instance: string; tueeA: number; redemarreeEn: number }
}

export interface ResultatCharge {
  dossiers: number
  echauffement: number
  connexions: number
  secondes: number
  mesures: MesureCharge[]
}

interface DonneesClient {
  type: 'charge-client'
  url: string
  scenario: Scenario
  connexions: number
  secondes: number
  jetonUser: string
  jetonAdmin: string
  monde: { company: number; opco: number; provider: number }
  /** Where uploads and messages go when this connection's last create failed. */
  dossiersDeSecours: number[]
}

interface ResultatClient {
  requetes: number
  requetesParSeconde: number
  p50: number
  p99: number
  non2xx: number
  erreurs: number
  timeouts: number
  codes: Record<string, number>
  ids: Ids
}

// ---------------------------------------------------------------------------------------------
// Load generator (worker thread)

interface RequeteAutocannon {
  method?: string
  path?: string
  headers?: Record<string, string>
  body?: string | Buffer
  setupRequest?: (req: RequeteAutocannon, contexte: Record<string, unknown>) => RequeteAutocannon
  onResponse?: (status: number, corps: string, contexte: Record<string, unknown>) => void
}
interface ResultatAutocannon {
  /** Raw result (as a worker thread gets it) only, like `duration` below. */
  totalCompletedRequests: number
  /** Seconds. */
  duration: number
  latency: { p50: number; p99: number }
  non2xx: number
  errors: number
  timeouts: number
  statusCodeStats: Record<string, { count: number }>
}
interface OptionsAutocannon {
  url: string
  connections: number
  duration: number
  timeout?: number
  requests: RequeteAutocannon[]
}
type Autocannon = ((options: OptionsAutocannon) => Promise<ResultatAutocannon>) & {
  aggregateResult: (resultats: unknown[], options: OptionsAutocannon) => ResultatAutocannon
}

const jourIso = (jours: number) => new Date(Date.now() + jours * 86_400_000).toISOString().slice(0, 10)

function idCree(status: number, corps: string): number | null {
  if (status < 200 || status >= 300) return null
  try {
    const id = (JSON.parse(corps) as { doc?: { id?: unknown } }).doc?.id
    return typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null
  } catch {
    return null
  }
}

async function client(d: DonneesClient): Promise<ResultatClient> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon
  const user = { Authorization: `JWT ${d.jetonUser}` }
  const admin = { Authorization: `JWT ${d.jetonAdmin}` }
  const ids: Ids = { dossiers: [], documents: [], messages: [] }
  let requests: RequeteAutocannon[]
  if (d.scenario === 'liste-user') requests = [{ method: 'GET', path: '/api/dossiers?limit=50&depth=0', headers: user }]
  else if (d.scenario === 'liste-admin') {
    requests = [{ method: 'GET', path: '/api/dossiers?limit=50&depth=0&where%5Bstatus%5D%5Bequals%5D=soumis', headers: admin }]
  } else {
    // One cycle per connection: create, then upload to and write on the dossier just created
    // (autocannon keeps a context per connection over a cycle).
    let n = 0
    let secours = 0
    const cible = (c: Record<string, unknown>): number => (c.dossier as number | undefined) ?? d.dossiersDeSecours[secours++ % d.dossiersDeSecours.length]!
    const limite = `----monopco-charge-${crypto.randomBytes(8).toString('hex')}`
    const json = { ...user, 'Content-Type': 'application/json' }
    requests = [
      {
        method: 'POST',
        path: '/api/dossiers',
        headers: json,
        setupRequest: (req) => {
          const i = ++n
          return {
            ...req,
            body: JSON.stringify({
              typeFormation: 'formation',
              company: d.monde.company,
              opco: d.monde.opco,
              beneficiaire: { nom: 'Charge', prenom: `Claire ${i}`, email: `claire.charge.${i}@exemple.fr`, telephone: '0601020304' },
              formation: {
                titre: `Charge n° ${i}`,
                objectifs: texteRiche('Être capable de construire des tableaux croisés dynamiques.'),
                programme: 'Jour 1 : tableaux structurés.\nJour 2 : tableaux croisés dynamiques.',
                organisme: d.monde.provider,
                dureeHeures: 14,
                dateDebut: jourIso(60),
                dateFin: jourIso(61),
                modalite: 'presentiel',
              },
              coutTotalHT: 140000,
            }),
          }
        },
        onResponse: (status, corps, contexte) => {
          const id = idCree(status, corps)
          if (id !== null) {
            ids.dossiers.push(id)
            contexte.dossier = id
          }
        },
      },
      {
        method: 'POST',
        path: '/api/documents',
        headers: { ...user, 'Content-Type': `multipart/form-data; boundary=${limite}` },
        setupRequest: (req, contexte) => {
          const dossier = cible(contexte)
          const body = Buffer.concat([
            Buffer.from(`--${limite}\r\nContent-Disposition: form-data; name="file"; filename="devis-${dossier}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
            PDF_MINIMAL,
            Buffer.from(`\r\n--${limite}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n${JSON.stringify({ dossier, documentType: 'devis' })}\r\n--${limite}--\r\n`),
          ])
          return { ...req, body }
        },
        onResponse: (status, corps) => {
          const id = idCree(status, corps)
          if (id !== null) ids.documents.push(id)
        },
      },
      {
        method: 'POST',
        path: '/api/messages',
        headers: json,
        setupRequest: (req, contexte) => ({
          ...req,
          headers: { ...json, 'Idempotency-Key': `charge-${crypto.randomUUID()}` },
          body: JSON.stringify({ dossier: cible(contexte), body: texteRiche('Bonjour, voici le devis signé.') }),
        }),
        onResponse: (status, corps) => {
          const id = idCree(status, corps)
          if (id !== null) ids.messages.push(id)
        },
      },
    ]
  }
  const options: OptionsAutocannon = { url: d.url, connections: d.connexions, duration: d.secondes, timeout: 30, requests }
  const brut = await autocannon(options)
  // In a worker thread autocannon hands back its raw histograms (it expects to be one of its own workers).
  const r = 'latency' in brut ? brut : autocannon.aggregateResult([brut], options)
  return {
    requetes: brut.totalCompletedRequests,
    requetesParSeconde: brut.totalCompletedRequests / brut.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    erreurs: r.errors,
    timeouts: r.timeouts,
    codes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([c, v]) => [c, v.count])),
    ids,
  }
}

/** Runs the load in a worker thread (this same file) and waits for its figures. */
function lancerClient(d: Omit<DonneesClient, 'type'>): Promise<ResultatClient> {
  return new Promise((resolve, reject) => {
    // Worker threads do not inherit `--import tsx` (Node 20): register it before loading this file.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href
    const amorce = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}) })`
    const w = new Worker(amorce, { eval: true, workerData: { ...d, type: 'charge-client' } satisfies DonneesClient })
    let fini = false
    w.once('message', (m: ResultatClient) => {
      fini = true
      resolve(m)
    })
    w.once('error', reject)
    w.once('exit', (code) => {
      if (!fini) reject(new Error(`générateur de charge arrêté sans résultat (code ${code})`))
    })
  })
}

// ---------------------------------------------------------------------------------------------
// Orchestration (main thread)

const nombre = (nom: string, defaut: number): number => {
  const v = Number(process.env[nom] ?? defaut)
  return Number.isFinite(v) && v > 0 ? v : defaut
}

async function connecterHttp(url: string, email: string, motDePasse: string): Promise<string> {
  // Login is rate-limited per IP (AUTH_RATE_LIMIT_MAX): one login per role and deployment.
  for (let essai = 0; ; essai++) {
    const res = await fetch(`${url}/api/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: motDePasse }) }).catch(() => null)
    const corps = res ? ((await res.json().catch(() => ({}))) as { token?: string }) : {}
    if (res?.status === 200 && corps.token) return corps.token
    if (essai >= 3) throw new Error(`connexion de ${email} : ${res?.status ?? 'pas de réponse'} ${JSON.stringify(corps).slice(0, 300)}`)
    await new Promise((r) => setTimeout(r, 1000))
  }
}

async function compterPresents(databaseUrl: string, ids: Ids): Promise<NonNullable<MesureCharge['ecritures']>> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const parType = {} as NonNullable<MesureCharge['ecritures']>['parType']
    for (const table of ['dossiers', 'documents', 'messages'] as const) {
      const uniques = [...new Set(ids[table])]
      const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE id = ANY($1::int[])`, [uniques])
      parType[table] = { vues: ids[table].length, trouvees: Number(rows[0]?.n ?? 0) }
    }
    const vues = Object.values(parType).reduce((s, x) => s + x.vues, 0)
    const trouvees = Object.values(parType).reduce((s, x) => s + x.trouvees, 0)
    return { vues, trouvees, parType }
  } finally {
    await c.end()
  }
}

export interface OptionsCharge {
  pgUrl: string
  dossiers?: number
  connexions?: number
  secondes?: number
  /** Seconds of unmeasured load before each scenario. */
  echauffement?: number
  log?: (ligne: string) => void
}

/** Seeds its own database, runs the scenarios on both deployments, drops everything it started. */
export async function mesurerCharge(options: OptionsCharge): Promise<ResultatCharge> {
  const log = options.log ?? ((l: string) => console.log(l))
  const dossiers = options.dossiers ?? 100_000
  const connexions = options.connexions ?? 64
  const secondes = options.secondes ?? 30
  const echauffement = options.echauffement ?? 5
  process.env.TEST_DB = 'postgres'
  process.env.TEST_DATABASE_URL = options.pgUrl
  const [{ demarrerPayload, fermerPayload }, { creerMonde, MOT_DE_PASSE }, { insererDossiersEnMasse }, { demarrerCluster }] = await Promise.all([
    import('@/tests/helpers/payload'),
    import('@/tests/helpers/fixtures'),
    import('./seed-bulk'),
    import('@/scripts/cluster'),
  ])

  // A database of its own (monopco_t_bench_charge_<pid>_<hex>), migrated, seeded in this process.
  const t0 = performance.now()
  const ctx = await demarrerPayload('bench_charge')
  let cluster: Awaited<ReturnType<typeof demarrerCluster>> | null = null
  const journal: string[] = []
  const arreterTout = async () => {
    await cluster?.arreter().catch(() => undefined)
    cluster = null
    await ctx.base.supprimer().catch(() => undefined)
  }
  const surSignal = () => void arreterTout().finally(() => process.exit(130))
  process.once('SIGINT', surSignal)
  process.once('SIGTERM', surSignal)

  try {
    const monde = await creerMonde(ctx.payload)
    await insererDossiersEnMasse(ctx.payload, monde, dossiers, { bavard: true })
    const secours = (await ctx.payload.find({ collection: 'dossiers', where: { and: [{ owner: { equals: monde.userA.id } }, { status: { equals: 'brouillon' } }] }, limit: 64, depth: 0, overrideAccess: true })).docs.map((x) => Number(x.id))
    await fermerPayload(ctx.payload)
    fs.rmSync(ctx.dossierFichiers, { recursive: true, force: true })
    log(`  base ${ctx.base.url.replace(/\/\/[^@/]*@/, '//…@')} prête en ${((performance.now() - t0) / 1000).toFixed(0)} s`)

    const mesures: MesureCharge[] = []
    const payloadSecret = crypto.randomBytes(32).toString('hex')
    for (const [deploiement, webInstances] of [['1 instance', 1], ['cluster 2 instances', 2]] as const) {
      log(`\n  -- ${deploiement} : démarrage…`)
      journal.length = 0
      cluster = await demarrerCluster({
        databaseUrl: ctx.base.url,
        webInstances,
        workers: 2,
        env: { PAYLOAD_SECRET: payloadSecret },
        journal: (l) => {
          journal.push(l)
          if (journal.length > 300) journal.shift()
        },
      })
      const c = cluster
      const jetonUser = await connecterHttp(c.url, monde.userA.email, MOT_DE_PASSE)
      const jetonAdmin = await connecterHttp(c.url, monde.admin.email, MOT_DE_PASSE)
      const commun = { url: c.url, connexions, secondes, jetonUser, jetonAdmin, monde: { company: Number(monde.companyA.id), opco: Number(monde.opcoA.id), provider: Number(monde.provider.id) }, dossiersDeSecours: secours }
      const scenarios: Scenario[] = ['liste-user', 'liste-admin', 'ecritures', ...(webInstances > 1 ? (['ecritures-panne'] as const) : [])]
      for (const scenario of scenarios) {
        // Fresh instances load each route on first use: warm every kind of request up, unmeasured.
        if (echauffement > 0 && scenario !== 'ecritures-panne') await lancerClient({ ...commun, scenario, secondes: echauffement })
        let panne: MesureCharge['panne']
        let arretPanne: Promise<void> = Promise.resolve()
        if (scenario === 'ecritures-panne') {
          const cible = c.webs[0]!
          arretPanne = new Promise<void>((resolve, reject) => {
            setTimeout(() => {
              const debut = performance.now()
              log(`     kill -9 de ${cible.nom} (pid ${cible.pid()}) à ${(secondes / 3).toFixed(0)} s, puis redémarrage`)
              c.tuer(cible)
                .then(() => c.redemarrer(cible))
                .then(() => {
                  panne = { instance: cible.nom, tueeA: secondes / 3, redemarreeEn: (performance.now() - debut) / 1000 }
                  resolve()
                }, reject)
            }, (secondes / 3) * 1000)
          })
        }
        const r = await lancerClient({ ...commun, scenario: scenario === 'ecritures-panne' ? 'ecritures' : scenario })
        await arretPanne
        const m: MesureCharge = {
          scenario,
          deploiement,
          connexions,
          secondes,
          requetes: r.requetes,
          requetesParSeconde: r.requetesParSeconde,
          p50: r.p50,
          p99: r.p99,
          non2xx: r.non2xx,
          erreursReseau: r.erreurs,
          erreurs: r.non2xx + r.erreurs,
          codes: r.codes,
          panne,
        }
        if (scenario.startsWith('ecritures')) m.ecritures = await compterPresents(ctx.base.url, r.ids)
        mesures.push(m)
        const e = m.ecritures ? ` ; écritures 2xx vues ${m.ecritures.vues}, en base ${m.ecritures.trouvees}` : ''
        log(`     ${scenario.padEnd(15)} ${m.requetesParSeconde.toFixed(1)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  erreurs ${m.erreurs}  codes ${JSON.stringify(m.codes)}${e}`)
      }
      await c.arreter()
      cluster = null
    }
    return { dossiers, echauffement, connexions, secondes, mesures }
  } catch (e) {
    if (journal.length > 0) process.stderr.write(`\n--- journal du cluster ---\n${journal.slice(-60).join('\n')}\n`)
    throw e
  } finally {
    await arreterTout()
    process.removeListener('SIGINT', surSignal)
    process.removeListener('SIGTERM', surSignal)
  }
}

const NOMS: Record<Scenario, string> = {
  'liste-user': '(a) liste, user',
  'liste-admin': '(b) liste admin filtrée',
  ecritures: '(c) écritures mixtes',
  'ecritures-panne': '(c) + kill -9 d’une instance',
}

function tableau(entetes: string[], lignes: string[][]): string {
  const largeurs = entetes.map((e, i) => Math.max(e.length, ...lignes.map((l) => (l[i] ?? '').length)))
  const fmt = (l: string[]) => l.map((c, i) => (i < 2 ? c.padEnd(largeurs[i]!) : c.padStart(largeurs[i]!))).join('  ')
  return [fmt(entetes), largeurs.map((l) => '-'.repeat(l)).join('  '), ...lignes.map(fmt)].join('\n')
}

/** The load table, the cluster / 1-instance ratios and the write check, as `npm run bench` prints them. */
export function afficherCharge(r: ResultatCharge): string {
  const sorties: string[] = [
    `\n${r.dossiers} dossiers, ${r.connexions} clients simultanés, ${r.secondes} s par ligne (après ${r.echauffement} s d’échauffement) ; latences des réponses 2xx en ms ; erreurs = non-2xx + erreurs réseau.\n`,
    tableau(
      ['scénario', 'déploiement', 'req/s', 'p50', 'p99', 'erreurs', 'écritures 2xx', 'en base'],
      r.mesures.map((m) => [NOMS[m.scenario], m.deploiement, m.requetesParSeconde.toFixed(1), String(m.p50), String(m.p99), String(m.erreurs), m.ecritures ? String(m.ecritures.vues) : '', m.ecritures ? String(m.ecritures.trouvees) : '']),
    ),
    '\nCluster / 1 instance :',
  ]
  for (const s of ['liste-user', 'liste-admin', 'ecritures'] as const) {
    const un = r.mesures.find((m) => m.scenario === s && m.deploiement === '1 instance')
    const deux = r.mesures.find((m) => m.scenario === s && m.deploiement === 'cluster 2 instances')
    if (un && deux) sorties.push(`  ${NOMS[s].padEnd(24)} req/s ×${(deux.requetesParSeconde / un.requetesParSeconde).toFixed(2)}, p50 ×${(deux.p50 / un.p50).toFixed(2)}, p99 ×${(deux.p99 / un.p99).toFixed(2)}`)
  }
  for (const m of r.mesures.filter((x) => x.ecritures)) {
    const e = m.ecritures!
    const detail = Object.entries(e.parType).map(([t, x]) => `${t} ${x.vues}/${x.trouvees}`).join(', ')
    sorties.push(`Écritures ${NOMS[m.scenario]} (${m.deploiement}) : ${e.vues} réponses 2xx, ${e.trouvees} en base — ${e.vues === e.trouvees ? 'égal' : 'DIFFÉRENT'} (${detail})`)
    if (m.panne) sorties.push(`  ${m.panne.instance} tuée à ${m.panne.tueeA.toFixed(0)} s, de nouveau prête ${m.panne.redemarreeEn.toFixed(1)} s plus tard ; codes ${JSON.stringify(m.codes)}`)
  }
  return sorties.join('\n')
}

async function main(): Promise<void> {
  const r = await mesurerCharge({
    pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    dossiers: nombre('BENCH_CHARGE_DOSSIERS', 100_000),
    connexions: nombre('BENCH_CHARGE_CLIENTS', 64),
    secondes: nombre('BENCH_CHARGE_SECONDES', 30),
    echauffement: Number(process.env.BENCH_CHARGE_ECHAUFFEMENT ?? 5),
  })
  console.log(afficherCharge(r))
  const fichier = path.resolve('bench/results/charge.json')
  fs.mkdirSync(path.dirname(fichier), { recursive: true })
  fs.writeFileSync(fichier, JSON.stringify({ date: new Date().toISOString(), ...r }, null, 2) + '\n')
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(r))
  const perdues = r.mesures.filter((m) => m.ecritures && m.ecritures.vues !== m.ecritures.trouvees)
  if (perdues.length > 0) throw new Error(`écritures confirmées (2xx) absentes de la base : ${perdues.map((m) => `${m.scenario} ${m.deploiement}`).join(', ')}`)
}

if (!isMainThread && (workerData as DonneesClient | undefined)?.type === 'charge-client') {
  client(workerData as DonneesClient).then((r) => parentPort!.postMessage(r))
} else if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e)
      process.exit(1)
    },
  )
}
