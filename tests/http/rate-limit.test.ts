import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'

// Its own file: one server (and database) per test file, here with a low limit.
describe('limitation de débit (serveur dédié, 3 tentatives par minute)', () => {
  let limite: ServeurDeTest
  beforeAll(async () => {
    limite = await demarrerServeur('auth-limite', { AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '60' })
  })
  afterAll(async () => limite?.arreter())

  it('répond 429 avec Retry-After, y compris en changeant X-Forwarded-For, sur REST et GraphQL', async () => {
    const tenter = (i: number) =>
      fetch(`${limite.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.0.0.${i}` }, body: JSON.stringify({ email: 'x@test.fr', password: 'mauvais-mdp-123' }) })
    for (let i = 0; i < 3; i++) expect((await tenter(i)).status).toBe(401)
    const refus = await tenter(99)
    expect(refus.status).toBe(429)
    expect(Number(refus.headers.get('retry-after'))).toBeGreaterThan(0)
    const inscription = await fetch(`${limite.url}/api/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'y@test.fr', password: 'Un-bon-mot-de-passe', nom: 'a', prenom: 'b' }) })
    expect(inscription.status).toBe(429)
    const gql = await fetch(`${limite.url}/api/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: 'mutation { loginUser(email: "x@test.fr", password: "y") { token } }' }) })
    expect(gql.status).toBe(429)
    expect((await limite.payload.count({ collection: 'users' })).totalDocs).toBe(0)
  })
})
