import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_rattachements_statut" AS ENUM('en_attente', 'accepte', 'refuse');
  CREATE TABLE "rattachements" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"demandeur_id" integer NOT NULL,
  	"company_id" integer NOT NULL,
  	"siret" varchar,
  	"statut" "enum_rattachements_statut" DEFAULT 'en_attente',
  	"demande_le" timestamp(3) with time zone NOT NULL,
  	"decide_le" timestamp(3) with time zone,
  	"decide_par_id" integer,
  	"motif" varchar,
  	"cle_en_attente" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "rattachements_id" integer;
  ALTER TABLE "rattachements" ADD CONSTRAINT "rattachements_demandeur_id_users_id_fk" FOREIGN KEY ("demandeur_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "rattachements" ADD CONSTRAINT "rattachements_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "rattachements" ADD CONSTRAINT "rattachements_decide_par_id_users_id_fk" FOREIGN KEY ("decide_par_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "rattachements_demandeur_idx" ON "rattachements" USING btree ("demandeur_id");
  CREATE INDEX "rattachements_company_idx" ON "rattachements" USING btree ("company_id");
  CREATE INDEX "rattachements_statut_idx" ON "rattachements" USING btree ("statut");
  CREATE INDEX "rattachements_decide_par_idx" ON "rattachements" USING btree ("decide_par_id");
  CREATE UNIQUE INDEX "rattachements_cle_en_attente_idx" ON "rattachements" USING btree ("cle_en_attente");
  CREATE INDEX "rattachements_updated_at_idx" ON "rattachements" USING btree ("updated_at");
  CREATE INDEX "rattachements_created_at_idx" ON "rattachements" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_rattachements_fk" FOREIGN KEY ("rattachements_id") REFERENCES "public"."rattachements"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_rattachements_id_idx" ON "payload_locked_documents_rels" USING btree ("rattachements_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "rattachements" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "rattachements" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_rattachements_fk";
  
  DROP INDEX "payload_locked_documents_rels_rattachements_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "rattachements_id";
  DROP TYPE "public"."enum_rattachements_statut";`)
}
