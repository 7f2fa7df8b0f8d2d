import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createClient, type Client as ClientLibsql } from '@libsql/client'
import pg from 'pg'
import { ErreurSauvegarde } from '@/src/domain/sauvegarde'
import type { DatabaseKind } from '@/src/config/env'

/**
 * The database's side of a backup: a consistent snapshot while the app keeps writing, the rows
 * per table and the migrations of that very snapshot, and the restore into an empty database.
 *
 * SQLite: `VACUUM INTO` (SQLite's online backup into a new file; WAL readers do not block the
 * writer). PostgreSQL: a REPEATABLE READ transaction exports its snapshot, the counts are read in
 * it and `pg_dump --format=custom --snapshot=…` dumps exactly that state; `pg_restore` restores it.
 */

export interface EtatBase {
  tables: Record<string, number>
  migrations: string[]
}

/** Tables whose rows do not make a database « non-empty »: what `npm run migrate` alone writes. */
const TABLES_DE_SCHEMA = new Set(['payload_migrations', 'sqlite_sequence'])

export const cheminSqlite = (url: string): string => path.resolve(url.replace(/^file:(\/\/)?/, '').split('?')[0]!)

const ident = (nom: string) => `"${nom.replace(/"/g, '""')}"`

// ——— SQLite ————————————————————————————————————————————————————————————————————————————

async function avecSqlite<T>(fichier: string, f: (c: ClientLibsql) => Promise<T>): Promise<T> {
  const client = createClient({ url: `file:${fichier}` })
  try {
    return await f(client)
  } finally {
    client.close()
  }
}

async function etatSqlite(c: ClientLibsql): Promise<EtatBase> {
  const noms = (await c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).rows.map((r) => String(r.name))
  const tables: Record<string, number> = {}
  for (const t of noms) tables[t] = Number((await c.execute(`SELECT COUNT(*) AS n FROM ${ident(t)}`)).rows[0]!.n)
  const migrations = noms.includes('payload_migrations') ? (await c.execute('SELECT name FROM payload_migrations ORDER BY id')).rows.map((r) => String(r.name)) : []
  return { tables, migrations }
}

/** Rows per table and migrations of a SQLite file (a snapshot, or the restored database). */
export const etatFichierSqlite = (fichier: string): Promise<EtatBase> => avecSqlite(fichier, etatSqlite)

async function instantaneSqlite(url: string, destination: string): Promise<EtatBase> {
  const source = cheminSqlite(url)
  if (!fs.existsSync(source)) throw new ErreurSauvegarde(`base SQLite introuvable : ${source}`)
  await avecSqlite(source, async (c) => {
    await c.execute('PRAGMA busy_timeout = 10000')
    await c.execute({ sql: 'VACUUM INTO ?', args: [destination] })
  })
  return etatFichierSqlite(destination)
}

// ——— PostgreSQL ——————————————————————————————————————————————————————————————————————————

/** libpq connection for pg_dump/pg_restore: the URL without its password, which goes in PGPASSWORD (never on a command line). */
function connexionLibpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url)
  const motDePasse = decodeURIComponent(u.password)
  u.password = ''
  return { dbname: u.toString(), env: { ...process.env, ...(motDePasse ? { PGPASSWORD: motDePasse } : {}) } }
}

function executer(commande: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(commande, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let sortie = ''
    let erreurs = ''
    p.stdout.on('data', (d) => (sortie += d))
    p.stderr.on('data', (d) => (erreurs += d))
    p.on('error', (err) =>
      reject(new ErreurSauvegarde((err as NodeJS.ErrnoException).code === 'ENOENT' ? `${commande} introuvable : installez le client PostgreSQL (paquet postgresql-client)` : `${commande} : ${err.message}`)),
    )
    p.on('close', (code) => (code === 0 ? resolve(sortie) : reject(new ErreurSauvegarde(`${commande} a échoué (code ${code}) : ${erreurs.trim().slice(0, 2000)}`))))
  })
}

