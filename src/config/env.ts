/**
 * Environment, read and validated once at start-up.
 *
 * Every variable the product reads is declared here, nowhere else: the README's configuration
 * table mirrors this file. A bad value stops the process with a message naming the variable
 * (in French, then English) instead of failing later on the first request.
 */

import fs from 'node:fs'
import path from 'node:path'

export type DatabaseKind = 'sqlite' | 'postgres'

export interface Environnement {
  nodeEnv: 'development' | 'production' | 'test'
  production: boolean
  /** Payload's logger level (pino): fatal, error, warn, info, debug, trace or silent. */
  logLevel: string
  /** Bearer token of GET /api/metrics; unset → the route answers 404. */
  metricsToken: string | null
  /**
   * The PDF renderer's browser: `auto` (CHROMIUM_PATH, else the system's Chromium, else the one
   * shipped inside the npm package @sparticuz/chromium), `systeme` or `embarque`.
   */
  pdfNavigateur: 'auto' | 'systeme' | 'embarque'
  databaseUrl: string
  databaseKind: DatabaseKind
  databasePoolMax: number
  payloadSecret: string
  serverUrl: string
  cookieSecure: boolean
  tokenExpirationSeconds: number
  lockoutMaxAttempts: number
  lockoutMinutes: number
  authRateLimitMax: number
  authRateLimitWindowSeconds: number
  trustProxy: boolean
  graphqlMaxComplexity: number
  maxBodyBytes: number
  seedAdminEmail: string
  seedAdminPassword: string
  seedAdminPasswordIsDefault: boolean
  seedDemoData: boolean
  jobsAutoRun: boolean
  /** scripts/server.mjs serves the dossier list without Next.js when the fast read answers (src/services/voieDirecte.ts). */
  listeDirecte: boolean
  /** Jobs on several workers (src/db/reservationTaches.ts): a claimed job's lease, renewed by its live worker. */
  jobsLeaseSeconds: number
  /** `npm run jobs`: pause between two polls of an empty queue, and jobs claimed per batch. */
  jobsPollSeconds: number
  jobsBatch: number
  /** Tests of the tests only (refused in production): Payload's unguarded claim, to prove the cluster tests see duplicates. */
  jobsReservationNonGardee: boolean
  /** Tests only (refused in production): the e-invoice's total is off by one cent, to prove a wrong invoice is not issued. */
  facturxTotalFauxPourTests: boolean
  /** E-mails: provider (Resend, SMTP or none), sender, retries, webhook secret, reminder delays. */
  emails: ConfigEmails
  /** JSON file overriding templates/pdf/configuration.json (legal wording, branding), or null. */
  documentsConfigPath: string | null
  /** Chromium used to render PDFs; null when none is installed (rendering then fails clearly). */
  chromiumPath: string | null
  /** Pages rendering PDFs at the same time in the one warm browser. */
  pdfPoolSize: number
  /** Absolute folder of the files kept on local disk (documents in `<uploadsDir>/documents`). */
  uploadsDir: string
  /** Origin the portal's server code calls the REST API on (itself, by default). */
  portailApiUrl: string
  /** S3 (or S3-compatible) storage of the documents when S3_BUCKET is set; null: local disk. */
  s3: StockageS3 | null
  /** AI assistance (src/services/ia.ts); null without OPENAI_API_KEY: the AI features are off. */
  ia: ConfigIa | null
  /** Scheduled backups (BACKUP_*): cron (null: none scheduled), folder of the archives, how many to keep. */
  sauvegarde: ConfigSauvegarde
  /** The State's « Recherche d'entreprises » API (company from its SIRET, src/services/rechercheEntreprises.ts). */
  entreprises: ConfigEntreprises
}

export interface ConfigEntreprises {
  /** Origin of the API (`https://recherche-entreprises.api.gouv.fr`), without trailing slash. */
  apiUrl: string
  /** One call's time limit: past it, the user types the company by hand. */
  timeoutMs: number
  /** How long a found (or not found) establishment is kept in memory; 0 disables the cache. */
  cacheSecondes: number
  /** Lookups per signed-in account and minute (GET /api/entreprises/siret/:siret). */
  limiteParMinute: number
}

