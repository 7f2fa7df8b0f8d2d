/**
 * GET /api/health/ready over the built app: each check in the body (database, storage, jobs
 * backlog, PDF browser); a queued job nobody took for more than 15 minutes makes it 503.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { requeteSql, sql } from '@/src/db/sql'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'

let s: ServeurDeTest
beforeAll(async () => {
  s = await demarrerServeur('disponibilite')
})
afterAll(async () => s?.arreter())

type Reponse = { status: string; verifications: Record<string, { etat: string; detail: string }> }

it('prêt : chaque vérification dans la réponse, 200 quand tout va bien', async () => {
  const res = await fetch(`${s.url}/api/health/ready`)
  const corps = (await res.json()) as Reponse
  expect(res.status).toBe(200)
  expect(corps.status).toBe('ok')
  expect(Object.keys(corps.verifications).sort()).toEqual(['base', 'navigateur', 'stockage', 'taches'])
  expect(corps.verifications.stockage!.detail).toMatch(/disque local/)
  expect(corps.verifications.navigateur!.detail).toMatch(/Chromium/)
})

it('une tâche en attente depuis plus de 15 minutes : 503, la file est nommée', async () => {
  await s.payload.jobs.queue({ task: 'evenementDossier' as never, input: { type: 'dossier.submit', dossier: 1 } as never })
  const ilYA = new Date(Date.now() - 20 * 60 * 1000).toISOString()
  await requeteSql(s.payload, undefined, sql`UPDATE payload_jobs SET created_at = ${ilYA}`)
  const res = await fetch(`${s.url}/api/health/ready`)
  const corps = (await res.json()) as Reponse
  expect(res.status).toBe(503)
  expect(corps.verifications.taches!.etat).toBe('degrade')
  expect(corps.verifications.taches!.detail).toMatch(/worker/)
  // Liveness keeps its meaning: the process and the database answer.
  expect((await fetch(`${s.url}/api/health`)).status).toBe(200)
})
