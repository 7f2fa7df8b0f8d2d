/**
 * What the server writes to its log when a caller gets it wrong: a refusal is expected, not an
 * incident — no ERROR line and no stack trace for a wrong password, an unknown e-mail, a locked
 * account, a forbidden or missing document, or invalid input.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { creerMonde, MOT_DE_PASSE, type Monde } from '../helpers/fixtures'
import { connecter, demarrerServeur, type ServeurDeTest } from '../helpers/serveur'

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
