import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { fr } from '@payloadcms/translations/languages/fr'
import sharp from 'sharp'

import { env } from './src/config/env.js'
import { creerAdaptateur } from './src/db/adapter.js'
import { endpointsAuth } from './src/endpoints/auth.js'
import { endpointSante } from './src/endpoints/health.js'
import { Users } from './collections/users/index.js'
import { Companies } from './collections/companies/index.js'
import { Opcos } from './collections/opcos/index.js'
import { TrainingProviders } from './collections/training-providers/index.js'
import { Dossiers } from './collections/dossiers/index.js'
import { Documents } from './collections/documents/index.js'
import { Payments } from './collections/payments/index.js'
import { Invoices } from './collections/invoices/index.js'
import { Emails } from './collections/emails/index.js'
import { Messages } from './collections/messages/index.js'
import { Logs } from './collections/logs/index.js'
import { Compteurs } from './collections/compteurs/index.js'
import { TAILLE_MAX_DOCUMENT } from './src/domain/fichiers.js'

const dirname = path.dirname(fileURLToPath(import.meta.url))
// Validated once, here, at start-up: a bad variable stops the process with a clear message.
const e = env()

export default buildConfig({
  secret: e.payloadSecret,
  serverURL: e.serverUrl,
  db: creerAdaptateur(e),
  editor: lexicalEditor(),
  sharp,
  admin: {
    user: Users.slug,
    meta: { titleSuffix: ' — MonOPCO' },
    dateFormat: 'dd/MM/yyyy HH:mm',
    importMap: { baseDir: path.resolve(dirname) },
  },
  i18n: {
    supportedLanguages: { fr },
    fallbackLanguage: 'fr',
  },
  collections: [Users, Dossiers, Companies, Opcos, TrainingProviders, Documents, Payments, Invoices, Emails, Messages, Logs, Compteurs],
  endpoints: [...endpointsAuth, endpointSante],
  upload: { limits: { fileSize: TAILLE_MAX_DOCUMENT } },
  graphQL: {
    maxComplexity: e.graphqlMaxComplexity,
    // Integrators generate their types from the schema: introspection stays on, and the
    // GraphQL route refuses it to anonymous callers in production (src/app/(payload)/api/graphql).
    disableIntrospectionInProduction: false,
    disablePlaygroundInProduction: true,
  },
  cookiePrefix: 'monopco',
  csrf: [e.serverUrl],
  cors: [e.serverUrl],
  telemetry: false,
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false },
})
