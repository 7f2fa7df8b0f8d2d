/**
 * Outside probe of the built app (`npm run sonde`, not part of `npm test`): every route, every
 * kind of caller, generated hostile input (fast-check, seeded: SONDE_SEED; SONDE_CAS cases).
 *
 * Callers: anonymous, user A, user B, OPCO agent, admin, the integration account's API key, a
 * forged JWT (admin's id signed with another secret). Routes: Payload's REST of every collection
 * (list, by id, count, versions, create, update by id and by `where`, delete by id and by `where`),
 * every custom endpoint of the config and of the collections (all methods), Payload's and our auth
 * routes, GraphQL queries and mutations (from the schema), multipart uploads (documents, bank
 * statements), the portal's pages and their form actions (replayed as a browser without JS would),
 * the public signing and attendance routes. Checks, after every request:
 * - no 5xx (a 503 « non configuré » is the server's configuration, not the input);
 * - a 4xx has a non-empty French message (`errors[0].message`; GraphQL: `errors[].message`);
 * - after every refusal the whole database is unchanged: row count, highest id and a hash of the
 *   rows of every table, except `limites_debit` (the rate limiter's counters: refused requests
 *   count, that is the limit working) and, for login-type routes, `users`/`users_sessions` (a
 *   failed login counts the attempt on the account);
 * - the anonymous and forged callers never get a 2xx from a route that is not public.
 * Findings are grouped by route and kind, written to test-results/sonde-<db>.json, and fail the run.
 *
 *   npm run sonde                          # SQLite
 *   TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run sonde
 *   SONDE_SEED=42 SONDE_CAS=5000 npm run sonde
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import crypto from 'node:crypto'
import fs from 'node:fs'
import fc from 'fast-check'
import type { Field, Payload } from 'payload'
import { creerDossier, creerMonde, MOT_DE_PASSE, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { prendreInstantane, tablesDeLaBase, differences, type Instantane } from '@/tests/helpers/instantane'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { PDF_MINIMAL, PNG_MINIMAL } from '@/tests/helpers/fichiers'
import { baseCible } from '@/tests/helpers/database'

const GRAINE = Number(process.env.SONDE_SEED ?? 20261205)
const CAS = Number(process.env.SONDE_CAS ?? 3000)
const CLE_API = 'cle-api-sonde-integration-0123456789'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let tables: string[]
const ids: Record<string, number[]> = {}
let idsAppelants: number[] = []
type Acteur = 'anonyme' | 'userA' | 'userB' | 'opcoA' | 'admin' | 'cleApi' | 'forge'
const ACTEURS: Acteur[] = ['anonyme', 'userA', 'userB', 'opcoA', 'admin', 'admin', 'cleApi', 'forge']
let entetes: Record<Acteur, Record<string, string>>
let dossierA = 0
let dossierB = 0

function jwtForge(id: number, email: string): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const corps = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ id, collection: 'users', email, sid: crypto.randomUUID(), iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 })}`
  return `${corps}.${crypto.createHmac('sha256', 'un-autre-secret').update(corps).digest('base64url')}`
}

beforeAll(async () => {
  s = await demarrerServeur('sonde', { ENTREPRISES_API_RATE_LIMIT: '10000', AUTH_RATE_LIMIT_MAX: '100000' })
  payload = s.payload
  monde = await creerMonde(payload)
  dossierA = Number((await creerDossier(payload, monde, 'A')).id)
  dossierB = Number((await creerDossier(payload, monde, 'B')).id)
  await creerDossier(payload, monde, 'A', 'soumis')
  await payload.create({ collection: 'seances', data: { dossier: dossierA, date: '2027-03-01', demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', dureeMinutes: 210 } as never })
  await payload.create({ collection: 'documents', data: { dossier: dossierA, documentType: 'devis', origin: 'uploaded' } as never, file: { data: Buffer.from(PDF_MINIMAL), mimetype: 'application/pdf', name: 'devis.pdf', size: PDF_MINIMAL.length } })
  await payload.create({ collection: 'messages', data: { dossier: dossierA, corps: 'Bonjour' } as never, overrideAccess: true }).catch(() => undefined)
  await payload.create({ collection: 'users', data: { email: 'cible@test.fr', password: 'Mot-de-passe-cible-2026', role: 'user', nom: 'Cible', prenom: 'Test' } })
  const integration = await payload.create({ collection: 'users', data: { email: 'integration@test.fr', password: MOT_DE_PASSE, role: 'opco', opco: monde.opcoA.id, enableAPIKey: true, apiKey: CLE_API } as never })
  const releve = await payload.create({ collection: 'releves-bancaires', data: { cle: 'sonde', format: 'csv' } })
  await payload.create({ collection: 'operations-bancaires', data: { releve: releve.id, idTransaction: 'SONDE-1', date: '2026-11-30', montant: 100, sens: 'credit', statut: 'a_confirmer' } as never })
  const webhook = await payload.create({ collection: 'webhooks', data: { url: 'https://integrateur.exemple.fr/monopco', evenements: ['payment.recorded'] } })
  await payload.create({ collection: 'livraisons-webhooks', data: { webhook: webhook.id, evenement: 'payment.recorded', idEvenement: 'sonde', cle: 'sonde', statut: 'echec', tentatives: 6, corps: '{}' } as never })
  const d = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 140_000, numeroDossierOpco: 'ATL-77', heuresRealisees: 14 })
  await payload.create({ collection: 'invoices', data: { dossier: d.id, destinataire: 'opco', lignes: [{ libelle: 'Formation', quantite: 14, prixUnitaireHT: 10_000 }], mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI' } as never })
  const base = await entetesDuMonde(s.url, monde)
  entetes = {
    anonyme: {},
    userA: base.userA,
    userB: base.userB,
    opcoA: base.opcoA,
    admin: base.admin,
    cleApi: { Authorization: `users API-Key ${CLE_API}` },
    forge: { Authorization: `JWT ${jwtForge(Number(monde.admin.id), monde.admin.email)}` },
  }
  idsAppelants = [monde.admin, monde.userA, monde.userB, monde.opcoUserA, monde.opcoUserB, integration].map((u) => Number(u.id))
  tables = await tablesDeLaBase(payload)
  for (const c of payload.config.collections) {
    const r = await payload.find({ collection: c.slug as never, limit: 20, depth: 0, pagination: false })
    ids[c.slug] = r.docs.map((x) => Number((x as { id: unknown }).id)).filter(Number.isSafeInteger)
  }
}, 300_000)
afterAll(async () => s?.arreter())

// ——— Generators ———

const profond = (n: number) => JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n)) as unknown
const HOSTILES: unknown[] = [
  '', 0, -1, false, true, null, 2 ** 53, -(2 ** 63), 1e308, -0, 0.5, 'NaN', 'Infinity', 'not-a-date', '2026-02-30', '2026-01-01', '2026-01-01T10:00:00.000Z',
  '12', '12abc', '<script>alert(1)</script>', '\u0000', 'a\u0000b', '\ud800', '🙂'.repeat(50), 'é'.repeat(5000), 'x'.repeat(70_000), [], [1, 2], ['x'], [[[]]], [{}], {}, { id: 999999 },
  { root: 5 }, { root: { type: 'root', children: [{ type: 'upload', value: 1 }] } }, profond(40), profond(70), 999999, '999999', 'abc', { $ne: null }, { equals: 1 },
  '__proto__', { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }, { relationTo: 'users', value: 1 }, '1 OR 1=1', "'; DROP TABLE users; --", '../../etc/passwd',
]
const scalaire: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILES), weight: 4 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
)

const aplatir = (fields: readonly Field[]): Field[] =>
  fields.flatMap((f) => (f.type === 'row' || f.type === 'collapsible' ? aplatir(f.fields) : f.type === 'tabs' ? f.tabs.flatMap((t) => ('name' in t && t.name ? [{ ...t, type: 'group' } as unknown as Field] : aplatir(t.fields))) : [f]))
const champsDe = (fields: readonly Field[]) => aplatir(fields).filter((f): f is Field & { name: string } => 'name' in f && typeof f.name === 'string' && f.type !== 'ui')

const RESERVES = ['id', 'createdAt', 'updatedAt', '_status', 'deletedAt', 'hash', 'salt', 'apiKey', 'apiKeyIndex', 'loginAttempts', 'lockUntil', 'resetPasswordToken', 'sessions', 'reference', 'role', 'owner', 'status', '_verified', '_verificationToken', 'sizes', 'filename', 'url', 'mimeType', 'filesize']

/** A body: the collection's fields with hostile values at some depth, reserved and unknown fields. */
function arbCorps(fields: readonly Field[]): fc.Arbitrary<Record<string, unknown>> {
  const champs = champsDe(fields)
  const noms = champs.map((f) => f.name)
  const valeurPour = (f: Field & { name: string }, profondeur: number): fc.Arbitrary<unknown> => {
    if ((f.type === 'group' || f.type === 'array') && profondeur < 2) {
      const interieur = fc.dictionary(fc.constantFrom(...(champsDe(f.fields).map((g) => g.name).concat('inconnu'))), scalaire, { maxKeys: 3 })
      return fc.oneof(f.type === 'array' ? fc.array(interieur, { maxLength: 3 }) : interieur, scalaire)
    }
    if (f.type === 'relationship' || f.type === 'upload') {
      const cible = typeof f.relationTo === 'string' ? (ids[f.relationTo] ?? []) : []
      return fc.oneof(fc.constantFrom<unknown>(...cible, -1, 0, 999_999, '1', 'abc', 1.5, [1, 2], { relationTo: 'users', value: 1 }), scalaire)
    }
    return scalaire
  }
  const modele: Record<string, fc.Arbitrary<unknown>> = {}
  for (const f of champs) modele[f.name] = valeurPour(f, 0)
  const base = fc.record(modele, { requiredKeys: [] })
  return fc
    .tuple(base, fc.dictionary(fc.constantFrom(...RESERVES, 'inconnu', 'x'.repeat(300), '', '__proto__', 'a.b', 'a[0]'), scalaire, { maxKeys: 2 }), fc.boolean())
    .map(([o, extra, avecExtra]) => {
      const r: Record<string, unknown> = { ...o }
      if (avecExtra) Object.assign(r, extra)
      // Keep only a few keys: a body that sets everything at once is refused by the first field.
      const cles = Object.keys(r)
      return cles.length > 6 ? Object.fromEntries(cles.slice(0, 6).map((k) => [k, r[k]])) : r
    })
    .filter(() => noms.length >= 0)
}

