/**
 * The access matrix of docs/architecture.md ("Roles and access"), cell by cell: every collection ×
 * create/read/update/delete × every actor, over REST, GraphQL and the Local API, asserting
 * the exact set of actors allowed — and, for every refusal, that the database is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { CollectionSlug, Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'
import { creerDossier, creerMonde, MOT_DE_PASSE, richText, siretValide, type Monde } from '@/tests/helpers/fixtures'

type Acteur = 'anonyme' | 'userA' | 'userB' | 'opcoA' | 'opcoB' | 'admin' | 'cleApiOpcoA'
const ACTEURS: Acteur[] = ['anonyme', 'userA', 'userB', 'opcoA', 'opcoB', 'admin', 'cleApiOpcoA']
type Op = 'create' | 'read' | 'update' | 'delete'
type Id = number | string

/** Allowed actors per collection and operation. The API-key account has role opco for OPCO A. */
interface Regle {
  slug: CollectionSlug
  gql: string
  cible: () => Id
  lectureAussi?: { nom: string; cible: () => Id; autorises: Acteur[] }
  /** `transport`: GraphQL names a select's values by its enum (`invoice.issued` → `invoice_issued`). */
  donneesCreation: (acteur: Acteur, n: number, transport: Transport) => Record<string, unknown>
  donneesMaj: Record<string, unknown>
  champMaj: string
  nouvelleCibleSuppression: () => Promise<Id>
  autorises: Record<Op, Acteur[]>
  restSeulementCreation?: boolean
  /** No GraphQL type at all (`graphQL: false`): every GraphQL attempt is refused. */
  sansGraphQL?: boolean
}

let s: ServeurDeTest
let payload: Payload
let monde: Monde
const en = {} as Record<string, Id>
const tokens = {} as Record<Acteur, Record<string, string>>
let compteur = 0
const suivant = () => ++compteur

