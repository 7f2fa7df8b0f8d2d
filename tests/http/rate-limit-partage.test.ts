/**
 * Two instances of the built app on one PostgreSQL database, behind a (simulated) reverse proxy:
 * the login rate limit of an IP is counted once for both (src/security/rateLimit.ts). Then the
 * limiter's table disappears: each instance falls back to counting in its memory — still 429,
 * never 500. On SQLite there is one instance and the limit lives in its memory (rate-limit.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import pg from 'pg'
import { baseCible } from '@/tests/helpers/database'
import { demarrerServeur, type InstanceDeTest, type ServeurDeTest } from '@/tests/helpers/serveur'

const siPostgres = baseCible() === 'postgres' ? describe : describe.skip
const ENV = { AUTH_RATE_LIMIT_MAX: '20', AUTH_RATE_LIMIT_WINDOW_SECONDS: '60', TRUST_PROXY: 'true' }

siPostgres('limitation de débit commune à deux instances (PostgreSQL)', () => {
  let s: ServeurDeTest
  let autre: InstanceDeTest
  beforeAll(async () => {
    s = await demarrerServeur('limite-partagee', ENV)
    autre = await s.autreInstance()
  }, 240_000)
  afterAll(async () => s?.arreter())

  // The proxy in front of both instances appended the client's address.
  const echec = (url: string, ip: string) =>
    fetch(`${url}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
      body: JSON.stringify({ email: 'inconnu@test.fr', password: 'mauvais-mot-de-passe' }),
    })

  it('21 échecs de connexion d’une IP répartis sur les deux instances : le 21e est refusé (429 + Retry-After)', async () => {
    const instances = [s.url, autre.url]
    for (let i = 0; i < 20; i++) expect([i, (await echec(instances[i % 2]!, '203.0.113.50')).status]).toEqual([i, 401])
    const refus = await echec(instances[0]!, '203.0.113.50')
    expect(refus.status).toBe(429)
    expect(Number(refus.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(Number(refus.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    expect(((await refus.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ secondes\.$/)
    expect((await echec(instances[1]!, '203.0.113.50')).status).toBe(429)
    // Another client is not affected.
    expect((await echec(instances[1]!, '203.0.113.51')).status).toBe(401)
  })

  it('table des compteurs disparue : chaque instance limite en mémoire, sans erreur 500', async () => {
    const client = new pg.Client({ connectionString: s.base.url })
    await client.connect()
    await client.query('DROP TABLE limites_debit')
    await client.end()
    for (let i = 0; i < 20; i++) expect([i, (await echec(autre.url, '198.51.100.20')).status]).toEqual([i, 401])
    const refus = await echec(autre.url, '198.51.100.20')
    expect(refus.status).toBe(429)
    expect(Number(refus.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(autre.journal()).toContain('Limitation de débit : PostgreSQL injoignable')
    expect(autre.journal()).not.toMatch(/"level":50/)
  })
})
