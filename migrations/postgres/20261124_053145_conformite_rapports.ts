import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_exports_format" AS ENUM('csv', 'xlsx');
  CREATE TYPE "public"."enum_exports_statut" AS ENUM('en_attente', 'en_cours', 'termine', 'echec');
  CREATE TYPE "public"."enum_appels_ia_fonction" AS ENUM('justification', 'objectifs', 'narratif', 'anomalie');
  CREATE TYPE "public"."enum_appels_ia_statut" AS ENUM('ok', 'erreur');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'genererExport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'genererExport';
  CREATE TABLE "exports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"libelle" varchar,
  	"format" "enum_exports_format" NOT NULL,
  	"filtres" jsonb,
  	"statut" "enum_exports_statut" DEFAULT 'en_attente',
  	"progression" numeric,
  	"lignes" numeric,
  	"total" numeric,
  	"taille" numeric,
  	"erreur" varchar,
  	"demande_par_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "appels_ia" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"fonction" "enum_appels_ia_fonction" NOT NULL,
  	"dossier_id" integer,
  	"auteur_id" integer,
  	"modele" varchar,
  	"statut" "enum_appels_ia_statut" NOT NULL,
  	"erreur" varchar,
  	"tokens_prompt" numeric,
  	"tokens_reponse" numeric,
  	"tokens_total" numeric,
  	"duree_ms" numeric,
  	"envoye" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "dossiers" ADD COLUMN "soumission_date" timestamp(3) with time zone;
  ALTER TABLE "dossiers" ADD COLUMN "conformite" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "exports_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "appels_ia_id" integer;
  ALTER TABLE "exports" ADD CONSTRAINT "exports_demande_par_id_users_id_fk" FOREIGN KEY ("demande_par_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "appels_ia" ADD CONSTRAINT "appels_ia_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "appels_ia" ADD CONSTRAINT "appels_ia_auteur_id_users_id_fk" FOREIGN KEY ("auteur_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "exports_demande_par_idx" ON "exports" USING btree ("demande_par_id");
  CREATE INDEX "exports_updated_at_idx" ON "exports" USING btree ("updated_at");
  CREATE INDEX "exports_created_at_idx" ON "exports" USING btree ("created_at");
  CREATE INDEX "appels_ia_fonction_idx" ON "appels_ia" USING btree ("fonction");
  CREATE INDEX "appels_ia_dossier_idx" ON "appels_ia" USING btree ("dossier_id");
  CREATE INDEX "appels_ia_auteur_idx" ON "appels_ia" USING btree ("auteur_id");
  CREATE INDEX "appels_ia_updated_at_idx" ON "appels_ia" USING btree ("updated_at");
  CREATE INDEX "appels_ia_created_at_idx" ON "appels_ia" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_exports_fk" FOREIGN KEY ("exports_id") REFERENCES "public"."exports"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_appels_ia_fk" FOREIGN KEY ("appels_ia_id") REFERENCES "public"."appels_ia"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "dossiers_soumission_date_idx" ON "dossiers" USING btree ("soumission_date");
  CREATE INDEX "dossiers_validation_admin_date_idx" ON "dossiers" USING btree ("validation_admin_date");
  CREATE INDEX "dossiers_envoi_opco_date_idx" ON "dossiers" USING btree ("envoi_opco_date");
  CREATE INDEX "dossiers_reponse_opco_date_idx" ON "dossiers" USING btree ("reponse_opco_date");
  CREATE INDEX "payload_locked_documents_rels_exports_id_idx" ON "payload_locked_documents_rels" USING btree ("exports_id");
  CREATE INDEX "payload_locked_documents_rels_appels_ia_id_idx" ON "payload_locked_documents_rels" USING btree ("appels_ia_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "exports" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "appels_ia" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "exports" CASCADE;
  DROP TABLE "appels_ia" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_exports_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_appels_ia_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'evenementDossier', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'evenementDossier', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "dossiers_soumission_date_idx";
  DROP INDEX "dossiers_validation_admin_date_idx";
  DROP INDEX "dossiers_envoi_opco_date_idx";
  DROP INDEX "dossiers_reponse_opco_date_idx";
  DROP INDEX "payload_locked_documents_rels_exports_id_idx";
  DROP INDEX "payload_locked_documents_rels_appels_ia_id_idx";
  ALTER TABLE "dossiers" DROP COLUMN "soumission_date";
  ALTER TABLE "dossiers" DROP COLUMN "conformite";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "exports_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "appels_ia_id";
  DROP TYPE "public"."enum_exports_format";
  DROP TYPE "public"."enum_exports_statut";
  DROP TYPE "public"."enum_appels_ia_fonction";
  DROP TYPE "public"."enum_appels_ia_statut";`)
}
