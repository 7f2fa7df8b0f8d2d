import { describe, expect, it } from '@jest/globals'
import path from 'node:path'
import {
  DEFAULT_SEED_ADMIN_EMAIL,
  DEFAULT_SEED_ADMIN_PASSWORD,
  descriptionNavigateurPdf,
  detecterTypeBase,
  EnvironnementInvalideError,
  lireEnvironnement,
} from '@/src/config/env'

type Source = Record<string, string | undefined>

const SECRET_PROD = 'f3a9c1d7e5b2a8c4d6e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2'
const PROD: Source = { NODE_ENV: 'production', PAYLOAD_SECRET: SECRET_PROD }

/** The error thrown by lireEnvironnement(source), checked to be an EnvironnementInvalideError. */
function erreur(source: Source): EnvironnementInvalideError {
  try {
    lireEnvironnement(source)
  } catch (e) {
    expect(e).toBeInstanceOf(EnvironnementInvalideError)
    return e as EnvironnementInvalideError
  }
  throw new Error(`aucune erreur pour ${JSON.stringify(source)}`)
}

function refuse(source: Source, variable: string): EnvironnementInvalideError {
  const e = erreur(source)
  expect(e.variable).toBe(variable)
  expect(e.message).toContain(variable)
  expect(e.name).toBe('EnvironnementInvalideError')
  return e
}

describe('lireEnvironnement — valeurs par défaut (développement)', () => {
  const e = lireEnvironnement({})

  it('est en développement', () => {
    expect(e.nodeEnv).toBe('development')
    expect(e.production).toBe(false)
  })

  it('utilise la base SQLite locale', () => {
    expect(e.databaseUrl).toBe('file:./data/monopco.db')
    expect(e.databaseKind).toBe('sqlite')
  })

  it('fournit un secret de développement', () => {
    expect(e.payloadSecret).toMatch(/dev/)
    expect(e.payloadSecret.length).toBeGreaterThanOrEqual(32)
  })

  it('active les données de démonstration et désactive les cookies Secure', () => {
    expect(e.seedDemoData).toBe(true)
    expect(e.cookieSecure).toBe(false)
    expect(e.trustProxy).toBe(false)
  })

  it('a les valeurs numériques documentées', () => {
    expect(e.serverUrl).toBe('http://localhost:3000')
    expect(e.tokenExpirationSeconds).toBe(7200)
    expect(e.lockoutMaxAttempts).toBe(5)
    expect(e.lockoutMinutes).toBe(10)
    expect(e.authRateLimitMax).toBe(20)
    expect(e.authRateLimitWindowSeconds).toBe(60)
    expect(e.graphqlMaxComplexity).toBe(1000)
    expect(e.maxBodyBytes).toBe(1024 * 1024)
  })

  it('utilise le compte administrateur de démonstration', () => {
    expect(e.seedAdminEmail).toBe(DEFAULT_SEED_ADMIN_EMAIL)
    expect(e.seedAdminPassword).toBe(DEFAULT_SEED_ADMIN_PASSWORD)
    expect(e.seedAdminPasswordIsDefault).toBe(true)
  })

  it('traite les variables vides comme absentes', () => {
    const vide = lireEnvironnement({
      DATABASE_URL: '',
      PAYLOAD_SECRET: '',
      TOKEN_EXPIRATION_SECONDS: '',
      COOKIE_SECURE: '',
      SEED_ADMIN_EMAIL: '',
      SEED_ADMIN_PASSWORD: '',
    })
    expect(vide.databaseUrl).toBe(e.databaseUrl)
    expect(vide.payloadSecret).toBe(e.payloadSecret)
    expect(vide.tokenExpirationSeconds).toBe(7200)
    expect(vide.cookieSecure).toBe(false)
    expect(vide.seedAdminEmail).toBe(DEFAULT_SEED_ADMIN_EMAIL)
    expect(vide.seedAdminPasswordIsDefault).toBe(true)
  })

  it('ramène un NODE_ENV inconnu au développement et garde « test »', () => {
    expect(lireEnvironnement({ NODE_ENV: 'staging' }).nodeEnv).toBe('development')
    expect(lireEnvironnement({ NODE_ENV: 'test' })).toMatchObject({ nodeEnv: 'test', production: false })
  })

  it('lit la source fournie et non process.env', () => {
    const sauvegarde = process.env.AUTH_RATE_LIMIT_MAX
    process.env.AUTH_RATE_LIMIT_MAX = 'pas-un-nombre'
    try {
      expect(lireEnvironnement({ AUTH_RATE_LIMIT_MAX: '7' }).authRateLimitMax).toBe(7)
      expect(lireEnvironnement({}).authRateLimitMax).toBe(20)
    } finally {
      if (sauvegarde === undefined) delete process.env.AUTH_RATE_LIMIT_MAX
      else process.env.AUTH_RATE_LIMIT_MAX = sauvegarde
    }
  })
})