export interface ConfigSauvegarde {
  cron: string | null
  /** Absolute folder of the scheduled archives and of `derniere-sauvegarde.json`. */
  dossier: string
  garder: number
}

export interface ConfigIa {
  apiKey: string
  /** Any OpenAI-compatible server, path included (`https://api.openai.com/v1`). */
  baseUrl: string
  model: string
  timeoutMs: number
  maxRetries: number
  /** Ceiling of the model's answer, in tokens (an answer cut by it is refused as truncated). */
  maxTokens: number
}

export interface StockageS3 {
  bucket: string
  region: string
  /** S3-compatible store (MinIO, Scaleway, OVH…); null for AWS itself. */
  endpoint: string | null
  accessKeyId: string
  secretAccessKey: string
  forcePathStyle: boolean
  /** Key prefix inside the bucket, without leading or trailing slash ('' for none). */
  prefix: string
}

export class EnvironnementInvalideError extends Error {
  constructor(public readonly variable: string, detail: string) {
    super(`Variable d'environnement ${variable} invalide : ${detail} / Invalid environment variable ${variable}.`)
    this.name = 'EnvironnementInvalideError'
  }
}

const DEFAULT_SQLITE_URL = 'file:./data/monopco.db'
const DEFAULT_UPLOADS_DIR = 'data/uploads'
const DEV_SECRET = 'monopco-dev-secret-ne-pas-utiliser-en-production'
export const DEFAULT_SEED_ADMIN_EMAIL = 'admin@monopco.local'
export const DEFAULT_SEED_ADMIN_PASSWORD = 'MonOPCO-demo-2026!'

type Source = Record<string, string | undefined>

/** Where Debian's package puts Chromium (the /usr/bin wrapper is the fallback). */
export const CHEMINS_CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'] as const

/** An explicitly configured file must exist: a typo should stop the start, not the first PDF. */
function fichier(source: Source, name: string, existe: (chemin: string) => boolean): string | null {
  const raw = source[name]
  if (raw === undefined || raw === '') return null
  if (!existe(raw)) throw new EnvironnementInvalideError(name, `le fichier « ${raw} » n'existe pas`)
  return raw
}

/** Every S3_* variable: set without S3_BUCKET they would be ignored and files kept on local disk. */
const VARIABLES_S3 = ['S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PREFIX'] as const

function lireStockageS3(source: Source): StockageS3 | null {
  const renseignee = (name: string) => source[name] !== undefined && source[name] !== ''
  const bucket = source.S3_BUCKET ?? ''
  if (bucket === '') {
    const orpheline = VARIABLES_S3.find(renseignee)
    if (orpheline) {
      throw new EnvironnementInvalideError('S3_BUCKET', `obligatoire quand ${orpheline} est défini (sans lui, les fichiers resteraient sur le disque local)`)
    }
    return null
  }
  // AWS naming rules: 3–63 lowercase letters, digits, dots and dashes, starting and ending with a letter or digit.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
    throw new EnvironnementInvalideError('S3_BUCKET', `« ${bucket} » n'est pas un nom de bucket valide (3 à 63 caractères : minuscules, chiffres, points, tirets)`)
  }
  for (const name of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (!renseignee(name)) throw new EnvironnementInvalideError(name, 'obligatoire quand S3_BUCKET est défini (identifiants du stockage S3)')
  }
  const region = source.S3_REGION || 'eu-west-3'
  if (!/^[a-z0-9-]{2,40}$/.test(region)) {
    throw new EnvironnementInvalideError('S3_REGION', `« ${region} » n'est pas une région valide (ex. eu-west-3)`)
  }
  const endpoint = source.S3_ENDPOINT ? source.S3_ENDPOINT.replace(/\/+$/, '') : null
  if (endpoint !== null && !/^https?:\/\/[^\s/@]+$/.test(endpoint)) {
    // Never echo credentials someone put in the URL.
    const affiche = endpoint.replace(/\/\/[^/]*@/, '//…@')
    throw new EnvironnementInvalideError('S3_ENDPOINT', `« ${affiche} » n'est pas une URL http(s) sans chemin ni identifiants (ex. https://s3.fr-par.scw.cloud)`)
  }
  const prefix = (source.S3_PREFIX ?? '').replace(/^\/+|\/+$/g, '')
  if (prefix !== '' && (!/^[A-Za-z0-9._/-]+$/.test(prefix) || prefix.split('/').some((s) => s === '' || s === '.' || s === '..'))) {
    throw new EnvironnementInvalideError('S3_PREFIX', `« ${prefix} » n'est pas un préfixe valide (lettres, chiffres, . _ - et / entre les segments)`)
  }
  return {
    bucket,
    region,
    endpoint,
    accessKeyId: source.S3_ACCESS_KEY_ID!,
    secretAccessKey: source.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: booleen(source, 'S3_FORCE_PATH_STYLE', false),
    prefix,
  }
}

