import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" ADD COLUMN "nom_complet" varchar;
  CREATE INDEX "users_nom_complet_idx" ON "users" USING btree ("nom_complet");`)
  // Existing accounts get their title now; the users collection keeps it up to date afterwards.
  await db.execute(sql`UPDATE "users" SET "nom_complet" = NULLIF(trim(coalesce(trim(prenom), '') || ' ' || coalesce(trim(nom), '')), '');`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "users_nom_complet_idx";
  ALTER TABLE "users" DROP COLUMN "nom_complet";`)
}
