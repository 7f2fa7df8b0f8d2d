/**
 * Generated hostile input over real HTTP (fast-check, seeded: FC_SEED, FC_RUNS), on every
 * collection's REST create and update, every GraphQL mutation, and every custom endpoint:
 * - no answer is a 5xx;
 * - after every refusal (4xx, or GraphQL errors without data) the database is unchanged: row
 *   counts and highest ids of every table, and the rows of the touched tables and counters;
 * - after the whole run, every list still answers: REST and GraphQL for each collection, the
 *   owner's list, the portal's « Mes dossiers ».
 * Cases are drawn with `fc.sample` and all run (a failure lists every bad case with its index, so
 * `FC_SEED=<seed>` replays the same run) rather than shrunk: the requests change the database.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { Field, Payload } from 'payload'
import { creerDossier, creerMonde, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { differences, prendreInstantane, tablesDeLaBase, type Instantane } from '@/tests/helpers/instantane'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { demarrerRechercheEntreprisesFactice, reponseRecherche, type RechercheEntreprisesFactice } from '@/tests/helpers/rechercheEntreprisesFactice'
import { jourParis } from '@/src/domain/echeances'
import { executerEmargement } from '@/src/services/emargement'
import { PDF_MINIMAL, PNG_MINIMAL } from '@/tests/helpers/fichiers'
import { empreinteJeton } from '@/src/domain/signatureConvention'

const GRAINE = Number(process.env.FC_SEED ?? 20261203)
const TOURS = Number(process.env.FC_RUNS ?? 1)

let s: ServeurDeTest
/** The State's company register, local: GET /api/entreprises/siret/:siret answers from it. */
let registre: RechercheEntreprisesFactice
const SIRETS_REGISTRE = [siretValide(73282932), siretValide(73282935), siretValide(73282936)]
let payload: Payload
let monde: Monde
let entetes: Awaited<ReturnType<typeof entetesDuMonde>>
let tables: string[]
/** Existing ids per collection, for relationship values and update targets. */
const ids: Record<string, number[]> = {}
/** Ids a generated write may target: never the callers' own accounts (a changed password or role would lock the run out). */
const cibles = (slug: string | undefined): number[] =>
  slug ? (ids[slug] ?? []).filter((id) => !(slug === 'users' && [monde.admin, monde.userA, monde.userB, monde.opcoUserA, monde.opcoUserB].some((u) => Number(u.id) === id))) : []

/** The signing links sent for today's half-days (plain tokens, as the e-mails carry them). */
let jetonsEmargement: string[] = []

type Acteur = keyof Awaited<ReturnType<typeof entetesDuMonde>>
const ACTEURS: Acteur[] = ['admin', 'admin', 'admin', 'userA', 'userB', 'opcoA', 'anonyme']
/** Two live signing links (issue 17): one only ever asked for a code, one only ever signed with (no code issued: every refusal writes nothing). */
const JETON_CODE = 'c'.repeat(20) + 'C'.repeat(23)
const JETON_SIGNER = 's'.repeat(20) + 'S'.repeat(23)

