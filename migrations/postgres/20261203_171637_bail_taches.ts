import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'sauvegarde' BEFORE 'genererDocument';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'sauvegarde' BEFORE 'genererDocument';
  ALTER TABLE "payload_jobs" ADD COLUMN "bail_expire_le" timestamp(3) with time zone;
  CREATE INDEX "payload_jobs_bail_expire_le_idx" ON "payload_jobs" USING btree ("bail_expire_le");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'evenementDossier', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes', 'genererExport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'evenementDossier', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes', 'genererExport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_jobs_bail_expire_le_idx";
  ALTER TABLE "payload_jobs" DROP COLUMN "bail_expire_le";`)
}
