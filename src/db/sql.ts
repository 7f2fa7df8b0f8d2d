import type { Payload, PayloadRequest } from 'payload'
import { sql } from '@payloadcms/db-sqlite'

export { sql }
export type SQL = ReturnType<typeof sql>

type DrizzleLike = {
  all?: (query: SQL) => Promise<unknown[]>
  execute?: (query: SQL) => Promise<{ rows: unknown[] }>
}

type SqlAdapter = {
  name: string
  drizzle: DrizzleLike
  sessions?: Record<string | number, { db: DrizzleLike } | undefined>
}

/**
 * Runs one SQL statement on the SQL adapters (SQLite and PostgreSQL), inside the request's
 * transaction when there is one, so counters and inserts commit or roll back together.
 */
export async function requeteSql<T>(payload: Payload, req: Partial<PayloadRequest> | undefined, query: SQL): Promise<T[]> {
  const adapter = payload.db as unknown as SqlAdapter
  if (adapter.name !== 'sqlite' && adapter.name !== 'postgres') {
    throw new Error(`requeteSql: adaptateur ${adapter.name} non pris en charge`)
  }
  const transactionId = req?.transactionID ? await req.transactionID : undefined
  const db = (transactionId !== undefined && transactionId !== null && adapter.sessions?.[transactionId]?.db) || adapter.drizzle
  if (adapter.name === 'sqlite') return (await db.all!(query)) as T[]
  return (await db.execute!(query)).rows as T[]
}

export const estBaseSql = (payload: Payload): boolean => ['sqlite', 'postgres'].includes(payload.db.name)