beforeAll(async () => {
  registre = await demarrerRechercheEntreprisesFactice()
  registre.inscrire(SIRETS_REGISTRE[0]!, reponseRecherche(SIRETS_REGISTRE[0]!))
  registre.inscrire(SIRETS_REGISTRE[1]!, reponseRecherche(SIRETS_REGISTRE[1]!, { nom: '<script>alert(1)</script>', etat: 'F', idcc: [{ $ne: null }, '1486'] }))
  registre.inscrire(SIRETS_REGISTRE[2]!, reponseRecherche(SIRETS_REGISTRE[2]!, { nom: ['x'], etat: 42 }))
  s = await demarrerServeur('entrees-generees', { ENTREPRISES_API_URL: registre.url, ENTREPRISES_API_RATE_LIMIT: '10000' })
  payload = s.payload
  monde = await creerMonde(payload)
  const dossierA = await creerDossier(payload, monde, 'A')
  await creerDossier(payload, monde, 'B')
  // A session to update (PATCH /api/seances/:id); « générer » may replace it (dossier A has dates and hours).
  await payload.create({ collection: 'seances', data: { dossier: dossierA.id, date: '2027-03-01', demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', dureeMinutes: 210 } as never })
  // A convention sent to be signed, with live links (the signing routes below).
  const convention = await payload.create({
    collection: 'documents',
    data: { dossier: dossierA.id, documentType: 'convention', origin: 'generated' } as never,
    file: { data: Buffer.from(PDF_MINIMAL), mimetype: 'application/pdf', name: 'convention-generee.pdf', size: PDF_MINIMAL.length },
  })
  const dans30Jours = new Date(Date.now() + 30 * 86_400_000).toISOString()
  await payload.create({
    collection: 'signatures-convention',
    data: {
      dossier: dossierA.id,
      document: convention.id,
      statut: 'en_cours',
      envoyeeLe: new Date().toISOString(),
      signataires: [
        { role: 'entreprise', nom: 'Lefèvre', prenom: 'Agnès', fonction: 'Gérante', email: 'rh@alpha.exemple.fr', jetonEmpreinte: empreinteJeton(JETON_SIGNER), lienExpireLe: dans30Jours, essaisCode: 0 },
        { role: 'organisme', nom: 'Nguyen', prenom: 'Thi', fonction: 'Responsable', email: 'of@forma.exemple.fr', jetonEmpreinte: empreinteJeton(JETON_CODE), lienExpireLe: dans30Jours, essaisCode: 0 },
      ],
    },
  })
  // A user who is not one of the callers: updates may change anything on it without locking anybody out.
  await payload.create({ collection: 'users', data: { email: 'cible@test.fr', password: 'Mot-de-passe-cible-2026', role: 'user', nom: 'Cible', prenom: 'Test' } })
  // A statement line to confirm or reject, for the bank reconciliation endpoints (its candidate names an invoice that does not exist).
  const releve = await payload.create({ collection: 'releves-bancaires', data: { cle: 'generees', format: 'csv' } })
  await payload.create({
    collection: 'operations-bancaires',
    data: { releve: releve.id, idTransaction: 'GENEREE-1', date: '2026-11-30', montant: 100, sens: 'credit', statut: 'a_confirmer', candidats: [{ factures: [999_999], numeros: ['F-2026-99999'], dossiers: [999_999], payeur: 'opco', attendu: 100, ecart: 0, situation: 'exact', score: 50, identifie: true, motifs: [] }] },
  })
  // A webhook and a failed delivery, for « Rejouer » (POST /api/livraisons-webhooks/:id/rejouer) and the updates.
  const webhook = await payload.create({ collection: 'webhooks', data: { url: 'https://integrateur.exemple.fr/monopco', evenements: ['payment.recorded'] } })
  await payload.create({ collection: 'livraisons-webhooks', data: { webhook: webhook.id, evenement: 'payment.recorded', idEvenement: 'generee', cle: 'generee', statut: 'echec', tentatives: 6, corps: '{}' } as never })
  // Today's half-days of a dossier with a trainer, and their signing links (POST /api/emargement/:jeton).
  const aujourdhui = jourParis(new Date())
  for (const cote of ['A', 'B'] as const) {
    const emarge = await creerDossier(payload, monde, cote, 'en_formation', { formation: { titre: 'Émargement', dureeHeures: 7, organisme: monde.provider.id, dateDebut: aujourdhui, dateFin: aujourdhui, formateur: { prenom: 'Luc', nom: 'Moreau', email: 'luc.moreau@formapro.fr' } } })
    for (const demiJournee of ['matin', 'apres-midi'] as const) {
      await payload.create({ collection: 'seances', data: { dossier: emarge.id, date: aujourdhui, demiJournee, heureDebut: '00:00', heureFin: '03:30', dureeMinutes: 210 } as never })
    }
  }
  await executerEmargement(payload, new Date())
  const courriels = await payload.find({ collection: 'emails', where: { template: { equals: 'emargement_lien' } }, pagination: false })
  jetonsEmargement = courriels.docs.map((e) => /\/emargement\/([A-Za-z0-9_-]{43})/.exec(String(e.text))?.[1]).filter((j): j is string => !!j)
  entetes = await entetesDuMonde(s.url, monde)
  tables = await tablesDeLaBase(payload)
  for (const c of payload.config.collections) {
    const r = await payload.find({ collection: c.slug as never, limit: 20, depth: 0, pagination: false })
    ids[c.slug] = r.docs.map((d) => Number((d as { id: unknown }).id)).filter(Number.isSafeInteger)
  }
}, 180_000)
afterAll(async () => {
  await s?.arreter()
  await registre?.fermer()
})

// ——— Generators ———

const texteCourt = fc.string({ maxLength: 30 })
const profond = (n: number) => JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n)) as unknown
const hostilesConnus: unknown[] = [
  '', 0, -1, false, true, null, 2 ** 53, -(2 ** 53), 1e308, 0.5, 'not-a-date', '2026-02-30', '2026-13-01', '2026-01-01', '2026-01-01T10:00:00.000Z',
  '12', '12abc', '<script>alert(1)</script>', '\u0000', 'é'.repeat(400), [], [1, 2], ['x'], {}, { id: 999999 }, { root: 5 }, { root: { type: 'root', children: [{ type: 'upload', value: 1 }] } },
  profond(80), 999999, '999999', 'abc', { $ne: null }, { equals: 1 }, '__proto__', { __proto__: { admin: true } },
]
const scalaireHostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...hostilesConnus),
  texteCourt,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
)

const aplatir = (fields: readonly Field[]): Field[] =>
  fields.flatMap((f) => (f.type === 'row' || f.type === 'collapsible' ? aplatir(f.fields) : f.type === 'tabs' ? f.tabs.flatMap((t) => ('name' in t && t.name ? [{ ...t, type: 'group' } as unknown as Field] : aplatir(t.fields))) : [f]))

