/** Without METRICS_TOKEN, GET /api/metrics does not exist: the activity's figures are never public. */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'

let s: ServeurDeTest
beforeAll(async () => {
  s = await demarrerServeur('metriques-sans-jeton')
})
afterAll(async () => s?.arreter())

it('GET /api/metrics → 404, quel que soit le jeton présenté', async () => {
  const essais: Record<string, string>[] = [{}, { Authorization: 'Bearer jeton-de-lecture-des-metriques-2026' }]
  for (const entetes of essais) {
    const res = await fetch(`${s.url}/api/metrics`, { headers: entetes })
    expect(res.status).toBe(404)
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/introuvable/)
  }
})
