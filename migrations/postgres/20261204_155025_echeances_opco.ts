import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "opcos" ADD COLUMN "delai_depot_avant_debut_jours" numeric;
  ALTER TABLE "opcos" ADD COLUMN "delai_justificatifs_apres_fin_jours" numeric;
  ALTER TABLE "opcos" ADD COLUMN "validite_accord_jours" numeric;
  ALTER TABLE "opcos" ADD COLUMN "delai_paiement_jours" numeric;
  ALTER TABLE "opcos" ADD COLUMN "echeances_a_verifier" boolean DEFAULT true;
  ALTER TABLE "opcos" ADD COLUMN "echeances_note" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "opcos" DROP COLUMN "delai_depot_avant_debut_jours";
  ALTER TABLE "opcos" DROP COLUMN "delai_justificatifs_apres_fin_jours";
  ALTER TABLE "opcos" DROP COLUMN "validite_accord_jours";
  ALTER TABLE "opcos" DROP COLUMN "delai_paiement_jours";
  ALTER TABLE "opcos" DROP COLUMN "echeances_a_verifier";
  ALTER TABLE "opcos" DROP COLUMN "echeances_note";`)
}