const DATES_PLAUSIBLES = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString())

/** Values a legitimate caller could send, by field name where the format is the business's. */
const PAR_NOM: Record<string, fc.Arbitrary<unknown>> = {
  siret: fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => siretValide(n)),
  nda: fc.constant('11755555575'),
  codeNaf: fc.constantFrom('62.02A', '85.59A'),
  idcc: fc.constantFrom('1486', '3043'),
  codePostal: fc.constantFrom('75001', '69002'),
  email: fc.emailAddress(),
  contactEmail: fc.emailAddress(),
  password: fc.constant('Mot-de-passe-genere-2026'),
}

const TEXTE_RICHE_VALIDE = { root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text: 'Texte généré', version: 1 }] }] } }

function arbValide(field: Field, profondeur: number): fc.Arbitrary<unknown> {
  if ('name' in field && PAR_NOM[field.name]) return PAR_NOM[field.name]!
  switch (field.type) {
    case 'group':
      return profondeur > 2 ? fc.constant({}) : arbObjetValide(field.fields, profondeur + 1)
    case 'array':
      return profondeur > 2 ? fc.constant([]) : fc.array(arbObjetValide(field.fields, profondeur + 1), { maxLength: 2 })
    case 'select':
    case 'radio': {
      const valeurs = field.options.map((o) => (typeof o === 'string' ? o : o.value))
      return 'hasMany' in field && field.hasMany ? fc.uniqueArray(fc.constantFrom(...valeurs), { maxLength: 2 }) : fc.constantFrom(...valeurs)
    }
    case 'relationship':
    case 'upload': {
      const cible = typeof field.relationTo === 'string' ? (ids[field.relationTo] ?? []) : []
      if (cible.length === 0) return fc.constant(null)
      return field.hasMany ? fc.uniqueArray(fc.constantFrom(...cible), { maxLength: 2 }) : fc.constantFrom(...cible)
    }
    case 'date':
      return fc.oneof(DATES_PLAUSIBLES, DATES_PLAUSIBLES.map((d) => d.slice(0, 10)))
    case 'number': {
      const min = field.min ?? 0
      const max = Math.min(field.max ?? 1_000_000, min + 1_000_000)
      return fc.integer({ min, max })
    }
    case 'checkbox':
      return fc.boolean()
    case 'richText':
      return fc.constant(TEXTE_RICHE_VALIDE)
    case 'email':
      return fc.emailAddress()
    case 'json':
      return fc.jsonValue({ maxDepth: 2 })
    default:
      return fc.string({ minLength: 1, maxLength: 20 })
  }
}

const champsDe = (fields: readonly Field[]) =>
  aplatir(fields).filter((f): f is Field & { name: string } => 'name' in f && typeof f.name === 'string' && f.type !== 'ui' && f.type !== 'join')

function arbObjetValide(fields: readonly Field[], profondeur = 0): fc.Arbitrary<Record<string, unknown>> {
  const champs = champsDe(fields)
  const modele: Record<string, fc.Arbitrary<unknown>> = {}
  for (const f of champs) modele[f.name] = arbValide(f, profondeur)
  const requis = champs.filter((f) => 'required' in f && f.required).map((f) => f.name)
  return fc.record(modele, { requiredKeys: requis })
}

/** Every path to a value in the objects of `fields` (groups followed; arrays at their first row). */
function chemins(fields: readonly Field[], prefixe: string[] = [], profondeur = 0): string[][] {
  return champsDe(fields).flatMap((f) => {
    const ici = [...prefixe, f.name]
    if (f.type === 'group' && profondeur < 3) return [ici, ...chemins(f.fields, ici, profondeur + 1)]
    if (f.type === 'array' && profondeur < 3) return [ici, ...chemins(f.fields, [...ici, '0'], profondeur + 1)]
    return [ici]
  })
}

function poser(objet: Record<string, unknown>, chemin: string[], valeur: unknown): Record<string, unknown> {
  const copie = structuredClone(objet)
  let ici: Record<string, unknown> = copie
  for (const [i, cle] of chemin.entries()) {
    if (i === chemin.length - 1) ici[cle] = valeur
    else {
      const suivant = ici[cle]
      const estTableau = /^\d+$/.test(chemin[i + 1]!)
      if (suivant === null || typeof suivant !== 'object') ici[cle] = estTableau ? [{}] : {}
      else if (estTableau && Array.isArray(suivant) && suivant.length === 0) suivant.push({})
      ici = ici[cle] as Record<string, unknown>
    }
  }
  return copie
}

/**
 * A body a legitimate caller could send (so the request reaches the hooks behind validation),
 * then one or two of its values — at any depth — replaced by hostile ones.
 */
function arbObjet(fields: readonly Field[]): fc.Arbitrary<Record<string, unknown>> {
  const tous = chemins(fields)
  const valide = arbObjetValide(fields)
  if (tous.length === 0) return valide
  const perturbe = fc
    .tuple(valide, fc.array(fc.tuple(fc.constantFrom(...tous), scalaireHostile), { minLength: 1, maxLength: 2 }))
    .map(([o, changements]) => changements.reduce((acc, [chemin, v]) => poser(acc, chemin, v), o))
  return fc.oneof({ arbitrary: valide, weight: 2 }, { arbitrary: perturbe, weight: 3 })
}