const PDF = PDF_MINIMAL
/** A distinct day per session created (one session per dossier, day and half-day). */
const jourSeance = (n: number) => new Date(Date.UTC(2030, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)

async function creerDocument(dossier: Id): Promise<Id> {
  const doc = await payload.create({
    collection: 'documents',
    data: { dossier, documentType: 'devis' } as never,
    file: { data: PDF, mimetype: 'application/pdf', name: `devis-${suivant()}.pdf`, size: PDF.length },
  })
  return doc.id
}

const regles = (): Regle[] => {
  const tous: Acteur[] = ['userA', 'userB', 'opcoA', 'opcoB', 'admin', 'cleApiOpcoA']
  return [
    {
      slug: 'users', gql: 'User', cible: () => monde.userA.id,
      donneesCreation: (_a, n) => ({ email: `cree-${n}@test.fr`, password: MOT_DE_PASSE, nom: 'Créé' }),
      donneesMaj: { telephone: '0711223344' }, champMaj: 'telephone',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'users', data: { email: `jetable-${suivant()}@test.fr`, password: MOT_DE_PASSE, role: 'user' } as never })).id,
      // OPCO A's agents read userA (names only: tests/http/opco-vue.test.ts): userA filed a dossier sent to OPCO A.
      autorises: { create: ['anonyme', 'admin'], read: ['userA', 'opcoA', 'admin', 'cleApiOpcoA'], update: ['userA', 'admin'], delete: ['admin'] },
    },
    {
      slug: 'companies', gql: 'Company', cible: () => monde.companyA.id,
      donneesCreation: (_a, n) => ({ siret: siretValide(40000000 + n), raisonSociale: `Société ${n}` }),
      donneesMaj: { raisonSociale: 'Alpha Conseil modifiée' }, champMaj: 'raisonSociale',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'companies', data: { siret: siretValide(50000000 + suivant()), raisonSociale: 'Jetable' } })).id,
      // userA and userB already have their company: a beneficiary creates one only while they have
      // none, and it becomes theirs (tests/http/comptes-matrice.test.ts).
      autorises: { create: ['admin'], read: ['userA', 'opcoA', 'admin', 'cleApiOpcoA'], update: ['userA', 'admin'], delete: ['admin'] },
    },
    {
      slug: 'opcos', gql: 'Opco', cible: () => monde.opcoA.id,
      donneesCreation: (_a, n) => ({ code: `OP${n}`, nom: `Opco ${n}` }),
      donneesMaj: { nom: 'Atlas modifié' }, champMaj: 'nom',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'opcos', data: { code: `J${suivant()}`, nom: 'Jetable' } })).id,
      autorises: { create: ['admin'], read: tous, update: ['admin'], delete: ['admin'] },
    },
    {
      slug: 'training-providers', gql: 'TrainingProvider', cible: () => monde.provider.id,
      donneesCreation: (_a, n) => ({ nom: `OF ${n}`, siret: siretValide(60000000 + n), nda: '11755555575' }),
      donneesMaj: { nom: 'Forma Pro modifié' }, champMaj: 'nom',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'training-providers', data: { nom: 'Jetable', siret: siretValide(70000000 + suivant()), nda: '11755555575' } as never })).id,
      autorises: { create: ['admin'], read: tous, update: ['admin'], delete: ['admin'] },
    },
    {
      slug: 'dossiers', gql: 'Dossier', cible: () => en.dossierEnvoye!,
      lectureAussi: { nom: 'brouillon', cible: () => en.dossierBrouillon!, autorises: ['userA', 'admin'] },
      donneesCreation: () => ({ typeFormation: 'formation', beneficiaire: { nom: 'Nouveau', prenom: 'Dossier' }, coutTotalHT: 100000 }),
      donneesMaj: { coutTotalHT: 123400 }, champMaj: 'coutTotalHT',
      nouvelleCibleSuppression: async () => (await creerDossier(payload, monde, 'A')).id,
      autorises: { create: ['userA', 'userB', 'admin'], read: ['userA', 'opcoA', 'admin', 'cleApiOpcoA'], update: ['userA', 'admin'], delete: ['admin'] },
    },
    {
      slug: 'documents', gql: 'Document', cible: () => en.document!, restSeulementCreation: true,
      donneesCreation: () => ({ dossier: en.dossierEnvoye, documentType: 'programme' }),
      donneesMaj: { documentType: 'programme' }, champMaj: 'documentType',
      nouvelleCibleSuppression: async () => creerDocument(en.dossierEnvoye!),
      autorises: { create: ['userA', 'admin'], read: ['userA', 'opcoA', 'admin', 'cleApiOpcoA'], update: ['admin'], delete: ['admin'] },
    },
    {
      slug: 'payments', gql: 'Payment', cible: () => en.paiement!,
      donneesCreation: (_a, n) => ({ dossier: en.dossierEnvoye, montant: 50000, date: '2027-01-15', payeur: 'opco', reference: `VIR-${n}` }),
      donneesMaj: { montant: 60000 }, champMaj: 'montant',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'payments', data: { dossier: en.dossierEnvoye, montant: 100, date: '2027-01-01', payeur: 'entreprise', reference: `J-${suivant()}` } as never })).id,
      autorises: { create: ['admin'], read: ['userA', 'opcoA', 'admin', 'cleApiOpcoA'], update: ['admin'], delete: ['admin'] },
    },
    {
      // Training sessions (issue 17): read like the dossier (a draft's by its owner and admins), written by admins.
      slug: 'seances', gql: 'Seance', cible: () => en.seance!,
      lectureAussi: { nom: 'brouillon', cible: () => en.seanceBrouillon!, autorises: ['userA', 'admin'] },
      donneesCreation: (_a, n) => ({ dossier: en.dossierEnvoye, date: jourSeance(n), demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', dureeMinutes: 210 }),
      donneesMaj: { heureFin: '12:00' }, champMaj: 'heureFin',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'seances', data: { dossier: en.dossierEnvoye!, date: jourSeance(suivant()), demiJournee: 'apres-midi', heureDebut: '14:00', heureFin: '17:30', dureeMinutes: 210 } as never })).id,
      autorises: { create: ['admin'], read: ['userA', 'opcoA', 'admin', 'cleApiOpcoA'], update: ['admin'], delete: ['admin'] },
    },
    {
      slug: 'invoices', gql: 'Invoice', cible: () => en.facture!,
      donneesCreation: () => ({ dossier: en.dossierEnvoye, destinataire: 'opco' }),
      donneesMaj: { mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI' }, champMaj: 'mentionTva',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'invoices', data: { dossier: en.dossierEnvoye, destinataire: 'entreprise' } as never })).id,
      autorises: { create: ['admin'], read: ['userA', 'opcoA', 'admin', 'cleApiOpcoA'], update: ['admin'], delete: ['admin'] },
    },
    {
      // Written by the generation jobs only; the team and the dossier's owner follow them.
      slug: 'generations', gql: 'Generation', cible: () => en.generation!,
      donneesCreation: (_a, n) => ({ dossier: en.dossierEnvoye, documentType: 'convention', cle: `api-${n}`, version: 1 }),
      donneesMaj: { erreur: 'forcé' }, champMaj: 'erreur',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'generations', data: { dossier: en.dossierEnvoye, documentType: 'convention', cle: `jetable-${suivant()}`, version: 1 } as never })).id,
      autorises: { create: [], read: ['userA', 'admin'], update: [], delete: [] },
    },
    {
      slug: 'emails', gql: 'Email', cible: () => en.email!,
      donneesCreation: () => ({ to: 'x@test.fr', template: 'test', subject: 'Test' }),
      donneesMaj: { subject: 'Modifié' }, champMaj: 'subject',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'emails', data: { to: 'y@test.fr', template: 't', subject: 'Jetable' } as never })).id,
      autorises: { create: [], read: ['admin'], update: [], delete: [] },
    },
    {
      slug: 'messages', gql: 'Message', cible: () => en.message!,
      donneesCreation: () => ({ dossier: en.dossierEnvoye, body: richText('Bonjour, voici ma question.') }),
      donneesMaj: { body: richText('Message modifié') }, champMaj: 'body',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'messages', data: { dossier: en.dossierEnvoye, author: monde.userA.id, body: richText('Jetable') } as never })).id,
      autorises: { create: ['userA', 'admin'], read: ['userA', 'admin'], update: ['admin'], delete: ['admin'] },
    },
    {
      // Bank statements and their operations: written by the import and the confirm/reject endpoints only, read by admins.
      slug: 'releves-bancaires', gql: 'ReleveBancaire', cible: () => en.releve!,
      donneesCreation: (_a, n) => ({ cle: `api-${n}`, format: 'csv' }),
      donneesMaj: { identifiant: 'Modifié' }, champMaj: 'identifiant',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'releves-bancaires', data: { cle: `jetable-${suivant()}`, format: 'csv' } })).id,
      autorises: { create: [], read: ['admin'], update: [], delete: [] },
    },
    {
      slug: 'operations-bancaires', gql: 'OperationBancaire', cible: () => en.operation!,
      donneesCreation: (_a, n) => ({ releve: en.releve, idTransaction: `API-${n}`, date: '2026-11-30', montant: 100, sens: 'credit', statut: 'a_confirmer' }),
      donneesMaj: { statut: 'rejetee' }, champMaj: 'statut',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'operations-bancaires', data: { releve: en.releve!, idTransaction: `JETABLE-${suivant()}`, date: '2026-11-30', montant: 100, sens: 'credit', statut: 'a_confirmer' } as never })).id,
      autorises: { create: [], read: ['admin'], update: [], delete: [] },
    },
    {
      // Webhooks for integrators: admins only (the server runs in production: https and a public name).
      slug: 'webhooks', gql: 'Webhook', cible: () => en.webhook!,
      donneesCreation: (_a, n, transport) => ({ url: `https://integrateur-${n}.exemple.fr/monopco`, evenements: [transport === 'GraphQL' ? 'invoice_issued' : 'invoice.issued'] }),
      donneesMaj: { description: 'Modifié' }, champMaj: 'description',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'webhooks', data: { url: `https://jetable-${suivant()}.exemple.fr/x`, evenements: ['payment.recorded'] } })).id,
      autorises: { create: ['admin'], read: ['admin'], update: ['admin'], delete: ['admin'] },
    },
    {
      // Their delivery log: written by the emission and the delivery job only (« Rejouer » is an endpoint).
      slug: 'livraisons-webhooks', gql: 'LivraisonWebhook', cible: () => en.livraison!,
      donneesCreation: (_a, n, transport) => ({ webhook: en.webhook, evenement: transport === 'GraphQL' ? 'invoice_issued' : 'invoice.issued', idEvenement: `api-${n}`, cle: `api-${n}`, corps: '{}' }),
      donneesMaj: { statut: 'livre' }, champMaj: 'statut',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'livraisons-webhooks', data: { webhook: en.webhook!, evenement: 'invoice.issued', idEvenement: `j-${suivant()}`, cle: `jetable-${suivant()}`, corps: '{}' } as never })).id,
      autorises: { create: [], read: ['admin'], update: [], delete: [] },
    },
    {
      // Attendance-signing links (issue 17): written by the server only; admins read them, never their hash.
      slug: 'jetons-emargement', gql: 'JetonEmargement', cible: () => en.jeton!, sansGraphQL: true,
      donneesCreation: (_a, n) => ({ seance: en.seance, role: 'stagiaire', hash: 'f'.repeat(60) + String(n).padStart(4, '0'), cle: `api-${n}` }),
      donneesMaj: { usedAt: '2027-01-01T00:00:00.000Z' }, champMaj: 'usedAt',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'jetons-emargement', data: { seance: en.seance!, role: 'formateur', hash: 'e'.repeat(58) + String(suivant()).padStart(6, '0'), cle: `jetable-${suivant()}` } as never })).id,
      autorises: { create: [], read: ['admin'], update: [], delete: [] },
    },
    {
      // Requests to sign a convention: written by the signing service only (POST /api/dossiers/:id/signature-convention,
      // the signers' public routes); read by whoever reads the dossier, without the links' secrets (tests/http/signature-convention.test.ts).
      slug: 'signatures-convention', gql: 'SignatureConvention', cible: () => en.signature!,
      donneesCreation: () => ({ dossier: en.dossierEnvoye, document: en.document, statut: 'signee' }),
      donneesMaj: { statut: 'annulee' }, champMaj: 'statut',
      nouvelleCibleSuppression: async () => (await payload.create({ collection: 'signatures-convention', data: { dossier: Number(en.dossierEnvoye), document: Number(en.document), statut: 'en_cours' } })).id,
      autorises: { create: [], read: ['userA', 'opcoA', 'admin', 'cleApiOpcoA'], update: [], delete: [] },
    },
    {
      slug: 'logs', gql: 'Log', cible: () => en.log!,
      donneesCreation: () => ({ action: 'create', collectionSlug: 'dossiers', documentId: '1' }),
      donneesMaj: { ip: '6.6.6.6' }, champMaj: 'ip',
      nouvelleCibleSuppression: async () => en.log!,
      autorises: { create: [], read: ['admin'], update: [], delete: [] },
    },
  ]
}