type Corps = { contentType: string | null; texte: string | Buffer }
const enJson = (v: unknown): Corps => ({ contentType: 'application/json', texte: JSON.stringify(v) })
const SANS_CORPS: Corps = { contentType: null, texte: '' }

function multipart(parties: { nom: string; valeur: string | Buffer; fichier?: string; type?: string }[], frontiere = 'SONDE'): Corps {
  const morceaux: Buffer[] = []
  for (const p of parties) {
    const dispo = `Content-Disposition: form-data; name="${p.nom}"${p.fichier !== undefined ? `; filename="${p.fichier}"` : ''}`
    morceaux.push(Buffer.from(`--${frontiere}\r\n${dispo}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`), Buffer.isBuffer(p.valeur) ? p.valeur : Buffer.from(p.valeur), Buffer.from('\r\n'))
  }
  morceaux.push(Buffer.from(`--${frontiere}--\r\n`))
  return { contentType: `multipart/form-data; boundary=${frontiere}`, texte: Buffer.concat(morceaux) }
}

const corpsMalformes: fc.Arbitrary<Corps> = fc.oneof(
  fc.constantFrom('"x"', '123', 'null', 'true', '[]', '[{}]', '{', '{"a":', '\u0000', '{"a":1}{"b":2}', '{"a":1,}', "{'a':1}", '\ufeff{}', '{"__proto__":{"admin":true}}').map((texte) => ({ contentType: 'application/json', texte })),
  fc.record({
    contentType: fc.constantFrom(null, 'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=utf-16', 'APPLICATION/JSON', 'application/graphql', 'application/json, text/plain', ''),
    texte: fc.constantFrom('{}', '{"a":1}', 'a=1&b=2&_payload={"x":1}', '<a/>', '', 'query { __typename }'),
  }),
  fc.integer({ min: 65, max: 5000 }).map((n) => ({ contentType: 'application/json', texte: '['.repeat(n) + ']'.repeat(n) })),
  fc.constantFrom('{"a":1}', '[1,2]', '{not json', '', 'null', '"x"', '{"dossier":"abc"}').map((p) => multipart([{ nom: '_payload', valeur: p }])),
  fc.constant(multipart([{ nom: '_payload', valeur: '{}' }, { nom: '_payload', valeur: '{"x":1}' }])),
  fc.constant({ contentType: 'multipart/form-data; boundary=XX', texte: '--XX\r\nbroken' }),
  fc.constant({ contentType: 'multipart/form-data', texte: '--XX\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{}\r\n--XX--\r\n' }),
)

