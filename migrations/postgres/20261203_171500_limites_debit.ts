import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Hand-written (no collection, no snapshot): the table where rate-limiter-flexible counts login
 * and registration attempts, shared by every instance (src/security/rateLimit.ts). Its columns
 * and their order are the ones RateLimiterPostgres writes (`INSERT … VALUES (key, points,
 * expire)`); the limiter is told the table exists and never creates it. Rows expire by
 * themselves (`expire`, Unix milliseconds) and the limiter deletes old ones every 5 minutes.
 * SQLite needs nothing: a single instance counts in memory.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "limites_debit" (
    "key" varchar(255) PRIMARY KEY,
    "points" integer NOT NULL DEFAULT 0,
    "expire" bigint
  );`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "limites_debit";`)
}