/**
 * The portal writes through the REST API with the visitor's own session (every rule enforced
 * there): its server code calls the app itself, on 127.0.0.1:PORT unless told otherwise.
 */
function lirePortailApiUrl(source: Source): string {
  const url = (source.PORTAIL_API_URL || `http://127.0.0.1:${source.PORT || '3000'}`).replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/@]+$/.test(url)) {
    throw new EnvironnementInvalideError('PORTAIL_API_URL', `« ${url.replace(/\/\/[^/]*@/, '//…@')} » n'est pas une origine http(s) sans chemin ni identifiants (ex. http://127.0.0.1:3000)`)
  }
  return url
}

/** JOBS_UNGUARDED_CLAIM_FOR_TESTS: never in production, where it would let two workers run one job. */
function reservationNonGardee(source: Source, production: boolean): boolean {
  const valeur = booleen(source, 'JOBS_UNGUARDED_CLAIM_FOR_TESTS', false)
  if (valeur && production) throw new EnvironnementInvalideError('JOBS_UNGUARDED_CLAIM_FOR_TESTS', 'refusé en production : deux workers pourraient exécuter la même tâche')
  return valeur
}

/** FACTURX_TOTAL_FAUX_POUR_TESTS: never in production, where every invoice would be refused (and none issued). */
function totalFauxPourTests(source: Source, production: boolean): boolean {
  const valeur = booleen(source, 'FACTURX_TOTAL_FAUX_POUR_TESTS', false)
  if (valeur && production) throw new EnvironnementInvalideError('FACTURX_TOTAL_FAUX_POUR_TESTS', 'refusé en production : variable de test qui fausse le total des factures électroniques')
  return valeur
}

function entier(source: Source, name: string, fallback: number, min: number, max: number): number {
  const raw = source[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw)) throw new EnvironnementInvalideError(name, `« ${raw} » n'est pas un entier`)
  const value = Number(raw)
  if (value < min || value > max) {
    throw new EnvironnementInvalideError(name, `doit être compris entre ${min} et ${max} (reçu ${value})`)
  }
  return value
}

function booleen(source: Source, name: string, fallback: boolean): boolean {
  const raw = source[name]
  if (raw === undefined || raw === '') return fallback
  if (/^(1|true|yes|oui)$/i.test(raw)) return true
  if (/^(0|false|no|non)$/i.test(raw)) return false
  throw new EnvironnementInvalideError(name, `« ${raw} » n'est pas un booléen (true/false)`)
}

export function detecterTypeBase(url: string): DatabaseKind {
  if (url.startsWith('file:')) return 'sqlite'
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres'
  if (/^mongodb(\+srv)?:\/\//.test(url)) {
    // Gap-free invoice numbers and counters need one atomic SQL statement, reports are SQL
    // aggregates, and no MongoDB server can be installed to test it: refused, not half-supported.
    throw new EnvironnementInvalideError(
      'DATABASE_URL',
      'MongoDB n’est pas pris en charge : MonOPCO fonctionne sur SQLite (file:…) ou PostgreSQL (postgres://…), car la numérotation sans trou des factures repose sur des instructions SQL atomiques et les rapports sur des agrégats SQL',
    )
  }
  throw new EnvironnementInvalideError(
    'DATABASE_URL',
    `schéma non pris en charge « ${url.split(':')[0]} » (attendu file: pour SQLite ou postgres:// pour PostgreSQL)`,
  )
}

