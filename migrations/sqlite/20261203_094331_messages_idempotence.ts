import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`messages\` ADD \`cle_idempotence\` text;`)
  await db.run(sql`ALTER TABLE \`messages\` ADD \`empreinte_requete\` text;`)
  await db.run(sql`CREATE UNIQUE INDEX \`author_cleIdempotence_idx\` ON \`messages\` (\`author_id\`,\`cle_idempotence\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`author_cleIdempotence_idx\`;`)
  await db.run(sql`ALTER TABLE \`messages\` DROP COLUMN \`cle_idempotence\`;`)
  await db.run(sql`ALTER TABLE \`messages\` DROP COLUMN \`empreinte_requete\`;`)
}
