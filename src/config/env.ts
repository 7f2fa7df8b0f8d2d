/**
 * Environment, read and validated once at start-up.
 *
 * Every variable the product reads is declared here, nowhere else: the README's configuration
 * table mirrors this file. A bad value stops the process with a message naming the variable
 * (in French, then English) instead of failing later on the first request.
 */

export type DatabaseKind = 'sqlite' | 'postgres' | 'mongodb'

export interface Environnement {
  nodeEnv: 'development' | 'production' | 'test'
  production: boolean
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
}

export class EnvironnementInvalideError extends Error {
  constructor(public readonly variable: string, detail: string) {
    super(`Variable d'environnement ${variable} invalide : ${detail} / Invalid environment variable ${variable}.`)
    this.name = 'EnvironnementInvalideError'
  }
}

const DEFAULT_SQLITE_URL = 'file:./data/monopco.db'
const DEV_SECRET = 'monopco-dev-secret-ne-pas-utiliser-en-production'
export const DEFAULT_SEED_ADMIN_EMAIL = 'admin@monopco.local'
export const DEFAULT_SEED_ADMIN_PASSWORD = 'MonOPCO-demo-2026!'

type Source = Record<string, string | undefined>

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
  if (/^mongodb(\+srv)?:\/\//.test(url)) return 'mongodb'
  throw new EnvironnementInvalideError(
    'DATABASE_URL',
    `schéma non pris en charge « ${url.split(':')[0]} » (attendu file:, postgres:// ou mongodb://)`,
  )
}

export function lireEnvironnement(source: Source = process.env): Environnement {
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

  return {
    nodeEnv,
    production,
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
  }
}

let cache: Environnement | undefined

/** The process-wide environment, validated on first use (start-up: payload.config.ts calls it). */
export function env(): Environnement {
  cache ??= lireEnvironnement()
  return cache
}
