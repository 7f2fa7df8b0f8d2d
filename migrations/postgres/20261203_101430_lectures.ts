import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "lectures" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"lecteur_id" integer,
  	"dossier_id" integer,
  	"lu_jusqua" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "lectures_id" integer;
  ALTER TABLE "lectures" ADD CONSTRAINT "lectures_lecteur_id_users_id_fk" FOREIGN KEY ("lecteur_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "lectures" ADD CONSTRAINT "lectures_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "lectures_lecteur_idx" ON "lectures" USING btree ("lecteur_id");
  CREATE INDEX "lectures_dossier_idx" ON "lectures" USING btree ("dossier_id");
  CREATE INDEX "lectures_updated_at_idx" ON "lectures" USING btree ("updated_at");
  CREATE INDEX "lectures_created_at_idx" ON "lectures" USING btree ("created_at");
  CREATE UNIQUE INDEX "lecteur_dossier_idx" ON "lectures" USING btree ("lecteur_id","dossier_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_lectures_fk" FOREIGN KEY ("lectures_id") REFERENCES "public"."lectures"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_lectures_id_idx" ON "payload_locked_documents_rels" USING btree ("lectures_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "lectures" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "lectures" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_lectures_fk";
  
  DROP INDEX "payload_locked_documents_rels_lectures_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "lectures_id";`)
}
