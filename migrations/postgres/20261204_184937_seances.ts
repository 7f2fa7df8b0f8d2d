import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_seances_signatures_role" AS ENUM('stagiaire', 'formateur');
  CREATE TYPE "public"."enum_seances_demi_journee" AS ENUM('matin', 'apres-midi');
  CREATE TYPE "public"."enum_seances_statut" AS ENUM('a_signer', 'signee', 'absence', 'annulee');
  CREATE TABLE "seances_signatures" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"role" "enum_seances_signatures_role" NOT NULL,
  	"nom" varchar NOT NULL,
  	"signe_le" timestamp(3) with time zone NOT NULL,
  	"ip" varchar,
  	"user_agent" varchar,
  	"image" varchar,
  	"empreinte" varchar NOT NULL
  );
  
  CREATE TABLE "seances" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"dossier_id" integer NOT NULL,
  	"date" timestamp(3) with time zone NOT NULL,
  	"demi_journee" "enum_seances_demi_journee" NOT NULL,
  	"heure_debut" varchar NOT NULL,
  	"heure_fin" varchar NOT NULL,
  	"duree_minutes" numeric NOT NULL,
  	"statut" "enum_seances_statut" DEFAULT 'a_signer',
  	"minutes_declarees" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "dossiers" ADD COLUMN "formation_formateur_prenom" varchar;
  ALTER TABLE "dossiers" ADD COLUMN "formation_formateur_nom" varchar;
  ALTER TABLE "dossiers" ADD COLUMN "formation_formateur_email" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "seances_id" integer;
  ALTER TABLE "seances_signatures" ADD CONSTRAINT "seances_signatures_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."seances"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "seances" ADD CONSTRAINT "seances_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "seances_signatures_order_idx" ON "seances_signatures" USING btree ("_order");
  CREATE INDEX "seances_signatures_parent_id_idx" ON "seances_signatures" USING btree ("_parent_id");
  CREATE INDEX "seances_dossier_idx" ON "seances" USING btree ("dossier_id");
  CREATE INDEX "seances_date_idx" ON "seances" USING btree ("date");
  CREATE INDEX "seances_updated_at_idx" ON "seances" USING btree ("updated_at");
  CREATE INDEX "seances_created_at_idx" ON "seances" USING btree ("created_at");
  CREATE UNIQUE INDEX "dossier_date_demiJournee_idx" ON "seances" USING btree ("dossier_id","date","demi_journee");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_seances_fk" FOREIGN KEY ("seances_id") REFERENCES "public"."seances"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_seances_id_idx" ON "payload_locked_documents_rels" USING btree ("seances_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "seances_signatures" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "seances" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "seances_signatures" CASCADE;
  DROP TABLE "seances" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_seances_fk";
  
  DROP INDEX "payload_locked_documents_rels_seances_id_idx";
  ALTER TABLE "dossiers" DROP COLUMN "formation_formateur_prenom";
  ALTER TABLE "dossiers" DROP COLUMN "formation_formateur_nom";
  ALTER TABLE "dossiers" DROP COLUMN "formation_formateur_email";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "seances_id";
  DROP TYPE "public"."enum_seances_signatures_role";
  DROP TYPE "public"."enum_seances_demi_journee";
  DROP TYPE "public"."enum_seances_statut";`)
}
