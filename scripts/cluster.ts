/**
 * `npm run cluster`: several machines' worth of MonOPCO on one machine, from the built app
 * (`next build`), to try and test what only shows with several processes (job claims, schedules,
 * the shared rate limit, files in a bucket):
 *
 *   PostgreSQL (DATABASE_URL, migrated first) ← 2 web instances (scripts/server.mjs, JOBS_AUTORUN=false)
 *                                             ← 2 job workers (scripts/worker.ts, what `npm run jobs` runs)
 *   an s3rver bucket for the documents, and a small round-robin reverse proxy in front of the web
 *   instances: its URL is the app's (SERVER_URL).
 *
 * SQLite is one machine by nature (one file): refused. Ctrl-C / SIGTERM stops everything; the
 * children also stop by themselves if this process dies (scripts/surveillerParent.mjs).
 * `demarrerCluster` is what the cluster tests (tests/cluster) and the bench use.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const RACINE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SURVEILLANCE = path.join(RACINE, 'scripts/surveillerParent.mjs')
const BUCKET = 'monopco-cluster'
const CLES_S3 = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
/** What scripts/worker.ts logs once Payload is up and its loop starts. */
const WORKER_PRET = 'Worker de tâches démarré'
const DELAI_DEMARRAGE_MS = 180_000
const LIGNES_GARDEES = 400

export class ErreurCluster extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ErreurCluster'
  }
}

export interface OptionsCluster {
  /** postgres://… : the one database every process shares. */
  databaseUrl: string
  webInstances?: number
  workers?: number
  /** The proxy's port (0: any free port) and address. */
  port?: number
  hote?: string
  /** Every child's environment on top of this process's (RESEND_*, CHROMIUM_PATH, LOG_LEVEL…). */
  env?: Record<string, string>
  /** Only the web instances' / only the workers' (e.g. the test of the tests' unguarded claims). */
  envWeb?: Record<string, string>
  envWorkers?: Record<string, string>
  /** Where the bucket and the other files live; a temporary folder (removed by `arreter`) by default. */
  dossierDonnees?: string
  /** Runs once the database is migrated, before any web instance or worker starts (the tests' probes). */
  apresMigration?: () => Promise<void>
  /** Each line the children write, prefixed with their name (the CLI prints them; tests keep them). */
  journal?: (ligne: string) => void
}

export interface ProcessusCluster {
  nom: string
  role: 'web' | 'worker'
  /** Web instances only: where the proxy reaches it directly. */
  url: string | null
  pid: () => number | undefined
  vivant: () => boolean
  /** Its last lines of output (stdout and stderr). */
  sortie: () => string
}

export interface Cluster {
  /** The proxy: the app's address (SERVER_URL of every instance). */
  url: string
  webs: ProcessusCluster[]
  workers: ProcessusCluster[]
  payloadSecret: string
  s3: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; dossier: string }
  /** kill -9 of the process and of its children (a worker's Chromium), as a machine lost would. */
  tuer: (p: ProcessusCluster) => Promise<void>
  /** Starts it again (same port for a web instance) and waits until it is ready. */
  redemarrer: (p: ProcessusCluster) => Promise<void>
  arreter: () => Promise<void>
}

interface Enfant extends ProcessusCluster {
  processus: ChildProcess | null
  port: number | null
  lignes: string[]
  lancer: () => Promise<void>
}

export async function portLibre(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** The build `next start` would serve: NEXT_DIST_DIR (default .next) with its BUILD_ID. */
export function verifierBuild(distDir = process.env.NEXT_DIST_DIR || '.next'): void {
  if (!fs.existsSync(path.resolve(RACINE, distDir, 'BUILD_ID'))) {
    throw new ErreurCluster(`Application non construite : « ${distDir}/BUILD_ID » introuvable. Lancez d'abord « npm run build » (avec le même NEXT_DIST_DIR).`)
  }
}

export function verifierBasePostgres(url: string | undefined): string {
  if (!url) throw new ErreurCluster('DATABASE_URL manquant : le cluster a besoin d’une base PostgreSQL partagée (ex. postgres://postgres@127.0.0.1:5432/monopco).')
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new ErreurCluster(`DATABASE_URL doit désigner une base PostgreSQL (postgres://…) : SQLite est un fichier sur une seule machine, plusieurs instances ne peuvent pas le partager (reçu « ${url.split(':')[0]}: »).`)
  }
  return url
}

const attendre = (ms: number) => new Promise((r) => setTimeout(r, ms))

