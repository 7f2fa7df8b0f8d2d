import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" ADD COLUMN "suppression_demandee_le" timestamp(3) with time zone;
  CREATE INDEX "users_suppression_demandee_le_idx" ON "users" USING btree ("suppression_demandee_le");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "users_suppression_demandee_le_idx";
  ALTER TABLE "users" DROP COLUMN "suppression_demandee_le";`)
}