type Corps = { contentType: string | null; texte: string }
const enJson = (v: unknown): Corps => ({ contentType: 'application/json', texte: JSON.stringify(v) })

/** Bodies Payload would otherwise receive as-is: non-objects, other content types, malformed, deep. */
const corpsMalformes: fc.Arbitrary<Corps> = fc.oneof(
  fc.constantFrom('"x"', '123', 'null', 'true', '[]', '[{}]', '{', '{"a":', '\u0000', '{"a":1}{"b":2}').map((texte) => ({ contentType: 'application/json', texte })),
  fc.record({ contentType: fc.constantFrom(null, 'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=latin1', 'APPLICATION/JSON'), texte: fc.constantFrom('{}', '{"a":1}', 'a=1&b=2', '<a/>', '') }),
  fc.integer({ min: 65, max: 3000 }).map((n) => ({ contentType: 'application/json', texte: '['.repeat(n) + ']'.repeat(n) })),
  fc.constant({ contentType: 'multipart/form-data; boundary=XX', texte: '--XX\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n[1,2]\r\n--XX--\r\n' }),
  fc.constant({ contentType: 'multipart/form-data; boundary=XX', texte: '--XX\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{not json\r\n--XX--\r\n' }),
  fc.constant({ contentType: 'multipart/form-data; boundary=XX', texte: '--XX\r\nbroken' }),
)

// ——— Running a case ———

interface Cas {
  acteur: Acteur
  methode: string
  chemin: string
  corps: Corps
  /** Tables whose rows are compared (besides every table's count and highest id). */
  tables: string[]
  /** A refused login legitimately counts the attempt on the account. */
  ecritureAttendueSurRefus?: boolean
}

const tableDe = (slug: string) => slug.replace(/-/g, '_')
const tablesDe = (slug: string) => tables.filter((t) => t === tableDe(slug) || t.startsWith(`${tableDe(slug)}_`)).concat('compteurs')

interface Echec {
  index: number
  cas: string
  probleme: string
}

const statuts: Record<string, number> = {}

async function jouer(cas: Cas, index: number, echecs: Echec[]): Promise<void> {
  const avant: Instantane = await prendreInstantane(payload, tables, cas.tables)
  const journalAvant = s.journal().length
  const headers: Record<string, string> = { ...entetes[cas.acteur] }
  if (cas.corps.contentType) headers['Content-Type'] = cas.corps.contentType
  const res = await fetch(`${s.url}${cas.chemin}`, { method: cas.methode, headers, body: cas.corps.texte === '' && cas.methode === 'GET' ? undefined : cas.corps.texte })
  const texte = await res.text()
  statuts[String(res.status)] = (statuts[String(res.status)] ?? 0) + 1
  const resume = `${cas.acteur} ${cas.methode} ${cas.chemin} [${cas.corps.contentType}] ${cas.corps.texte.slice(0, 700)}`
  let refus = res.status >= 400
  // 503 « non configuré » (webhook without its secret, AI without a key) is the server's state, not a failure on input.
  const indisponibleParConfiguration = res.status === 503 && /non configuré|sans clé|indisponible/i.test(texte)
  // The server's log of that request says where it broke.
  const journal = () =>
    s.journal().slice(journalAvant).replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => /ERROR|message|^\s+at /.test(l)).slice(0, 12).map((l) => l.slice(0, 240)).join('\n')
  if (res.status >= 500 && !indisponibleParConfiguration) echecs.push({ index, cas: resume, probleme: `HTTP ${res.status} ${texte.slice(0, 300)}\n${journal()}` })
  if (cas.chemin === '/api/graphql' && res.status < 400) {
    const corps = JSON.parse(texte) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { statusCode?: number } }[] }
    const erreurs = corps.errors ?? []
    for (const e of erreurs) {
      if ((e.extensions?.statusCode ?? 0) >= 500) echecs.push({ index, cas: resume, probleme: `GraphQL statusCode ${e.extensions?.statusCode} : ${e.message}` })
    }
    refus = erreurs.length > 0 && Object.values(corps.data ?? {}).every((v) => v == null)
    if (refus) statuts['graphql-refus'] = (statuts['graphql-refus'] ?? 0) + 1
  }
  if (res.status >= 400 && res.status < 500) {
    const message = (() => {
      try {
        return (JSON.parse(texte) as { errors?: { message?: string }[] }).errors?.[0]?.message ?? ''
      } catch {
        return ''
      }
    })()
    if (!message) echecs.push({ index, cas: resume, probleme: `refus ${res.status} sans message d'erreur : ${texte.slice(0, 200)}` })
  }
  if (refus && !cas.ecritureAttendueSurRefus) {
    const d = differences(avant, await prendreInstantane(payload, tables, cas.tables))
    if (d.length > 0) echecs.push({ index, cas: resume, probleme: `refus ${res.status} mais écrit : ${d.join(' ; ')}` })
  }
}

