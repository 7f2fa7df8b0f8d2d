import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_documents_document_type" ADD VALUE 'attestation_assiduite' BEFORE 'facture';
  ALTER TYPE "public"."enum_generations_document_type" ADD VALUE 'attestation_assiduite' BEFORE 'facture';
  ALTER TABLE "dossiers" ADD COLUMN "motif_heures" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "documents" ALTER COLUMN "document_type" SET DATA TYPE text;
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DEFAULT 'autre'::text;
  DROP TYPE "public"."enum_documents_document_type";
  CREATE TYPE "public"."enum_documents_document_type" AS ENUM('convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'facture', 'avoir', 'programme', 'devis', 'feuille_emargement', 'justificatif', 'autre');
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DEFAULT 'autre'::"public"."enum_documents_document_type";
  ALTER TABLE "documents" ALTER COLUMN "document_type" SET DATA TYPE "public"."enum_documents_document_type" USING "document_type"::"public"."enum_documents_document_type";
  ALTER TABLE "generations" ALTER COLUMN "document_type" SET DATA TYPE text;
  ALTER TABLE "generations" ALTER COLUMN "document_type" SET DEFAULT 'autre'::text;
  DROP TYPE "public"."enum_generations_document_type";
  CREATE TYPE "public"."enum_generations_document_type" AS ENUM('convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'facture', 'avoir', 'programme', 'devis', 'feuille_emargement', 'justificatif', 'autre');
  ALTER TABLE "generations" ALTER COLUMN "document_type" SET DEFAULT 'autre'::"public"."enum_generations_document_type";
  ALTER TABLE "generations" ALTER COLUMN "document_type" SET DATA TYPE "public"."enum_generations_document_type" USING "document_type"::"public"."enum_generations_document_type";
  ALTER TABLE "dossiers" DROP COLUMN "motif_heures";`)
}
