import crypto from 'node:crypto'
import type { Payload } from 'payload'
import { requeteSql, sql } from '@/src/db/sql'

/**
 * What the database holds, to prove that a refused request wrote nothing: the row count and
 * highest id of every table, and a checksum of the rows of the tables a request may touch (and of
 * the counters, so a consumed reference number shows).
 */
export interface Instantane {
  comptes: Record<string, string>
  sommes: Record<string, string>
}

export async function tablesDeLaBase(payload: Payload): Promise<string[]> {
  const rows =
    payload.db.name === 'sqlite'
      ? await requeteSql<{ name: string }>(payload, undefined, sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'"))
      : await requeteSql<{ name: string }>(payload, undefined, sql.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"))
  // `limites_debit` holds the shared rate limiter's counters (rate-limiter-flexible, PostgreSQL):
  // a limited route counts every request, refused ones included — that is the limit working, not
  // data written behind a refusal (tests/int/limite-debit.test.ts checks those rows).
  return rows
    .map((r) => r.name)
    .filter((t) => t !== 'limites_debit')
    .sort()
}

const aUnId = new Map<string, boolean>()

async function colonneId(payload: Payload, table: string): Promise<boolean> {
  if (!aUnId.has(table)) {
    const cols =
      payload.db.name === 'sqlite'
        ? (await requeteSql<{ name: string }>(payload, undefined, sql.raw(`PRAGMA table_info("${table}")`))).map((c) => c.name)
        : (await requeteSql<{ name: string }>(payload, undefined, sql.raw(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}'`))).map((c) => c.name)
    aUnId.set(table, cols.includes('id'))
  }
  return aUnId.get(table)!
}

export async function prendreInstantane(payload: Payload, tables: string[], tablesDetaillees: string[]): Promise<Instantane> {
  const parties: string[] = []
  for (const t of tables) {
    const max = (await colonneId(payload, t)) ? `CAST(MAX("id") AS TEXT)` : `''`
    parties.push(`SELECT '${t}' AS t, CAST(COUNT(*) AS TEXT) AS n, ${max} AS m FROM "${t}"`)
  }
  const comptes: Record<string, string> = {}
  for (const r of await requeteSql<{ t: string; n: string; m: string | null }>(payload, undefined, sql.raw(parties.join(' UNION ALL ')))) {
    comptes[r.t] = `${r.n}/${r.m ?? ''}`
  }
  const sommes: Record<string, string> = {}
  for (const t of tablesDetaillees) {
    const rows = await requeteSql<Record<string, unknown>>(payload, undefined, sql.raw(`SELECT * FROM "${t}"`))
    const lignes = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort()
    sommes[t] = crypto.createHash('sha256').update(lignes.join('\n')).digest('hex')
  }
  return { comptes, sommes }
}

/** The differences between two snapshots, readable in a failure message. */
export function differences(avant: Instantane, apres: Instantane): string[] {
  const d: string[] = []
  for (const [t, v] of Object.entries(apres.comptes)) if (avant.comptes[t] !== v) d.push(`${t}: lignes/id max ${avant.comptes[t]} → ${v}`)
  for (const [t, v] of Object.entries(apres.sommes)) if (avant.sommes[t] !== v) d.push(`${t}: contenu modifié`)
  return d
}
