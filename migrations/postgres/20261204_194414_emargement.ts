import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_jetons_emargement_role" AS ENUM('stagiaire', 'formateur');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'emargementQuotidien' BEFORE 'genererDocument';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'emargementQuotidien' BEFORE 'genererDocument';
  CREATE TABLE "jetons_emargement" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"seance_id" integer NOT NULL,
  	"role" "enum_jetons_emargement_role" NOT NULL,
  	"hash" varchar NOT NULL,
  	"cle" varchar NOT NULL,
  	"email" varchar,
  	"sent_at" timestamp(3) with time zone,
  	"used_at" timestamp(3) with time zone,
  	"invalide_le" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "jetons_emargement_id" integer;
  ALTER TABLE "jetons_emargement" ADD CONSTRAINT "jetons_emargement_seance_id_seances_id_fk" FOREIGN KEY ("seance_id") REFERENCES "public"."seances"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "jetons_emargement_seance_idx" ON "jetons_emargement" USING btree ("seance_id");
  CREATE UNIQUE INDEX "jetons_emargement_hash_idx" ON "jetons_emargement" USING btree ("hash");
  CREATE UNIQUE INDEX "jetons_emargement_cle_idx" ON "jetons_emargement" USING btree ("cle");
  CREATE INDEX "jetons_emargement_used_at_idx" ON "jetons_emargement" USING btree ("used_at");
  CREATE INDEX "jetons_emargement_updated_at_idx" ON "jetons_emargement" USING btree ("updated_at");
  CREATE INDEX "jetons_emargement_created_at_idx" ON "jetons_emargement" USING btree ("created_at");
  CREATE INDEX "seance_role_idx" ON "jetons_emargement" USING btree ("seance_id","role");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_jetons_emargement_fk" FOREIGN KEY ("jetons_emargement_id") REFERENCES "public"."jetons_emargement"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_jetons_emargement_id_idx" ON "payload_locked_documents_rels" USING btree ("jetons_emargement_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "jetons_emargement" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "jetons_emargement" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_jetons_emargement_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'evenementDossier', 'sauvegarde', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes', 'livrerWebhooks', 'genererExport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'evenementDossier', 'sauvegarde', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes', 'livrerWebhooks', 'genererExport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_jetons_emargement_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "jetons_emargement_id";
  DROP TYPE "public"."enum_jetons_emargement_role";`)
}