async function jouerTous(nom: string, arb: fc.Arbitrary<Cas>, n: number): Promise<void> {
  const echecs: Echec[] = []
  const cas = fc.sample(arb, { seed: GRAINE + nom.length, numRuns: n })
  for (const k of Object.keys(statuts)) delete statuts[k]
  for (const [i, c] of cas.entries()) await jouer(c, i, echecs)
  // What the run exercised: a suite that only ever met 403s would prove nothing.
  console.log(`entrées générées « ${nom} » : ${n} cas, statuts ${JSON.stringify(statuts)}`)
  const somme = (garder: (k: string) => boolean) => Object.entries(statuts).filter(([k]) => garder(k)).reduce((t, [, v]) => t + v, 0)
  expect(somme((k) => Number(k) < 300)).toBeGreaterThan(0)
  expect(somme((k) => k === '400' || k === 'graphql-refus')).toBeGreaterThan(n / 10)
  if (echecs.length > 0) {
    const liste = echecs.slice(0, 25).map((e) => `#${e.index} ${e.cas}\n    → ${e.probleme}`).join('\n')
    throw new Error(`${echecs.length} cas sur ${n} en échec (FC_SEED=${GRAINE}, « ${nom} ») :\n${liste}`)
  }
}

// ——— The suites ———

const collectionsEcrites = () => payload.config.collections.filter((c) => !c.slug.startsWith('payload-'))