export function lireEnvironnement(source: Source = process.env, existe: (chemin: string) => boolean = fs.existsSync): Environnement {
  const rawNodeEnv = source.NODE_ENV ?? 'development'
  const nodeEnv = rawNodeEnv === 'production' || rawNodeEnv === 'test' ? rawNodeEnv : 'development'
  const production = nodeEnv === 'production'

  const databaseUrl = source.DATABASE_URL && source.DATABASE_URL !== '' ? source.DATABASE_URL : DEFAULT_SQLITE_URL
  const databaseKind = detecterTypeBase(databaseUrl)

  let payloadSecret = source.PAYLOAD_SECRET ?? ''
  // `next build` evaluates the config to collect pages but serves nothing: no secret needed then.
  const enBuild = source.NEXT_PHASE === 'phase-production-build'
  if (payloadSecret === '') {
    if (production && !enBuild) {
      throw new EnvironnementInvalideError(
        'PAYLOAD_SECRET',
        'obligatoire en production (au moins 32 caractères aléatoires, ex. `openssl rand -hex 32`)',
      )
    }
    payloadSecret = DEV_SECRET
  } else if (production && payloadSecret.length < 32) {
    throw new EnvironnementInvalideError('PAYLOAD_SECRET', 'doit comporter au moins 32 caractères en production')
  } else if (production && payloadSecret === DEV_SECRET) {
    throw new EnvironnementInvalideError('PAYLOAD_SECRET', 'le secret de développement est interdit en production')
  }

  const serverUrl = (source.SERVER_URL || 'http://localhost:3000').replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(serverUrl)) {
    throw new EnvironnementInvalideError('SERVER_URL', `« ${serverUrl} » n'est pas une URL http(s)`)
  }

  const seedAdminEmail = source.SEED_ADMIN_EMAIL || DEFAULT_SEED_ADMIN_EMAIL
  if (!/^[^\s@]+@[^\s@]+$/.test(seedAdminEmail)) {
    throw new EnvironnementInvalideError('SEED_ADMIN_EMAIL', `« ${seedAdminEmail} » n'est pas une adresse e-mail`)
  }
  const seedAdminPassword = source.SEED_ADMIN_PASSWORD || DEFAULT_SEED_ADMIN_PASSWORD
  if (seedAdminPassword.length < 10) {
    throw new EnvironnementInvalideError('SEED_ADMIN_PASSWORD', 'doit comporter au moins 10 caractères')
  }

  const logLevel = source.LOG_LEVEL || 'info'
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new EnvironnementInvalideError('LOG_LEVEL', `« ${logLevel} » n'est pas un niveau (fatal, error, warn, info, debug, trace, silent)`)
  }

  const metricsToken = source.METRICS_TOKEN || null
  if (metricsToken !== null && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    throw new EnvironnementInvalideError('METRICS_TOKEN', 'doit comporter au moins 16 caractères, sans espace')
  }

  const pdfNavigateur = source.PDF_NAVIGATEUR || 'auto'
  if (pdfNavigateur !== 'auto' && pdfNavigateur !== 'systeme' && pdfNavigateur !== 'embarque') {
    throw new EnvironnementInvalideError('PDF_NAVIGATEUR', `« ${pdfNavigateur} » : attendu auto, systeme ou embarque`)
  }

  return {
    nodeEnv,
    production,
    logLevel,
    metricsToken,
    pdfNavigateur,
    databaseUrl,
    databaseKind,
    databasePoolMax: entier(source, 'DATABASE_POOL_MAX', 10, 1, 500),
    payloadSecret,
    serverUrl,
    cookieSecure: booleen(source, 'COOKIE_SECURE', production),
    tokenExpirationSeconds: entier(source, 'TOKEN_EXPIRATION_SECONDS', 2 * 3600, 60, 30 * 24 * 3600),
    lockoutMaxAttempts: entier(source, 'AUTH_MAX_LOGIN_ATTEMPTS', 5, 1, 100),
    lockoutMinutes: entier(source, 'AUTH_LOCK_MINUTES', 10, 1, 24 * 60),
    authRateLimitMax: entier(source, 'AUTH_RATE_LIMIT_MAX', 20, 1, 100_000),
    authRateLimitWindowSeconds: entier(source, 'AUTH_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 24 * 3600),
    trustProxy: booleen(source, 'TRUST_PROXY', false),
    graphqlMaxComplexity: entier(source, 'GRAPHQL_MAX_COMPLEXITY', 1000, 10, 1_000_000),
    maxBodyBytes: entier(source, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    seedAdminEmail,
    seedAdminPassword,
    seedAdminPasswordIsDefault: !source.SEED_ADMIN_PASSWORD,
    seedDemoData: booleen(source, 'SEED_DEMO_DATA', !production),
    jobsAutoRun: booleen(source, 'JOBS_AUTORUN', true),
    listeDirecte: booleen(source, 'LISTE_DIRECTE', true),
    jobsLeaseSeconds: entier(source, 'JOBS_LEASE_SECONDS', 120, 2, 3600),
    jobsPollSeconds: entier(source, 'JOBS_POLL_SECONDS', 2, 1, 600),
    jobsBatch: entier(source, 'JOBS_BATCH', 10, 1, 500),
    jobsReservationNonGardee: reservationNonGardee(source, production),
    facturxTotalFauxPourTests: totalFauxPourTests(source, production),
    emails: lireConfigEmails(source, production),
    documentsConfigPath: fichier(source, 'DOCUMENTS_CONFIG_PATH', existe),
    chromiumPath: fichier(source, 'CHROMIUM_PATH', existe) ?? CHEMINS_CHROMIUM.find((p) => existe(p)) ?? null,
    pdfPoolSize: entier(source, 'PDF_POOL_SIZE', 2, 1, 8),
    uploadsDir: path.resolve(source.UPLOADS_DIR || DEFAULT_UPLOADS_DIR),
    portailApiUrl: lirePortailApiUrl(source),
    s3: lireStockageS3(source),
    ia: lireConfigIa(source),
    sauvegarde: lireConfigSauvegarde(source),
    entreprises: lireConfigEntreprises(source),
  }
}

export function lireConfigSauvegarde(source: Source): ConfigSauvegarde {
  const cron = (source.BACKUP_CRON ?? '').trim()
  if (cron !== '' && !/^(\S+\s+){4,5}\S+$/.test(cron)) {
    throw new EnvironnementInvalideError('BACKUP_CRON', `« ${cron} » n'est pas une expression cron (5 ou 6 champs, ex. 30 2 * * * pour 2 h 30 chaque nuit)`)
  }
  const dossier = source.BACKUP_DIR ?? ''
  if (/[\u0000-\u001f]/.test(dossier)) throw new EnvironnementInvalideError('BACKUP_DIR', 'le chemin contient un caractère de contrôle')
  return { cron: cron === '' ? null : cron, dossier: path.resolve(dossier || 'data/sauvegardes'), garder: entier(source, 'BACKUP_KEEP', 7, 1, 1000) }
}

export const OPENAI_BASE_URL_DEFAUT = 'https://api.openai.com/v1'
export const OPENAI_MODEL_DEFAUT = 'gpt-4o-mini'

/** Every OPENAI_* variable but the key: set without it, the AI would silently stay off. */
const VARIABLES_IA = ['OPENAI_BASE_URL', 'OPENAI_MODEL', 'OPENAI_TIMEOUT_SECONDS', 'OPENAI_MAX_RETRIES', 'OPENAI_MAX_TOKENS'] as const

export function lireConfigIa(source: Source): ConfigIa | null {
  const apiKey = source.OPENAI_API_KEY ?? ''
  const baseUrl = (source.OPENAI_BASE_URL || OPENAI_BASE_URL_DEFAUT).replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/@]+(\/[^\s@]*)?$/.test(baseUrl)) {
    throw new EnvironnementInvalideError('OPENAI_BASE_URL', `« ${baseUrl.replace(/\/\/[^/]*@/, '//…@')} » n'est pas une URL http(s) sans identifiants (ex. https://api.openai.com/v1)`)
  }
  const model = source.OPENAI_MODEL || OPENAI_MODEL_DEFAUT
  if (!/^[A-Za-z0-9._:/-]{1,100}$/.test(model)) throw new EnvironnementInvalideError('OPENAI_MODEL', `« ${model} » n'est pas un nom de modèle valide`)
  const timeoutMs = entier(source, 'OPENAI_TIMEOUT_SECONDS', 30, 1, 600) * 1000
  const maxRetries = entier(source, 'OPENAI_MAX_RETRIES', 2, 0, 10)
  const maxTokens = entier(source, 'OPENAI_MAX_TOKENS', 1500, 100, 32_000)
  if (apiKey === '') {
    const orpheline = VARIABLES_IA.find((v) => source[v] !== undefined && source[v] !== '')
    if (orpheline) throw new EnvironnementInvalideError('OPENAI_API_KEY', `obligatoire quand ${orpheline} est défini (sans clé, l'assistance IA resterait désactivée)`)
    return null
  }
  if (/\s/.test(apiKey)) throw new EnvironnementInvalideError('OPENAI_API_KEY', 'ne doit pas contenir d’espace')
  return { apiKey, baseUrl, model, timeoutMs, maxRetries, maxTokens }
}

