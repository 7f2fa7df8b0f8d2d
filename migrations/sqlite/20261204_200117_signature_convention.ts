import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`signatures_convention_signataires\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`role\` text DEFAULT 'entreprise',
  	\`nom\` text,
  	\`prenom\` text,
  	\`fonction\` text,
  	\`email\` text,
  	\`jeton_empreinte\` text,
  	\`lien_envoye_le\` text,
  	\`lien_expire_le\` text,
  	\`code_empreinte\` text,
  	\`code_emis_le\` text,
  	\`essais_code\` numeric DEFAULT 0,
  	\`signe_le\` text,
  	\`ip\` text,
  	\`user_agent\` text,
  	\`type_signature\` text,
  	\`signature_texte\` text,
  	\`signature_image\` text,
  	\`sha256_signature\` text,
  	\`relance_le\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`signatures_convention\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`signatures_convention_signataires_order_idx\` ON \`signatures_convention_signataires\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_signataires_parent_id_idx\` ON \`signatures_convention_signataires\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_signataires_jeton_empreinte_idx\` ON \`signatures_convention_signataires\` (\`jeton_empreinte\`);`)
  await db.run(sql`CREATE TABLE \`signatures_convention\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`dossier_id\` integer NOT NULL,
  	\`document_id\` integer NOT NULL,
  	\`sha256_original\` text,
  	\`statut\` text DEFAULT 'en_cours',
  	\`bilan\` integer DEFAULT false,
  	\`envoyee_le\` text,
  	\`finalisee_le\` text,
  	\`caduque_le\` text,
  	\`document_signe_id\` integer,
  	\`sha256_signe\` text,
  	\`preuve\` text,
  	\`sha256_preuve\` text,
  	\`cree_par_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`dossier_id\`) REFERENCES \`dossiers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`document_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`document_signe_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`cree_par_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`signatures_convention_dossier_idx\` ON \`signatures_convention\` (\`dossier_id\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_document_idx\` ON \`signatures_convention\` (\`document_id\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_sha256_original_idx\` ON \`signatures_convention\` (\`sha256_original\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_statut_idx\` ON \`signatures_convention\` (\`statut\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_document_signe_idx\` ON \`signatures_convention\` (\`document_signe_id\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_sha256_signe_idx\` ON \`signatures_convention\` (\`sha256_signe\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_cree_par_idx\` ON \`signatures_convention\` (\`cree_par_id\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_updated_at_idx\` ON \`signatures_convention\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`signatures_convention_created_at_idx\` ON \`signatures_convention\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`signatures_convention_id\` integer REFERENCES signatures_convention(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_signatures_convention_id_idx\` ON \`payload_locked_documents_rels\` (\`signatures_convention_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`signatures_convention_signataires\`;`)
  await db.run(sql`DROP TABLE \`signatures_convention\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
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
  	\`generations_id\` integer,
  	\`payments_id\` integer,
  	\`invoices_id\` integer,
  	\`emails_id\` integer,
  	\`messages_id\` integer,
  	\`lectures_id\` integer,
  	\`logs_id\` integer,
  	\`compteurs_id\` integer,
  	\`correspondances_idcc_id\` integer,
  	\`rattachements_id\` integer,
  	\`releves_bancaires_id\` integer,
  	\`operations_bancaires_id\` integer,
  	\`webhooks_id\` integer,
  	\`livraisons_webhooks_id\` integer,
  	\`seances_id\` integer,
  	\`jetons_emargement_id\` integer,
  	\`exports_id\` integer,
  	\`appels_ia_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`dossiers_id\`) REFERENCES \`dossiers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`companies_id\`) REFERENCES \`companies\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`opcos_id\`) REFERENCES \`opcos\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`training_providers_id\`) REFERENCES \`training_providers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`documents_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`generations_id\`) REFERENCES \`generations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`payments_id\`) REFERENCES \`payments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`invoices_id\`) REFERENCES \`invoices\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`emails_id\`) REFERENCES \`emails\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`messages_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`lectures_id\`) REFERENCES \`lectures\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`logs_id\`) REFERENCES \`logs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`compteurs_id\`) REFERENCES \`compteurs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`correspondances_idcc_id\`) REFERENCES \`correspondances_idcc\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`rattachements_id\`) REFERENCES \`rattachements\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`releves_bancaires_id\`) REFERENCES \`releves_bancaires\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`operations_bancaires_id\`) REFERENCES \`operations_bancaires\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`webhooks_id\`) REFERENCES \`webhooks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`livraisons_webhooks_id\`) REFERENCES \`livraisons_webhooks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`seances_id\`) REFERENCES \`seances\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`jetons_emargement_id\`) REFERENCES \`jetons_emargement\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`exports_id\`) REFERENCES \`exports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`appels_ia_id\`) REFERENCES \`appels_ia\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "dossiers_id", "companies_id", "opcos_id", "training_providers_id", "documents_id", "generations_id", "payments_id", "invoices_id", "emails_id", "messages_id", "lectures_id", "logs_id", "compteurs_id", "correspondances_idcc_id", "rattachements_id", "releves_bancaires_id", "operations_bancaires_id", "webhooks_id", "livraisons_webhooks_id", "seances_id", "jetons_emargement_id", "exports_id", "appels_ia_id") SELECT "id", "order", "parent_id", "path", "users_id", "dossiers_id", "companies_id", "opcos_id", "training_providers_id", "documents_id", "generations_id", "payments_id", "invoices_id", "emails_id", "messages_id", "lectures_id", "logs_id", "compteurs_id", "correspondances_idcc_id", "rattachements_id", "releves_bancaires_id", "operations_bancaires_id", "webhooks_id", "livraisons_webhooks_id", "seances_id", "jetons_emargement_id", "exports_id", "appels_ia_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_dossiers_id_idx\` ON \`payload_locked_documents_rels\` (\`dossiers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_companies_id_idx\` ON \`payload_locked_documents_rels\` (\`companies_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_opcos_id_idx\` ON \`payload_locked_documents_rels\` (\`opcos_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_training_providers_id_idx\` ON \`payload_locked_documents_rels\` (\`training_providers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_documents_id_idx\` ON \`payload_locked_documents_rels\` (\`documents_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_generations_id_idx\` ON \`payload_locked_documents_rels\` (\`generations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_payments_id_idx\` ON \`payload_locked_documents_rels\` (\`payments_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_invoices_id_idx\` ON \`payload_locked_documents_rels\` (\`invoices_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_emails_id_idx\` ON \`payload_locked_documents_rels\` (\`emails_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_messages_id_idx\` ON \`payload_locked_documents_rels\` (\`messages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_lectures_id_idx\` ON \`payload_locked_documents_rels\` (\`lectures_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_logs_id_idx\` ON \`payload_locked_documents_rels\` (\`logs_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_compteurs_id_idx\` ON \`payload_locked_documents_rels\` (\`compteurs_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_correspondances_idcc_id_idx\` ON \`payload_locked_documents_rels\` (\`correspondances_idcc_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_rattachements_id_idx\` ON \`payload_locked_documents_rels\` (\`rattachements_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_releves_bancaires_id_idx\` ON \`payload_locked_documents_rels\` (\`releves_bancaires_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_operations_bancaires_id_idx\` ON \`payload_locked_documents_rels\` (\`operations_bancaires_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_webhooks_id_idx\` ON \`payload_locked_documents_rels\` (\`webhooks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_livraisons_webhooks_id_idx\` ON \`payload_locked_documents_rels\` (\`livraisons_webhooks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_seances_id_idx\` ON \`payload_locked_documents_rels\` (\`seances_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_jetons_emargement_id_idx\` ON \`payload_locked_documents_rels\` (\`jetons_emargement_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_exports_id_idx\` ON \`payload_locked_documents_rels\` (\`exports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_appels_ia_id_idx\` ON \`payload_locked_documents_rels\` (\`appels_ia_id\`);`)
}
