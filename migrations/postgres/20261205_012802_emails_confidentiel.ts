import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "emails" ADD COLUMN "confidentiel" boolean DEFAULT false;`)
  // Rows written before this migration carry the same secrets: marked from their template, the
  // list of src/domain/notifications/confidentiel.ts as it stands today (frozen here on purpose).
  await db.execute(sql`UPDATE "emails" SET "confidentiel" = true WHERE "template" IN ('mot_de_passe', 'signature_convention_lien', 'signature_convention_relance', 'signature_convention_code', 'emargement_lien', 'payload');`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "emails" DROP COLUMN "confidentiel";`)
}
