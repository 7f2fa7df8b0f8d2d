import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_role" AS ENUM('admin', 'user', 'opco');
  CREATE TYPE "public"."enum_dossiers_type_formation" AS ENUM('formation', 'bilan');
  CREATE TYPE "public"."enum_dossiers_status" AS ENUM('brouillon', 'soumis', 'en_revue', 'valide', 'envoye_opco', 'pieces_demandees', 'accepte', 'accepte_partiel', 'refuse', 'en_formation', 'realise', 'facture', 'paye', 'cloture', 'annule');
  CREATE TYPE "public"."enum_dossiers_formation_modalite" AS ENUM('presentiel', 'distanciel', 'mixte');
  CREATE TYPE "public"."enum_dossiers_payment_status" AS ENUM('aucun', 'partiel', 'paye', 'trop_percu');
  CREATE TYPE "public"."enum_opcos_regles_financement_type_formation" AS ENUM('formation', 'bilan');
  CREATE TYPE "public"."enum_training_providers_regime_tva" AS ENUM('exoneration_261', 'franchise_293B', 'assujetti');
  CREATE TYPE "public"."enum_documents_document_type" AS ENUM('convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'facture', 'programme', 'devis', 'feuille_emargement', 'justificatif', 'autre');
  CREATE TYPE "public"."enum_documents_origin" AS ENUM('uploaded', 'generated');
  CREATE TYPE "public"."enum_payments_payeur" AS ENUM('opco', 'entreprise');
  CREATE TYPE "public"."enum_payments_statut" AS ENUM('attendu', 'recu', 'annule');
  CREATE TYPE "public"."enum_invoices_type" AS ENUM('facture', 'avoir');
  CREATE TYPE "public"."enum_invoices_destinataire" AS ENUM('opco', 'entreprise');
  CREATE TYPE "public"."enum_invoices_statut" AS ENUM('brouillon', 'emise', 'payee', 'annulee');
  CREATE TYPE "public"."enum_emails_status" AS ENUM('queued', 'sent', 'delivered', 'bounced', 'complained', 'failed');
  CREATE TYPE "public"."enum_logs_action" AS ENUM('create', 'update', 'delete', 'transition');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'evenementDossier');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'evenementDossier');
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"nom" varchar,
  	"prenom" varchar,
  	"telephone" varchar,
  	"role" "enum_users_role" DEFAULT 'user',
  	"opco_id" integer,
  	"company_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"enable_a_p_i_key" boolean,
  	"api_key" varchar,
  	"api_key_index" varchar,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "dossiers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"reference" varchar,
  	"type_formation" "enum_dossiers_type_formation" DEFAULT 'formation',
  	"status" "enum_dossiers_status" DEFAULT 'brouillon',
  	"owner_id" integer,
  	"beneficiaire_nom" varchar,
  	"beneficiaire_prenom" varchar,
  	"beneficiaire_email" varchar,
  	"beneficiaire_telephone" varchar,
  	"company_id" integer,
  	"opco_id" integer,
  	"formation_titre" varchar,
  	"formation_objectifs" jsonb,
  	"formation_organisme_id" integer,
  	"formation_duree_heures" numeric,
  	"formation_date_debut" timestamp(3) with time zone,
  	"formation_date_fin" timestamp(3) with time zone,
  	"formation_lieu" varchar,
  	"formation_modalite" "enum_dossiers_formation_modalite",
  	"cout_total_h_t" numeric,
  	"montant_estime" numeric,
  	"montant_valide" numeric,
  	"estimation_financement" jsonb,
  	"heures_realisees" numeric,
  	"payment_status" "enum_dossiers_payment_status" DEFAULT 'aucun',
  	"numero_dossier_opco" varchar,
  	"validation_admin_date" timestamp(3) with time zone,
  	"validation_admin_by_id" integer,
  	"envoi_opco_date" timestamp(3) with time zone,
  	"reponse_opco_date" timestamp(3) with time zone,
  	"motif_refus" varchar,
  	"justification" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "companies" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"siret" varchar NOT NULL,
  	"siren" varchar,
  	"raison_sociale" varchar NOT NULL,
  	"adresse_rue" varchar,
  	"adresse_code_postal" varchar,
  	"adresse_ville" varchar,
  	"code_naf" varchar,
  	"idcc" varchar,
  	"effectif" numeric,
  	"opco_id" integer,
  	"opco_suggere_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "opcos_regles_financement" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"libelle" varchar NOT NULL,
  	"annee" numeric NOT NULL,
  	"type_formation" "enum_opcos_regles_financement_type_formation",
  	"effectif_min" numeric,
  	"effectif_max" numeric,
  	"plafond_horaire_h_t" numeric,
  	"plafond_action_h_t" numeric,
  	"plafond_annuel_h_t" numeric,
  	"heures_min" numeric,
  	"heures_max" numeric,
  	"exemple" boolean DEFAULT true
  );
  
  CREATE TABLE "opcos" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"code" varchar NOT NULL,
  	"nom" varchar NOT NULL,
  	"contact_email" varchar,
  	"secteurs" varchar,
  	"actif" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "training_providers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"nom" varchar NOT NULL,
  	"siret" varchar NOT NULL,
  	"nda" varchar NOT NULL,
  	"region_nda" varchar,
  	"qualiopi_actions_formation" boolean DEFAULT false,
  	"qualiopi_bilans_competences" boolean DEFAULT false,
  	"qualiopi_validite_debut" timestamp(3) with time zone,
  	"qualiopi_validite_fin" timestamp(3) with time zone,
  	"adresse_rue" varchar,
  	"adresse_code_postal" varchar,
  	"adresse_ville" varchar,
  	"regime_tva" "enum_training_providers_regime_tva" DEFAULT 'exoneration_261',
  	"numero_tva" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"dossier_id" integer NOT NULL,
  	"document_type" "enum_documents_document_type" DEFAULT 'autre',
  	"origin" "enum_documents_origin" DEFAULT 'uploaded',
  	"uploaded_by_id" integer,
  	"sha256" varchar,
  	"version" numeric DEFAULT 1,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "payments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"dossier_id" integer NOT NULL,
  	"montant" numeric NOT NULL,
  	"date" timestamp(3) with time zone NOT NULL,
  	"payeur" "enum_payments_payeur" NOT NULL,
  	"reference" varchar NOT NULL,
  	"statut" "enum_payments_statut" DEFAULT 'recu',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "invoices_lignes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"libelle" varchar NOT NULL,
  	"quantite" numeric NOT NULL,
  	"prix_unitaire_h_t" numeric NOT NULL,
  	"montant_h_t" numeric
  );
  
  CREATE TABLE "invoices" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"numero" varchar,
  	"type" "enum_invoices_type" DEFAULT 'facture',
  	"dossier_id" integer NOT NULL,
  	"facture_origine_id" integer,
  	"destinataire" "enum_invoices_destinataire" NOT NULL,
  	"total_h_t" numeric,
  	"total_t_v_a" numeric,
  	"total_t_t_c" numeric,
  	"mention_tva" varchar,
  	"statut" "enum_invoices_statut" DEFAULT 'brouillon',
  	"date_emission" timestamp(3) with time zone,
  	"date_echeance" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "emails" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"to" varchar NOT NULL,
  	"template" varchar NOT NULL,
  	"subject" varchar NOT NULL,
  	"dossier_id" integer,
  	"html" varchar,
  	"text" varchar,
  	"status" "enum_emails_status" DEFAULT 'queued',
  	"provider_id" varchar,
  	"attempts" numeric DEFAULT 0,
  	"last_error" varchar,
  	"sent_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "messages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"dossier_id" integer NOT NULL,
  	"author_id" integer,
  	"body" jsonb NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "logs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"action" "enum_logs_action" NOT NULL,
  	"collection_slug" varchar NOT NULL,
  	"document_id" varchar NOT NULL,
  	"actor_id" integer,
  	"actor_label" varchar,
  	"changes" jsonb,
  	"ip" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "compteurs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"cle" varchar NOT NULL,
  	"valeur" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "correspondances_idcc" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"idcc" varchar NOT NULL,
  	"libelle" varchar NOT NULL,
  	"opco_id" integer NOT NULL,
  	"exemple" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer,
  	"dossiers_id" integer,
  	"companies_id" integer,
  	"opcos_id" integer,
  	"training_providers_id" integer,
  	"documents_id" integer,
  	"payments_id" integer,
  	"invoices_id" integer,
  	"emails_id" integer,
  	"messages_id" integer,
  	"logs_id" integer,
  	"compteurs_id" integer,
  	"correspondances_idcc_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users" ADD CONSTRAINT "users_opco_id_opcos_id_fk" FOREIGN KEY ("opco_id") REFERENCES "public"."opcos"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "users" ADD CONSTRAINT "users_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_opco_id_opcos_id_fk" FOREIGN KEY ("opco_id") REFERENCES "public"."opcos"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_formation_organisme_id_training_providers_id_fk" FOREIGN KEY ("formation_organisme_id") REFERENCES "public"."training_providers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_validation_admin_by_id_users_id_fk" FOREIGN KEY ("validation_admin_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "companies" ADD CONSTRAINT "companies_opco_id_opcos_id_fk" FOREIGN KEY ("opco_id") REFERENCES "public"."opcos"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "companies" ADD CONSTRAINT "companies_opco_suggere_id_opcos_id_fk" FOREIGN KEY ("opco_suggere_id") REFERENCES "public"."opcos"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "opcos_regles_financement" ADD CONSTRAINT "opcos_regles_financement_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."opcos"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "documents" ADD CONSTRAINT "documents_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments" ADD CONSTRAINT "payments_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices_lignes" ADD CONSTRAINT "invoices_lignes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_facture_origine_id_invoices_id_fk" FOREIGN KEY ("facture_origine_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "emails" ADD CONSTRAINT "emails_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "logs" ADD CONSTRAINT "logs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "correspondances_idcc" ADD CONSTRAINT "correspondances_idcc_opco_id_opcos_id_fk" FOREIGN KEY ("opco_id") REFERENCES "public"."opcos"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_dossiers_fk" FOREIGN KEY ("dossiers_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_companies_fk" FOREIGN KEY ("companies_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_opcos_fk" FOREIGN KEY ("opcos_id") REFERENCES "public"."opcos"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_training_providers_fk" FOREIGN KEY ("training_providers_id") REFERENCES "public"."training_providers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_documents_fk" FOREIGN KEY ("documents_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_payments_fk" FOREIGN KEY ("payments_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_invoices_fk" FOREIGN KEY ("invoices_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_emails_fk" FOREIGN KEY ("emails_id") REFERENCES "public"."emails"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_messages_fk" FOREIGN KEY ("messages_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_logs_fk" FOREIGN KEY ("logs_id") REFERENCES "public"."logs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_compteurs_fk" FOREIGN KEY ("compteurs_id") REFERENCES "public"."compteurs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_correspondances_idcc_fk" FOREIGN KEY ("correspondances_idcc_id") REFERENCES "public"."correspondances_idcc"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_opco_idx" ON "users" USING btree ("opco_id");
  CREATE INDEX "users_company_idx" ON "users" USING btree ("company_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE UNIQUE INDEX "dossiers_reference_idx" ON "dossiers" USING btree ("reference");
  CREATE INDEX "dossiers_status_idx" ON "dossiers" USING btree ("status");
  CREATE INDEX "dossiers_owner_idx" ON "dossiers" USING btree ("owner_id");
  CREATE INDEX "dossiers_company_idx" ON "dossiers" USING btree ("company_id");
  CREATE INDEX "dossiers_opco_idx" ON "dossiers" USING btree ("opco_id");
  CREATE INDEX "dossiers_formation_formation_organisme_idx" ON "dossiers" USING btree ("formation_organisme_id");
  CREATE INDEX "dossiers_validation_admin_by_idx" ON "dossiers" USING btree ("validation_admin_by_id");
  CREATE INDEX "dossiers_updated_at_idx" ON "dossiers" USING btree ("updated_at");
  CREATE INDEX "dossiers_created_at_idx" ON "dossiers" USING btree ("created_at");
  CREATE INDEX "opco_status_createdAt_idx" ON "dossiers" USING btree ("opco_id","status","created_at");
  CREATE INDEX "owner_createdAt_idx" ON "dossiers" USING btree ("owner_id","created_at");
  CREATE INDEX "status_createdAt_idx" ON "dossiers" USING btree ("status","created_at");
  CREATE UNIQUE INDEX "companies_siret_idx" ON "companies" USING btree ("siret");
  CREATE INDEX "companies_siren_idx" ON "companies" USING btree ("siren");
  CREATE INDEX "companies_opco_idx" ON "companies" USING btree ("opco_id");
  CREATE INDEX "companies_opco_suggere_idx" ON "companies" USING btree ("opco_suggere_id");
  CREATE INDEX "companies_updated_at_idx" ON "companies" USING btree ("updated_at");
  CREATE INDEX "companies_created_at_idx" ON "companies" USING btree ("created_at");
  CREATE INDEX "opcos_regles_financement_order_idx" ON "opcos_regles_financement" USING btree ("_order");
  CREATE INDEX "opcos_regles_financement_parent_id_idx" ON "opcos_regles_financement" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "opcos_code_idx" ON "opcos" USING btree ("code");
  CREATE INDEX "opcos_updated_at_idx" ON "opcos" USING btree ("updated_at");
  CREATE INDEX "opcos_created_at_idx" ON "opcos" USING btree ("created_at");
  CREATE UNIQUE INDEX "training_providers_siret_idx" ON "training_providers" USING btree ("siret");
  CREATE INDEX "training_providers_updated_at_idx" ON "training_providers" USING btree ("updated_at");
  CREATE INDEX "training_providers_created_at_idx" ON "training_providers" USING btree ("created_at");
  CREATE INDEX "documents_dossier_idx" ON "documents" USING btree ("dossier_id");
  CREATE INDEX "documents_uploaded_by_idx" ON "documents" USING btree ("uploaded_by_id");
  CREATE INDEX "documents_updated_at_idx" ON "documents" USING btree ("updated_at");
  CREATE INDEX "documents_created_at_idx" ON "documents" USING btree ("created_at");
  CREATE UNIQUE INDEX "documents_filename_idx" ON "documents" USING btree ("filename");
  CREATE INDEX "payments_dossier_idx" ON "payments" USING btree ("dossier_id");
  CREATE INDEX "payments_updated_at_idx" ON "payments" USING btree ("updated_at");
  CREATE INDEX "payments_created_at_idx" ON "payments" USING btree ("created_at");
  CREATE UNIQUE INDEX "payeur_reference_idx" ON "payments" USING btree ("payeur","reference");
  CREATE INDEX "invoices_lignes_order_idx" ON "invoices_lignes" USING btree ("_order");
  CREATE INDEX "invoices_lignes_parent_id_idx" ON "invoices_lignes" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "invoices_numero_idx" ON "invoices" USING btree ("numero");
  CREATE INDEX "invoices_dossier_idx" ON "invoices" USING btree ("dossier_id");
  CREATE INDEX "invoices_facture_origine_idx" ON "invoices" USING btree ("facture_origine_id");
  CREATE INDEX "invoices_updated_at_idx" ON "invoices" USING btree ("updated_at");
  CREATE INDEX "invoices_created_at_idx" ON "invoices" USING btree ("created_at");
  CREATE INDEX "emails_dossier_idx" ON "emails" USING btree ("dossier_id");
  CREATE INDEX "emails_status_idx" ON "emails" USING btree ("status");
  CREATE INDEX "emails_updated_at_idx" ON "emails" USING btree ("updated_at");
  CREATE INDEX "emails_created_at_idx" ON "emails" USING btree ("created_at");
  CREATE INDEX "messages_dossier_idx" ON "messages" USING btree ("dossier_id");
  CREATE INDEX "messages_author_idx" ON "messages" USING btree ("author_id");
  CREATE INDEX "messages_updated_at_idx" ON "messages" USING btree ("updated_at");
  CREATE INDEX "messages_created_at_idx" ON "messages" USING btree ("created_at");
  CREATE INDEX "logs_action_idx" ON "logs" USING btree ("action");
  CREATE INDEX "logs_collection_slug_idx" ON "logs" USING btree ("collection_slug");
  CREATE INDEX "logs_document_id_idx" ON "logs" USING btree ("document_id");
  CREATE INDEX "logs_actor_idx" ON "logs" USING btree ("actor_id");
  CREATE INDEX "logs_updated_at_idx" ON "logs" USING btree ("updated_at");
  CREATE INDEX "logs_created_at_idx" ON "logs" USING btree ("created_at");
  CREATE UNIQUE INDEX "compteurs_cle_idx" ON "compteurs" USING btree ("cle");
  CREATE INDEX "compteurs_updated_at_idx" ON "compteurs" USING btree ("updated_at");
  CREATE INDEX "compteurs_created_at_idx" ON "compteurs" USING btree ("created_at");
  CREATE UNIQUE INDEX "correspondances_idcc_idcc_idx" ON "correspondances_idcc" USING btree ("idcc");
  CREATE INDEX "correspondances_idcc_opco_idx" ON "correspondances_idcc" USING btree ("opco_id");
  CREATE INDEX "correspondances_idcc_updated_at_idx" ON "correspondances_idcc" USING btree ("updated_at");
  CREATE INDEX "correspondances_idcc_created_at_idx" ON "correspondances_idcc" USING btree ("created_at");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_dossiers_id_idx" ON "payload_locked_documents_rels" USING btree ("dossiers_id");
  CREATE INDEX "payload_locked_documents_rels_companies_id_idx" ON "payload_locked_documents_rels" USING btree ("companies_id");
  CREATE INDEX "payload_locked_documents_rels_opcos_id_idx" ON "payload_locked_documents_rels" USING btree ("opcos_id");
  CREATE INDEX "payload_locked_documents_rels_training_providers_id_idx" ON "payload_locked_documents_rels" USING btree ("training_providers_id");
  CREATE INDEX "payload_locked_documents_rels_documents_id_idx" ON "payload_locked_documents_rels" USING btree ("documents_id");
  CREATE INDEX "payload_locked_documents_rels_payments_id_idx" ON "payload_locked_documents_rels" USING btree ("payments_id");
  CREATE INDEX "payload_locked_documents_rels_invoices_id_idx" ON "payload_locked_documents_rels" USING btree ("invoices_id");
  CREATE INDEX "payload_locked_documents_rels_emails_id_idx" ON "payload_locked_documents_rels" USING btree ("emails_id");
  CREATE INDEX "payload_locked_documents_rels_messages_id_idx" ON "payload_locked_documents_rels" USING btree ("messages_id");
  CREATE INDEX "payload_locked_documents_rels_logs_id_idx" ON "payload_locked_documents_rels" USING btree ("logs_id");
  CREATE INDEX "payload_locked_documents_rels_compteurs_id_idx" ON "payload_locked_documents_rels" USING btree ("compteurs_id");
  CREATE INDEX "payload_locked_documents_rels_correspondances_idcc_id_idx" ON "payload_locked_documents_rels" USING btree ("correspondances_idcc_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "dossiers" CASCADE;
  DROP TABLE "companies" CASCADE;
  DROP TABLE "opcos_regles_financement" CASCADE;
  DROP TABLE "opcos" CASCADE;
  DROP TABLE "training_providers" CASCADE;
  DROP TABLE "documents" CASCADE;
  DROP TABLE "payments" CASCADE;
  DROP TABLE "invoices_lignes" CASCADE;
  DROP TABLE "invoices" CASCADE;
  DROP TABLE "emails" CASCADE;
  DROP TABLE "messages" CASCADE;
  DROP TABLE "logs" CASCADE;
  DROP TABLE "compteurs" CASCADE;
  DROP TABLE "correspondances_idcc" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."enum_users_role";
  DROP TYPE "public"."enum_dossiers_type_formation";
  DROP TYPE "public"."enum_dossiers_status";
  DROP TYPE "public"."enum_dossiers_formation_modalite";
  DROP TYPE "public"."enum_dossiers_payment_status";
  DROP TYPE "public"."enum_opcos_regles_financement_type_formation";
  DROP TYPE "public"."enum_training_providers_regime_tva";
  DROP TYPE "public"."enum_documents_document_type";
  DROP TYPE "public"."enum_documents_origin";
  DROP TYPE "public"."enum_payments_payeur";
  DROP TYPE "public"."enum_payments_statut";
  DROP TYPE "public"."enum_invoices_type";
  DROP TYPE "public"."enum_invoices_destinataire";
  DROP TYPE "public"."enum_invoices_statut";
  DROP TYPE "public"."enum_emails_status";
  DROP TYPE "public"."enum_logs_action";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