/** Query strings an outsider would try: list/detail parameters with wrong types, duplicated, nested. */
const VALEURS_PARAM = ['', '-1', '0', '1', '2', '100', '1e9', '9'.repeat(30), 'abc', 'true', 'false', 'null', '%00', '%C0%AE', '__proto__', 'all', '*', 'fr', 'en', 'xx', encodeURIComponent('é'.repeat(3000))]
const NOMS_PARAM = ['depth', 'limit', 'page', 'sort', 'select', 'populate', 'locale', 'fallback-locale', 'draft', 'trash', 'pagination', 'joins', 'where', 'autosave', 'publishSpecificLocale', 'disableErrors', 'overrideLock', 'data', 'id', 'format', 'x']
function arbRequete(noms: string[]): fc.Arbitrary<string> {
  const cle = fc.oneof(
    fc.constantFrom(...NOMS_PARAM),
    fc.constantFrom(...noms).map((n) => `where[${n}][equals]`),
    fc.tuple(fc.constantFrom(...noms), fc.constantFrom('in', 'not_in', 'like', 'contains', 'exists', 'near', 'within', 'intersects', 'all', 'greater_than', 'bogus')).map(([n, op]) => `where[${n}][${op}]`),
    fc.constantFrom(...noms).map((n) => `select[${n}]`),
    fc.constantFrom(...noms).map((n) => `sort`).map((k) => k),
    fc.constantFrom('depth[]', 'depth[a]', 'limit[]', 'where[or][0][and][0][id][equals]', 'where', 'where[]', 'select', 'populate[users][email]', 'joins[x][limit]', 'where[__proto__][x]', 'where[id][equals][0]'),
  )
  const valeur = fc.oneof(fc.constantFrom(...VALEURS_PARAM), fc.constantFrom(...noms), fc.constantFrom(...noms).map((n) => `-${n}`), fc.string({ maxLength: 10 }).map(encodeURIComponent))
  return fc.array(fc.tuple(cle, valeur), { maxLength: 5 }).map((ps) => (ps.length ? `?${ps.map(([k, v]) => `${k}=${v}`).join('&')}` : ''))
}

const arbId = (slug: string, enEcriture: boolean) =>
  fc.oneof(
    { arbitrary: fc.constantFrom<number>(...[...(ids[slug] ?? []).filter((i) => !(enEcriture && slug === 'users' && idsAppelants.includes(i))), 0]), weight: 3 },
    { arbitrary: fc.constantFrom<string | number>('abc', -1, 0, '1.5', '1e3', 999_999, '9'.repeat(30), '%00', encodeURIComponent('1 OR 1=1'), '..%2Fusers', ' 1', '0x1', '%C3%A9', 'null', 'undefined', '[object Object]'), weight: 2 },
  )

// ——— Running a case ———

interface Cas {
  acteur: Acteur
  methode: string
  chemin: string
  corps: Corps
  /** Grouping key of findings: the route's template. */
  famille: string
  /** Tables a refusal may write (a failed login counts the attempt). */
  ecrituresPermises?: string[]
  /** Portal form actions answer 200 with the error in the page: only 5xx are checked. */
  portail?: boolean
  /** Public routes: anonymous callers may get a 2xx. */
  public?: boolean
}

interface Constat {
  famille: string
  probleme: string
  exemple: string
  nombre: number
}
const constats = new Map<string, Constat>()
const statuts: Record<string, number> = {}
const parActeur: Record<string, number> = {}
let instantane: Instantane | null = null
let derniereEcriture = false

function noter(cas: Cas, probleme: string, detail: string): void {
  const cle = `${cas.famille} | ${probleme}`
  const c = constats.get(cle)
  if (c) c.nombre++
  else constats.set(cle, { famille: cas.famille, probleme, exemple: `${cas.acteur} ${cas.methode} ${cas.chemin.slice(0, 300)} [${cas.corps.contentType}] ${String(cas.corps.texte).slice(0, 3000)}\n→ ${detail.slice(0, 1500)}`, nombre: 1 })
}

const ANGLAIS = /\b(the|you|is not|not allowed|invalid|required|cannot|must|not found|something went wrong|unauthorized|forbidden|error|failed|unknown|expected|value|field)\b/i
const FRANCAIS = /[éèàêçùôî]|\b(le|la|les|des|est|une|un|pas|ne|du|de|au|aux|ce|cette|vous|requête|champ|identifiant|invalide|introuvable|refusé|autorisé)\b/i
const estAnglais = (m: string) => ANGLAIS.test(m) && !FRANCAIS.test(m)