export const ENTREPRISES_API_URL_DEFAUT = 'https://recherche-entreprises.api.gouv.fr'

export function lireConfigEntreprises(source: Source): ConfigEntreprises {
  const apiUrl = (source.ENTREPRISES_API_URL || ENTREPRISES_API_URL_DEFAUT).replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/@?#]+$/.test(apiUrl)) {
    throw new EnvironnementInvalideError('ENTREPRISES_API_URL', `« ${apiUrl.replace(/\/\/[^/]*@/, '//…@')} » n'est pas une origine http(s) sans chemin ni identifiants (ex. ${ENTREPRISES_API_URL_DEFAUT})`)
  }
  return {
    apiUrl,
    // Short on purpose: the form is waiting, and typing the company by hand is always possible.
    timeoutMs: entier(source, 'ENTREPRISES_API_TIMEOUT_MS', 2500, 100, 10_000),
    cacheSecondes: entier(source, 'ENTREPRISES_API_CACHE_SECONDS', 24 * 3600, 0, 30 * 24 * 3600),
    limiteParMinute: entier(source, 'ENTREPRISES_API_RATE_LIMIT', 30, 1, 10_000),
  }
}

let cache: Environnement | undefined

/** The process-wide environment, validated on first use (start-up: payload.config.ts calls it). */
export function env(): Environnement {
  cache ??= lireEnvironnement()
  return cache
}

