import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`generations\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`dossier_id\` integer NOT NULL,
  	\`document_type\` text DEFAULT 'autre',
  	\`facture_id\` integer,
  	\`cle\` text NOT NULL,
  	\`version\` numeric NOT NULL,
  	\`statut\` text DEFAULT 'en_attente',
  	\`erreur\` text,
  	\`tentatives\` numeric DEFAULT 0,
  	\`document_id\` integer,
  	\`genere_le\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`dossier_id\`) REFERENCES \`dossiers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`facture_id\`) REFERENCES \`invoices\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`document_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`generations_dossier_idx\` ON \`generations\` (\`dossier_id\`);`)
  await db.run(sql`CREATE INDEX \`generations_facture_idx\` ON \`generations\` (\`facture_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`generations_cle_idx\` ON \`generations\` (\`cle\`);`)
  await db.run(sql`CREATE INDEX \`generations_statut_idx\` ON \`generations\` (\`statut\`);`)
  await db.run(sql`CREATE INDEX \`generations_document_idx\` ON \`generations\` (\`document_id\`);`)
  await db.run(sql`CREATE INDEX \`generations_updated_at_idx\` ON \`generations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`generations_created_at_idx\` ON \`generations\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_stats\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`stats\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`users\` ADD \`recevoir_relances\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`dossiers\` ADD \`formation_programme\` text;`)
  await db.run(sql`ALTER TABLE \`dossiers\` ADD \`subrogation\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`siret\` text;`)
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`adresse_rue\` text;`)
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`adresse_code_postal\` text;`)
  await db.run(sql`ALTER TABLE \`opcos\` ADD \`adresse_ville\` text;`)
  await db.run(sql`ALTER TABLE \`documents\` ADD \`generation_id\` integer REFERENCES generations(id);`)
  await db.run(sql`ALTER TABLE \`documents\` ADD \`prefix\` text DEFAULT '';`)
  await db.run(sql`ALTER TABLE \`documents\` ADD \`_objectkey\` text;`)
  await db.run(sql`CREATE UNIQUE INDEX \`documents_generation_idx\` ON \`documents\` (\`generation_id\`);`)
  await db.run(sql`ALTER TABLE \`invoices\` ADD \`motif\` text;`)
  await db.run(sql`ALTER TABLE \`invoices\` ADD \`cle_facturation\` text;`)
  await db.run(sql`CREATE UNIQUE INDEX \`invoices_cle_facturation_idx\` ON \`invoices\` (\`cle_facturation\`);`)
  await db.run(sql`ALTER TABLE \`emails\` ADD \`cle\` text;`)
  await db.run(sql`ALTER TABLE \`emails\` ADD \`fournisseur\` text;`)
  await db.run(sql`ALTER TABLE \`emails\` ADD \`prochain_essai\` text;`)
  await db.run(sql`ALTER TABLE \`emails\` ADD \`status_at\` text;`)
  await db.run(sql`ALTER TABLE \`emails\` ADD \`piece_jointe_id\` integer REFERENCES documents(id);`)
  await db.run(sql`ALTER TABLE \`emails\` ADD \`piece_jointe_envoyee\` text;`)
  await db.run(sql`ALTER TABLE \`emails\` ADD \`renvoi_de_id\` integer REFERENCES emails(id);`)
  await db.run(sql`CREATE INDEX \`emails_to_idx\` ON \`emails\` (\`to\`);`)
  await db.run(sql`CREATE INDEX \`emails_template_idx\` ON \`emails\` (\`template\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`emails_cle_idx\` ON \`emails\` (\`cle\`);`)
  await db.run(sql`CREATE INDEX \`emails_provider_id_idx\` ON \`emails\` (\`provider_id\`);`)
  await db.run(sql`CREATE INDEX \`emails_prochain_essai_idx\` ON \`emails\` (\`prochain_essai\`);`)
  await db.run(sql`CREATE INDEX \`emails_piece_jointe_idx\` ON \`emails\` (\`piece_jointe_id\`);`)
  await db.run(sql`CREATE INDEX \`emails_renvoi_de_idx\` ON \`emails\` (\`renvoi_de_id\`);`)
  await db.run(sql`CREATE INDEX \`status_prochainEssai_idx\` ON \`emails\` (\`status\`,\`prochain_essai\`);`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` ADD \`meta\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`generations_id\` integer REFERENCES generations(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generations_id_idx\` ON \`payload_locked_documents_rels\` (\`generations_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`generations\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_stats\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_documents\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`dossier_id\` integer NOT NULL,
  	\`document_type\` text DEFAULT 'autre',
  	\`origin\` text DEFAULT 'uploaded',
  	\`uploaded_by_id\` integer,
  	\`sha256\` text,
  	\`version\` numeric DEFAULT 1,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	FOREIGN KEY (\`dossier_id\`) REFERENCES \`dossiers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`uploaded_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_documents\`("id", "dossier_id", "document_type", "origin", "uploaded_by_id", "sha256", "version", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y") SELECT "id", "dossier_id", "document_type", "origin", "uploaded_by_id", "sha256", "version", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y" FROM \`documents\`;`)
  await db.run(sql`DROP TABLE \`documents\`;`)
  await db.run(sql`ALTER TABLE \`__new_documents\` RENAME TO \`documents\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`documents_dossier_idx\` ON \`documents\` (\`dossier_id\`);`)
  await db.run(sql`CREATE INDEX \`documents_uploaded_by_idx\` ON \`documents\` (\`uploaded_by_id\`);`)
  await db.run(sql`CREATE INDEX \`documents_updated_at_idx\` ON \`documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`documents_created_at_idx\` ON \`documents\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`documents_filename_idx\` ON \`documents\` (\`filename\`);`)
  await db.run(sql`CREATE TABLE \`__new_emails\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`to\` text NOT NULL,
  	\`template\` text NOT NULL,
  	\`subject\` text NOT NULL,
  	\`dossier_id\` integer,
  	\`html\` text,
  	\`text\` text,
  	\`status\` text DEFAULT 'queued',
  	\`provider_id\` text,
  	\`attempts\` numeric DEFAULT 0,
  	\`last_error\` text,
  	\`sent_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`dossier_id\`) REFERENCES \`dossiers\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_emails\`("id", "to", "template", "subject", "dossier_id", "html", "text", "status", "provider_id", "attempts", "last_error", "sent_at", "updated_at", "created_at") SELECT "id", "to", "template", "subject", "dossier_id", "html", "text", "status", "provider_id", "attempts", "last_error", "sent_at", "updated_at", "created_at" FROM \`emails\`;`)
  await db.run(sql`DROP TABLE \`emails\`;`)
  await db.run(sql`ALTER TABLE \`__new_emails\` RENAME TO \`emails\`;`)
  await db.run(sql`CREATE INDEX \`emails_dossier_idx\` ON \`emails\` (\`dossier_id\`);`)
  await db.run(sql`CREATE INDEX \`emails_status_idx\` ON \`emails\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`emails_updated_at_idx\` ON \`emails\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`emails_created_at_idx\` ON \`emails\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`dossiers_id\` integer,
  	\`companies_id\` integer,
  	\`opcos_id\` integer,
  	\`training_providers_id\` integer,
  	\`documents_id\` integer,
  	\`payments_id\` integer,
  	\`invoices_id\` integer,
  	\`emails_id\` integer,
  	\`messages_id\` integer,
  	\`logs_id\` integer,
  	\`compteurs_id\` integer,
  	\`correspondances_idcc_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`dossiers_id\`) REFERENCES \`dossiers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`companies_id\`) REFERENCES \`companies\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`opcos_id\`) REFERENCES \`opcos\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`training_providers_id\`) REFERENCES \`training_providers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`documents_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`payments_id\`) REFERENCES \`payments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`invoices_id\`) REFERENCES \`invoices\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`emails_id\`) REFERENCES \`emails\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`messages_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`logs_id\`) REFERENCES \`logs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`compteurs_id\`) REFERENCES \`compteurs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`correspondances_idcc_id\`) REFERENCES \`correspondances_idcc\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "dossiers_id", "companies_id", "opcos_id", "training_providers_id", "documents_id", "payments_id", "invoices_id", "emails_id", "messages_id", "logs_id", "compteurs_id", "correspondances_idcc_id") SELECT "id", "order", "parent_id", "path", "users_id", "dossiers_id", "companies_id", "opcos_id", "training_providers_id", "documents_id", "payments_id", "invoices_id", "emails_id", "messages_id", "logs_id", "compteurs_id", "correspondances_idcc_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_dossiers_id_idx\` ON \`payload_locked_documents_rels\` (\`dossiers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_companies_id_idx\` ON \`payload_locked_documents_rels\` (\`companies_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_opcos_id_idx\` ON \`payload_locked_documents_rels\` (\`opcos_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_training_providers_id_idx\` ON \`payload_locked_documents_rels\` (\`training_providers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_documents_id_idx\` ON \`payload_locked_documents_rels\` (\`documents_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_payments_id_idx\` ON \`payload_locked_documents_rels\` (\`payments_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_invoices_id_idx\` ON \`payload_locked_documents_rels\` (\`invoices_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_emails_id_idx\` ON \`payload_locked_documents_rels\` (\`emails_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_messages_id_idx\` ON \`payload_locked_documents_rels\` (\`messages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_logs_id_idx\` ON \`payload_locked_documents_rels\` (\`logs_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_compteurs_id_idx\` ON \`payload_locked_documents_rels\` (\`compteurs_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_correspondances_idcc_id_idx\` ON \`payload_locked_documents_rels\` (\`correspondances_idcc_id\`);`)
  await db.run(sql`DROP INDEX \`invoices_cle_facturation_idx\`;`)
  await db.run(sql`ALTER TABLE \`invoices\` DROP COLUMN \`motif\`;`)
  await db.run(sql`ALTER TABLE \`invoices\` DROP COLUMN \`cle_facturation\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`recevoir_relances\`;`)
  await db.run(sql`ALTER TABLE \`dossiers\` DROP COLUMN \`formation_programme\`;`)
  await db.run(sql`ALTER TABLE \`dossiers\` DROP COLUMN \`subrogation\`;`)
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`siret\`;`)
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`adresse_rue\`;`)
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`adresse_code_postal\`;`)
  await db.run(sql`ALTER TABLE \`opcos\` DROP COLUMN \`adresse_ville\`;`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`meta\`;`)
}
