import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

/**
 * A fresh, empty database per test file: a new SQLite file, or — when TEST_DB=postgres —
 * a new PostgreSQL database created on TEST_DATABASE_URL's server and dropped afterwards.
 */
export interface BaseDeTest {
  kind: 'sqlite' | 'postgres'
  url: string
  supprimer: () => Promise<void>
}

export const baseCible = (): 'sqlite' | 'postgres' => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite')

export async function creerBaseDeTest(nom: string): Promise<BaseDeTest> {
  const suffixe = `${nom.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${crypto.randomBytes(3).toString('hex')}`
  if (baseCible() === 'postgres') {
    const admin = process.env.TEST_DATABASE_URL
    if (!admin) throw new Error('TEST_DB=postgres demande TEST_DATABASE_URL (ex. postgres://postgres@127.0.0.1:5432/postgres)')
    const dbName = `monopco_t_${suffixe}`.slice(0, 63)
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    await client.query(`CREATE DATABASE "${dbName}"`)
    await client.end()
    const url = new URL(admin)
    url.pathname = `/${dbName}`
    return {
      kind: 'postgres',
      url: url.toString(),
      supprimer: async () => {
        const c = new pg.Client({ connectionString: admin })
        await c.connect()
        await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
        await c.end()
      },
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `monopco-${suffixe}-`))
  return {
    kind: 'sqlite',
    url: `file:${path.join(dir, 'test.db')}`,
    supprimer: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}