describe('lireEnvironnement — PAYLOAD_SECRET en production', () => {
  it('exige le secret en production', () => {
    const e = refuse({ NODE_ENV: 'production' }, 'PAYLOAD_SECRET')
    expect(e.message).toMatch(/obligatoire en production/)
    refuse({ NODE_ENV: 'production', PAYLOAD_SECRET: '' }, 'PAYLOAD_SECRET')
  })

  it('refuse un secret de moins de 32 caractères et accepte 32', () => {
    const e = refuse({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(31) }, 'PAYLOAD_SECRET')
    expect(e.message).toMatch(/32 caractères/)
    expect(lireEnvironnement({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(32) }).payloadSecret).toBe('x'.repeat(32))
  })

  it('refuse le secret de développement en production', () => {
    const secretDev = lireEnvironnement({}).payloadSecret
    const e = refuse({ NODE_ENV: 'production', PAYLOAD_SECRET: secretDev }, 'PAYLOAD_SECRET')
    expect(e.message).toMatch(/développement/)
  })

  it('tolère l’absence de secret pendant `next build`', () => {
    const e = lireEnvironnement({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })
    expect(e.production).toBe(true)
    expect(e.payloadSecret.length).toBeGreaterThan(0)
  })

  it('ne tolère l’absence que pendant la phase de build', () => {
    refuse({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-server' }, 'PAYLOAD_SECRET')
  })

  it('n’exige rien hors production', () => {
    expect(lireEnvironnement({ NODE_ENV: 'test', PAYLOAD_SECRET: 'court' }).payloadSecret).toBe('court')
  })

  it('accepte une production correctement configurée, avec les valeurs par défaut de production', () => {
    const e = lireEnvironnement(PROD)
    expect(e.production).toBe(true)
    expect(e.nodeEnv).toBe('production')
    expect(e.payloadSecret).toBe(SECRET_PROD)
    expect(e.cookieSecure).toBe(true)
    expect(e.seedDemoData).toBe(false)
  })
})

describe('lireEnvironnement — DATABASE_URL', () => {
  it.each([
    ['file:./data/autre.db', 'sqlite'],
    ['file:/var/lib/monopco/monopco.db', 'sqlite'],
    ['postgres://u:p@localhost:5432/monopco', 'postgres'],
    ['postgresql://u:p@db.exemple.fr/monopco?sslmode=require', 'postgres'],
  ] as const)('reconnaît %s comme %s', (url, kind) => {
    const e = lireEnvironnement({ DATABASE_URL: url })
    expect(e.databaseUrl).toBe(url)
    expect(e.databaseKind).toBe(kind)
    expect(detecterTypeBase(url)).toBe(kind)
  })

  it.each(['mysql://root:motdepasse-tres-secret@localhost/monopco', 'sqlite:./x.db', 'postgres:/localhost/db', 'http://db', 'localhost:5432'])(
    'refuse %s en nommant DATABASE_URL sans divulguer les identifiants',
    (url) => {
      const e = refuse({ DATABASE_URL: url }, 'DATABASE_URL')
      expect(e.message).not.toContain('motdepasse-tres-secret')
      expect(() => detecterTypeBase(url)).toThrow(EnvironnementInvalideError)
    },
  )

  it('cite le schéma refusé', () => {
    expect(refuse({ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL').message).toContain('mysql')
  })
})

describe('lireEnvironnement — entiers', () => {
  const ENTIERS: Array<[string, keyof ReturnType<typeof lireEnvironnement>, number, number]> = [
    ['TOKEN_EXPIRATION_SECONDS', 'tokenExpirationSeconds', 60, 30 * 24 * 3600],
    ['AUTH_MAX_LOGIN_ATTEMPTS', 'lockoutMaxAttempts', 1, 100],
    ['AUTH_LOCK_MINUTES', 'lockoutMinutes', 1, 24 * 60],
    ['AUTH_RATE_LIMIT_MAX', 'authRateLimitMax', 1, 100_000],
    ['AUTH_RATE_LIMIT_WINDOW_SECONDS', 'authRateLimitWindowSeconds', 1, 24 * 3600],
    ['GRAPHQL_MAX_COMPLEXITY', 'graphqlMaxComplexity', 10, 1_000_000],
    ['MAX_BODY_BYTES', 'maxBodyBytes', 1024, 100 * 1024 * 1024],
  ]

  it.each(ENTIERS)('%s accepte ses bornes', (variable, champ, min, max) => {
    expect(lireEnvironnement({ [variable]: String(min) })[champ]).toBe(min)
    expect(lireEnvironnement({ [variable]: String(max) })[champ]).toBe(max)
  })

  it.each(ENTIERS)('%s refuse hors bornes en nommant la variable', (variable, _champ, min, max) => {
    const e = refuse({ [variable]: String(max + 1) }, variable)
    expect(e.message).toContain(`entre ${min} et ${max}`)
    refuse({ [variable]: String(min - 1) }, variable)
  })

  it.each(ENTIERS)('%s refuse une valeur non entière en nommant la variable', (variable) => {
    for (const brut of ['abc', '12abc', '-5', '1.5', '1e3', ' 60', '0x40', '60 ']) {
      refuse({ [variable]: brut }, variable)
    }
  })

  it('accepte les zéros en tête', () => {
    expect(lireEnvironnement({ AUTH_LOCK_MINUTES: '015' }).lockoutMinutes).toBe(15)
  })
})

describe('lireEnvironnement — booléens', () => {
  it.each(['true', 'TRUE', 'True', '1', 'oui', 'OUI', 'yes'])('« %s » vaut vrai', (brut) => {
    expect(lireEnvironnement({ TRUST_PROXY: brut }).trustProxy).toBe(true)
    expect(lireEnvironnement({ NODE_ENV: 'production', PAYLOAD_SECRET: SECRET_PROD, SEED_DEMO_DATA: brut }).seedDemoData).toBe(true)
  })

  it.each(['false', 'FALSE', '0', 'non', 'Non', 'no'])('« %s » vaut faux', (brut) => {
    expect(lireEnvironnement({ COOKIE_SECURE: brut, NODE_ENV: 'production', PAYLOAD_SECRET: SECRET_PROD }).cookieSecure).toBe(false)
    expect(lireEnvironnement({ SEED_DEMO_DATA: brut }).seedDemoData).toBe(false)
  })

  it.each([
    ['COOKIE_SECURE', 'vrai'],
    ['TRUST_PROXY', 'peut-être'],
    ['SEED_DEMO_DATA', '2'],
    ['TRUST_PROXY', 'true '],
    ['COOKIE_SECURE', 'truee'],
  ])('%s=« %s » est refusé en nommant la variable', (variable, brut) => {
    const e = refuse({ [variable]: brut }, variable)
    expect(e.message).toContain(brut)
  })

  it('COOKIE_SECURE suit la production par défaut et peut être forcé', () => {
    expect(lireEnvironnement({}).cookieSecure).toBe(false)
    expect(lireEnvironnement(PROD).cookieSecure).toBe(true)
    expect(lireEnvironnement({ COOKIE_SECURE: 'true' }).cookieSecure).toBe(true)
    expect(lireEnvironnement({ ...PROD, COOKIE_SECURE: 'false' }).cookieSecure).toBe(false)
  })
})

describe('lireEnvironnement — SERVER_URL', () => {
  it('retire les barres obliques finales', () => {
    expect(lireEnvironnement({ SERVER_URL: 'https://monopco.exemple.fr/' }).serverUrl).toBe('https://monopco.exemple.fr')
    expect(lireEnvironnement({ SERVER_URL: 'https://monopco.exemple.fr///' }).serverUrl).toBe('https://monopco.exemple.fr')
    expect(lireEnvironnement({ SERVER_URL: 'http://localhost:8080/app/' }).serverUrl).toBe('http://localhost:8080/app')
  })

  it.each(['monopco.exemple.fr', 'ftp://monopco.exemple.fr', 'http://', 'https:///chemin', 'javascript:alert(1)'])(
    'refuse « %s » en nommant SERVER_URL',
    (url) => {
      refuse({ SERVER_URL: url }, 'SERVER_URL')
    },
  )
})

describe('lireEnvironnement — compte administrateur initial', () => {
  it.each(['pas-un-email', 'admin@', '@exemple.fr', 'ad min@exemple.fr'])('refuse l’e-mail « %s »', (email) => {
    refuse({ SEED_ADMIN_EMAIL: email }, 'SEED_ADMIN_EMAIL')
  })

  it('accepte un e-mail valide', () => {
    expect(lireEnvironnement({ SEED_ADMIN_EMAIL: 'admin@monopco.fr' }).seedAdminEmail).toBe('admin@monopco.fr')
  })

  it('refuse un mot de passe de moins de 10 caractères', () => {
    refuse({ SEED_ADMIN_PASSWORD: '123456789' }, 'SEED_ADMIN_PASSWORD')
  })

  it('accepte 10 caractères et signale que ce n’est plus le mot de passe par défaut', () => {
    const e = lireEnvironnement({ SEED_ADMIN_PASSWORD: '1234567890' })
    expect(e.seedAdminPassword).toBe('1234567890')
    expect(e.seedAdminPasswordIsDefault).toBe(false)
  })
})

describe('SERVER_URL', () => {
  it('vide vaut non défini, et une URL avec espace est refusée', () => {
    expect(lireEnvironnement({ SERVER_URL: '' }).serverUrl).toBe('http://localhost:3000')
    expect(() => lireEnvironnement({ SERVER_URL: 'http://exa mple.fr' })).toThrow(/SERVER_URL/)
  })
})

describe('JOBS_AUTORUN', () => {
  it('vrai par défaut, désactivable pour les instances web servies par des workers', () => {
    expect(lireEnvironnement({}).jobsAutoRun).toBe(true)
    expect(lireEnvironnement({ JOBS_AUTORUN: 'false' }).jobsAutoRun).toBe(false)
    expect(() => lireEnvironnement({ JOBS_AUTORUN: 'peut-être' })).toThrow(/JOBS_AUTORUN/)
  })
})

describe('LISTE_DIRECTE', () => {
  it('vrai par défaut, désactivable (la liste passe alors par Next.js), valeur inconnue refusée', () => {
    expect(lireEnvironnement({}).listeDirecte).toBe(true)
    expect(lireEnvironnement({ LISTE_DIRECTE: 'false' }).listeDirecte).toBe(false)
    expect(() => lireEnvironnement({ LISTE_DIRECTE: 'bof' })).toThrow(/LISTE_DIRECTE/)
  })
})

describe('stockage des fichiers — UPLOADS_DIR', () => {
  it('data/uploads par défaut, en chemin absolu', () => {
    const e = lireEnvironnement({})
    expect(e.uploadsDir).toBe(path.resolve('data/uploads'))
    expect(path.isAbsolute(lireEnvironnement({ UPLOADS_DIR: 'ailleurs/fichiers' }).uploadsDir)).toBe(true)
    expect(lireEnvironnement({ UPLOADS_DIR: '/srv/monopco/fichiers' }).uploadsDir).toBe('/srv/monopco/fichiers')
  })

  it('reste sur le disque local sans S3_BUCKET', () => {
    expect(lireEnvironnement({}).s3).toBeNull()
    expect(lireEnvironnement({ S3_BUCKET: '' }).s3).toBeNull()
  })
})

describe('stockage des fichiers — S3', () => {
  const S3: Source = { S3_BUCKET: 'monopco-documents', S3_ACCESS_KEY_ID: 'AKIAEXEMPLE', S3_SECRET_ACCESS_KEY: 'secret-exemple' }

  it('lit la configuration minimale avec ses valeurs par défaut', () => {
    expect(lireEnvironnement(S3).s3).toEqual({
      bucket: 'monopco-documents',
      region: 'eu-west-3',
      endpoint: null,
      accessKeyId: 'AKIAEXEMPLE',
      secretAccessKey: 'secret-exemple',
      forcePathStyle: false,
      prefix: '',
    })
  })

  it('lit un stockage compatible S3 complet (endpoint, style chemin, préfixe normalisé)', () => {
    const e = lireEnvironnement({
      ...S3,
      S3_REGION: 'fr-par',
      S3_ENDPOINT: 'https://s3.fr-par.scw.cloud/',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: '/production/documents/',
    })
    expect(e.s3).toMatchObject({ region: 'fr-par', endpoint: 'https://s3.fr-par.scw.cloud', forcePathStyle: true, prefix: 'production/documents' })
  })

  it.each(['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])('refuse S3_BUCKET sans %s', (variable) => {
    const e = refuse({ ...S3, [variable]: '' }, variable)
    expect(e.message).toMatch(/obligatoire quand S3_BUCKET est défini/)
  })

  it.each(['S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PREFIX'])(
    'refuse %s sans S3_BUCKET (les fichiers resteraient en silence sur le disque)',
    (variable) => {
      const e = refuse({ [variable]: variable === 'S3_ENDPOINT' ? 'http://127.0.0.1:9000' : 'x' }, 'S3_BUCKET')
      expect(e.message).toContain(variable)
    },
  )

  it.each(['A', 'Majuscules', 'avec_souligne', '-tiret-au-debut', 'deux..points', 'x'.repeat(64)])('refuse le nom de bucket « %s »', (bucket) => {
    refuse({ ...S3, S3_BUCKET: bucket }, 'S3_BUCKET')
  })

  it('refuse une région, un endpoint, un booléen ou un préfixe invalides', () => {
    refuse({ ...S3, S3_REGION: 'Paris, France' }, 'S3_REGION')
    refuse({ ...S3, S3_ENDPOINT: 'ftp://stockage.exemple.fr' }, 'S3_ENDPOINT')
    refuse({ ...S3, S3_ENDPOINT: 'https://stockage.exemple.fr/chemin' }, 'S3_ENDPOINT')
    refuse({ ...S3, S3_FORCE_PATH_STYLE: 'peut-être' }, 'S3_FORCE_PATH_STYLE')
    refuse({ ...S3, S3_PREFIX: 'a/../b' }, 'S3_PREFIX')
    refuse({ ...S3, S3_PREFIX: 'a//b' }, 'S3_PREFIX')
    refuse({ ...S3, S3_PREFIX: 'espace interdit' }, 'S3_PREFIX')
  })

  it('ne recopie pas des identifiants glissés dans S3_ENDPOINT', () => {
    const e = refuse({ ...S3, S3_ENDPOINT: 'https://cle:motdepasse-tres-secret@stockage.exemple.fr' }, 'S3_ENDPOINT')
    expect(e.message).not.toContain('motdepasse-tres-secret')
  })
})

describe('documents PDF — DOCUMENTS_CONFIG_PATH, CHROMIUM_PATH, PDF_POOL_SIZE', () => {
  const existants = (...chemins: string[]) => (chemin: string) => chemins.includes(chemin)

  it('valeurs par défaut : pas de surcharge, 2 pages, premier Chromium Debian trouvé', () => {
    const e = lireEnvironnement({}, existants('/usr/bin/chromium'))
    expect(e.documentsConfigPath).toBeNull()
    expect(e.pdfPoolSize).toBe(2)
    expect(e.chromiumPath).toBe('/usr/bin/chromium')
    expect(lireEnvironnement({}, existants('/usr/lib/chromium/chromium', '/usr/bin/chromium')).chromiumPath).toBe('/usr/lib/chromium/chromium')
  })

  it('sans Chromium installé ni CHROMIUM_PATH : null (le rendu échouera avec un message clair, pas le démarrage)', () => {
    expect(lireEnvironnement({}, existants()).chromiumPath).toBeNull()
  })

  it('lit les chemins fournis quand les fichiers existent', () => {
    const e = lireEnvironnement(
      { DOCUMENTS_CONFIG_PATH: '/etc/monopco/documents.json', CHROMIUM_PATH: '/opt/chromium/chrome', PDF_POOL_SIZE: '4' },
      existants('/etc/monopco/documents.json', '/opt/chromium/chrome', '/usr/lib/chromium/chromium'),
    )
    expect(e).toMatchObject({ documentsConfigPath: '/etc/monopco/documents.json', chromiumPath: '/opt/chromium/chrome', pdfPoolSize: 4 })
  })

  it.each(['DOCUMENTS_CONFIG_PATH', 'CHROMIUM_PATH'])('refuse %s vers un fichier absent, en le nommant', (variable) => {
    try {
      lireEnvironnement({ [variable]: '/nulle/part.json' }, existants('/usr/lib/chromium/chromium'))
      throw new Error('aucune erreur')
    } catch (e) {
      expect(e).toBeInstanceOf(EnvironnementInvalideError)
      expect((e as EnvironnementInvalideError).variable).toBe(variable)
      expect((e as Error).message).toMatch(/le fichier « \/nulle\/part\.json » n'existe pas/)
    }
  })

  it('vérifie vraiment l’existence sur le disque par défaut', () => {
    expect(lireEnvironnement({ DOCUMENTS_CONFIG_PATH: 'templates/pdf/configuration.json' }).documentsConfigPath).toBe('templates/pdf/configuration.json')
    refuse({ DOCUMENTS_CONFIG_PATH: 'templates/pdf/absent.json' }, 'DOCUMENTS_CONFIG_PATH')
  })

  it.each(['0', '9', 'deux', '-1', '1.5'])('refuse PDF_POOL_SIZE=%s (1 à 8)', (valeur) => {
    refuse({ PDF_POOL_SIZE: valeur }, 'PDF_POOL_SIZE')
  })

  it('accepte les bornes de PDF_POOL_SIZE', () => {
    expect(lireEnvironnement({ PDF_POOL_SIZE: '1' }).pdfPoolSize).toBe(1)
    expect(lireEnvironnement({ PDF_POOL_SIZE: '8' }).pdfPoolSize).toBe(8)
  })
})

describe('assistance IA — OPENAI_*', () => {
  it('sans clé : IA désactivée (null), tout le reste démarre', () => {
    expect(lireEnvironnement({}).ia).toBeNull()
  })

  it('avec une clé : valeurs par défaut', () => {
    expect(lireEnvironnement({ OPENAI_API_KEY: 'sk-abc' }).ia).toEqual({
      apiKey: 'sk-abc',
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
      timeoutMs: 30_000,
      maxRetries: 2,
      maxTokens: 1500,
    })
  })

  it('lit chaque variable (URL sans barre finale)', () => {
    const ia = lireEnvironnement({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1/', OPENAI_MODEL: 'mistral-small-latest', OPENAI_TIMEOUT_SECONDS: '5', OPENAI_MAX_RETRIES: '0', OPENAI_MAX_TOKENS: '800' }).ia
    expect(ia).toEqual({ apiKey: 'k', baseUrl: 'http://127.0.0.1:8080/v1', model: 'mistral-small-latest', timeoutMs: 5000, maxRetries: 0, maxTokens: 800 })
  })

  it.each([
    [{ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'ftp://x' }, 'OPENAI_BASE_URL'],
    [{ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://user:secret@api.example.com/v1' }, 'OPENAI_BASE_URL'],
    [{ OPENAI_API_KEY: 'k', OPENAI_MODEL: 'mauvais modèle' }, 'OPENAI_MODEL'],
    [{ OPENAI_API_KEY: 'k', OPENAI_TIMEOUT_SECONDS: '0' }, 'OPENAI_TIMEOUT_SECONDS'],
    [{ OPENAI_API_KEY: 'k', OPENAI_MAX_RETRIES: '11' }, 'OPENAI_MAX_RETRIES'],
    [{ OPENAI_API_KEY: 'k', OPENAI_MAX_TOKENS: '50' }, 'OPENAI_MAX_TOKENS'],
    [{ OPENAI_API_KEY: 'k k' }, 'OPENAI_API_KEY'],
    [{ OPENAI_MODEL: 'gpt-4o' }, 'OPENAI_API_KEY'],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }, 'OPENAI_API_KEY'],
  ])('refuse %j (variable %s)', (source, variable) => {
    const e = refuse(source, variable)
    expect(e.message).not.toContain('secret')
  })
})

describe('portail — PORTAIL_API_URL', () => {
  it('par défaut, l’application elle-même sur 127.0.0.1:PORT', () => {
    expect(lireEnvironnement({}).portailApiUrl).toBe('http://127.0.0.1:3000')
    expect(lireEnvironnement({ PORT: '4123' }).portailApiUrl).toBe('http://127.0.0.1:4123')
    expect(lireEnvironnement({ PORTAIL_API_URL: 'http://app.interne:8080/' }).portailApiUrl).toBe('http://app.interne:8080')
  })
  it.each(['ftp://x', 'http://u:p@hote', 'http://hote/chemin', 'pas une url'])('refuse PORTAIL_API_URL=%s', (valeur) => {
    const e = refuse({ PORTAIL_API_URL: valeur }, 'PORTAIL_API_URL')
    expect(e.message).not.toContain('u:p')
  })
})

describe('lireEnvironnement — MongoDB', () => {
  it.each(['mongodb://localhost:27017/monopco', 'mongodb+srv://u:motdepasse-tres-secret@cluster0.exemple.net/monopco'])('refuse %s en nommant les bases prises en charge et pourquoi', (url) => {
    const e = refuse({ DATABASE_URL: url }, 'DATABASE_URL')
    expect(e.message).toMatch(/MongoDB n’est pas pris en charge/)
    expect(e.message).toMatch(/SQLite.*PostgreSQL/)
    expect(e.message).toMatch(/factures/)
    expect(e.message).not.toContain('motdepasse-tres-secret')
  })
})

describe('lireEnvironnement — LOG_LEVEL', () => {
  it('info par défaut, les niveaux de pino acceptés, le reste refusé en nommant la variable', () => {
    expect(lireEnvironnement({}).logLevel).toBe('info')
    expect(lireEnvironnement({ LOG_LEVEL: 'warn' }).logLevel).toBe('warn')
    refuse({ LOG_LEVEL: 'bavard' }, 'LOG_LEVEL')
  })
})

describe('lireEnvironnement — METRICS_TOKEN', () => {
  it('absent par défaut (route 404), 16 caractères au moins sans espace', () => {
    expect(lireEnvironnement({}).metricsToken).toBeNull()
    expect(lireEnvironnement({ METRICS_TOKEN: 'x'.repeat(16) }).metricsToken).toBe('x'.repeat(16))
    refuse({ METRICS_TOKEN: 'court' }, 'METRICS_TOKEN')
    refuse({ METRICS_TOKEN: 'avec un espace au milieu' }, 'METRICS_TOKEN')
  })
})

describe('lireEnvironnement — PDF_NAVIGATEUR', () => {
  it('auto par défaut ; systeme, embarque ; le reste refusé ; la description dit lequel sert', () => {
    expect(lireEnvironnement({}, () => false).pdfNavigateur).toBe('auto')
    expect(lireEnvironnement({ PDF_NAVIGATEUR: 'embarque' }).pdfNavigateur).toBe('embarque')
    refuse({ PDF_NAVIGATEUR: 'firefox' }, 'PDF_NAVIGATEUR')
    expect(descriptionNavigateurPdf({ chromiumPath: '/usr/lib/chromium/chromium', pdfNavigateur: 'auto' })).toMatch(/système/)
    expect(descriptionNavigateurPdf({ chromiumPath: null, pdfNavigateur: 'auto' })).toMatch(/@sparticuz\/chromium/)
    expect(descriptionNavigateurPdf({ chromiumPath: '/usr/lib/chromium/chromium', pdfNavigateur: 'embarque' })).toMatch(/@sparticuz\/chromium/)
    expect(descriptionNavigateurPdf({ chromiumPath: null, pdfNavigateur: 'systeme' })).toMatch(/introuvable/)
  })
})