async function etatPostgres(c: pg.ClientBase): Promise<EtatBase> {
  const { rows } = await c.query<{ schemaname: string; tablename: string }>(
    "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY schemaname, tablename",
  )
  const tables: Record<string, number> = {}
  for (const r of rows) {
    const nom = r.schemaname === 'public' ? r.tablename : `${r.schemaname}.${r.tablename}`
    tables[nom] = Number((await c.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${ident(r.schemaname)}.${ident(r.tablename)}`)).rows[0]!.n)
  }
  const migrations = 'payload_migrations' in tables ? (await c.query<{ name: string }>('SELECT name FROM payload_migrations ORDER BY id')).rows.map((r) => r.name) : []
  return { tables, migrations }
}

async function avecPostgres<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await f(client)
  } finally {
    await client.end()
  }
}

export const etatBasePostgres = (url: string): Promise<EtatBase> => avecPostgres(url, etatPostgres)

async function instantanePostgres(url: string, destination: string): Promise<EtatBase> {
  return avecPostgres(url, async (c) => {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    try {
      const instantane = (await c.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s
      const etat = await etatPostgres(c)
      const { dbname, env } = connexionLibpq(url)
      // The transaction stays open until pg_dump has imported its snapshot and finished.
      await executer('pg_dump', ['--format=custom', `--snapshot=${instantane}`, '--no-owner', '--no-privileges', `--file=${destination}`, `--dbname=${dbname}`], env)
      return etat
    } finally {
      await c.query('COMMIT').catch(() => undefined)
    }
  })
}

// ——— Both ————————————————————————————————————————————————————————————————————————————————

/** A consistent copy of the live database in `destination`, with the rows and migrations it holds. */
export function instantaneBase(kind: DatabaseKind, url: string, destination: string): Promise<EtatBase> {
  return kind === 'sqlite' ? instantaneSqlite(url, destination) : instantanePostgres(url, destination)
}

/** Rows per table of the target database (empty when it does not exist yet: SQLite only). */
export async function etatBase(kind: DatabaseKind, url: string): Promise<EtatBase> {
  if (kind === 'sqlite') {
    const fichier = cheminSqlite(url)
    if (!fs.existsSync(fichier) || fs.statSync(fichier).size === 0) return { tables: {}, migrations: [] }
    return etatFichierSqlite(fichier)
  }
  return etatBasePostgres(url)
}

/** Tables holding rows beyond what migrations write: the database is not empty. */
export const tablesNonVides = (etat: EtatBase): string[] => Object.entries(etat.tables).filter(([t, n]) => n > 0 && !TABLES_DE_SCHEMA.has(t)).map(([t]) => t)

/** Before anything is written: the saved database must be readable (SQLite: and hold the manifest's rows). */
export async function verifierFichierBase(kind: DatabaseKind, fichier: string): Promise<EtatBase | null> {
  if (kind === 'sqlite') {
    try {
      return await etatFichierSqlite(fichier)
    } catch (err) {
      throw new ErreurSauvegarde(`base SQLite de l'archive illisible (${(err as Error).message})`)
    }
  }
  await executer('pg_restore', ['--list', fichier], process.env)
  return null
}

/**
 * Replaces the target database by the saved one. SQLite: the file is copied next to the target
 * and renamed over it (its -wal/-shm files removed). PostgreSQL: the database must exist; its
 * `public` schema is dropped and recreated, then pg_restore runs in one transaction.
 */
export async function restaurerBase(kind: DatabaseKind, url: string, fichier: string): Promise<void> {
  if (kind === 'sqlite') {
    const cible = cheminSqlite(url)
    fs.mkdirSync(path.dirname(cible), { recursive: true })
    const temporaire = `${cible}.restauration-${process.pid}`
    fs.copyFileSync(fichier, temporaire)
    for (const suffixe of ['-wal', '-shm', '-journal']) fs.rmSync(`${cible}${suffixe}`, { force: true })
    fs.renameSync(temporaire, cible)
    return
  }
  await avecPostgres(url, async (c) => {
    await c.query('DROP SCHEMA IF EXISTS public CASCADE')
    await c.query('CREATE SCHEMA public')
  })
  const { dbname, env } = connexionLibpq(url)
  await executer('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, fichier], env)
}

/**
 * Payload's key-value store (`payload_kv`: key, JSON data) written without starting Payload, for
 * `npm run backup`: what `payload.kv.get` reads back in the app. Nothing is written to a
 * database whose migrations have not created the table.
 */
export async function ecrireCleValeur(kind: DatabaseKind, url: string, cle: string, valeur: unknown): Promise<void> {
  const data = JSON.stringify(valeur)
  if (kind === 'sqlite') {
    await avecSqlite(cheminSqlite(url), async (c) => {
      await c.execute('PRAGMA busy_timeout = 10000')
      await c.execute({ sql: 'INSERT INTO payload_kv (key, data) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data', args: [cle, data] })
    })
    return
  }
  await avecPostgres(url, (c) => c.query('INSERT INTO payload_kv (key, data) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET data = excluded.data', [cle, data]))
}