async function jouer(cas: Cas): Promise<void> {
  if (!instantane || derniereEcriture) instantane = await prendreInstantane(payload, tables, tables)
  const avant = instantane
  const journalAvant = s.journal().length
  const headers: Record<string, string> = { ...entetes[cas.acteur] }
  if (cas.corps.contentType !== null) headers['Content-Type'] = cas.corps.contentType
  if (cas.portail) {
    const jwt = headers.Authorization?.startsWith('JWT ') ? headers.Authorization.slice(4) : ''
    delete headers.Authorization
    if (jwt) headers.Cookie = `monopco-token=${jwt}`
    headers.Accept = 'text/html'
    headers.Origin = s.url
  }
  let res: Response
  try {
    const sansCorps = cas.methode === 'GET' || cas.methode === 'HEAD'
    res = await fetch(`${s.url}${cas.chemin}`, { method: cas.methode, headers, body: sansCorps ? undefined : (cas.corps.texte as BodyInit), redirect: 'manual' })
  } catch (err) {
    noter(cas, 'connexion coupée', String(err))
    derniereEcriture = true
    return
  }
  const texte = await res.text()
  statuts[String(res.status)] = (statuts[String(res.status)] ?? 0) + 1
  parActeur[cas.acteur] = (parActeur[cas.acteur] ?? 0) + 1
  const journal = () => s.journal().slice(journalAvant).replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => /ERROR|rror|message|^\s+at /.test(l)).slice(0, 8).map((l) => l.slice(0, 200)).join('\n')
  const indisponible = res.status === 503 && /non configuré|sans clé|indisponible/i.test(texte)
  if (res.status >= 500 && !indisponible) noter(cas, `HTTP ${res.status}`, `${texte.slice(0, 300)}\n${journal()}`)
  let refus = res.status >= 400
  if (!cas.portail && res.status >= 400 && res.status < 500 && cas.methode !== 'HEAD') {
    let messages: string[] = []
    try {
      const corps = JSON.parse(texte) as { errors?: { message?: string }[]; message?: string }
      messages = (corps.errors ?? []).map((e) => String(e.message ?? ''))
      if (messages.length === 0 && corps.message) messages = [corps.message]
    } catch {
      /* not JSON */
    }
    if (messages.length === 0 || messages.every((m) => !m.trim())) noter(cas, `refus ${res.status} sans message`, texte.slice(0, 200))
    else if (messages.some(estAnglais)) noter(cas, `refus ${res.status} en anglais`, messages.find(estAnglais)!)
  }
  if (cas.chemin.startsWith('/api/graphql') && res.status < 400) {
    try {
      const corps = JSON.parse(texte) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { statusCode?: number } }[] }
      const erreurs = corps.errors ?? []
      for (const e of erreurs) {
        if ((e.extensions?.statusCode ?? 0) >= 500) noter(cas, `GraphQL statusCode ${e.extensions?.statusCode}`, `${e.message}\n${journal()}`)
        else if (estAnglais(e.message) && !/^(Cannot query field|Unknown argument|Variable|Field|Expected|Syntax Error|Int cannot|String cannot|Float cannot|Boolean cannot|Enum|Argument|Unknown type|Cannot return null)/.test(e.message)) noter(cas, 'GraphQL message en anglais', e.message)
      }
      refus = erreurs.length > 0 && Object.values(corps.data ?? {}).every((v) => v == null)
    } catch {
      noter(cas, 'GraphQL réponse illisible', texte.slice(0, 200))
    }
  }
  if ((cas.acteur === 'anonyme' || cas.acteur === 'forge') && res.status >= 200 && res.status < 300 && !cas.public && !cas.portail) {
    const vide = /"totalDocs":0|"docs":\[\]/.test(texte) || /"data":\{[^{}]*:null\}/.test(texte) || /"user":null/.test(texte)
    if (!vide) noter(cas, `${cas.acteur} reçoit ${res.status}`, texte.slice(0, 300))
  }
  const apres = await prendreInstantane(payload, tables, tables)
  derniereEcriture = false
  instantane = apres
  if (refus) {
    const permises = new Set(cas.ecrituresPermises ?? [])
    const d = differences(avant, apres).filter((l) => !permises.has(l.split(':')[0]!))
    if (d.length > 0) noter(cas, `refus ${res.status} mais écrit`, `${d.join(' ; ')}\nréponse : ${texte.slice(0, 600)}`)
  }
}

// ——— The route families ———

const collections = () => payload.config.collections.filter((c) => !c.slug.startsWith('payload-'))
const authSlugs = () => collections().filter((c) => c.auth).map((c) => c.slug)

