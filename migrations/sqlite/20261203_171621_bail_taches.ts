import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`payload_jobs\` ADD \`bail_expire_le\` text;`)
  await db.run(sql`CREATE INDEX \`payload_jobs_bail_expire_le_idx\` ON \`payload_jobs\` (\`bail_expire_le\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`payload_jobs_bail_expire_le_idx\`;`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`bail_expire_le\`;`)
}