const API_KEY = 'cle-api-integration-atlas-0123456789'

beforeAll(async () => {
  s = await demarrerServeur('access-matrix')
  payload = s.payload
  monde = await creerMonde(payload)
  en.dossierEnvoye = (await creerDossier(payload, monde, 'A', 'envoye_opco')).id
  en.dossierBrouillon = (await creerDossier(payload, monde, 'A', 'brouillon')).id
  await creerDossier(payload, monde, 'B', 'envoye_opco')
  en.document = await creerDocument(en.dossierEnvoye)
  en.paiement = (await payload.create({ collection: 'payments', data: { dossier: en.dossierEnvoye, montant: 70000, date: '2027-02-01', payeur: 'opco', reference: 'VIR-CIBLE' } as never })).id
  en.seance = (await payload.create({ collection: 'seances', data: { dossier: en.dossierEnvoye, date: '2027-03-01', demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', dureeMinutes: 210 } as never })).id
  en.seanceBrouillon = (await payload.create({ collection: 'seances', data: { dossier: en.dossierBrouillon, date: '2027-03-01', demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', dureeMinutes: 210 } as never })).id
  en.facture = (await payload.create({ collection: 'invoices', data: { dossier: en.dossierEnvoye, destinataire: 'opco' } as never })).id
  en.generation = (await payload.create({ collection: 'generations', data: { dossier: en.dossierEnvoye, documentType: 'convention', cle: 'matrice:convention', version: 1 } as never })).id
  en.signature = (await payload.create({ collection: 'signatures-convention', data: { dossier: Number(en.dossierEnvoye), document: Number(en.document), statut: 'en_cours', signataires: [{ role: 'entreprise', nom: 'Lefèvre', prenom: 'Agnès', fonction: 'Gérante', email: 'rh@alpha.fr', jetonEmpreinte: 'f'.repeat(64) }] } })).id
  en.email = (await payload.create({ collection: 'emails', data: { to: 'claire@exemple.fr', template: 'accuse', subject: 'Accusé', dossier: en.dossierEnvoye } as never })).id
  en.message = (await payload.create({ collection: 'messages', data: { dossier: en.dossierEnvoye, author: monde.userA.id, body: richText('Question') } as never })).id
  en.releve = (await payload.create({ collection: 'releves-bancaires', data: { cle: 'matrice', format: 'camt053', identifiant: 'RELEVE-MATRICE' } })).id
  en.operation = (await payload.create({ collection: 'operations-bancaires', data: { releve: en.releve, idTransaction: 'MATRICE-1', date: '2026-11-30', montant: 70000, sens: 'credit', statut: 'a_confirmer', libelle: 'VIR ATLAS' } as never })).id
  en.webhook = (await payload.create({ collection: 'webhooks', data: { url: 'https://integrateur.exemple.fr/monopco', evenements: ['invoice.issued'] } })).id
  en.livraison = (await payload.create({ collection: 'livraisons-webhooks', data: { webhook: en.webhook, evenement: 'invoice.issued', idEvenement: 'matrice', cle: 'matrice', corps: '{}' } as never })).id
  en.jeton = (await payload.create({ collection: 'jetons-emargement', data: { seance: en.seance, role: 'stagiaire', hash: 'd'.repeat(64), cle: 'matrice' } as never })).id
  en.log = (await payload.find({ collection: 'logs', limit: 1 })).docs[0]!.id
  const integration = await payload.create({ collection: 'users', data: { email: 'integration@test.fr', password: MOT_DE_PASSE, role: 'opco', opco: monde.opcoA.id, enableAPIKey: true, apiKey: API_KEY } as never })
  expect(integration.role).toBe('opco')
  tokens.anonyme = {}
  for (const [acteur, user] of [['userA', monde.userA], ['userB', monde.userB], ['opcoA', monde.opcoUserA], ['opcoB', monde.opcoUserB], ['admin', monde.admin]] as const) {
    tokens[acteur] = { Authorization: `JWT ${await connecter(s.url, user.email, MOT_DE_PASSE)}` }
  }
  tokens.cleApiOpcoA = { Authorization: `users API-Key ${API_KEY}` }
})
afterAll(async () => s?.arreter())

const utilisateurLocal = async (acteur: Acteur) => {
  const email = { userA: monde.userA.email, userB: monde.userB.email, opcoA: monde.opcoUserA.email, opcoB: monde.opcoUserB.email, admin: monde.admin.email, cleApiOpcoA: 'integration@test.fr' }[acteur as Exclude<Acteur, 'anonyme'>]
  if (!email) return null
  const u = (await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1 })).docs[0]!
  return { ...u, collection: 'users' as const }
}

type Transport = 'REST' | 'GraphQL' | 'Local API'

async function tenter(transport: Transport, r: Regle, op: Op, acteur: Acteur, id: Id | null, data?: Record<string, unknown>): Promise<boolean> {
  if (transport === 'Local API') {
    const user = await utilisateurLocal(acteur)
    const base = { collection: r.slug as never, overrideAccess: false, user: user as never, depth: 0 }
    try {
      if (op === 'create' && r.slug === 'documents') {
        await payload.create({ ...base, data: data as never, file: { data: PDF, mimetype: 'application/pdf', name: 'local.pdf', size: PDF.length } })
      } else if (op === 'create') await payload.create({ ...base, data: data as never })
      else if (op === 'read') await payload.findByID({ ...base, id: id! })
      else if (op === 'update') await payload.update({ ...base, id: id!, data: data as never })
      else await payload.delete({ ...base, id: id! })
      return true
    } catch {
      return false
    }
  }
  if (transport === 'REST') {
    const headers: Record<string, string> = { ...tokens[acteur] }
    let res: Response
    const url = `${s.url}/api/${r.slug}${id !== null ? `/${id}` : ''}`
    if (op === 'create' && r.slug === 'documents') {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'programme.pdf')
      form.append('_payload', JSON.stringify(data))
      res = await fetch(url, { method: 'POST', headers, body: form })
    } else if (op === 'create' || op === 'update') {
      res = await fetch(url, { method: op === 'create' ? 'POST' : 'PATCH', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(data) })
    } else res = await fetch(url, { method: op === 'read' ? 'GET' : 'DELETE', headers })
    if (res.status >= 500) throw new Error(`${r.slug} ${op} ${acteur}: ${res.status} ${await res.text()}`)
    if (res.ok) return true
    expect([400, 401, 403, 404]).toContain(res.status)
    return false
  }
  const S = r.gql
  const [query, variables] =
    op === 'create' ? [`mutation($data: mutation${S}Input!) { create${S}(data: $data) { id } }`, { data }]
    : op === 'read' ? [`query { ${S}(id: ${JSON.stringify(id)}) { id } }`, {}]
    : op === 'update' ? [`mutation($data: mutation${S}UpdateInput!) { update${S}(id: ${JSON.stringify(id)}, data: $data) { id } }`, { data }]
    : [`mutation { delete${S}(id: ${JSON.stringify(id)}) { id } }`, {}]
  const res = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...tokens[acteur], 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  const body = (await res.json()) as { data?: Record<string, { id: Id } | null>; errors?: { message: string; extensions?: { statusCode?: number } }[] }
  if (body.errors?.some((e) => (e.extensions?.statusCode ?? 0) >= 500)) throw new Error(`${S} ${op} ${acteur}: ${JSON.stringify(body.errors)}`)
  if (process.env.DEBUG_MATRIX && body.errors) console.log(S, op, acteur, JSON.stringify(body.errors).slice(0, 300))
  const value = body.data ? Object.values(body.data)[0] : null
  return !body.errors?.length && value !== null && value !== undefined
}

async function etat(r: Regle, id: Id): Promise<unknown> {
  const doc = await payload.findByID({ collection: r.slug as never, id, depth: 0 }).catch(() => null)
  return doc ? (doc as Record<string, unknown>)[r.champMaj] : null
}

describe.each<Transport>(['REST', 'GraphQL', 'Local API'])('matrice des droits — %s', (transport) => {
  it.each(regles().map((r) => [r.slug, r] as const))('%s', async (_slug, r) => {
    const obtenu: Record<string, Acteur[]> = { create: [], read: [], update: [], delete: [] }
    const attendu: Record<string, Acteur[]> = { ...r.autorises }
    if (r.restSeulementCreation && transport === 'GraphQL') attendu.create = [] // uploads are multipart REST only
    if (r.sansGraphQL && transport === 'GraphQL') for (const op of ['create', 'read', 'update', 'delete']) attendu[op] = []
    if (r.lectureAussi) {
      obtenu[`read ${r.lectureAussi.nom}`] = []
      attendu[`read ${r.lectureAussi.nom}`] = r.lectureAussi.autorises
    }
    for (const acteur of ACTEURS) {
      // create: allowed → one more row; refused → the same count
      const avant = (await payload.count({ collection: r.slug as never })).totalDocs
      const cree = await tenter(transport, r, 'create', acteur, null, r.donneesCreation(acteur, suivant(), transport))
      const apres = (await payload.count({ collection: r.slug as never })).totalDocs
      expect(apres - avant).toBe(cree ? 1 : 0)
      if (cree) obtenu.create!.push(acteur)

      if (await tenter(transport, r, 'read', acteur, r.cible())) obtenu.read!.push(acteur)
      if (r.lectureAussi && (await tenter(transport, r, 'read', acteur, r.lectureAussi.cible()))) obtenu[`read ${r.lectureAussi.nom}`]!.push(acteur)

      // update: refused → the field is untouched
      const valeurAvant = await etat(r, r.cible())
      const modifie = await tenter(transport, r, 'update', acteur, r.slug === 'dossiers' ? en.dossierBrouillon! : r.cible(), r.donneesMaj)
      if (modifie) {
        obtenu.update!.push(acteur)
        if (r.slug !== 'dossiers') await payload.db.updateOne({ collection: r.slug, id: r.cible(), data: { [r.champMaj]: valeurAvant } })
      } else if (r.slug !== 'dossiers') {
        expect(await etat(r, r.cible())).toEqual(valeurAvant)
      }
      if (r.slug === 'dossiers') await payload.update({ collection: 'dossiers', id: en.dossierBrouillon!, data: { coutTotalHT: 140000 } as never })

      // delete: refused → the document still exists
      const victime = await r.nouvelleCibleSuppression()
      const supprime = await tenter(transport, r, 'delete', acteur, victime)
      const existe = await payload.findByID({ collection: r.slug as never, id: victime, depth: 0 }).then(() => true, () => false)
      expect(existe).toBe(!supprime)
      if (supprime) obtenu.delete!.push(acteur)
    }
    expect(obtenu).toEqual(attendu)
  })
})

describe('routes de lecture sur mesure des factures', () => {
  it('prévision de paiement : les lecteurs de la facture (règle de lecture des invoices) ; la liste des prévisions : les admins', async () => {
    const lecteurs = regles().find((r) => r.slug === 'invoices')!.autorises.read
    const obtenu: Record<string, Acteur[]> = { prevision: [], previsions: [] }
    for (const acteur of ACTEURS) {
      for (const [cle, chemin] of [['prevision', `/api/invoices/${en.facture}/prevision`], ['previsions', '/api/invoices/previsions']] as const) {
        const res = await fetch(`${s.url}${chemin}`, { headers: tokens[acteur] })
        expect(res.status).toBeLessThan(500)
        if (res.ok) obtenu[cle]!.push(acteur)
        else expect([401, 403, 404]).toContain(res.status)
      }
    }
    expect(obtenu).toEqual({ prevision: lecteurs, previsions: ['admin'] })
  })
})

describe('émargement : routes sur mesure', () => {
  it('POST /api/seances/:id/renvoyer-lien : admins seulement ; POST /api/emargement/:jeton : le lien seul compte, pas le compte', async () => {
    const statuts: Record<string, number[]> = {}
    for (const acteur of ACTEURS) {
      const renvoi = await fetch(`${s.url}/api/seances/${en.seance}/renvoyer-lien`, { method: 'POST', headers: { ...tokens[acteur], 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'directeur' }) })
      // An unknown token, whoever calls: 404 — a session does not make anybody a signer.
      const signe = await fetch(`${s.url}/api/emargement/${'B'.repeat(43)}`, { method: 'POST', headers: { ...tokens[acteur], 'Content-Type': 'application/json' }, body: JSON.stringify({ nom: 'Claire Durand' }) })
      statuts[acteur] = [renvoi.status, signe.status]
    }
    // The admin passes the role check and gets the body's 400; the others stop at 401/403.
    expect(statuts).toEqual({ anonyme: [401, 404], userA: [403, 404], userB: [403, 404], opcoA: [403, 404], opcoB: [403, 404], admin: [400, 404], cleApiOpcoA: [403, 404] })
  })

  it('le hash d’un lien n’est lu par personne, même un admin (REST et Local API)', async () => {
    const rest = (await (await fetch(`${s.url}/api/jetons-emargement/${en.jeton}`, { headers: tokens.admin })).json()) as Record<string, unknown>
    expect(rest.id).toBe(en.jeton)
    expect('hash' in rest).toBe(false)
    const local = await payload.findByID({ collection: 'jetons-emargement', id: en.jeton!, overrideAccess: false, user: (await utilisateurLocal('admin')) as never })
    expect('hash' in local).toBe(false)
  })
})

describe('archive du dossier pour un contrôle', () => {
  it('GET /api/dossiers/:id/archive : les admins et l’OPCO du dossier (session ou clé d’API) ; les autres le 404 d’un dossier invisible, l’anonyme 401', async () => {
    const statuts: Record<string, number> = {}
    for (const acteur of ACTEURS) {
      const res = await fetch(`${s.url}/api/dossiers/${en.dossierEnvoye}/archive`, { headers: tokens[acteur] })
      statuts[acteur] = res.status
      if (res.ok) expect(res.headers.get('content-type')).toBe('application/zip')
      await res.arrayBuffer()
    }
    expect(statuts).toEqual({ anonyme: 401, userA: 404, userB: 404, opcoA: 200, opcoB: 404, admin: 200, cleApiOpcoA: 200 })
    // A draft is not the OPCO's to read: its archive neither.
    expect((await fetch(`${s.url}/api/dossiers/${en.dossierBrouillon}/archive`, { headers: tokens.opcoA })).status).toBe(404)
  })
})

describe('signature de la convention : routes sur mesure', () => {
  it('demande (POST /api/dossiers/:id/signature-convention) et « Renvoyer le lien » : les admins seulement ; lien du portail : le bénéficiaire signataire', async () => {
    const statuts: Record<string, Record<string, number>> = { demande: {}, renvoyer: {}, monLien: {}, secrets: {} }
    for (const acteur of ACTEURS) {
      const h = { ...tokens[acteur], 'Content-Type': 'application/json' }
      const avant = (await payload.count({ collection: 'signatures-convention' })).totalDocs
      // No generated convention on this dossier: the admin gets past access control to the 422.
      statuts.demande![acteur] = (await fetch(`${s.url}/api/dossiers/${en.dossierEnvoye}/signature-convention`, { method: 'POST', headers: h, body: JSON.stringify({ signataires: [{ role: 'entreprise', nom: 'A', prenom: 'B', fonction: 'C', email: 'a@b.fr' }, { role: 'organisme', nom: 'A', prenom: 'B', fonction: 'C', email: 'c@d.fr' }] }) })).status
      expect((await payload.count({ collection: 'signatures-convention' })).totalDocs).toBe(avant)
      statuts.renvoyer![acteur] = (await fetch(`${s.url}/api/signatures-convention/${en.signature}/renvoyer`, { method: 'POST', headers: h, body: JSON.stringify({ signataire: 'inconnu' }) })).status
      statuts.monLien![acteur] = (await fetch(`${s.url}/api/dossiers/${en.dossierEnvoye}/signature-convention/mon-lien`, { method: 'POST', headers: h })).status
      // Nobody reads a link's secrets or the signers' addresses but the team (addresses only).
      const lu = await fetch(`${s.url}/api/signatures-convention/${en.signature}?depth=0`, { headers: tokens[acteur] })
      const texte = await lu.text()
      statuts.secrets![acteur] = lu.status === 200 ? (texte.includes('f'.repeat(64)) ? 2 : texte.includes('rh@alpha.fr') ? 1 : 0) : -1
    }
    expect(statuts).toEqual({
      demande: { anonyme: 401, userA: 403, userB: 404, opcoA: 403, opcoB: 404, admin: 422, cleApiOpcoA: 403 },
      renvoyer: { anonyme: 401, userA: 403, userB: 403, opcoA: 403, opcoB: 403, admin: 400, cleApiOpcoA: 403 },
      // userA's e-mail is not a signer of this request: nothing to sign (404), the same for all.
      monLien: { anonyme: 401, userA: 404, userB: 404, opcoA: 404, opcoB: 404, admin: 404, cleApiOpcoA: 404 },
      secrets: { anonyme: -1, userA: 0, userB: -1, opcoA: 0, opcoB: -1, admin: 1, cleApiOpcoA: 0 },
    })
  })
})

describe('listes filtrées par les droits', () => {
  it("un OPCO ne liste que les dossiers envoyés à son OPCO ; un bénéficiaire que les siens", async () => {
    const lister = async (acteur: Acteur) => {
      const res = await fetch(`${s.url}/api/dossiers?limit=100&depth=0`, { headers: tokens[acteur] })
      return ((await res.json()) as { docs: { id: Id; owner: Id; opco: Id; status: string }[] }).docs
    }
    const opco = await lister('opcoA')
    expect(opco.length).toBeGreaterThan(0)
    expect(opco.every((d) => d.opco === monde.opcoA.id && d.status !== 'brouillon')).toBe(true)
    const user = await lister('userB')
    expect(user.length).toBeGreaterThan(0)
    expect(user.every((d) => d.owner === monde.userB.id)).toBe(true)
    expect((await fetch(`${s.url}/api/dossiers`)).status).toBe(403)
  })
})

describe('recherche d’entreprise par SIRET et état du registre', () => {
  it('GET /api/entreprises/siret/:siret : bénéficiaires et admins seulement (REST seul, pas de GraphQL)', async () => {
    const siret = siretValide(73282999)
    const statuts: Record<string, number> = {}
    for (const acteur of ACTEURS) statuts[acteur] = (await fetch(`${s.url}/api/entreprises/siret/${siret}`, { headers: tokens[acteur] })).status
    // The test server's register is unreachable (tests/helpers/serveur.ts): allowed callers get the manual path, 503.
    expect(statuts).toEqual({ anonyme: 401, userA: 503, userB: 503, opcoA: 403, opcoB: 403, admin: 503, cleApiOpcoA: 403 })
  })

  it('companies.registre : écrit par les admins seulement (REST et GraphQL), rien d’écrit sur refus', async () => {
    for (const acteur of ACTEURS.filter((a) => a !== 'admin')) {
      const avant = await payload.findByID({ collection: 'companies', id: monde.companyA.id, depth: 0 })
      const rest = await fetch(`${s.url}/api/companies/${monde.companyA.id}`, { method: 'PATCH', headers: { ...tokens[acteur], 'Content-Type': 'application/json' }, body: JSON.stringify({ registre: { etatAdministratif: 'actif' } }) })
      expect([acteur, rest.status]).toEqual([acteur, 403])
      const gql = await fetch(`${s.url}/api/graphql`, {
        method: 'POST',
        headers: { ...tokens[acteur], 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: `mutation { updateCompany(id: ${monde.companyA.id}, data: { registre: { etatAdministratif: actif } }) { id } }` }),
      })
      expect([acteur, ((await gql.json()) as { errors?: unknown[] }).errors?.length ?? 0]).toEqual([acteur, 1])
      const apres = await payload.findByID({ collection: 'companies', id: monde.companyA.id, depth: 0 })
      expect([acteur, apres.updatedAt, apres.registre]).toEqual([acteur, avant.updatedAt, avant.registre])
    }
    const admin = await fetch(`${s.url}/api/companies/${monde.companyA.id}`, { method: 'PATCH', headers: { ...tokens.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ registre: { etatAdministratif: 'actif', trancheEffectif: '11' } }) })
    expect(admin.status).toBe(200)
    expect((await payload.findByID({ collection: 'companies', id: monde.companyA.id, depth: 0 })).registre).toMatchObject({ etatAdministratif: 'actif', trancheEffectif: '11' })
  })
})
