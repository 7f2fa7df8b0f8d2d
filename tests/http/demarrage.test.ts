/**
 * Start-up as the README promises it: `npm run migrate` migrates and seeds an empty database
 * (and says so), is idempotent, and the production server refuses to serve a database whose
 * migrations did not run, or to start without PAYLOAD_SECRET — loudly, with a non-zero exit.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { SANS_FICHIERS_ENV } from '@/tests/helpers/sansConfigurationLocale'
import path from 'node:path'
import { creerBaseDeTest, type BaseDeTest } from '@/tests/helpers/database'
import { fermerPayload } from '@/tests/helpers/payload'
import { portLibre } from '@/tests/helpers/serveur'

const bases: BaseDeTest[] = []
afterAll(async () => {
  for (const b of bases) await b.supprimer()
})

function executer(commande: string, args: string[], env: Record<string, string>, delaiMs = 120_000): Promise<{ code: number | null; sortie: string }> {
  return new Promise((resolve) => {
    const child = spawn(commande, args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...SANS_FICHIERS_ENV, ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}), ...env } as unknown as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let sortie = ''
    child.stdout.on('data', (d) => (sortie += d))
    child.stderr.on('data', (d) => (sortie += d))
    const minuteur = setTimeout(() => child.kill('SIGKILL'), delaiMs)
    child.on('exit', (code) => {
      clearTimeout(minuteur)
      resolve({ code, sortie })
    })
  })
}

const migrer = (env: Record<string, string>) =>
  executer(path.resolve('node_modules/.bin/tsx'), ['scripts/migrate.ts'], { NODE_OPTIONS: '--conditions=development', ...env })

describe('npm run migrate', () => {
  it("migre puis crée les données de démonstration sur une base vide, et ne refait rien ensuite", async () => {
    const base = await creerBaseDeTest('demarrage-seed')
    bases.push(base)
    const env = { DATABASE_URL: base.url, SEED_DEMO_DATA: 'true' }
    const premier = await migrer(env)
    expect(premier.sortie).toMatch(/Migrations à jour \(\d+\)/)
    expect(premier.sortie).toMatch(/données de démonstration/)
    expect(premier.code).toBe(0)
    const second = await migrer(env)
    expect(second.code).toBe(0)
    expect(second.sortie).toMatch(/Migrations à jour/)
    expect(second.sortie).not.toMatch(/données de démonstration/)
    const { getPayload } = await import('payload')
    process.env.DATABASE_URL = base.url
    const { default: config } = await import('@/payload.config')
    const payload = await getPayload({ config })
    expect((await payload.count({ collection: 'opcos' })).totalDocs).toBe(11)
    expect((await payload.count({ collection: 'dossiers' })).totalDocs).toBeGreaterThanOrEqual(40)
    expect((await payload.count({ collection: 'companies' })).totalDocs).toBe(6)
    expect((await payload.count({ collection: 'training-providers' })).totalDocs).toBe(3)
    const roles = (await payload.find({ collection: 'users', limit: 100 })).docs.map((u) => u.role)
    expect(new Set(roles)).toEqual(new Set(['admin', 'user', 'opco']))
    // Demo data honours the workflow's invariant: the OPCO never validates more than was requested.
    const acceptes = (await payload.find({ collection: 'dossiers', where: { montantValide: { exists: true } }, limit: 1000, pagination: false, depth: 0 })).docs
    expect(acceptes.length).toBeGreaterThan(5)
    expect(acceptes.filter((d) => (d.montantValide ?? 0) > (d.montantEstime ?? 0)).map((d) => d.reference)).toEqual([])
    await fermerPayload(payload)
    // Two child processes of up to 2 minutes each (migrations and demo seed on a busy machine).
  }, 360_000)
})

describe('serveur de production', () => {
  const demarrer = async (env: Record<string, string>) =>
    executer(process.execPath, [path.resolve('scripts/server.mjs')], { NODE_ENV: 'production', PORT: String(await portLibre()), HOSTNAME: '127.0.0.1', ...env }, 60_000)

  it('refuse de servir une base dont les migrations ne sont pas appliquées', async () => {
    const base = await creerBaseDeTest('demarrage-vide')
    bases.push(base)
    const r = await demarrer({ DATABASE_URL: base.url, PAYLOAD_SECRET: 'x'.repeat(40) })
    expect(r.code).not.toBe(0)
    expect(r.sortie).toMatch(/Migrations non appliquées/)
  })

  it('refuse de démarrer sans PAYLOAD_SECRET, en nommant la variable', async () => {
    const base = await creerBaseDeTest('demarrage-secret')
    bases.push(base)
    const r = await demarrer({ DATABASE_URL: base.url })
    expect(r.code).not.toBe(0)
    expect(r.sortie).toMatch(/PAYLOAD_SECRET/)
  })

  it('refuse MongoDB au démarrage (serveur et migrations), en nommant les bases prises en charge, sans rien démarrer', async () => {
    const url = 'mongodb://127.0.0.1:27017/monopco'
    const serveur = await demarrer({ DATABASE_URL: url, PAYLOAD_SECRET: 'x'.repeat(40) })
    const migration = await migrer({ DATABASE_URL: url })
    for (const r of [serveur, migration]) {
      expect(r.code).not.toBe(0)
      expect(r.sortie).toMatch(/MongoDB n’est pas pris en charge/)
      expect(r.sortie).toMatch(/SQLite.*PostgreSQL/)
      expect(r.sortie).not.toMatch(/Migrations à jour/)
    }
  })
})

describe('base SQLite dans un dossier absent', () => {
  it("crée le dossier du fichier (clone neuf : data/ n'existe pas)", async () => {
    const dossier = path.join((await import('node:os')).tmpdir(), `monopco-neuf-${process.pid}-${Date.now()}`, 'sous', 'dossier')
    const r = await migrer({ DATABASE_URL: `file:${path.join(dossier, 'monopco.db')}`, SEED_DEMO_DATA: 'false' })
    expect(r.sortie).toMatch(/Migrations à jour/)
    expect(r.code).toBe(0)
    expect((await import('node:fs')).existsSync(path.join(dossier, 'monopco.db'))).toBe(true)
    ;(await import('node:fs')).rmSync(path.dirname(path.dirname(dossier)), { recursive: true, force: true })
  })
})
