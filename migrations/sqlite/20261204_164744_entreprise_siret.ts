import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`companies\` ADD \`registre_etat_administratif\` text;`)
  await db.run(sql`ALTER TABLE \`companies\` ADD \`registre_tranche_effectif\` text;`)
  await db.run(sql`ALTER TABLE \`companies\` ADD \`registre_consulte_le\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`companies\` DROP COLUMN \`registre_etat_administratif\`;`)
  await db.run(sql`ALTER TABLE \`companies\` DROP COLUMN \`registre_tranche_effectif\`;`)
  await db.run(sql`ALTER TABLE \`companies\` DROP COLUMN \`registre_consulte_le\`;`)
}