// ——— E-mails (notifications capability) ———————————————————————————————————————————————

export type FournisseurEmail =
  | { type: 'resend'; apiKey: string; baseUrl: string }
  | { type: 'smtp'; host: string; port: number; secure: boolean; user: string | null; password: string | null }
  | { type: 'aucun' }

export interface ConfigEmails {
  /** Resend when RESEND_API_KEY is set, else SMTP when SMTP_HOST is set, else none (the outbox keeps them). */
  fournisseur: FournisseurEmail
  fromAddress: string
  fromName: string
  /** `whsec_…` secret of the Resend webhook (Svix scheme); null: the webhook answers 503. */
  resendWebhookSecret: string | null
  /** Sending attempts per e-mail before `failed`. */
  maxTentatives: number
  /** First retry delay; doubles at each attempt (capped at 6 h). */
  delaiReessaiSecondes: number
  /** Reminders: N days per rule, and when the daily job runs. */
  relances: { piecesJours: number; opcoJours: number; debutFormationJours: number; paiementJours: number; cron: string }
}

const DEFAULT_EMAIL_FROM = 'notifications@monopco.local'
export const RESEND_BASE_URL_DEFAUT = 'https://api.resend.com'

function adresseEmail(source: Source, name: string, fallback: string): string {
  const raw = source[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[^\s@<>".]+$/.test(raw) && !/^[^\s@<>"]{1,64}@localhost$/.test(raw)) {
    throw new EnvironnementInvalideError(name, `« ${raw} » n'est pas une adresse e-mail (sans nom : le nom va dans EMAIL_FROM_NAME)`)
  }
  return raw
}

