import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TYPE "public"."enum_webhooks_evenements" AS ENUM('dossier.transition', 'document.generated', 'invoice.issued', 'payment.recorded');
  CREATE TYPE "public"."enum_livraisons_webhooks_evenement" AS ENUM('dossier.transition', 'document.generated', 'invoice.issued', 'payment.recorded');
  CREATE TYPE "public"."enum_livraisons_webhooks_statut" AS ENUM('en_attente', 'livre', 'echec');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'livrerWebhooks' BEFORE 'genererExport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'livrerWebhooks' BEFORE 'genererExport';
  CREATE TABLE "webhooks_evenements" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_webhooks_evenements",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "webhooks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"url" varchar NOT NULL,
  	"secret" varchar,
  	"actif" boolean DEFAULT true,
  	"description" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "livraisons_webhooks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"webhook_id" integer NOT NULL,
  	"evenement" "enum_livraisons_webhooks_evenement" NOT NULL,
  	"id_evenement" varchar NOT NULL,
  	"cle" varchar NOT NULL,
  	"statut" "enum_livraisons_webhooks_statut" DEFAULT 'en_attente',
  	"tentatives" numeric DEFAULT 0,
  	"prochain_essai" timestamp(3) with time zone,
  	"dernier_code_http" numeric,
  	"derniere_erreur" varchar,
  	"livre_le" timestamp(3) with time zone,
  	"corps" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "webhooks_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "livraisons_webhooks_id" integer;
  ALTER TABLE "webhooks_evenements" ADD CONSTRAINT "webhooks_evenements_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "livraisons_webhooks" ADD CONSTRAINT "livraisons_webhooks_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "webhooks_evenements_order_idx" ON "webhooks_evenements" USING btree ("order");
  CREATE INDEX "webhooks_evenements_parent_idx" ON "webhooks_evenements" USING btree ("parent_id");
  CREATE INDEX "webhooks_updated_at_idx" ON "webhooks" USING btree ("updated_at");
  CREATE INDEX "webhooks_created_at_idx" ON "webhooks" USING btree ("created_at");
  CREATE INDEX "livraisons_webhooks_webhook_idx" ON "livraisons_webhooks" USING btree ("webhook_id");
  CREATE INDEX "livraisons_webhooks_evenement_idx" ON "livraisons_webhooks" USING btree ("evenement");
  CREATE INDEX "livraisons_webhooks_id_evenement_idx" ON "livraisons_webhooks" USING btree ("id_evenement");
  CREATE UNIQUE INDEX "livraisons_webhooks_cle_idx" ON "livraisons_webhooks" USING btree ("cle");
  CREATE INDEX "livraisons_webhooks_statut_idx" ON "livraisons_webhooks" USING btree ("statut");
  CREATE INDEX "livraisons_webhooks_prochain_essai_idx" ON "livraisons_webhooks" USING btree ("prochain_essai");
  CREATE INDEX "livraisons_webhooks_updated_at_idx" ON "livraisons_webhooks" USING btree ("updated_at");
  CREATE INDEX "livraisons_webhooks_created_at_idx" ON "livraisons_webhooks" USING btree ("created_at");
  CREATE INDEX "statut_prochainEssai_idx" ON "livraisons_webhooks" USING btree ("statut","prochain_essai");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_webhooks_fk" FOREIGN KEY ("webhooks_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_livraisons_webhooks_fk" FOREIGN KEY ("livraisons_webhooks_id") REFERENCES "public"."livraisons_webhooks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_webhooks_id_idx" ON "payload_locked_documents_rels" USING btree ("webhooks_id");
  CREATE INDEX "payload_locked_documents_rels_livraisons_webhooks_id_idx" ON "payload_locked_documents_rels" USING btree ("livraisons_webhooks_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "webhooks_evenements" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "webhooks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "livraisons_webhooks" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "webhooks_evenements" CASCADE;
  DROP TABLE "webhooks" CASCADE;
  DROP TABLE "livraisons_webhooks" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_webhooks_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_livraisons_webhooks_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'evenementDossier', 'sauvegarde', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes', 'genererExport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'evenementDossier', 'sauvegarde', 'genererDocument', 'envoyerEmails', 'relancesQuotidiennes', 'genererExport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_webhooks_id_idx";
  DROP INDEX "payload_locked_documents_rels_livraisons_webhooks_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "webhooks_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "livraisons_webhooks_id";
  DROP TYPE "public"."enum_webhooks_evenements";
  DROP TYPE "public"."enum_livraisons_webhooks_evenement";
  DROP TYPE "public"."enum_livraisons_webhooks_statut";`)
}
