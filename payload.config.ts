import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { fr } from '@payloadcms/translations/languages/fr'
import sharp from 'sharp'

import { env } from './src/config/env'
import { journalPayload } from './src/config/journal'
import { creerAdaptateur } from './src/db/adapter'
import { endpointsAuth } from './src/endpoints/auth'
import { endpointDisponibilite, endpointSante } from './src/endpoints/health'
import { endpointMetriques } from './src/endpoints/metriques'
import { endpointEntrepriseParSiret } from './src/endpoints/entreprises'
import { endpointsSignatures } from './src/endpoints/signatures'
import { Users } from './collections/users/index'
import { Companies } from './collections/companies/index'
import { Opcos } from './collections/opcos/index'
import { TrainingProviders } from './collections/training-providers/index'
import { Dossiers } from './collections/dossiers/index'
import { Documents } from './collections/documents/index'
import { Payments } from './collections/payments/index'
import { Invoices } from './collections/invoices/index'
import { Emails } from './collections/emails/index'
import { Messages } from './collections/messages/index'
import { Lectures } from './collections/lectures/index'
import { Logs } from './collections/logs/index'
import { Compteurs } from './collections/compteurs/index'
import { CorrespondancesIdcc } from './collections/correspondances-idcc/index'
import { Generations } from './collections/generations/index'
import { Rattachements } from './collections/rattachements/index'
import { RelevesBancaires } from './collections/releves-bancaires/index'
import { Seances } from './collections/seances/index'
import { OperationsBancaires } from './collections/operations-bancaires/index'
import { Webhooks } from './collections/webhooks/index'
import { LivraisonsWebhooks } from './collections/livraisons-webhooks/index'
import { SignaturesConvention } from './collections/signatures-convention/index'
import { importerReleveEndpoint } from './collections/releves-bancaires/endpoints/importer'
import { TAILLE_MAX_DOCUMENT } from './src/domain/fichiers'
import { erreursLisibles } from './hooks/erreurs'
import { avecEntreesStrictes } from './hooks/entreesStrictes'
import { avecSuppressionProtegee } from './hooks/references'
import { masquerHorsAdmin } from './src/access/adminPanel'
import { avecVerrousRestreints } from './src/access/verrous'
import { auditPlugin } from './plugins/audit'
import { stockageDocuments } from './collections/documents/stockage'
import { documentsPlugin } from './plugins/documents/index'
import { notificationsPlugin } from './plugins/notifications/index'
import { conformityPlugin } from './plugins/conformity/index'
import { reportsPlugin } from './plugins/reports/index'
import { webhooksPlugin } from './plugins/webhooks/index'
import { emargementPlugin } from './plugins/emargement/index'
import { tacheEvenementDossier } from './src/jobs/evenements'
import { tacheSauvegarde } from './src/jobs/sauvegarde'
import { tacheSignatures } from './src/jobs/signatures'
import { planificationExclusive } from './src/services/taches'
import { mutationsWorkflow } from './collections/dossiers/graphql'
import { mutationsFactures } from './collections/invoices/graphql'
import { verrouillerStatistiquesTaches } from './src/access/statistiquesTaches'
import { requetesGraphql } from './src/security/graphqlAcces'

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
    // The built-in avatar: Gravatar would make every admin page call an outside server.
    avatar: 'default',
    dateFormat: 'dd/MM/yyyy HH:mm',
    importMap: { baseDir: path.resolve(dirname) },
    components: {
      // OPCO users: « Dossiers en attente de réponse » ; admins: unread messages total.
      afterNavLinks: ['/src/components/admin/NavLiens#NavLiens'],
      // Names and focus order the stock widgets miss (axe-core audit, tests/e2e/accessibilite.test.ts).
      providers: ['/src/components/admin/AccessibiliteAdmin#AccessibiliteAdmin'],
      views: {
        // Admin home: the team's dashboard; OPCO agents land on their waiting list.
        dashboard: { Component: '/src/components/admin/Accueil#Accueil' },
        opco: { Component: '/src/components/admin/VueOpco#VueOpco', path: '/opco', exact: true, meta: { title: 'Dossiers en attente de réponse' } },
        anomalies: { Component: '/src/components/admin/VueAnomalies#VueAnomalies', path: '/anomalies', exact: true, meta: { title: 'Anomalies' } },
        rapprochement: { Component: '/src/components/admin/VueRapprochement#VueRapprochement', path: '/rapprochement', exact: true, meta: { title: 'Rapprochement bancaire' } },
      },
    },
  },
  i18n: {
    supportedLanguages: { fr },
    fallbackLanguage: 'fr',
  },
  collections: [Users, Dossiers, Companies, Opcos, TrainingProviders, Documents, Generations, Payments, Invoices, Emails, Messages, Lectures, Logs, Compteurs, CorrespondancesIdcc, Rattachements, RelevesBancaires, OperationsBancaires, Webhooks, LivraisonsWebhooks, Seances, SignaturesConvention],
  endpoints: [...endpointsAuth, endpointSante, endpointDisponibilite, endpointMetriques, endpointEntrepriseParSiret, importerReleveEndpoint, ...endpointsSignatures],
  upload: {
    // The parser stops a file when it *reaches* the limit: one byte more lets exactly 10 Mo through
    // (the documents collection refuses anything larger with its own message).
    limits: { fileSize: TAILLE_MAX_DOCUMENT + 1 },
    responseOnLimit: 'Le fichier dépasse la taille maximale de 10 Mo.',
    // The name as sent, path included: the documents collection refuses a name with a path
    // instead of letting the parser quietly keep its last segment (src/domain/fichiers.ts).
    preservePath: true,
  },
  // Side effects of transitions run as jobs: `npm run jobs` in production (worker), tests run them directly.
  jobs: {
    // The scheduled backup (BACKUP_CRON) is scheduled like the reminders (docs/exploitation.md).
    tasks: [tacheEvenementDossier, tacheSauvegarde, tacheSignatures],
    // The lease of a claimed job, renewed by its live worker (src/db/reservationTaches.ts).
    jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
      ...defaultJobsCollection,
      fields: [
        ...defaultJobsCollection.fields,
        { name: 'bailExpireLe', label: 'Bail expirant le', type: 'date', index: true, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      ],
    }),
    // One machine: the app runs its jobs every 10 seconds (a generated PDF shows up quickly after
    // a transition). Several instances: JOBS_AUTORUN=false on the web instances and
    // `npm run jobs` workers instead.
    ...(e.jobsAutoRun ? { autoRun: [{ cron: '*/10 * * * * *', queue: 'default', limit: 50 }] } : {}),
  },
  graphQL: {
    maxComplexity: e.graphqlMaxComplexity,
    // Integrators generate their types from the schema: introspection stays on, and the
    // GraphQL route refuses it to anonymous callers in production (src/app/(payload)/api/graphql).
    disableIntrospectionInProduction: false,
    disablePlaygroundInProduction: true,
    queries: (_GraphQL, schema) => requetesGraphql(schema) as never,
    mutations: (GraphQL, payload) => ({ ...mutationsWorkflow(GraphQL, payload), ...mutationsFactures(GraphQL, payload) }),
  },
  cookiePrefix: 'monopco',
  csrf: [e.serverUrl],
  cors: [e.serverUrl],
  telemetry: false,
  // The journal itself, the technical counters and generation states are not audited (a log of
  // the log would loop; generated documents themselves are).
  // Documents' storage last: local disk, or S3 when S3_BUCKET is set (collections/documents/stockage.ts).
  // Attendance signing first: its links' collection is audited like the others (plugins/emargement).
  plugins: [emargementPlugin(), auditPlugin({ exclure: [Logs.slug, Compteurs.slug, Generations.slug, SignaturesConvention.slug] }), documentsPlugin(), stockageDocuments(e),
    // E-mails: the outbox is Payload's `email` adapter; send + reminder jobs; Resend webhook (README « E-mails »).
    notificationsPlugin(),
    // Webhooks for integrators: delivery job, transition subscriber (docs/guide-integration.md « Webhooks »).
    webhooksPlugin(),
    // Dashboard, reports, exports (after the audit plugin: exports write their own 'export' entries).
    reportsPlugin(),
    // Conformity report, AI suggestions (OPENAI_*), anomalies (README « Conformité et IA »).
    conformityPlugin(),
    // Last, so they wrap every collection, the plugins' own included, with the fields every plugin
    // added: hidden from OPCO users in the admin panel (src/access/adminPanel.ts), strict input
    // checks (hooks/entreesStrictes.ts), no deletion of a document others point to (hooks/references.ts).
    (config) => ({ ...config, collections: avecSuppressionProtegee((config.collections ?? []).map(masquerHorsAdmin).map(avecEntreesStrictes)) })],
  hooks: { afterError: [erreursLisibles] },
  // Schedules (reminders, backups) are handled by one process at a time, whichever asks (src/services/taches.ts).
  onInit: async (payload) => planificationExclusive(payload),
  // JSON lines in production; refusals (4xx) are info lines without a stack (src/config/journal.ts).
  logger: journalPayload(e.production, e.logLevel),
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false },
  // Admin-panel document locks (built in, added by Payload's sanitize): admins all, others their own.
})
  .then(avecVerrousRestreints)
  // The scheduler's statistics global (added by Payload's sanitize): admins read it, nobody writes it over the API.
  .then(verrouillerStatistiquesTaches)
