import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TYPE "public"."enum_releves_bancaires_format" AS ENUM('camt053', 'csv');
  CREATE TYPE "public"."enum_operations_bancaires_sens" AS ENUM('credit', 'debit');
  CREATE TYPE "public"."enum_operations_bancaires_statut" AS ENUM('automatique', 'a_confirmer', 'confirmee', 'rejetee', 'sans_correspondance', 'debit');
  CREATE TYPE "public"."enum_operations_bancaires_situation" AS ENUM('exact', 'partiel', 'trop_percu');
  CREATE TABLE "releves_bancaires" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"cle" varchar NOT NULL,
  	"identifiant" varchar,
  	"format" "enum_releves_bancaires_format" NOT NULL,
  	"compte" varchar,
  	"nom_fichier" varchar,
  	"nombre_operations" numeric,
  	"nouvelles_operations" numeric,
  	"importe_par_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "operations_bancaires" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"releve_id" integer NOT NULL,
  	"id_transaction" varchar NOT NULL,
  	"date" timestamp(3) with time zone NOT NULL,
  	"montant" numeric NOT NULL,
  	"sens" "enum_operations_bancaires_sens" NOT NULL,
  	"libelle" varchar,
  	"nom_contrepartie" varchar,
  	"reference" varchar,
  	"statut" "enum_operations_bancaires_statut" NOT NULL,
  	"candidats" jsonb,
  	"candidat_retenu" numeric,
  	"situation" "enum_operations_bancaires_situation",
  	"decide_par_id" integer,
  	"decide_le" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "operations_bancaires_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"payments_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "releves_bancaires_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "operations_bancaires_id" integer;
  ALTER TABLE "releves_bancaires" ADD CONSTRAINT "releves_bancaires_importe_par_id_users_id_fk" FOREIGN KEY ("importe_par_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "operations_bancaires" ADD CONSTRAINT "operations_bancaires_releve_id_releves_bancaires_id_fk" FOREIGN KEY ("releve_id") REFERENCES "public"."releves_bancaires"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "operations_bancaires" ADD CONSTRAINT "operations_bancaires_decide_par_id_users_id_fk" FOREIGN KEY ("decide_par_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "operations_bancaires_rels" ADD CONSTRAINT "operations_bancaires_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."operations_bancaires"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "operations_bancaires_rels" ADD CONSTRAINT "operations_bancaires_rels_payments_fk" FOREIGN KEY ("payments_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "releves_bancaires_cle_idx" ON "releves_bancaires" USING btree ("cle");
  CREATE INDEX "releves_bancaires_importe_par_idx" ON "releves_bancaires" USING btree ("importe_par_id");
  CREATE INDEX "releves_bancaires_updated_at_idx" ON "releves_bancaires" USING btree ("updated_at");
  CREATE INDEX "releves_bancaires_created_at_idx" ON "releves_bancaires" USING btree ("created_at");
  CREATE INDEX "operations_bancaires_releve_idx" ON "operations_bancaires" USING btree ("releve_id");
  CREATE UNIQUE INDEX "operations_bancaires_id_transaction_idx" ON "operations_bancaires" USING btree ("id_transaction");
  CREATE INDEX "operations_bancaires_date_idx" ON "operations_bancaires" USING btree ("date");
  CREATE INDEX "operations_bancaires_statut_idx" ON "operations_bancaires" USING btree ("statut");
  CREATE INDEX "operations_bancaires_decide_par_idx" ON "operations_bancaires" USING btree ("decide_par_id");
  CREATE INDEX "operations_bancaires_updated_at_idx" ON "operations_bancaires" USING btree ("updated_at");
  CREATE INDEX "operations_bancaires_created_at_idx" ON "operations_bancaires" USING btree ("created_at");
  CREATE INDEX "operations_bancaires_rels_order_idx" ON "operations_bancaires_rels" USING btree ("order");
  CREATE INDEX "operations_bancaires_rels_parent_idx" ON "operations_bancaires_rels" USING btree ("parent_id");
  CREATE INDEX "operations_bancaires_rels_path_idx" ON "operations_bancaires_rels" USING btree ("path");
  CREATE INDEX "operations_bancaires_rels_payments_id_idx" ON "operations_bancaires_rels" USING btree ("payments_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_releves_bancaires_fk" FOREIGN KEY ("releves_bancaires_id") REFERENCES "public"."releves_bancaires"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_operations_bancaires_fk" FOREIGN KEY ("operations_bancaires_id") REFERENCES "public"."operations_bancaires"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_releves_bancaires_id_idx" ON "payload_locked_documents_rels" USING btree ("releves_bancaires_id");
  CREATE INDEX "payload_locked_documents_rels_operations_bancaires_id_idx" ON "payload_locked_documents_rels" USING btree ("operations_bancaires_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "releves_bancaires" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "operations_bancaires" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "operations_bancaires_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "releves_bancaires" CASCADE;
  DROP TABLE "operations_bancaires" CASCADE;
  DROP TABLE "operations_bancaires_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_releves_bancaires_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_operations_bancaires_fk";
  
  DROP INDEX "payload_locked_documents_rels_releves_bancaires_id_idx";
  DROP INDEX "payload_locked_documents_rels_operations_bancaires_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "releves_bancaires_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "operations_bancaires_id";
  DROP TYPE "public"."enum_releves_bancaires_format";
  DROP TYPE "public"."enum_operations_bancaires_sens";
  DROP TYPE "public"."enum_operations_bancaires_statut";
  DROP TYPE "public"."enum_operations_bancaires_situation";`)
}
