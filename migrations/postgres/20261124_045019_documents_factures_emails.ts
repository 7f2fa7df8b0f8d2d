import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_generations_document_type" AS ENUM('convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'facture', 'avoir', 'programme', 'devis', 'feuille_emargement', 'justificatif', 'autre');
  CREATE TYPE "public"."enum_generations_statut" AS ENUM('en_attente', 'genere', 'echec');
  ALTER TYPE "public"."enum_documents_document_type" ADD VALUE 'avoir' BEFORE 'programme';
  ALTER TYPE "public"."enum_logs_action" ADD VALUE 'emission';
  ALTER TYPE "public"."enum_logs_action" ADD VALUE 'annulation';
  ALTER TYPE "public"."enum_logs_action" ADD VALUE 'export';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'genererDocument';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'envoyerEmails';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'relancesQuotidiennes';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'genererDocument';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'envoyerEmails';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'relancesQuotidiennes';
  CREATE TABLE "generations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"dossier_id" integer NOT NULL,
  	"document_type" "enum_generations_document_type" DEFAULT 'autre',
  	"facture_id" integer,
  	"cle" varchar NOT NULL,
  	"version" numeric NOT NULL,
  	"statut" "enum_generations_statut" DEFAULT 'en_attente',
  	"erreur" varchar,
  	"tentatives" numeric DEFAULT 0,
  	"document_id" integer,
  	"genere_le" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "users" ADD COLUMN "recevoir_relances" boolean DEFAULT true;
  ALTER TABLE "dossiers" ADD COLUMN "formation_programme" varchar;
  ALTER TABLE "dossiers" ADD COLUMN "subrogation" boolean DEFAULT true;
  ALTER TABLE "opcos" ADD COLUMN "siret" varchar;
  ALTER TABLE "opcos" ADD COLUMN "adresse_rue" varchar;
  ALTER TABLE "opcos" ADD COLUMN "adresse_code_postal" varchar;
  ALTER TABLE "opcos" ADD COLUMN "adresse_ville" varchar;
  ALTER TABLE "documents" ADD COLUMN "generation_id" integer;
  ALTER TABLE "documents" ADD COLUMN "prefix" varchar DEFAULT '';
  ALTER TABLE "documents" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "invoices" ADD COLUMN "motif" varchar;
  ALTER TABLE "invoices" ADD COLUMN "cle_facturation" varchar;
  ALTER TABLE "emails" ADD COLUMN "cle" varchar;
  ALTER TABLE "emails" ADD COLUMN "fournisseur" varchar;
  ALTER TABLE "emails" ADD COLUMN "prochain_essai" timestamp(3) with time zone;
  ALTER TABLE "emails" ADD COLUMN "status_at" timestamp(3) with time zone;
  ALTER TABLE "emails" ADD COLUMN "piece_jointe_id" integer;
  ALTER TABLE "emails" ADD COLUMN "piece_jointe_envoyee" varchar;
  ALTER TABLE "emails" ADD COLUMN "renvoi_de_id" integer;
  ALTER TABLE "payload_jobs" ADD COLUMN "meta" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "generations_id" integer;
  ALTER TABLE "generations" ADD CONSTRAINT "generations_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generations" ADD CONSTRAINT "generations_facture_id_invoices_id_fk" FOREIGN KEY ("facture_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "generations" ADD CONSTRAINT "generations_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "generations_dossier_idx" ON "generations" USING btree ("dossier_id");
  CREATE INDEX "generations_facture_idx" ON "generations" USING btree ("facture_id");
  CREATE UNIQUE INDEX "generations_cle_idx" ON "generations" USING btree ("cle");
  CREATE INDEX "generations_statut_idx" ON "generations" USING btree ("statut");
  CREATE INDEX "generations_document_idx" ON "generations" USING btree ("document_id");
  CREATE INDEX "generations_updated_at_idx" ON "generations" USING btree ("updated_at");
  CREATE INDEX "generations_created_at_idx" ON "generations" USING btree ("created_at");
  ALTER TABLE "documents" ADD CONSTRAINT "documents_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "emails" ADD CONSTRAINT "emails_piece_jointe_id_documents_id_fk" FOREIGN KEY ("piece_jointe_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "emails" ADD CONSTRAINT "emails_renvoi_de_id_emails_id_fk" FOREIGN KEY ("renvoi_de_id") REFERENCES "public"."emails"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generations_fk" FOREIGN KEY ("generations_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "documents_generation_idx" ON "documents" USING btree ("generation_id");
  CREATE UNIQUE INDEX "invoices_cle_facturation_idx" ON "invoices" USING btree ("cle_facturation");
  CREATE INDEX "emails_to_idx" ON "emails" USING btree ("to");
  CREATE INDEX "emails_template_idx" ON "emails" USING btree ("template");
  CREATE UNIQUE INDEX "emails_cle_idx" ON "emails" USING btree ("cle");
  CREATE INDEX "emails_provider_id_idx" ON "emails" USING btree ("provider_id");
  CREATE INDEX "emails_prochain_essai_idx" ON "emails" USING btree ("prochain_essai");
  CREATE INDEX "emails_piece_jointe_idx" ON "emails" USING btree ("piece_jointe_id");
  CREATE INDEX "emails_renvoi_de_idx" ON "emails" USING btree ("renvoi_de_id");
  CREATE INDEX "status_prochainEssai_idx" ON "emails" USING btree ("status","prochain_essai");
  CREATE INDEX "payload_locked_documents_rels_generations_id_idx" ON "payload_locked_documents_rels" USING btree ("generations_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "generations" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "documents" DROP CONSTRAINT "documents_generation_id_generations_id_fk";
  
  ALTER TABLE "emails" DROP CONSTRAINT "emails_piece_jointe_id_documents_id_fk";
  
  ALTER TABLE "emails" DROP CONSTRAINT "emails_renvoi_de_id_emails_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_generations_fk";
  
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DATA TYPE text;
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DEFAULT 'autre'::text;
  DROP TYPE "public"."enum_documents_document_type";
  CREATE TYPE "public"."enum_documents_document_type" AS ENUM('convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'facture', 'programme', 'devis', 'feuille_emargement', 'justificatif', 'autre');
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DEFAULT 'autre'::"public"."enum_documents_document_type";
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DATA TYPE "public"."enum_documents_document_type" USING "document_type"::"public"."enum_documents_document_type";
  ALTER TABLE "logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_logs_action";
  CREATE TYPE "public"."enum_logs_action" AS ENUM('create', 'update', 'delete', 'transition');
  ALTER TABLE "logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_logs_action" USING "action"::"public"."enum_logs_action";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'evenementDossier');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'evenementDossier');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "documents_generation_idx";
  DROP INDEX "invoices_cle_facturation_idx";
  DROP INDEX "emails_to_idx";
  DROP INDEX "emails_template_idx";
  DROP INDEX "emails_cle_idx";
  DROP INDEX "emails_provider_id_idx";
  DROP INDEX "emails_prochain_essai_idx";
  DROP INDEX "emails_piece_jointe_idx";
  DROP INDEX "emails_renvoi_de_idx";
  DROP INDEX "status_prochainEssai_idx";
  DROP INDEX "payload_locked_documents_rels_generations_id_idx";
  ALTER TABLE "users" DROP COLUMN "recevoir_relances";
  ALTER TABLE "dossiers" DROP COLUMN "formation_programme";
  ALTER TABLE "dossiers" DROP COLUMN "subrogation";
  ALTER TABLE "opcos" DROP COLUMN "siret";
  ALTER TABLE "opcos" DROP COLUMN "adresse_rue";
  ALTER TABLE "opcos" DROP COLUMN "adresse_code_postal";
  ALTER TABLE "opcos" DROP COLUMN "adresse_ville";
  ALTER TABLE "documents" DROP COLUMN "generation_id";
  ALTER TABLE "documents" DROP COLUMN "prefix";
  ALTER TABLE "documents" DROP COLUMN "_objectkey";
  ALTER TABLE "invoices" DROP COLUMN "motif";
  ALTER TABLE "invoices" DROP COLUMN "cle_facturation";
  ALTER TABLE "emails" DROP COLUMN "cle";
  ALTER TABLE "emails" DROP COLUMN "fournisseur";
  ALTER TABLE "emails" DROP COLUMN "prochain_essai";
  ALTER TABLE "emails" DROP COLUMN "status_at";
  ALTER TABLE "emails" DROP COLUMN "piece_jointe_id";
  ALTER TABLE "emails" DROP COLUMN "piece_jointe_envoyee";
  ALTER TABLE "emails" DROP COLUMN "renvoi_de_id";
  ALTER TABLE "payload_jobs" DROP COLUMN "meta";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "generations_id";
  DROP TYPE "public"."enum_generations_document_type";
  DROP TYPE "public"."enum_generations_statut";`)
}