export function lireConfigEmails(source: Source, production: boolean): ConfigEmails {
  const texte = (name: string): string | null => {
    const raw = source[name]
    if (raw === undefined || raw.trim() === '') return null
    if (/\s/.test(raw)) throw new EnvironnementInvalideError(name, 'ne doit pas contenir d’espace')
    return raw
  }

  const apiKey = texte('RESEND_API_KEY')
  const baseUrl = (source.RESEND_BASE_URL || RESEND_BASE_URL_DEFAUT).replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/]+$/.test(baseUrl)) {
    throw new EnvironnementInvalideError('RESEND_BASE_URL', `« ${baseUrl} » n'est pas une origine http(s) (ex. https://api.resend.com, sans chemin)`)
  }
  const smtpHost = texte('SMTP_HOST')
  const smtpSecureParDefaut = source.SMTP_PORT === '465'
  const smtpSecure = booleen(source, 'SMTP_SECURE', smtpSecureParDefaut)
  const smtpPort = entier(source, 'SMTP_PORT', smtpSecure ? 465 : 587, 1, 65535)
  const smtpUser = source.SMTP_USER || null
  const smtpPassword = source.SMTP_PASSWORD || null
  if ((smtpUser === null) !== (smtpPassword === null)) {
    throw new EnvironnementInvalideError(smtpUser === null ? 'SMTP_USER' : 'SMTP_PASSWORD', 'SMTP_USER et SMTP_PASSWORD vont ensemble')
  }

  const fournisseur: FournisseurEmail = apiKey
    ? { type: 'resend', apiKey, baseUrl }
    : smtpHost
      ? { type: 'smtp', host: smtpHost, port: smtpPort, secure: smtpSecure, user: smtpUser, password: smtpPassword }
      : { type: 'aucun' }

  // A real provider sends from a verified domain: the local default would be rejected (or spoofed).
  if (production && fournisseur.type !== 'aucun' && !source.EMAIL_FROM) {
    throw new EnvironnementInvalideError('EMAIL_FROM', 'obligatoire en production quand un fournisseur d’e-mail est configuré (adresse d’un domaine vérifié)')
  }
  const fromAddress = adresseEmail(source, 'EMAIL_FROM', DEFAULT_EMAIL_FROM)
  const fromName = source.EMAIL_FROM_NAME || 'MonOPCO'
  if (fromName.length > 100 || /[<>"\r\n]/.test(fromName)) {
    throw new EnvironnementInvalideError('EMAIL_FROM_NAME', '100 caractères au plus, sans < > " ni retour à la ligne')
  }

  const secret = texte('RESEND_WEBHOOK_SECRET')
  if (secret !== null && !/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/.test(secret)) {
    throw new EnvironnementInvalideError('RESEND_WEBHOOK_SECRET', 'attendu « whsec_ » suivi du secret en base64 (tableau de bord Resend → Webhooks)')
  }

  const cron = source.REMINDERS_CRON || '0 7 * * *'
  if (!/^(\S+\s+){4,5}\S+$/.test(cron.trim())) {
    throw new EnvironnementInvalideError('REMINDERS_CRON', `« ${cron} » n'est pas une expression cron (5 ou 6 champs)`)
  }

  return {
    fournisseur,
    fromAddress,
    fromName,
    resendWebhookSecret: secret,
    maxTentatives: entier(source, 'EMAIL_MAX_ATTEMPTS', 8, 1, 50),
    delaiReessaiSecondes: entier(source, 'EMAIL_RETRY_BASE_SECONDS', 60, 0, 24 * 3600),
    relances: {
      piecesJours: entier(source, 'REMINDER_DOCUMENTS_DAYS', 7, 1, 365),
      opcoJours: entier(source, 'REMINDER_OPCO_DAYS', 21, 1, 365),
      debutFormationJours: entier(source, 'REMINDER_TRAINING_START_DAYS', 15, 1, 365),
      paiementJours: entier(source, 'REMINDER_PAYMENT_DAYS', 30, 1, 365),
      cron: cron.trim(),
    },
  }
}

/** Which browser renders the PDFs, in words for the start-up log (src/pdf/renderer.ts decides the same way). */
export function descriptionNavigateurPdf(e: Pick<Environnement, 'chromiumPath' | 'pdfNavigateur'>): string {
  if (e.pdfNavigateur !== 'embarque' && e.chromiumPath) return `Chromium du système (${e.chromiumPath})`
  if (e.pdfNavigateur === 'systeme') return 'aucun : Chromium introuvable (PDF_NAVIGATEUR=systeme)'
  return 'Chromium du paquet npm @sparticuz/chromium (extrait au premier rendu)'
}
