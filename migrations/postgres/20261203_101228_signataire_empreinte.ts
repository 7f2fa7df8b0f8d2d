import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "companies" ADD COLUMN "signataire_nom" varchar;
  ALTER TABLE "companies" ADD COLUMN "signataire_prenom" varchar;
  ALTER TABLE "companies" ADD COLUMN "signataire_fonction" varchar;
  ALTER TABLE "generations" ADD COLUMN "empreinte" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "companies" DROP COLUMN "signataire_nom";
  ALTER TABLE "companies" DROP COLUMN "signataire_prenom";
  ALTER TABLE "companies" DROP COLUMN "signataire_fonction";
  ALTER TABLE "generations" DROP COLUMN "empreinte";`)
}
