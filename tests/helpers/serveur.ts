import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import net from 'node:net'
import path from 'node:path'
import { demarrerPayload, type ContexteTest } from './payload'
import { MOT_DE_PASSE, type Monde } from './fixtures'
import { SANS_FICHIERS_ENV } from './sansConfigurationLocale'

/**
 * The built app (`next build` output) served by our production server (scripts/server.mjs) on 127.0.0.1, on its own fresh
 * database, for tests over real HTTP. The Local API on the same database is returned too,
 * to check what was (not) written.
 */
export interface ServeurDeTest extends ContexteTest {
  url: string
  arreter: () => Promise<void>
  journal: () => string
  /**
   * Another server process on the same database, files and secret (several instances behind a
   * load balancer); stopped by its own `arreter`, or with this one's.
   */
  autreInstance: (envServeur?: Record<string, string>) => Promise<InstanceDeTest>
}

export interface InstanceDeTest {
  url: string
  arreter: () => Promise<void>
  journal: () => string
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

export async function demarrerServeur(nom: string, envServeur: Record<string, string> = {}): Promise<ServeurDeTest> {
  // One secret for the server and the test's Local API, so JWTs and API keys agree.
  const secret = crypto.randomBytes(32).toString('hex')
  const ctx = await demarrerPayload(nom, { PAYLOAD_SECRET: secret })
  try {
    return await lancer(ctx, secret, envServeur)
  } catch (err) {
    // A server that never came up must not leave its database behind.
    await ctx.fermer().catch(() => undefined)
    throw err
  }
}

async function lancer(ctx: ContexteTest, secret: string, envServeur: Record<string, string>): Promise<ServeurDeTest> {
  const principale = await lancerProcessus(ctx, secret, envServeur)
  const autres: InstanceDeTest[] = []
  return {
    ...ctx,
    url: principale.url,
    journal: principale.journal,
    autreInstance: async (envAutre = envServeur) => {
      const instance = await lancerProcessus(ctx, secret, envAutre)
      autres.push(instance)
      return instance
    },
    arreter: async () => {
      await Promise.all([principale, ...autres].map((i) => i.arreter()))
      await ctx.fermer()
    },
  }
}

async function lancerProcessus(ctx: ContexteTest, secret: string, envServeur: Record<string, string>): Promise<InstanceDeTest> {
  const port = await portLibre()
  const url = `http://127.0.0.1:${port}`
  let sortie = ''
  const child: ChildProcess = spawn(process.execPath, [path.resolve('scripts/server.mjs')], {
    env: {
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...SANS_FICHIERS_ENV,
      NODE_ENV: 'production',
      DATABASE_URL: ctx.base.url,
      // The same files as the test's Local API (documents it creates are served by the server).
      UPLOADS_DIR: ctx.dossierFichiers,
      PAYLOAD_SECRET: secret,
      SERVER_URL: url,
      SEED_DEMO_DATA: 'false',
      // Tests run jobs themselves (payload.jobs.run) so they see every event.
      JOBS_AUTORUN: 'false',
      AUTH_RATE_LIMIT_MAX: '1000',
      // Hermetic: no test reaches the State's public register; tests of the lookup start a local one.
      ENTREPRISES_API_URL: 'http://127.0.0.1:9',
      ...envServeur,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (sortie += d))
  child.stderr?.on('data', (d) => (sortie += d))
  const limite = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`le serveur s'est arrêté (code ${child.exitCode}) :\n${sortie}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.status === 200) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > limite) {
      child.kill('SIGKILL')
      throw new Error(`le serveur n'a pas répondu en 90 s :\n${sortie}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    journal: () => sortie,
    arreter: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const fin = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([fin, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}

/** Logs in over REST and returns the JWT for `Authorization: JWT …`. */
export async function connecter(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const body = (await res.json()) as { token?: string }
  if (res.status !== 200 || !body.token) throw new Error(`connexion de ${email} refusée (${res.status}) : ${JSON.stringify(body)}`)
  return body.token
}

export type ActeurDuMonde = 'admin' | 'userA' | 'userB' | 'opcoA' | 'opcoB'

/** The JWT header of every account creerMonde makes (one login each), and `anonyme` with none. */
export async function entetesDuMonde(url: string, monde: Monde): Promise<Record<ActeurDuMonde | 'anonyme', Record<string, string>>> {
  const jwt = async (email: string) => ({ Authorization: `JWT ${await connecter(url, email, MOT_DE_PASSE)}` })
  return {
    admin: await jwt(monde.admin.email),
    userA: await jwt(monde.userA.email),
    userB: await jwt(monde.userB.email),
    opcoA: await jwt(monde.opcoUserA.email),
    opcoB: await jwt(monde.opcoUserB.email),
    anonyme: {},
  }
}