function familles(): fc.Arbitrary<Cas>[] {
  const acteur = fc.constantFrom(...ACTEURS)
  const arbs: fc.Arbitrary<Cas>[] = []
  for (const c of collections()) {
    const noms = champsDe(c.fields).map((f) => f.name).concat('id', 'createdAt', 'updatedAt')
    const q = arbRequete(noms)
    const corps = fc.oneof({ arbitrary: arbCorps(c.fields).map(enJson), weight: 4 }, { arbitrary: corpsMalformes, weight: 1 })
    const gardeUsers = c.slug === 'users' ? `&where[and][9][id][not_in]=${idsAppelants.join(',')}` : ''
    const base = `/api/${c.slug}`
    arbs.push(
      fc.record({ acteur, q }).map(({ acteur, q }) => ({ acteur, methode: 'GET', chemin: `${base}${q}`, corps: SANS_CORPS, famille: `GET ${base}` })),
      fc.record({ acteur, q, id: arbId(c.slug, false) }).map(({ acteur, q, id }) => ({ acteur, methode: 'GET', chemin: `${base}/${id}${q}`, corps: SANS_CORPS, famille: `GET ${base}/:id` })),
      fc.record({ acteur, q, suite: fc.constantFrom('count', 'versions', 'versions/1', 'access', 'access/1', 'init', 'me', 'x') }).map(({ acteur, q, suite }) => ({ acteur, methode: 'GET', chemin: `${base}/${suite}${q}`, corps: SANS_CORPS, famille: `GET ${base}/${suite}` })),
      fc.record({ acteur, q, corps }).map(({ acteur, q, corps }) => ({ acteur, methode: 'POST', chemin: `${base}${q}`, corps, famille: `POST ${base}` })),
      fc.record({ acteur, q, corps, id: arbId(c.slug, true) }).map(({ acteur, q, corps, id }) => ({ acteur, methode: 'PATCH', chemin: `${base}/${id}${q}`, corps, famille: `PATCH ${base}/:id` })),
      fc.record({ acteur, q, corps }).map(({ acteur, q, corps }) => ({ acteur, methode: 'PATCH', chemin: `${base}${q || '?'}${gardeUsers}`, corps, famille: `PATCH ${base}?where` })),
      fc.record({ acteur: fc.constantFrom<Acteur>('anonyme', 'userA', 'userB', 'opcoA', 'cleApi', 'forge', 'admin'), q, id: arbId(c.slug, true) }).map(({ acteur, q, id }) => ({ acteur, methode: 'DELETE', chemin: `${base}/${id}${q}`, corps: SANS_CORPS, famille: `DELETE ${base}/:id` })),
      fc.record({ acteur: fc.constantFrom<Acteur>('anonyme', 'userA', 'userB', 'opcoA', 'cleApi', 'forge', 'admin'), q }).map(({ acteur, q }) => ({ acteur, methode: 'DELETE', chemin: `${base}${q || '?'}${gardeUsers}`, corps: SANS_CORPS, famille: `DELETE ${base}?where` })),
      // OPTIONS: the CORS preflight (`{}`), public by nature.
      fc.record({ acteur, q, m: fc.constantFrom('PUT', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE', 'LOCK', 'MKCOL', 'FOO') }).map(({ acteur, q, m }) => ({ acteur, methode: m, chemin: `${base}${q}`, corps: SANS_CORPS, famille: `${m} ${base}`, public: m === 'OPTIONS' })),
    )
    // Custom endpoints of the collection, every method.
    for (const e of Array.isArray(c.endpoints) ? c.endpoints : []) {
      if (e.path.includes('logout')) continue
      arbs.push(
        fc.record({ acteur, id: arbId(c.slug, true), q: arbRequete(['format', 'id', 'action']), corps: fc.oneof({ arbitrary: fc.dictionary(fc.constantFrom('action', 'parametres', 'motif', 'montant', 'decision', 'texte', 'type', 'siret', 'email', 'password', 'nouveau', 'actuel', 'corps', 'dossier', 'facture', 'factures', 'lu', 'seances', 'heures', 'x'), scalaire, { maxKeys: 4 }).map(enJson), weight: 3 }, { arbitrary: corpsMalformes, weight: 1 }) }).map(({ acteur, id, q, corps }) => ({
          acteur,
          methode: e.method.toUpperCase(),
          chemin: `${base}${e.path.replace(/:[a-zA-Z]+/g, (p) => (p === ':id' ? String(id) : ['fonction'].includes(p.slice(1)) ? 'resume' : 'x'))}${q}`,
          corps: e.method === 'get' ? SANS_CORPS : corps,
          famille: `${e.method.toUpperCase()} ${base}${e.path}`,
          // Payload's permissions of the caller on the collection (`{ fields: {} }` for nobody): metadata, not data.
          public: e.path.startsWith('/access'),
        })),
      )
    }
  }
  // Root endpoints of the config (auth aliases, signatures, emargement, health, metrics, reports…).
  for (const e of payload.config.endpoints) {
    if (e.path.includes('logout')) continue
    // /access: Payload's permissions of the caller (what an anonymous visitor may do: register), metadata, not data.
    const publicRoute = /^\/(auth|signatures|emargement|health|webhooks\/resend|metrics|access)/.test(e.path)
    const login = /login|forgot|reset/.test(e.path)
    arbs.push(
      fc
        .record({
          acteur,
          seg: fc.oneof(fc.constantFrom('abc', 'x'.repeat(43), '%00', '9'.repeat(500), siretValide(11111111), '0'.repeat(64)), fc.string({ maxLength: 20 }).map(encodeURIComponent)),
          q: arbRequete(['format', 'periode', 'annee', 'opco', 'du', 'au', 'type']),
          corps: fc.oneof(
            { arbitrary: fc.dictionary(fc.constantFrom('email', 'password', 'token', 'nom', 'prenom', 'telephone', 'code', 'signature', 'consentement', 'absent', 'question', 'type', 'data', 'role', 'x'), scalaire, { maxKeys: 4 }).map(enJson), weight: 3 },
            { arbitrary: fc.constantFrom<unknown>({ email: monde.userA.email, password: 'faux' }, { email: 'cible@test.fr', password: 'faux' }, { email: 'inconnu@test.fr' }, { token: 'abc', password: 'Nouveau-mot-2026' }).map(enJson), weight: 1 },
            { arbitrary: corpsMalformes, weight: 1 },
          ),
        })
        .map(({ acteur, seg, q, corps }) => ({
          acteur,
          methode: e.method.toUpperCase(),
          chemin: `/api${e.path.replace(/:[a-zA-Z0-9]+/g, seg)}${q}`,
          corps: e.method === 'get' ? SANS_CORPS : corps,
          famille: `${e.method.toUpperCase()} /api${e.path}`,
          public: publicRoute,
          ecrituresPermises: login ? ['users', 'users_sessions', 'logs'] : undefined,
        })),
    )
  }
  // Payload's own auth routes of each auth collection.
  for (const slug of authSlugs()) {
    const authCorps = fc.oneof(
      { arbitrary: fc.dictionary(fc.constantFrom('email', 'password', 'token', 'username', 'x'), scalaire, { maxKeys: 3 }).map(enJson), weight: 3 },
      { arbitrary: fc.constantFrom<unknown>({ email: 'cible@test.fr', password: 'faux' }, { email: 'CIBLE@test.fr ', password: 'Mot-de-passe-cible-2026' }, { email: 'inconnu@test.fr', password: 'x' }, { email: 'cible@test.fr' }, { token: 'abc', password: 'Nouveau-mot-2026' }, { token: '', password: '' }).map(enJson), weight: 2 },
      { arbitrary: corpsMalformes, weight: 1 },
    )
    arbs.push(
      fc.record({ acteur, r: fc.constantFrom('login', 'forgot-password', 'reset-password', 'unlock', 'refresh-token', 'first-register', 'verify/abc', 'verify/%00', 'me'), corps: authCorps, q: arbRequete(['depth']) }).map(({ acteur, r, corps, q }) => ({
        acteur,
        methode: r === 'me' ? 'GET' : 'POST',
        chemin: `/api/${slug}/${r}${q}`,
        corps: r === 'me' ? SANS_CORPS : corps,
        famille: `POST /api/${slug}/${r}`,
        public: true,
        ecrituresPermises: ['users', 'users_sessions', 'logs'],
      })),
    )
  }
  // Uploads: documents and bank statements.
  const fichier = fc.oneof(
    fc.constant({ valeur: Buffer.from(PDF_MINIMAL), fichier: 'piece.pdf', type: 'application/pdf' }),
    fc.constant({ valeur: Buffer.from(PNG_MINIMAL), fichier: 'image.png', type: 'image/png' }),
    fc.constantFrom(
      { valeur: Buffer.from('<svg onload="alert(1)"/>'), fichier: 'x.svg', type: 'image/svg+xml' },
      { valeur: Buffer.from('MZ\x90\x00'), fichier: 'x.exe', type: 'application/octet-stream' },
      { valeur: Buffer.alloc(0), fichier: 'vide.pdf', type: 'application/pdf' },
      { valeur: Buffer.from('%PDF-1.4 tronqué'), fichier: '../../etc/passwd', type: 'application/pdf' },
      { valeur: Buffer.from(PDF_MINIMAL), fichier: 'a\u0000b.pdf', type: 'application/pdf' },
      { valeur: Buffer.from(PDF_MINIMAL), fichier: 'é'.repeat(300) + '.pdf', type: 'application/pdf' },
      { valeur: Buffer.from(PDF_MINIMAL), fichier: '', type: 'application/pdf' },
      { valeur: Buffer.from('date;montant\n2026-11-30;abc\n'), fichier: 'releve.csv', type: 'text/csv' },
      { valeur: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document>&e;</Document>'), fichier: 'releve.xml', type: 'application/xml' },
      { valeur: Buffer.from('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">abc</Amt></Ntry></Stmt></BkToCstmrStmt></Document>'), fichier: 'camt.xml', type: 'application/xml' },
    ),
  )
  const payloadDoc = fc.oneof(
    fc.record({ dossier: fc.constantFrom<unknown>(dossierA, dossierB, 'abc', -1, 999_999, null, [dossierA]), documentType: fc.constantFrom<unknown>('devis', 'programme', 'convention', 'x', 1, null), origin: fc.constantFrom<unknown>(undefined, 'generated', 'uploaded', 5) }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
    fc.constantFrom('{', '[]', 'null', '', '"x"', JSON.stringify({ dossier: dossierA, documentType: 'devis', __proto__: { x: 1 } })),
  )
  const arbUpload = (chemin: string, methode: string, famille: string) =>
    fc
      .record({
        acteur,
        f: fichier,
        p: payloadDoc,
        forme: fc.constantFrom('normal', 'sansFichier', 'deuxFichiers', 'fichierTexte', 'sansPayload', 'champsPlats', 'autreNom'),
      })
      .map(({ acteur, f, p, forme }): Cas => {
        const parties: { nom: string; valeur: string | Buffer; fichier?: string; type?: string }[] = []
        if (forme !== 'sansPayload' && forme !== 'champsPlats') parties.push({ nom: '_payload', valeur: p })
        if (forme === 'champsPlats') parties.push({ nom: 'dossier', valeur: String(dossierA) }, { nom: 'documentType', valeur: 'devis' }, { nom: 'format', valeur: 'csv' })
        if (forme !== 'sansFichier') parties.push({ nom: forme === 'autreNom' ? 'fichier' : 'file', valeur: forme === 'fichierTexte' ? 'pas un fichier' : f.valeur, ...(forme === 'fichierTexte' ? {} : { fichier: f.fichier, type: f.type }) })
        if (forme === 'deuxFichiers') parties.push({ nom: 'file', valeur: f.valeur, fichier: 'b.pdf', type: 'application/pdf' })
        return { acteur, methode, chemin, corps: multipart(parties), famille }
      })
  arbs.push(
    arbUpload('/api/documents', 'POST', 'POST /api/documents (multipart)'),
    fc.constantFrom(...(ids.documents ?? [1])).chain((id) => arbUpload(`/api/documents/${id}`, 'PATCH', 'PATCH /api/documents/:id (multipart)')),
    arbUpload('/api/releves-bancaires/rapprochements/releves', 'POST', 'POST /api/releves-bancaires/rapprochements/releves (multipart)'),
  )
  // GraphQL: queries and mutations from the schema (filled in by preparerGraphql).
  if (graphql.length > 0) arbs.push(...graphql)
  // Portal pages (GET) and their form actions (filled in by preparerPortail).
  if (portail.length > 0) arbs.push(...portail)
  return arbs
}

let graphql: fc.Arbitrary<Cas>[] = []
let portail: fc.Arbitrary<Cas>[] = []

async function preparerGraphql(): Promise<void> {
  type TypeRef = { kind: string; name: string | null; ofType?: TypeRef | null }
  const TYPE = 'type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }'
  const interroger = async <T>(query: string): Promise<T> => ((await (await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...entetes.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { data: T }).data
  type Champ = { name: string; type: TypeRef; args: { name: string; type: TypeRef }[] }
  const schema = await interroger<{ __schema: { queryType: { fields: Champ[] }; mutationType: { fields: Champ[] } } }>(`{ __schema { queryType { fields { name ${TYPE} args { name ${TYPE} } } } mutationType { fields { name ${TYPE} args { name ${TYPE} } } } } }`)
  const ecrire = (t: TypeRef): string => (t.kind === 'NON_NULL' ? `${ecrire(t.ofType!)}!` : t.kind === 'LIST' ? `[${ecrire(t.ofType!)}]` : t.name!)
  const nomme = (t: TypeRef): TypeRef => (t.ofType ? nomme(t.ofType) : t)
  const champsScalaires = async (nom: string): Promise<string> => {
    const t = await interroger<{ __type: { fields: { name: string; type: TypeRef }[] | null } | null }>(`{ __type(name: "${nom}") { fields { name ${TYPE} } } }`)
    const fs_ = t.__type?.fields ?? []
    const scal = fs_.filter((f) => ['SCALAR', 'ENUM'].includes(nomme(f.type).kind)).map((f) => f.name)
    const docs = fs_.find((f) => f.name === 'docs')
    let suite = ''
    if (docs) {
      const d = await interroger<{ __type: { fields: { name: string; type: TypeRef }[] | null } | null }>(`{ __type(name: "${nomme(docs.type).name}") { fields { name ${TYPE} } } }`)
      const rel = (d.__type?.fields ?? []).filter((f) => nomme(f.type).kind === 'OBJECT').slice(0, 2).map((f) => `${f.name} { __typename }`)
      suite = ` docs { ${(d.__type?.fields ?? []).filter((f) => ['SCALAR', 'ENUM'].includes(nomme(f.type).kind)).map((f) => f.name).concat(rel).join(' ')} }`
    }
    return `{ __typename ${scal.join(' ')}${suite} }`
  }
  const sansAuth = /^(login|logout|refreshToken|forgotPassword|resetPassword|unlock|verifyEmail|initialized)/
  const arbArg = (a: { name: string; type: TypeRef }): fc.Arbitrary<unknown> => {
    const t = nomme(a.type).name
    if (a.name === 'id') return fc.oneof(fc.constantFrom<unknown>(...(ids.dossiers ?? []), ...(ids.users ?? []).filter((i) => !idsAppelants.includes(i)), 999_999, 'abc', -1, 1.5, '9'.repeat(30), null), scalaire)
    if (a.name === 'where') return fc.oneof(fc.dictionary(fc.constantFrom('id', 'status', 'email', 'owner', 'and', 'or', 'reference', 'x'), fc.oneof(fc.dictionary(fc.constantFrom('equals', 'in', 'not_in', 'like', 'exists', 'greater_than', 'near'), scalaire, { maxKeys: 2 }), scalaire), { maxKeys: 3 }), scalaire)
    if (t === 'Int' || t === 'Float') return fc.oneof(fc.constantFrom<unknown>(-1, 0, 1, 100, 2 ** 31 - 1, 1e9), scalaire)
    if (t === 'Boolean') return fc.oneof(fc.boolean(), scalaire)
    if (t === 'String') return fc.oneof(fc.constantFrom<unknown>('-createdAt', 'email', 'x', '', 'fr', 'all', 'submit', 'accepte'), scalaire)
    return fc.oneof(fc.jsonValue({ maxDepth: 2 }), scalaire)
  }
  const construire = async (op: 'query' | 'mutation', champs: Champ[]) =>
    Promise.all(
      champs.filter((m) => op === 'query' || !sansAuth.test(m.name)).map(async (m) => {
        const k = nomme(m.type)
        const selection = ['OBJECT'].includes(k.kind) && k.name ? await champsScalaires(k.name) : ['INTERFACE', 'UNION'].includes(k.kind) ? ' { __typename }' : ''
        const declaration = m.args.length > 0 ? `(${m.args.map((a) => `$${a.name}: ${ecrire(a.type)}`).join(', ')})` : ''
        const appel = m.args.length > 0 ? `(${m.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''
        const variables = fc.record(Object.fromEntries(m.args.map((a) => [a.name, arbArg(a)])), { requiredKeys: m.args.filter((a) => a.type.kind === 'NON_NULL').map((a) => a.name) })
        return fc.record({ acteur: fc.constantFrom(...ACTEURS), variables, brut: fc.integer({ min: 0, max: 9 }) }).map(({ acteur, variables, brut }): Cas => ({
          acteur,
          methode: 'POST',
          chemin: brut === 0 ? `/api/graphql?query=${encodeURIComponent(`${op} { ${m.name} }`)}` : '/api/graphql',
          corps: enJson({ query: `${op} M${declaration} { r: ${m.name}${appel}${selection} }`, variables }),
          famille: `GraphQL ${op} ${m.name}`,
          // The caller's own permissions (`docAccess…`, `Access`): metadata, not data.
          public: op === 'query' && /^(Access|me|initialized|docAccess)/.test(m.name),
        }))
      }),
    )
  graphql = [...(await construire('query', schema.__schema.queryType.fields)), ...(await construire('mutation', schema.__schema.mutationType.fields))]
}

/** The portal's forms, as a browser without JavaScript sends them (Next's progressive enhancement). */
async function preparerPortail(): Promise<void> {
  const jwtA = entetes.userA.Authorization!.slice(4)
  const pages: { chemin: string; acteur: Acteur }[] = [
    { chemin: '/connexion', acteur: 'anonyme' },
    { chemin: '/inscription', acteur: 'anonyme' },
    { chemin: '/mot-de-passe-oublie', acteur: 'anonyme' },
    { chemin: `/reinitialiser/${'a'.repeat(40)}`, acteur: 'anonyme' },
    { chemin: '/dossiers/nouveau', acteur: 'userA' },
    { chemin: `/dossiers/${dossierA}`, acteur: 'userA' },
    ...['beneficiaire', 'entreprise', 'formation', 'couts'].map((e) => ({ chemin: `/dossiers/${dossierA}/modifier/${e}`, acteur: 'userA' as Acteur })),
    { chemin: '/compte', acteur: 'userA' },
  ]
  const formulaires: { chemin: string; acteur: Acteur; caches: [string, string][]; visibles: string[] }[] = []
  for (const p of pages) {
    const html = await (await fetch(`${s.url}${p.chemin}`, { headers: p.acteur === 'userA' ? { Cookie: `monopco-token=${jwtA}` } : {} })).text()
    for (const f of html.match(/<form[\s\S]*?<\/form>/g) ?? []) {
      if (/déconnecter|Suppression|suppression/i.test(f)) continue
      const caches: [string, string][] = []
      const visibles: string[] = []
      for (const i of f.match(/<(input|textarea|select)\b[^>]*>/g) ?? []) {
        const nom = /name="([^"]*)"/.exec(i)?.[1]
        if (!nom) continue
        const valeur = (/value="([^"]*)"/.exec(i)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
        if (/type="hidden"/.test(i) || nom.startsWith('$ACTION')) caches.push([nom, valeur])
        else if (!/type="file"/.test(i)) visibles.push(nom)
      }
      if (caches.length > 0) formulaires.push({ chemin: p.chemin, acteur: p.acteur, caches, visibles })
    }
  }
  portail = pages.map((p) => fc.record({ acteur: fc.constantFrom<Acteur>(p.acteur, 'userB', 'anonyme', 'forge'), q: arbRequete(['etape', 'x']) }).map(({ acteur, q }): Cas => ({ acteur, methode: 'GET', chemin: `${p.chemin}${q}`, corps: SANS_CORPS, famille: `GET ${p.chemin.replace(/\d+/g, ':id')}`, portail: true })))
  portail.push(
    fc.record({ acteur: fc.constantFrom<Acteur>('userA', 'userB', 'anonyme'), seg: fc.oneof(fc.constantFrom('abc', '-1', '999999', '9'.repeat(40), '%00', String(dossierB)), fc.string({ maxLength: 10 }).map(encodeURIComponent)), suite: fc.constantFrom('', '/modifier/beneficiaire', '/modifier/x', '/modifier/%00') }).map(({ acteur, seg, suite }): Cas => ({ acteur, methode: 'GET', chemin: `/dossiers/${seg}${suite}`, corps: SANS_CORPS, famille: 'GET /dossiers/:id', portail: true })),
    fc.record({ seg: fc.oneof(fc.constantFrom('abc', 'x'.repeat(43), '%00', '9'.repeat(500)), fc.string({ maxLength: 20 }).map(encodeURIComponent)), p: fc.constantFrom('emargement', 'signature', 'reinitialiser', 'aide', 'aide/captures') }).map(({ seg, p }): Cas => ({ acteur: 'anonyme', methode: 'GET', chemin: `/${p}/${seg}`, corps: SANS_CORPS, famille: `GET /${p}/:jeton`, portail: true })),
  )
  for (const f of formulaires) {
    const valeur: fc.Arbitrary<string> = fc.oneof({ arbitrary: fc.constantFrom<string>('', '0', '-1', 'abc', '2026-02-30', '1e999', 'x'.repeat(20_000), 'a\u0000b', '\ud83d', '<script>', '9'.repeat(40), 'user.a@test.fr', '14', '2027-03-01'), weight: 3 }, { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 })
    portail.push(
      fc
        .record({
          acteur: fc.constantFrom<Acteur>(f.acteur, f.acteur, 'userB', 'anonyme'),
          valeurs: fc.array(valeur, { minLength: f.visibles.length, maxLength: f.visibles.length }),
          alteration: fc.constantFrom('aucune', 'aucune', 'actionCassee', 'actionVide', 'argumentsAlteres', 'actionInconnue', 'sansAction', 'champEnDouble', 'inconnu', 'sansChamps'),
        })
        .map(({ acteur, valeurs, alteration }): Cas => {
          const alterer = (nom: string, v: string): string => {
            if (alteration === 'actionCassee' && nom.startsWith('$ACTION_') && nom.includes(':')) return '{"id":'
            if (alteration === 'actionVide' && nom.startsWith('$ACTION')) return ''
            // Bound arguments (the dossier id, encrypted by Next.js) tampered with.
            if (alteration === 'argumentsAlteres' && /^\$ACTION_\d+:[1-9]/.test(nom)) return v.length > 4 ? `${v.slice(0, -4)}AAAA` : '"$@1"'
            if (alteration === 'actionInconnue' && /^\$ACTION_\d+:0$/.test(nom)) return v.replace(/"id":"[0-9a-f]{6}/, '"id":"abcdef')
            return v
          }
          const parties: { nom: string; valeur: string }[] = f.caches.filter(([nom]) => !(alteration === 'sansAction' && nom.startsWith('$ACTION'))).map(([nom, v]) => ({ nom, valeur: alterer(nom, v) }))
          if (alteration !== 'sansChamps') f.visibles.forEach((nom, i) => parties.push({ nom, valeur: valeurs[i]! }))
          if (alteration === 'champEnDouble') f.visibles.forEach((nom) => parties.push({ nom, valeur: 'double' }))
          if (alteration === 'inconnu') parties.push({ nom: 'role', valeur: 'admin' }, { nom: 'owner', valeur: String(monde.userB.id) })
          return { acteur, methode: 'POST', chemin: f.chemin, corps: multipart(parties), famille: `POST ${f.chemin.replace(/\d+/g, ':id')} (formulaire ${f.caches.map(([n]) => n).join(',').slice(0, 40)})`, portail: true }
        }),
    )
  }
  console.log(`sonde : ${formulaires.length} formulaires du portail`)
}

it(`sonde extérieure (${baseCible()}, graine ${GRAINE}, ${CAS} cas)`, async () => {
  await preparerGraphql()
  await preparerPortail()
  const arbs = familles()
  const cas = fc.sample(fc.oneof(...arbs), { seed: GRAINE, numRuns: CAS })
  const debut = Date.now()
  for (const [i, c] of cas.entries()) {
    await jouer(c)
    if (i % 250 === 249) console.log(`sonde : ${i + 1}/${CAS} (${Math.round((Date.now() - debut) / 1000)} s), ${constats.size} constats, statuts ${JSON.stringify(statuts)}`)
  }
  const familleVues = new Set(cas.map((c) => c.famille))
  const rapport = { base: baseCible(), graine: GRAINE, cas: CAS, familles: familleVues.size, statuts, parActeur, constats: [...constats.values()].sort((a, b) => a.famille.localeCompare(b.famille)) }
  fs.mkdirSync('test-results', { recursive: true })
  fs.writeFileSync(`test-results/sonde-${baseCible()}.json`, JSON.stringify(rapport, null, 2))
  console.log(`sonde : ${CAS} requêtes, ${familleVues.size} familles de routes, ${arbs.length} générateurs, appelants ${JSON.stringify(parActeur)}, statuts ${JSON.stringify(statuts)}`)
  const liste = rapport.constats.map((c) => `• ${c.famille} — ${c.probleme} (×${c.nombre})\n    ${c.exemple.replace(/\n/g, '\n    ')}`).join('\n')
  if (rapport.constats.length > 0) throw new Error(`${rapport.constats.length} constats (SONDE_SEED=${GRAINE}) :\n${liste}`)
  expect(rapport.constats).toEqual([])
}, 3_600_000)
