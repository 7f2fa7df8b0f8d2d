/**
 * What the server writes to its log when a caller gets it wrong: a refusal is expected, not an
 * incident — no ERROR line and no stack trace for a wrong password, an unknown e-mail, a locked
 * account, a forbidden or missing document, or invalid input.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'

let s: ServeurDeTest
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('journal', { AUTH_MAX_LOGIN_ATTEMPTS: '3' })
  monde = await creerMonde(s.payload)
})
afterAll(async () => s?.arreter())

const poster = (chemin: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.url}${chemin}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })

it('les refus attendus ne produisent ni ligne ERROR ni trace de pile', async () => {
  const debut = s.journal().length
  expect((await poster('/api/users/login', { email: 'inconnu@test.fr', password: 'x'.repeat(12) })).status).toBe(401)
  for (let i = 0; i < 4; i++) expect((await poster('/api/users/login', { email: monde.userB.email, password: 'mauvais-mot-de-passe' })).status).toBe(401)
  const jeton = await connecter(s.url, monde.userA.email, MOT_DE_PASSE)
  const auth = { Authorization: `JWT ${jeton}` }
  expect((await fetch(`${s.url}/api/opcos/${monde.opcoA.id}`, { method: 'PATCH', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"nom":"x"}' })).status).toBe(403)
  expect((await fetch(`${s.url}/api/dossiers/999999`, { headers: auth })).status).toBe(404)
  expect((await poster('/api/dossiers', { formation: { dateFin: 'not-a-date' } }, auth)).status).toBe(400)
  await new Promise((r) => setTimeout(r, 300))
  const journal = s.journal().slice(debut).replace(/\x1b\[[0-9;]*m/g, '')
  expect(journal).not.toMatch(/ERROR|"level":50/)
  expect(journal).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m)
})

it('une ligne JSON par requête, avec son X-Request-Id, sa route sans identifiant, son statut et sa durée', async () => {
  const debut = s.journal().length
  const res = await fetch(`${s.url}/api/dossiers/12345?depth=0`, { headers: { 'X-Request-Id': 'journal-test-42' } })
  expect(res.headers.get('x-request-id')).toBe('journal-test-42')
  await new Promise((r) => setTimeout(r, 300))
  const lignes = s
    .journal()
    .slice(debut)
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  const ligne = lignes.find((l) => l.requete === 'journal-test-42')
  expect(ligne).toMatchObject({ level: 30, msg: 'requête', methode: 'GET', route: '/api/dossiers/:id', statut: res.status })
  expect(typeof ligne!.dureeMs).toBe('number')
})

it('aucune donnée personnelle ni jeton dans le journal après un parcours complet', async () => {
  const { creerDossier } = await import('@/tests/helpers/fixtures')
  const jeton = await connecter(s.url, monde.userA.email, MOT_DE_PASSE)
  const auth = { Authorization: `JWT ${jeton}`, 'Content-Type': 'application/json' }
  const d = await creerDossier(s.payload, monde, 'A')
  const modif = await fetch(`${s.url}/api/dossiers/${d.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ beneficiaire: { nom: 'Quémeneur', prenom: 'Gwendoline', email: 'gwendoline.quemeneur@exemple.fr', telephone: '0611223344' } }) })
  expect(modif.status).toBe(200)
  const depot = await fetch(`${s.url}/api/dossiers/${d.id}/transition`, { method: 'POST', headers: auth, body: JSON.stringify({ action: 'submit', parametres: { certification: true } }) })
  expect([200, 422]).toContain(depot.status)
  await fetch(`${s.url}/api/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ dossier: d.id, corps: 'Bonjour, voici mon numéro 0611223344' }) })
  await s.payload.jobs.run()
  await new Promise((r) => setTimeout(r, 300))
  const journal = s.journal()
  const companyA = await s.payload.findByID({ collection: 'companies', id: monde.companyA.id })
  for (const secret of [monde.userA.email, monde.userB.email, 'gwendoline.quemeneur@exemple.fr', 'Quémeneur', 'Gwendoline', '0611223344', String(companyA.siret), jeton, MOT_DE_PASSE]) {
    expect([secret, journal.includes(secret)]).toEqual([secret, false])
  }
})

it('la ligne de la requête nomme l’appelant authentifié par son id et son rôle (cookie de session, clé d’API, page du portail), jamais un anonyme ni un e-mail', async () => {
  const cle = 'cle-journal-integration-0123456789'
  await s.payload.update({ collection: 'users', id: monde.opcoUserA.id, data: { enableAPIKey: true, apiKey: cle } as never })
  const jeton = await connecter(s.url, monde.userA.email, MOT_DE_PASSE)
  const debut = s.journal().length
  const appels: [string, string, Record<string, string>][] = [
    ['journal-cookie', '/api/users/me', { Cookie: `monopco-token=${jeton}`, 'Sec-Fetch-Site': 'same-origin' }],
    ['journal-portail', '/dossiers', { Cookie: `monopco-token=${jeton}`, 'Sec-Fetch-Site': 'same-origin' }],
    ['journal-cle', '/api/dossiers?limit=1', { Authorization: `users API-Key ${cle}` }],
    ['journal-anonyme', '/api/dossiers?limit=1', {}],
  ]
  for (const [id, chemin, headers] of appels) await (await fetch(`${s.url}${chemin}`, { headers: { ...headers, 'X-Request-Id': id }, redirect: 'manual' })).arrayBuffer()
  await new Promise((r) => setTimeout(r, 300))
  const lignes = s
    .journal()
    .slice(debut)
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  const ligne = (id: string) => lignes.find((l) => l.requete === id)
  expect(ligne('journal-cookie')).toMatchObject({ statut: 200, userId: monde.userA.id, role: 'user' })
  expect(ligne('journal-portail')).toMatchObject({ route: '/dossiers', statut: 200, userId: monde.userA.id, role: 'user' })
  expect(ligne('journal-cle')).toMatchObject({ statut: 200, userId: monde.opcoUserA.id, role: 'opco' })
  const anonyme = ligne('journal-anonyme')
  expect(anonyme).toMatchObject({ route: '/api/dossiers' })
  expect(anonyme).not.toHaveProperty('userId')
  expect(anonyme).not.toHaveProperty('role')
  for (const [id] of appels) expect([id, /@|"email"|"nom"|"prenom"/.test(JSON.stringify(ligne(id)))]).toEqual([id, false])
})
