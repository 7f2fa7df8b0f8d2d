import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`delai_depot_avant_debut_jours\` numeric;`)
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`delai_justificatifs_apres_fin_jours\` numeric;`)
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`validite_accord_jours\` numeric;`)
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`delai_paiement_jours\` numeric;`)
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`echeances_a_verifier\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`echeances_note\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`delai_depot_avant_debut_jours\`;`)
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`delai_justificatifs_apres_fin_jours\`;`)
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`validite_accord_jours\`;`)
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`delai_paiement_jours\`;`)
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`echeances_a_verifier\`;`)
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`echeances_note\`;`)
}