function tuerGroupe(p: ChildProcess, signal: NodeJS.Signals): void {
  if (p.pid === undefined || p.exitCode !== null || p.signalCode !== null) return
  try {
    // Each child leads its own process group (detached): the worker's Chromium goes with it.
    process.kill(-p.pid, signal)
  } catch {
    p.kill(signal)
  }
}

async function attendreFin(p: ChildProcess, ms: number): Promise<boolean> {
  if (p.exitCode !== null || p.signalCode !== null) return true
  let minuterie: NodeJS.Timeout | undefined
  const delai = new Promise<boolean>((r) => (minuterie = setTimeout(() => r(false), ms)))
  const fin = await Promise.race([new Promise<boolean>((r) => p.once('exit', () => r(true))), delai])
  clearTimeout(minuterie)
  return fin
}

async function executer(nom: string, args: string[], env: NodeJS.ProcessEnv, journal: (l: string) => void): Promise<void> {
  const p = spawn(process.execPath, args, { cwd: RACINE, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let sortie = ''
  const lire = (d: Buffer) => {
    sortie += d.toString()
    for (const l of d.toString().split('\n')) if (l.trim() !== '') journal(`[${nom}] ${l}`)
  }
  p.stdout.on('data', lire)
  p.stderr.on('data', lire)
  const code = await new Promise<number | null>((r) => p.once('exit', (c) => r(c)))
  if (code !== 0) throw new ErreurCluster(`${nom} a échoué (code ${String(code)}) :\n${sortie.slice(-4000)}`)
}

/** The bucket's server (scripts/cluster-s3.mjs), ready when it says so. */
async function demarrerS3(port: number, dossier: string, bucket: string): Promise<ChildProcess> {
  const p = spawn(process.execPath, ['--no-experimental-require-module', '--import', SURVEILLANCE, 'scripts/cluster-s3.mjs', String(port), dossier, bucket], {
    cwd: RACINE,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let sortie = ''
  await new Promise<void>((resolve, reject) => {
    p.stdout!.on('data', (d: Buffer) => {
      sortie += d.toString()
      if (sortie.includes('prêt')) resolve()
    })
    p.stderr!.on('data', (d: Buffer) => (sortie += d.toString()))
    p.once('exit', (code) => reject(new ErreurCluster(`le stockage S3 local (s3rver) s'est arrêté (code ${String(code)}) :\n${sortie.slice(-2000)}`)))
  })
  return p
}

/** The reverse proxy: round-robin, X-Forwarded-For, bodies streamed both ways, dead instances skipped. */
function creerProxy(cibles: () => number[]): http.Server {
  let suivant = 0
  const repondre502 = (res: http.ServerResponse) => {
    if (res.headersSent) return void res.destroy()
    res.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ errors: [{ message: 'Aucune instance de MonOPCO ne répond pour le moment : réessayez dans un instant.' }] }))
  }
  return http.createServer((req, res) => {
    const ports = cibles()
    const depart = suivant++
    const existant = req.headers['x-forwarded-for']
    const chaine = (Array.isArray(existant) ? existant.join(', ') : existant ?? '').trim()
    const ip = req.socket.remoteAddress ?? ''
    const entetes: http.OutgoingHttpHeaders = { ...req.headers, 'x-forwarded-for': chaine === '' ? ip : `${chaine}, ${ip}`, 'x-forwarded-proto': 'http' }
    if (req.headers.host) entetes['x-forwarded-host'] = req.headers.host
    delete entetes.connection
    delete entetes['keep-alive']
    let amont: http.ClientRequest | null = null
    // A client gone (or a kill) stops the request upstream too.
    res.once('close', () => {
      if (!res.writableFinished) amont?.destroy()
    })

    const essayer = (i: number): void => {
      if (res.destroyed) return
      if (i >= ports.length) return repondre502(res)
      const port = ports[(depart + i) % ports.length]!
      // One connection per request: a kept-alive socket to an instance killed since would fail
      // after the body was sent, where it could no longer go to another instance.
      const requete = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: entetes, agent: false })
      amont = requete
      let connecte = false
      requete.once('socket', (s) => {
        s.once('connect', () => {
          connecte = true
          // The body is read only once an instance accepted the connection: a refused one costs nothing.
          req.pipe(requete)
        })
      })
      requete.once('response', (r) => {
        const h = { ...r.headers }
        delete h.connection
        delete h['keep-alive']
        res.writeHead(r.statusCode ?? 502, h)
        r.pipe(res)
        r.once('aborted', () => res.destroy())
        r.once('error', () => res.destroy())
      })
      requete.once('error', () => {
        if (!connecte) return essayer(i + 1)
        // The instance died with the request in flight: it may or may not have acted on it.
        repondre502(res)
      })
    }
    essayer(0)
  })
}

