import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_generations_document_type" AS ENUM('convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'facture', 'avoir', 'programme', 'devis', 'feuille_emargement', 'justificatif', 'autre');
  CREATE TYPE "public"."enum_generations_statut" AS ENUM('en_attente', 'genere', 'echec');
  ALTER TYPE "public"."enum_documents_document_type" ADD VALUE 'avoir' BEFORE 'programme';
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
  
  ALTER TABLE "dossiers" ADD COLUMN "formation_programme" varchar;
  ALTER TABLE "dossiers" ADD COLUMN "subrogation" boolean DEFAULT true;
  ALTER TABLE "opcos" ADD COLUMN "siret" varchar;
  ALTER TABLE "opcos" ADD COLUMN "adresse_rue" varchar;
  ALTER TABLE "opcos" ADD COLUMN "adresse_code_postal" varchar;
  ALTER TABLE "opcos" ADD COLUMN "adresse_ville" varchar;
  ALTER TABLE "documents" ADD COLUMN "generation_id" integer;
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
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_generations_fk" FOREIGN KEY ("generations_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "documents_generation_idx" ON "documents" USING btree ("generation_id");
  CREATE INDEX "payload_locked_documents_rels_generations_id_idx" ON "payload_locked_documents_rels" USING btree ("generations_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "generations" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "generations" CASCADE;
  ALTER TABLE "documents" DROP CONSTRAINT "documents_generation_id_generations_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_generations_fk";
  
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DATA TYPE text;
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DEFAULT 'autre'::text;
  DROP TYPE "public"."enum_documents_document_type";
  CREATE TYPE "public"."enum_documents_document_type" AS ENUM('convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'facture', 'programme', 'devis', 'feuille_emargement', 'justificatif', 'autre');
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DEFAULT 'autre'::"public"."enum_documents_document_type";
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DATA TYPE "public"."enum_documents_document_type" USING "document_type"::"public"."enum_documents_document_type";
  DROP INDEX "documents_generation_idx";
  DROP INDEX "payload_locked_documents_rels_generations_id_idx";
  ALTER TABLE "dossiers" DROP COLUMN "formation_programme";
  ALTER TABLE "dossiers" DROP COLUMN "subrogation";
  ALTER TABLE "opcos" DROP COLUMN "siret";
  ALTER TABLE "opcos" DROP COLUMN "adresse_rue";
  ALTER TABLE "opcos" DROP COLUMN "adresse_code_postal";
  ALTER TABLE "opcos" DROP COLUMN "adresse_ville";
  ALTER TABLE "documents" DROP COLUMN "generation_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "generations_id";
  DROP TYPE "public"."enum_generations_document_type";
  DROP TYPE "public"."enum_generations_statut";`)
}
