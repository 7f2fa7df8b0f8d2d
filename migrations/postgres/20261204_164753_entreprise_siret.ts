import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_companies_registre_etat_administratif" AS ENUM('actif', 'ferme');
  ALTER TABLE "companies" ADD COLUMN "registre_etat_administratif" "enum_companies_registre_etat_administratif";
  ALTER TABLE "companies" ADD COLUMN "registre_tranche_effectif" varchar;
  ALTER TABLE "companies" ADD COLUMN "registre_consulte_le" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "companies" DROP COLUMN "registre_etat_administratif";
  ALTER TABLE "companies" DROP COLUMN "registre_tranche_effectif";
  ALTER TABLE "companies" DROP COLUMN "registre_consulte_le";
  DROP TYPE "public"."enum_companies_registre_etat_administratif";`)
}
