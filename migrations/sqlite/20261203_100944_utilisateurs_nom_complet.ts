import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`users\` ADD \`nom_complet\` text;`)
  await db.run(sql`CREATE INDEX \`users_nom_complet_idx\` ON \`users\` (\`nom_complet\`);`)
  // Existing accounts get their title now; the users collection keeps it up to date afterwards.
  await db.run(sql`UPDATE \`users\` SET \`nom_complet\` = NULLIF(trim(coalesce(trim(prenom), '') || ' ' || coalesce(trim(nom), '')), '');`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`users_nom_complet_idx\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`nom_complet\`;`)
}
