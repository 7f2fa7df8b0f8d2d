import fs from 'node:fs'
import path from 'node:path'
import type { BaseDatabaseAdapter, DatabaseAdapterObj, PayloadRequest } from 'payload'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { postgresAdapter } from '@payloadcms/db-postgres'
import type { Environnement } from '@/src/config/env'
import { lectureTolerante } from './lectureTolerante'
import { avecReservationTaches } from './reservationTaches'

export const MIGRATION_DIRS = {
  sqlite: path.resolve(process.cwd(), 'migrations/sqlite'),
  postgres: path.resolve(process.cwd(), 'migrations/postgres'),
} as const

/**
 * DATABASE_URL picks the adapter. Schema changes go through committed migrations only
 * (push is off everywhere): mixing push and migrate on one database makes `payload migrate`
 * wait for a confirmation and exit 0 without migrating (docs/notes-techniques.md).
 */
export function creerAdaptateur(e: Environnement): DatabaseAdapterObj {
  const obj = avecAttributionALInsertion(adaptateurBrut(e))
  return {
    ...obj,
    // Safe job claims with leases, for several workers (src/db/reservationTaches.ts).
    init: (args) =>
      avecReservationTaches(obj.init(args) as BaseDatabaseAdapter, args.payload, {
        bailSecondes: e.jobsLeaseSeconds,
        sansGarde: e.jobsReservationNonGardee,
      }),
  }
}

/**
 * A collection may name values that are taken only when its row is inserted
 * (`custom.attribuerALInsertion`), after every validation and hook has passed: a dossier's
 * reference comes from a counter, and a create refused for any reason must not consume a number
 * (SQLite runs without transactions, so nothing would give it back).
 */
export type AttributionALInsertion = (data: Record<string, unknown>, req: Partial<PayloadRequest> | undefined) => Promise<Record<string, unknown>>

function avecAttributionALInsertion(obj: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...obj,
    init: (args) => {
      const adaptateur = obj.init(args) as BaseDatabaseAdapter
      const creer = adaptateur.create.bind(adaptateur)
      adaptateur.create = async (c) => {
        const attribuer = args.payload.collections[c.collection]?.config.custom?.attribuerALInsertion as AttributionALInsertion | undefined
        return creer(attribuer ? { ...c, data: await attribuer(c.data, c.req) } : c)
      }
      return adaptateur
    },
  }
}

function adaptateurBrut(e: Environnement): DatabaseAdapterObj {
  switch (e.databaseKind) {
    case 'sqlite':
      // A fresh clone has no data/ folder: SQLite creates the file, not its directory.
      fs.mkdirSync(path.dirname(path.resolve(e.databaseUrl.replace(/^file:(\/\/)?/, '').split('?')[0]!)), { recursive: true })
      return sqliteAdapter({
        client: { url: e.databaseUrl },
        push: false,
        migrationDir: MIGRATION_DIRS.sqlite,
        // No transactions on SQLite: libsql's driver is synchronous and opens a connection per
        // transaction, so two concurrent transactions in one process block the event loop until
        // SQLITE_BUSY. One connection serialises writes instead; invariants that must hold under
        // concurrency use single atomic statements (counters, compare-and-set on status).
        transactionOptions: false,
        busyTimeout: 10_000,
        // Never reuse the id of a deleted row: the audit log and references point to ids.
        autoIncrement: true,
        wal: true,
        // One badly stored value must not make every list answer 500 (src/db/lectureTolerante.ts).
        afterSchemaInit: [lectureTolerante],
      })
    case 'postgres':
      return postgresAdapter({
        pool: { connectionString: e.databaseUrl, max: e.databasePoolMax },
        push: false,
        migrationDir: MIGRATION_DIRS.postgres,
        afterSchemaInit: [lectureTolerante],
      })
  }
}