export async function demarrerCluster(options: OptionsCluster): Promise<Cluster> {
  const databaseUrl = verifierBasePostgres(options.databaseUrl)
  verifierBuild()
  const journal = options.journal ?? (() => undefined)
  const nbWebs = options.webInstances ?? 2
  const nbWorkers = options.workers ?? 2
  const dossierTemporaire = options.dossierDonnees === undefined
  const dossier = options.dossierDonnees ?? fs.mkdtempSync(path.join(os.tmpdir(), 'monopco-cluster-'))
  fs.mkdirSync(path.join(dossier, 's3'), { recursive: true })
  fs.mkdirSync(path.join(dossier, 'fichiers'), { recursive: true })

  const payloadSecret = options.env?.PAYLOAD_SECRET || process.env.PAYLOAD_SECRET || crypto.randomBytes(32).toString('hex')
  const portS3 = await portLibre()
  const s3 = { endpoint: `http://127.0.0.1:${portS3}`, bucket: BUCKET, ...CLES_S3, dossier: path.join(dossier, 's3') }

  const proxy = creerProxy(() => webs.map((w) => w.port!))
  const hote = options.hote ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject)
    proxy.listen(options.port ?? 0, hote, () => resolve())
  })
  const portProxy = (proxy.address() as net.AddressInfo).port
  const url = `http://${hote === '0.0.0.0' ? '127.0.0.1' : hote}:${portProxy}`

  // This process's environment minus what belongs to it alone (jest's NODE_OPTIONS, its own PORT).
  const { NODE_OPTIONS: _n, PORT: _p, HOSTNAME: _h, NEXT_PHASE: _ph, ...herite } = process.env
  const commun: NodeJS.ProcessEnv = {
    ...herite,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PAYLOAD_SECRET: payloadSecret,
    SERVER_URL: url,
    // Plain http on this machine: a Secure cookie would never come back.
    COOKIE_SECURE: 'false',
    SEED_DEMO_DATA: 'false',
    JOBS_AUTORUN: 'false',
    TRUST_PROXY: 'true',
    UPLOADS_DIR: path.join(dossier, 'fichiers'),
    BACKUP_DIR: path.join(dossier, 'sauvegardes'),
    S3_BUCKET: s3.bucket,
    S3_REGION: 'eu-west-3',
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
    ...options.env,
  }

  let s3rver: ChildProcess | null = null
  const enfants: Enfant[] = []
  const webs: Enfant[] = []
  const workers: Enfant[] = []
  let arrete = false

  const arreter = async () => {
    if (arrete) return
    arrete = true
    await new Promise<void>((r) => {
      proxy.close(() => r())
      proxy.closeAllConnections()
    })
    for (const e of enfants) if (e.processus) tuerGroupe(e.processus, 'SIGTERM')
    await Promise.all(
      enfants.map(async (e) => {
        if (e.processus && !(await attendreFin(e.processus, 15_000))) {
          tuerGroupe(e.processus, 'SIGKILL')
          await attendreFin(e.processus, 5000)
        }
      }),
    )
    if (s3rver) {
      tuerGroupe(s3rver, 'SIGTERM')
      if (!(await attendreFin(s3rver, 5000))) tuerGroupe(s3rver, 'SIGKILL')
    }
    if (dossierTemporaire) fs.rmSync(dossier, { recursive: true, force: true })
  }

  try {
    journal(`[cluster] migration de la base…`)
    await executer('migration', ['--conditions=development', '--import', 'tsx', 'scripts/migrate.ts'], commun, journal)
    await options.apresMigration?.()

    s3rver = await demarrerS3(portS3, s3.dossier, s3.bucket)

    const creerEnfant = (role: 'web' | 'worker', nom: string, port: number | null, args: string[], env: NodeJS.ProcessEnv): Enfant => {
      const e: Enfant = {
        nom,
        role,
        port,
        url: port === null ? null : `http://127.0.0.1:${port}`,
        processus: null,
        lignes: [],
        pid: () => e.processus?.pid,
        vivant: () => e.processus !== null && e.processus.exitCode === null && e.processus.signalCode === null,
        sortie: () => e.lignes.join('\n'),
        lancer: async () => {
          const p = spawn(process.execPath, ['--import', SURVEILLANCE, ...args], { cwd: RACINE, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
          e.processus = p
          let pret = false
          let reste = ''
          const lire = (d: Buffer) => {
            const morceaux = (reste + d.toString()).split('\n')
            reste = morceaux.pop() ?? ''
            for (const l of morceaux) {
              if (l.trim() === '') continue
              e.lignes.push(l)
              if (e.lignes.length > LIGNES_GARDEES) e.lignes.shift()
              if (role === 'worker' && l.includes(WORKER_PRET)) pret = true
              journal(`[${nom}] ${l}`)
            }
          }
          p.stdout!.on('data', lire)
          p.stderr!.on('data', lire)
          const limite = Date.now() + DELAI_DEMARRAGE_MS
          for (;;) {
            if (p.exitCode !== null || p.signalCode !== null) throw new ErreurCluster(`${nom} s'est arrêté au démarrage (code ${String(p.exitCode ?? p.signalCode)}) :\n${e.sortie().slice(-4000)}`)
            if (role === 'worker' && pret) return
            if (role === 'web') {
              const ok = await fetch(`${e.url!}/api/health`).then((r) => r.status === 200, () => false)
              if (ok) return
            }
            if (Date.now() > limite) {
              tuerGroupe(p, 'SIGKILL')
              throw new ErreurCluster(`${nom} n'était pas prêt après ${DELAI_DEMARRAGE_MS / 1000} s :\n${e.sortie().slice(-4000)}`)
            }
            await attendre(250)
          }
        },
      }
      enfants.push(e)
      return e
    }

    for (let i = 1; i <= nbWebs; i++) {
      const port = await portLibre()
      const env = { ...commun, ...options.envWeb, PORT: String(port), HOSTNAME: '127.0.0.1' }
      webs.push(creerEnfant('web', `web${i}`, port, ['scripts/server.mjs'], env))
    }
    for (let i = 1; i <= nbWorkers; i++) {
      // What `npm run jobs` runs, without npm and tsx's own wrapper process in between: the pid
      // the tests kill -9 is the worker's.
      const env = { ...commun, ...options.envWorkers }
      workers.push(creerEnfant('worker', `worker${i}`, null, ['--conditions=development', '--import', 'tsx', 'scripts/worker.ts'], env))
    }
    await Promise.all(enfants.map((e) => e.lancer()))
  } catch (err) {
    await arreter()
    throw err
  }

  const trouver = (p: ProcessusCluster): Enfant => {
    const e = enfants.find((x) => x.nom === p.nom)
    if (!e) throw new ErreurCluster(`processus inconnu : ${p.nom}`)
    return e
  }
  return {
    url,
    webs,
    workers,
    payloadSecret,
    s3,
    tuer: async (p) => {
      const e = trouver(p)
      if (!e.processus) return
      tuerGroupe(e.processus, 'SIGKILL')
      await attendreFin(e.processus, 10_000)
    },
    redemarrer: async (p) => {
      const e = trouver(p)
      if (e.vivant()) {
        tuerGroupe(e.processus!, 'SIGTERM')
        if (!(await attendreFin(e.processus!, 15_000))) tuerGroupe(e.processus!, 'SIGKILL')
      }
      await e.lancer()
    },
    arreter,
  }
}

async function main(): Promise<void> {
  const journal = (l: string) => console.log(l)
  const cluster = await demarrerCluster({
    databaseUrl: verifierBasePostgres(process.env.DATABASE_URL),
    port: process.env.PORT ? Number(process.env.PORT) : 3000,
    dossierDonnees: path.join(RACINE, 'data/cluster'),
    journal,
  })
  let arret = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (arret) return
      arret = true
      console.log(`\nArrêt du cluster (${signal})…`)
      void cluster.arreter().then(() => process.exit(0))
    })
  }
  console.log(
    [
      '',
      `MonOPCO en cluster prêt : ${cluster.url}`,
      `  ${cluster.webs.length} instances web (${cluster.webs.map((w) => w.url).join(', ')}), ${cluster.workers.length} workers de tâches`,
      `  documents dans le bucket « ${cluster.s3.bucket} » (s3rver ${cluster.s3.endpoint}, fichiers dans data/cluster/s3)`,
      '  Ctrl-C pour tout arrêter.',
    ].join('\n'),
  )
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof ErreurCluster ? `ÉCHEC : ${err.message}` : err)
    process.exit(1)
  })
}
