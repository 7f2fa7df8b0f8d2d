import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseAdapterObj } from 'payload'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import type { Environnement } from '../config/env'
import { lectureTolerante } from './lectureTolerante'

export const MIGRATION_DIRS = {
  sqlite: path.resolve(process.cwd(), 'migrations/sqlite'),
  postgres: path.resolve(process.cwd(), 'migrations/postgres'),
} as const

/**
 * DATABASE_URL picks the adapter. Schema changes go through committed migrations only
 * (push is off everywhere): mixing push and migrate on one database makes `payload migrate`
 * wait for a confirmation and exit 0 without migrating (STACK-NOTES.md).
 */
export function creerAdaptateur(e: Environnement): DatabaseAdapterObj {
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
    case 'mongodb':
      return mongooseAdapter({ url: e.databaseUrl })
  }
}
