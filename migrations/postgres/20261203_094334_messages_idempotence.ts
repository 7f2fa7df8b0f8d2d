import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "messages" ADD COLUMN "cle_idempotence" varchar;
  ALTER TABLE "messages" ADD COLUMN "empreinte_requete" varchar;
  CREATE UNIQUE INDEX "author_cleIdempotence_idx" ON "messages" USING btree ("author_id","cle_idempotence");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "author_cleIdempotence_idx";
  ALTER TABLE "messages" DROP COLUMN "cle_idempotence";
  ALTER TABLE "messages" DROP COLUMN "empreinte_requete";`)
}
