import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`users\` ADD \`suppression_demandee_le\` text;`)
  await db.run(sql`CREATE INDEX \`users_suppression_demandee_le_idx\` ON \`users\` (\`suppression_demandee_le\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`users_suppression_demandee_le_idx\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`suppression_demandee_le\`;`)
}
