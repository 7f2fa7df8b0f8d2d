import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`nom\` text,
  	\`prenom\` text,
  	\`telephone\` text,
  	\`role\` text DEFAULT 'user',
  	\`opco_id\` integer,
  	\`company_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`enable_a_p_i_key\` integer,
  	\`api_key\` text,
  	\`api_key_index\` text,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text,
  	FOREIGN KEY (\`opco_id\`) REFERENCES \`opcos\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`company_id\`) REFERENCES \`companies\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`users_opco_idx\` ON \`users\` (\`opco_id\`);`)
  await db.run(sql`CREATE INDEX \`users_company_idx\` ON \`users\` (\`company_id\`);`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`dossiers\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`reference\` text,
  	\`type_formation\` text DEFAULT 'formation',
  	\`status\` text DEFAULT 'brouillon',
  	\`owner_id\` integer,
  	\`beneficiaire_nom\` text,
  	\`beneficiaire_prenom\` text,
  	\`beneficiaire_email\` text,
  	\`beneficiaire_telephone\` text,
  	\`company_id\` integer,
  	\`opco_id\` integer,
  	\`formation_titre\` text,
  	\`formation_objectifs\` text,
  	\`formation_organisme_id\` integer,
  	\`formation_duree_heures\` numeric,
  	\`formation_date_debut\` text,
  	\`formation_date_fin\` text,
  	\`formation_lieu\` text,
  	\`formation_modalite\` text,
  	\`cout_total_h_t\` numeric,
  	\`montant_estime\` numeric,
  	\`montant_valide\` numeric,
  	\`estimation_financement\` text,
  	\`heures_realisees\` numeric,
  	\`payment_status\` text DEFAULT 'aucun',
  	\`numero_dossier_opco\` text,
  	\`validation_admin_date\` text,
  	\`validation_admin_by_id\` integer,
  	\`envoi_opco_date\` text,
  	\`reponse_opco_date\` text,
  	\`motif_refus\` text,
  	\`justification\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`owner_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`company_id\`) REFERENCES \`companies\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`opco_id\`) REFERENCES \`opcos\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`formation_organisme_id\`) REFERENCES \`training_providers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`validation_admin_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`dossiers_reference_idx\` ON \`dossiers\` (\`reference\`);`)
  await db.run(sql`CREATE INDEX \`dossiers_status_idx\` ON \`dossiers\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`dossiers_owner_idx\` ON \`dossiers\` (\`owner_id\`);`)
  await db.run(sql`CREATE INDEX \`dossiers_company_idx\` ON \`dossiers\` (\`company_id\`);`)
  await db.run(sql`CREATE INDEX \`dossiers_opco_idx\` ON \`dossiers\` (\`opco_id\`);`)
  await db.run(sql`CREATE INDEX \`dossiers_formation_formation_organisme_idx\` ON \`dossiers\` (\`formation_organisme_id\`);`)
  await db.run(sql`CREATE INDEX \`dossiers_validation_admin_by_idx\` ON \`dossiers\` (\`validation_admin_by_id\`);`)
  await db.run(sql`CREATE INDEX \`dossiers_updated_at_idx\` ON \`dossiers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`dossiers_created_at_idx\` ON \`dossiers\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`opco_status_createdAt_idx\` ON \`dossiers\` (\`opco_id\`,\`status\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`owner_createdAt_idx\` ON \`dossiers\` (\`owner_id\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`status_createdAt_idx\` ON \`dossiers\` (\`status\`,\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`companies\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`siret\` text NOT NULL,
  	\`siren\` text,
  	\`raison_sociale\` text NOT NULL,
  	\`adresse_rue\` text,
  	\`adresse_code_postal\` text,
  	\`adresse_ville\` text,
  	\`code_naf\` text,
  	\`idcc\` text,
  	\`effectif\` numeric,
  	\`opco_id\` integer,
  	\`opco_suggere_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`opco_id\`) REFERENCES \`opcos\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`opco_suggere_id\`) REFERENCES \`opcos\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`companies_siret_idx\` ON \`companies\` (\`siret\`);`)
  await db.run(sql`CREATE INDEX \`companies_siren_idx\` ON \`companies\` (\`siren\`);`)
  await db.run(sql`CREATE INDEX \`companies_opco_idx\` ON \`companies\` (\`opco_id\`);`)
  await db.run(sql`CREATE INDEX \`companies_opco_suggere_idx\` ON \`companies\` (\`opco_suggere_id\`);`)
  await db.run(sql`CREATE INDEX \`companies_updated_at_idx\` ON \`companies\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`companies_created_at_idx\` ON \`companies\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`opcos_regles_financement\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`libelle\` text NOT NULL,
  	\`annee\` numeric NOT NULL,
  	\`type_formation\` text,
  	\`effectif_min\` numeric,
  	\`effectif_max\` numeric,
  	\`plafond_horaire_h_t\` numeric,
  	\`plafond_action_h_t\` numeric,
  	\`plafond_annuel_h_t\` numeric,
  	\`heures_min\` numeric,
  	\`heures_max\` numeric,
  	\`exemple\` integer DEFAULT true,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`opcos\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`opcos_regles_financement_order_idx\` ON \`opcos_regles_financement\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`opcos_regles_financement_parent_id_idx\` ON \`opcos_regles_financement\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`opcos\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`code\` text NOT NULL,
  	\`nom\` text NOT NULL,
  	\`contact_email\` text,
  	\`secteurs\` text,
  	\`actif\` integer DEFAULT true,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`opcos_code_idx\` ON \`opcos\` (\`code\`);`)
  await db.run(sql`CREATE INDEX \`opcos_updated_at_idx\` ON \`opcos\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`opcos_created_at_idx\` ON \`opcos\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`training_providers\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`nom\` text NOT NULL,
  	\`siret\` text NOT NULL,
  	\`nda\` text NOT NULL,
  	\`region_nda\` text,
  	\`qualiopi_actions_formation\` integer DEFAULT false,
  	\`qualiopi_bilans_competences\` integer DEFAULT false,
  	\`qualiopi_validite_debut\` text,
  	\`qualiopi_validite_fin\` text,
  	\`adresse_rue\` text,
  	\`adresse_code_postal\` text,
  	\`adresse_ville\` text,
  	\`regime_tva\` text DEFAULT 'exoneration_261',
  	\`numero_tva\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`training_providers_siret_idx\` ON \`training_providers\` (\`siret\`);`)
  await db.run(sql`CREATE INDEX \`training_providers_updated_at_idx\` ON \`training_providers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`training_providers_created_at_idx\` ON \`training_providers\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`documents\` (
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
  await db.run(sql`CREATE INDEX \`documents_dossier_idx\` ON \`documents\` (\`dossier_id\`);`)
  await db.run(sql`CREATE INDEX \`documents_uploaded_by_idx\` ON \`documents\` (\`uploaded_by_id\`);`)
  await db.run(sql`CREATE INDEX \`documents_updated_at_idx\` ON \`documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`documents_created_at_idx\` ON \`documents\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`documents_filename_idx\` ON \`documents\` (\`filename\`);`)
  await db.run(sql`CREATE TABLE \`payments\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`dossier_id\` integer NOT NULL,
  	\`montant\` numeric NOT NULL,
  	\`date\` text NOT NULL,
  	\`payeur\` text NOT NULL,
  	\`reference\` text NOT NULL,
  	\`statut\` text DEFAULT 'recu',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`dossier_id\`) REFERENCES \`dossiers\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`payments_dossier_idx\` ON \`payments\` (\`dossier_id\`);`)
  await db.run(sql`CREATE INDEX \`payments_updated_at_idx\` ON \`payments\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payments_created_at_idx\` ON \`payments\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`payeur_reference_idx\` ON \`payments\` (\`payeur\`,\`reference\`);`)
  await db.run(sql`CREATE TABLE \`invoices_lignes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`libelle\` text NOT NULL,
  	\`quantite\` numeric NOT NULL,
  	\`prix_unitaire_h_t\` numeric NOT NULL,
  	\`montant_h_t\` numeric,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`invoices\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`invoices_lignes_order_idx\` ON \`invoices_lignes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`invoices_lignes_parent_id_idx\` ON \`invoices_lignes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`invoices\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`numero\` text,
  	\`type\` text DEFAULT 'facture',
  	\`dossier_id\` integer NOT NULL,
  	\`facture_origine_id\` integer,
  	\`destinataire\` text NOT NULL,
  	\`total_h_t\` numeric,
  	\`total_t_v_a\` numeric,
  	\`total_t_t_c\` numeric,
  	\`mention_tva\` text,
  	\`statut\` text DEFAULT 'brouillon',
  	\`date_emission\` text,
  	\`date_echeance\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`dossier_id\`) REFERENCES \`dossiers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`facture_origine_id\`) REFERENCES \`invoices\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`invoices_numero_idx\` ON \`invoices\` (\`numero\`);`)
  await db.run(sql`CREATE INDEX \`invoices_dossier_idx\` ON \`invoices\` (\`dossier_id\`);`)
  await db.run(sql`CREATE INDEX \`invoices_facture_origine_idx\` ON \`invoices\` (\`facture_origine_id\`);`)
  await db.run(sql`CREATE INDEX \`invoices_updated_at_idx\` ON \`invoices\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`invoices_created_at_idx\` ON \`invoices\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`emails\` (
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
  await db.run(sql`CREATE INDEX \`emails_dossier_idx\` ON \`emails\` (\`dossier_id\`);`)
  await db.run(sql`CREATE INDEX \`emails_status_idx\` ON \`emails\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`emails_updated_at_idx\` ON \`emails\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`emails_created_at_idx\` ON \`emails\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`messages\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`dossier_id\` integer NOT NULL,
  	\`author_id\` integer,
  	\`body\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`dossier_id\`) REFERENCES \`dossiers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`messages_dossier_idx\` ON \`messages\` (\`dossier_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_author_idx\` ON \`messages\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_updated_at_idx\` ON \`messages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`messages_created_at_idx\` ON \`messages\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`logs\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`action\` text NOT NULL,
  	\`collection_slug\` text NOT NULL,
  	\`document_id\` text NOT NULL,
  	\`actor_id\` integer,
  	\`actor_label\` text,
  	\`changes\` text,
  	\`ip\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`actor_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`logs_action_idx\` ON \`logs\` (\`action\`);`)
  await db.run(sql`CREATE INDEX \`logs_collection_slug_idx\` ON \`logs\` (\`collection_slug\`);`)
  await db.run(sql`CREATE INDEX \`logs_document_id_idx\` ON \`logs\` (\`document_id\`);`)
  await db.run(sql`CREATE INDEX \`logs_actor_idx\` ON \`logs\` (\`actor_id\`);`)
  await db.run(sql`CREATE INDEX \`logs_updated_at_idx\` ON \`logs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`logs_created_at_idx\` ON \`logs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`compteurs\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`cle\` text NOT NULL,
  	\`valeur\` numeric DEFAULT 0 NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`compteurs_cle_idx\` ON \`compteurs\` (\`cle\`);`)
  await db.run(sql`CREATE INDEX \`compteurs_updated_at_idx\` ON \`compteurs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`compteurs_created_at_idx\` ON \`compteurs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`correspondances_idcc\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`idcc\` text NOT NULL,
  	\`libelle\` text NOT NULL,
  	\`opco_id\` integer NOT NULL,
  	\`exemple\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`opco_id\`) REFERENCES \`opcos\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`correspondances_idcc_idcc_idx\` ON \`correspondances_idcc\` (\`idcc\`);`)
  await db.run(sql`CREATE INDEX \`correspondances_idcc_opco_idx\` ON \`correspondances_idcc\` (\`opco_id\`);`)
  await db.run(sql`CREATE INDEX \`correspondances_idcc_updated_at_idx\` ON \`correspondances_idcc\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`correspondances_idcc_created_at_idx\` ON \`correspondances_idcc\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
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
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`users_sessions\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`DROP TABLE \`dossiers\`;`)
  await db.run(sql`DROP TABLE \`companies\`;`)
  await db.run(sql`DROP TABLE \`opcos_regles_financement\`;`)
  await db.run(sql`DROP TABLE \`opcos\`;`)
  await db.run(sql`DROP TABLE \`training_providers\`;`)
  await db.run(sql`DROP TABLE \`documents\`;`)
  await db.run(sql`DROP TABLE \`payments\`;`)
  await db.run(sql`DROP TABLE \`invoices_lignes\`;`)
  await db.run(sql`DROP TABLE \`invoices\`;`)
  await db.run(sql`DROP TABLE \`emails\`;`)
  await db.run(sql`DROP TABLE \`messages\`;`)
  await db.run(sql`DROP TABLE \`logs\`;`)
  await db.run(sql`DROP TABLE \`compteurs\`;`)
  await db.run(sql`DROP TABLE \`correspondances_idcc\`;`)
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
}
