import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_signatures_convention_signataires_role" AS ENUM('entreprise', 'organisme', 'salarie');
  CREATE TYPE "public"."enum_signatures_convention_signataires_type_signature" AS ENUM('dessin', 'saisie');
  CREATE TYPE "public"."enum_signatures_convention_statut" AS ENUM('en_cours', 'signee', 'caduque', 'annulee');
  ALTER TYPE "public"."enum_documents_document_type" ADD VALUE 'convention_signee' BEFORE 'demande_prise_en_charge';
  ALTER TYPE "public"."enum_generations_document_type" ADD VALUE 'convention_signee' BEFORE 'demande_prise_en_charge';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'signaturesConvention' BEFORE 'emargementQuotidien';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'signaturesConvention' BEFORE 'emargementQuotidien';
  CREATE TABLE "signatures_convention_signataires" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"role" "enum_signatures_convention_signataires_role" DEFAULT 'entreprise',
  	"nom" varchar,
  	"prenom" varchar,
  	"fonction" varchar,
  	"email" varchar,
  	"jeton_empreinte" varchar,
  	"lien_envoye_le" timestamp(3) with time zone,
  	"lien_expire_le" timestamp(3) with time zone,
  	"code_empreinte" varchar,
  	"code_emis_le" timestamp(3) with time zone,
  	"essais_code" numeric DEFAULT 0,
  	"signe_le" timestamp(3) with time zone,
  	"ip" varchar,
  	"user_agent" varchar,
  	"type_signature" "enum_signatures_convention_signataires_type_signature",
  	"signature_texte" varchar,
  	"signature_image" varchar,
  	"sha256_signature" varchar,
  	"relance_le" timestamp(3) with time zone
  );
  
  CREATE TABLE "signatures_convention" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"dossier_id" integer NOT NULL,
  	"document_id" integer NOT NULL,
  	"sha256_original" varchar,
  	"statut" "enum_signatures_convention_statut" DEFAULT 'en_cours',
  	"bilan" boolean DEFAULT false,
  	"envoyee_le" timestamp(3) with time zone,
  	"finalisee_le" timestamp(3) with time zone,
  	"caduque_le" timestamp(3) with time zone,
  	"document_signe_id" integer,
  	"sha256_signe" varchar,
  	"preuve" varchar,
  	"sha256_preuve" varchar,
  	"cree_par_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "signatures_convention_id" integer;
  ALTER TABLE "signatures_convention_signataires" ADD CONSTRAINT "signatures_convention_signataires_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."signatures_convention"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "signatures_convention" ADD CONSTRAINT "signatures_convention_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "signatures_convention" ADD CONSTRAINT "signatures_convention_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "signatures_convention" ADD CONSTRAINT "signatures_convention_document_signe_id_documents_id_fk" FOREIGN KEY ("document_signe_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "signatures_convention" ADD CONSTRAINT "signatures_convention_cree_par_id_users_id_fk" FOREIGN KEY ("cree_par_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "signatures_convention_signataires_order_idx" ON "signatures_convention_signataires" USING btree ("_order");
  CREATE INDEX "signatures_convention_signataires_parent_id_idx" ON "signatures_convention_signataires" USING btree ("_parent_id");
  CREATE INDEX "signatures_convention_signataires_jeton_empreinte_idx" ON "signatures_convention_signataires" USING btree ("jeton_empreinte");
  CREATE INDEX "signatures_convention_dossier_idx" ON "signatures_convention" USING btree ("dossier_id");
  CREATE INDEX "signatures_convention_document_idx" ON "signatures_convention" USING btree ("document_id");
  CREATE INDEX "signatures_convention_sha256_original_idx" ON "signatures_convention" USING btree ("sha256_original");
  CREATE INDEX "signatures_convention_statut_idx" ON "signatures_convention" USING btree ("statut");
  CREATE INDEX "signatures_convention_document_signe_idx" ON "signatures_convention" USING btree ("document_signe_id");
  CREATE INDEX "signatures_convention_sha256_signe_idx" ON "signatures_convention" USING btree ("sha256_signe");
  CREATE INDEX "signatures_convention_cree_par_idx" ON "signatures_convention" USING btree ("cree_par_id");
  CREATE INDEX "signatures_convention_updated_at_idx" ON "signatures_convention" USING btree ("updated_at");
  CREATE INDEX "signatures_convention_created_at_idx" ON "signatures_convention" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_signatures_convention_fk" FOREIGN KEY ("signatures_convention_id") REFERENCES "public"."signatures_convention"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_signatures_convention_id_idx" ON "payload_locked_documents_rels" USING btree ("signatures_convention_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "signatures_convention_signataires" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "signatures_convention" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "signatures_convention_signataires" CASCADE;
  DROP TABLE "signatures_convention" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_signatures_convention_fk";
  
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DATA TYPE text;
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DEFAULT 'autre'::text;
  DROP TYPE "public"."enum_documents_document_type";
  CREATE TYPE "public"."enum_documents_document_type" AS ENUM('convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'attestation_assiduite', 'facture', 'avoir', 'programme', 'devis', 'feuille_emargement', 'justificatif', 'autre');
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DEFAULT 'autre'::"public"."enum_documents_document_type";
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DATA TYPE "public"."enum_documents_document_type" USING "document_type"::"public"."enum_documents_document_type";
  ALTER TABLE "generations" ALTER COLUMN "document_type" SET DATA TYPE text;
  ALTER TABLE "generations" ALTER COLUMN "document_type" SET DEFAULT 'autre'::text;
  DROP TYPE "public"."enum_generations_document_type";
  CREATE TYPE "public"."enum_generations_document_type" AS ENUM('convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'attestation_assiduite', 'facture', 'avoir', 'programme', 'devis', 'feuille_emargement', 'justificatif', 'autre');
  ALTER TABLE "generations" ALTER COLUMN "document_type" SET DEFAULT 'autre'::"public"."enum_generations_document_type";
  ALTER TABLE "generations" ALTER COLUMN "document_type" SET DATA TYPE "public"."enum_generations_document_type" USING "document_type"::"public"."enum_generations_document_type";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'evenementDossier', 'sauvegarde', 'emargementQuotidien', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes', 'livrerWebhooks', 'genererExport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'evenementDossier', 'sauvegarde', 'emargementQuotidien', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes', 'livrerWebhooks', 'genererExport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_signatures_convention_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "signatures_convention_id";
  DROP TYPE "public"."enum_signatures_convention_signataires_role";
  DROP TYPE "public"."enum_signatures_convention_signataires_type_signature";
  DROP TYPE "public"."enum_signatures_convention_statut";`)
}