describe(`entrées générées (graine ${GRAINE})`, () => {
  it('POST /api/emargement/:jeton : vrais liens, liens altérés, corps générés', async () => {
    expect(jetonsEmargement.length).toBeGreaterThanOrEqual(4)
    const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
    const jeton = fc.oneof(
      { arbitrary: fc.constantFrom(...jetonsEmargement), weight: 4 },
      { arbitrary: fc.tuple(fc.constantFrom(...jetonsEmargement), fc.nat(42)).map(([j, i]) => `${j.slice(0, i)}${j[i] === 'x' ? 'y' : 'x'}${j.slice(i + 1)}`), weight: 1 },
      { arbitrary: fc.constantFrom('abc', '%00', '..%2F..%2Fapi%2Fusers', 'A'.repeat(43), '9'.repeat(500), '%3Cscript%3E'), weight: 1 },
    )
    const valeur = fc.oneof(
      { arbitrary: fc.constantFrom<unknown>(PNG, 'Claire Durand', 'Luc Moreau', true, 60, 209, 210, `data:image/png;base64,${'A'.repeat(300_000)}`, `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1:9/x"/></svg>')}`), weight: 3 },
      { arbitrary: scalaireHostile, weight: 2 },
    )
    const corps = fc.oneof(
      { arbitrary: fc.dictionary(fc.constantFrom('signature', 'nom', 'absent', 'minutes', 'role', 'seance'), valeur, { minKeys: 1, maxKeys: 2 }).map(enJson), weight: 4 },
      { arbitrary: fc.constantFrom({ signature: PNG }, { nom: 'Claire Durand' }, { nom: 'Luc Moreau' }, { absent: true }, { minutes: 120, signature: PNG }).map(enJson), weight: 2 },
      { arbitrary: corpsMalformes, weight: 1 },
    )
    const detail = tables.filter((t) => t.startsWith('seances') || t === 'jetons_emargement' || t === 'logs').concat('compteurs')
    const arb = fc
      .record({ acteur: fc.constantFrom(...ACTEURS), jeton, corps })
      .map(({ acteur, jeton, corps }): Cas => ({ acteur, methode: 'POST', chemin: `/api/emargement/${jeton}`, corps, tables: detail }))
    await jouerTous('emargement', arb, Math.round(120 * TOURS))
  })

  it('REST : création et modification de chaque collection', async () => {
    const arbs = collectionsEcrites().map((c) => {
      const champs: Field[] = c.slug === 'users' ? [...c.fields, { name: 'password', type: 'text', required: true }] : c.fields
      const corps = fc.oneof({ arbitrary: arbObjet(champs).map(enJson), weight: 4 }, { arbitrary: corpsMalformes, weight: 1 })
      const creation = fc.record({ acteur: fc.constantFrom(...ACTEURS), corps }).map(({ acteur, corps }): Cas => ({ acteur, methode: 'POST', chemin: `/api/${c.slug}`, corps, tables: tablesDe(c.slug) }))
      const modification = fc
        .record({ acteur: fc.constantFrom(...ACTEURS), corps, id: fc.constantFrom<number | string>(...cibles(c.slug), 'abc', 999_999) })
        .map(({ acteur, corps, id }): Cas => ({ acteur, methode: 'PATCH', chemin: `/api/${c.slug}/${id}`, corps, tables: tablesDe(c.slug) }))
      return fc.oneof(creation, modification)
    })
    await jouerTous('rest', fc.oneof(...arbs), Math.round(1200 * TOURS))
  })

  it('GraphQL : chaque mutation, variables générées', async () => {
    type TypeRef = { kind: string; name: string | null; ofType?: TypeRef | null }
    const TYPE = 'type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }'
    const interroger = async <T>(query: string): Promise<T> =>
      ((await (await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...entetes.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { data: T }).data
    const schema = await interroger<{ __schema: { mutationType: { fields: { name: string; type: TypeRef; args: { name: string; type: TypeRef }[] }[] } } }>(
      `{ __schema { mutationType { fields { name ${TYPE} args { name ${TYPE} } } } } }`,
    )
    const ecrire = (t: TypeRef): string => (t.kind === 'NON_NULL' ? `${ecrire(t.ofType!)}!` : t.kind === 'LIST' ? `[${ecrire(t.ofType!)}]` : t.name!)
    const nomme = (t: TypeRef): TypeRef => (t.ofType ? nomme(t.ofType) : t)
    const mutations = schema.__schema.mutationType.fields.filter((m) => !/^(login|logout|refreshToken|forgotPassword|resetPassword|unlock|verifyEmail)/.test(m.name))
    expect(mutations.length).toBeGreaterThan(10)
    const arbs = await Promise.all(
      mutations.map(async (m) => {
        const slug = collectionsEcrites().find((c) => c.graphQL && typeof c.graphQL === 'object' && m.name.toLowerCase().endsWith(String(c.graphQL.singularName).toLowerCase()))?.slug
        const champs = slug ? collectionsEcrites().find((c) => c.slug === slug)!.fields : []
        const argData = m.args.find((a) => a.name === 'data')
        // Only the input type's own fields (others are refused by GraphQL before our code runs), plus, now and then, one it does not know.
        const connus = argData
          ? new Set(((await interroger<{ __type: { inputFields: { name: string }[] | null } | null }>(`{ __type(name: "${nomme(argData.type).name}") { inputFields { name } } }`)).__type?.inputFields ?? []).map((f) => f.name))
          : new Set<string>()
        const donnees = arbObjet(champs).map((o) => Object.fromEntries(Object.entries(o).filter(([k]) => connus.has(k))))
        const valeurArg = (a: { name: string; type: TypeRef }): fc.Arbitrary<unknown> => {
          if (a.name === 'data' && champs.length > 0) return fc.oneof({ arbitrary: donnees, weight: 6 }, { arbitrary: arbObjet(champs), weight: 1 }, { arbitrary: scalaireHostile, weight: 1 })
          if (a.name === 'id') return fc.oneof({ arbitrary: fc.constantFrom<unknown>(...cibles(slug), 999_999, 'abc', -1, 1.5), weight: 4 }, { arbitrary: scalaireHostile, weight: 1 })
          const type = nomme(a.type).name
          const sur = type === 'Int' || type === 'Float' ? fc.integer({ min: -5, max: 100_000 }) : type === 'Boolean' ? fc.boolean() : type === 'String' ? fc.constantFrom('submit', 'review', 'validate', 'send', 'answer', 'cancel', 'accepte', 'refuse', 'x') : fc.jsonValue({ maxDepth: 2 })
          return fc.oneof({ arbitrary: sur, weight: 3 }, { arbitrary: scalaireHostile, weight: 1 })
        }
        const variables = fc.record(Object.fromEntries(m.args.map((a) => [a.name, valeurArg(a)])), { requiredKeys: m.args.filter((a) => a.type.kind === 'NON_NULL').map((a) => a.name) })
        const declaration = m.args.length > 0 ? `(${m.args.map((a) => `$${a.name}: ${ecrire(a.type)}`).join(', ')})` : ''
        const appel = m.args.length > 0 ? `(${m.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''
        const selection = ['OBJECT', 'INTERFACE', 'UNION'].includes(nomme(m.type).kind) ? ' { __typename }' : ''
        return fc.record({ acteur: fc.constantFrom(...ACTEURS), variables }).map(
          ({ acteur, variables }): Cas => ({
            acteur,
            methode: 'POST',
            chemin: '/api/graphql',
            corps: enJson({ query: `mutation M${declaration} { r: ${m.name}${appel}${selection} }`, variables }),
            tables: slug ? tablesDe(slug) : ['compteurs'],
          }),
        )
      }),
    )
    await jouerTous('graphql', fc.oneof(...arbs), Math.round(400 * TOURS))
  })

  it('points d’entrée sur mesure : corps et identifiants générés', async () => {
    const points = [
      ...payload.config.endpoints.map((e) => ({ ...e, base: '/api', slug: '' })),
      ...collectionsEcrites().flatMap((c) => (Array.isArray(c.endpoints) ? c.endpoints : []).map((e) => ({ ...e, base: `/api/${c.slug}`, slug: c.slug }))),
      // Logging out ends the caller's session for the rest of the run (tests/http/sessions.test.ts covers it).
    ].filter((e) => e.method !== 'get' && e.method !== 'options' && !e.path.includes('health') && !e.path.includes('logout'))
    expect(points.length).toBeGreaterThan(5)
    const cles = ['action', 'parametres', 'siret', 'email', 'password', 'token', 'montant', 'decision', 'motif', 'heuresRealisees', 'motifHeures', 'type', 'texte', 'dossier', 'id', 'format', 'periode', 'question']
    const corpsEndpoint = fc.oneof(
      { arbitrary: fc.dictionary(fc.constantFrom(...cles), scalaireHostile, { maxKeys: 4 }).map(enJson), weight: 4 },
      { arbitrary: corpsMalformes, weight: 1 },
    )
    const arbs = points.map((e) =>
      fc
        .record({ acteur: fc.constantFrom(...ACTEURS), corps: corpsEndpoint, id: fc.constantFrom<number | string>(...cibles(e.slug), 'abc', 999_999, '-1', '1e3') })
        .map(({ acteur, corps, id }): Cas => ({
          acteur,
          methode: e.method.toUpperCase(),
          chemin: `${e.base}${e.path.replace(/:[a-zA-Z]+/g, String(id))}`,
          corps,
          // « Générer les séances » writes the sessions: a refusal must leave them as they were.
          tables: e.slug ? [...tablesDe(e.slug), ...(e.path.includes('seances') ? tablesDe('seances') : [])] : ['compteurs'],
          ecritureAttendueSurRefus: /login/.test(e.path),
        })),
    )
    await jouerTous('endpoints', fc.oneof(...arbs), Math.round(400 * TOURS))
  })

  it('GET /api/entreprises/siret/:siret : segments générés, registre local aux réponses hostiles', async () => {
    const segment = fc.oneof(
      fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => siretValide(n)),
      fc.constantFrom(...SIRETS_REGISTRE),
      fc.string({ maxLength: 40 }).map(encodeURIComponent),
      fc.constantFrom('abc', '%00', '..%2F..%2Fusers', '1'.repeat(14), '%3Cscript%3E', '%20'.repeat(3), '%C3%A9', '0'.repeat(14), '9'.repeat(500)),
    )
    const arb = fc
      .record({ acteur: fc.constantFrom(...ACTEURS), segment })
      .map(({ acteur, segment }): Cas => ({ acteur, methode: 'GET', chemin: `/api/entreprises/siret/${segment}`, corps: { contentType: null, texte: '' }, tables: tablesDe('companies') }))
    await jouerTous('siret', arb, Math.round(150 * TOURS))
  })

  it('GET /api/invoices/:id/xml : format et identifiants générés, sur une facture émise et d’autres', async () => {
    const d = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 140_000, numeroDossierOpco: 'ATL-77', heuresRealisees: 14 })
    const b = await payload.create({ collection: 'invoices', data: { dossier: d.id, destinataire: 'opco', lignes: [{ libelle: 'Formation', quantite: 14, prixUnitaireHT: 10_000 }], mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI' } as never })
    expect((await fetch(`${s.url}/api/invoices/${b.id}/emettre`, { method: 'POST', headers: entetes.admin })).status).toBe(200)
    const format = fc.oneof(fc.constantFrom('cii', 'ubl', '', 'CII', 'pdf', '%00', '<x>', 'cii&format=ubl', 'ubl%20', '..%2F'), fc.string({ maxLength: 20 }).map(encodeURIComponent))
    const id = fc.constantFrom<number | string>(b.id, ...cibles('invoices'), 'abc', 999_999, '-1', '1e3', '%27')
    const arb = fc
      .record({ acteur: fc.constantFrom(...ACTEURS), id, format, avecFormat: fc.boolean() })
      .map(({ acteur, id, format, avecFormat }): Cas => ({
        acteur,
        methode: 'GET',
        chemin: `/api/invoices/${String(id)}/xml${avecFormat ? `?format=${format}` : ''}`,
        corps: { contentType: null, texte: '' },
        tables: tablesDe('invoices'),
      }))
    await jouerTous('xml', arb, Math.round(150 * TOURS))
  })

  it('lectures sur mesure de la prévision de paiement : identifiants générés', async () => {
    // GET routes that take an id: the generic run above covers writing methods only.
    const points = ['/api/invoices/:id/prevision', '/api/invoices/previsions']
    const arbs = points.map((p) =>
      fc
        .record({ acteur: fc.constantFrom(...ACTEURS), id: fc.oneof(fc.constantFrom<number | string>(...cibles('invoices'), 'abc', 999_999, '-1', '1e3', '%00', '9'.repeat(30)), fc.string({ maxLength: 8 }).map(encodeURIComponent)) })
        .map(({ acteur, id }): Cas => ({ acteur, methode: 'GET', chemin: p.replace(':id', String(id)), corps: { contentType: null, texte: '' }, tables: tablesDe('invoices') })),
    )
    await jouerTous('prevision', fc.oneof(...arbs), Math.round(60 * TOURS))
  })

  it('GET /api/dossiers/:id/archive : identifiants générés', async () => {
    // A GET that writes (its audit entry): refusals must write nothing, whoever asks.
    const id = fc.oneof(
      // Real dossiers too, so that some of the callers get their ZIP.
      { arbitrary: fc.constantFrom<number | string>(...cibles('dossiers')), weight: 1 },
      { arbitrary: fc.constantFrom<number | string>('abc', 999_999, '-1', '1e3', '%00', '0', '9'.repeat(16), '9'.repeat(300), '1.5', '%27'), weight: 2 },
      { arbitrary: fc.string({ maxLength: 12 }).map(encodeURIComponent), weight: 1 },
    )
    const arb = fc
      .record({ acteur: fc.constantFrom(...ACTEURS), id })
      .map(({ acteur, id }): Cas => ({ acteur, methode: 'GET', chemin: `/api/dossiers/${String(id)}/archive`, corps: { contentType: null, texte: '' }, tables: [...tablesDe('dossiers'), ...tablesDe('logs')] }))
    await jouerTous('archive', arb, Math.round(80 * TOURS))
  })

  it('signature de la convention : jetons, corps et empreintes générés (routes publiques)', async () => {
    const inconnu = fc.oneof(fc.constantFrom('x'.repeat(43), 'abc', '%00', '..%2F..%2Fusers', '9'.repeat(500), '%3Cscript%3E'), fc.string({ maxLength: 50 }).map(encodeURIComponent))
    const valeurs = fc.oneof(scalaireHostile, fc.constantFrom<unknown>('123456', '000000', 'Claire Durand', true, `data:image/png;base64,${PNG_MINIMAL.toString('base64')}`, 'data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E', `data:image/png;base64,${'A'.repeat(280_000)}`))
    const corps = fc.oneof({ arbitrary: fc.dictionary(fc.constantFrom('code', 'signature', 'consentement', 'x'), valeurs, { maxKeys: 4 }).map(enJson), weight: 4 }, { arbitrary: corpsMalformes, weight: 1 })
    const tables = tablesDe('signatures-convention')
    const sansCorps = { contentType: null, texte: '' }
    const arb = fc.oneof(
      fc.record({ jeton: fc.oneof(fc.constant(JETON_SIGNER), inconnu), corps }).map(({ jeton, corps }): Cas => ({ acteur: 'anonyme', methode: 'POST', chemin: `/api/signatures/${jeton}/signer`, corps, tables })),
      fc.record({ jeton: fc.oneof(fc.constant(JETON_CODE), inconnu), corps }).map(({ jeton, corps }): Cas => ({ acteur: 'anonyme', methode: 'POST', chemin: `/api/signatures/${jeton}/code`, corps, tables })),
      fc.record({ jeton: fc.oneof(fc.constantFrom(JETON_SIGNER, JETON_CODE), inconnu), suite: fc.constantFrom('', '/pdf') }).map(({ jeton, suite }): Cas => ({ acteur: 'anonyme', methode: 'GET', chemin: `/api/signatures/${jeton}${suite}`, corps: sansCorps, tables })),
      fc
        .oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.constantFrom('A'.repeat(64), 'g'.repeat(64), '0'.repeat(63), '%00', ''), fc.string({ maxLength: 70 }).map(encodeURIComponent))
        .map((h): Cas => ({ acteur: 'anonyme', methode: 'GET', chemin: `/api/signatures/verification/${h}`, corps: sansCorps, tables })),
    )
    await jouerTous('signatures', arb, Math.round(200 * TOURS))
  })

  it('après tout cela, chaque liste répond encore', async () => {
    entetes = await entetesDuMonde(s.url, monde)
    const pannes: string[] = []
    for (const c of collectionsEcrites()) {
      const res = await fetch(`${s.url}/api/${c.slug}?limit=100&depth=1`, { headers: entetes.admin })
      if (res.status !== 200) pannes.push(`REST ${c.slug} : ${res.status} ${(await res.text()).slice(0, 200)}`)
      const pluriel = c.graphQL && typeof c.graphQL === 'object' ? c.graphQL.pluralName : undefined
      if (pluriel) {
        const g = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...entetes.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ query: `{ ${pluriel}(limit: 100) { docs { id } } }` }) })
        const corps = (await g.json()) as { errors?: unknown[] }
        if (g.status !== 200 || corps.errors) pannes.push(`GraphQL ${pluriel} : ${g.status} ${JSON.stringify(corps.errors).slice(0, 200)}`)
      }
    }
    for (const qui of ['userA', 'userB', 'opcoA'] as const) {
      const res = await fetch(`${s.url}/api/dossiers?limit=100`, { headers: entetes[qui] })
      if (res.status !== 200) pannes.push(`liste des dossiers de ${qui} : ${res.status}`)
    }
    const jeton = entetes.userA.Authorization!.replace('JWT ', '')
    const portail = await fetch(`${s.url}/dossiers`, { headers: { Cookie: `monopco-token=${jeton}` } })
    if (portail.status !== 200) pannes.push(`portail « Mes dossiers » : ${portail.status}`)
    expect(pannes).toEqual([])
  })
})
