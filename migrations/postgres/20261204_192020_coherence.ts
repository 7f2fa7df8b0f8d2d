import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_appels_ia_fonction" ADD VALUE 'pieces';
  ALTER TABLE "documents" ADD COLUMN "lecture" jsonb;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "appels_ia" ALTER COLUMN "fonction" SET DATA TYPE text;
  DROP TYPE "public"."enum_appels_ia_fonction";
  CREATE TYPE "public"."enum_appels_ia_fonction" AS ENUM('justification', 'objectifs', 'narratif', 'anomalie');
  ALTER TABLE "appels_ia" ALTER COLUMN "fonction" SET DATA TYPE "public"."enum_appels_ia_fonction" USING "fonction"::"public"."enum_appels_ia_fonction";
  ALTER TABLE "documents" DROP COLUMN "lecture";`)
}
