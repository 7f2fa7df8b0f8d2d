import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`companies\` ADD \`signataire_nom\` text;`)
  await db.run(sql`ALTER TABLE \`companies\` ADD \`signataire_prenom\` text;`)
  await db.run(sql`ALTER TABLE \`companies\` ADD \`signataire_fonction\` text;`)
  await db.run(sql`ALTER TABLE \`generations\` ADD \`empreinte\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`companies\` DROP COLUMN \`signataire_nom\`;`)
  await db.run(sql`ALTER TABLE \`companies\` DROP COLUMN \`signataire_prenom\`;`)
  await db.run(sql`ALTER TABLE \`companies\` DROP COLUMN \`signataire_fonction\`;`)
  await db.run(sql`ALTER TABLE \`generations\` DROP COLUMN \`empreinte\`;`)
}
