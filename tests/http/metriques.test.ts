/**
 * GET /api/metrics over the built app: readable only with the operator's token, and the scraped
 * figures equal what the database holds after a workload (dossiers and e-mails by status, jobs by
 * task and state); every answer carries an X-Request-Id.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'

const JETON = 'jeton-de-lecture-des-metriques-2026'
let s: ServeurDeTest
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('metriques', { METRICS_TOKEN: JETON })
  monde = await creerMonde(s.payload)
  for (const statut of ['brouillon', 'brouillon', 'soumis', 'en_revue']) await creerDossier(s.payload, monde, 'A', statut)
  for (const status of ['queued', 'queued', 'sent', 'failed']) {
    await s.payload.create({ collection: 'emails', data: { to: 'x@exemple.fr', template: 'test', subject: 'Objet', status } as never })
  }
  await s.payload.jobs.queue({ task: 'evenementDossier' as never, input: { type: 'dossier.submit', dossier: 1 } as never })
}, 180_000)
afterAll(async () => s?.arreter())

const lire = (jeton?: string) => fetch(`${s.url}/api/metrics`, { headers: jeton ? { Authorization: `Bearer ${jeton}` } : {} })

/** `nom{a="x",b="y"} 3` → the value of the series whose labels include `etiquettes`. */
function valeur(texte: string, nom: string, etiquettes: Record<string, string>): number | undefined {
  for (const ligne of texte.split('\n')) {
    const m = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(ligne)
    if (!m || m[1] !== nom) continue
    const lues = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]))
    if (Object.entries(etiquettes).every(([k, v]) => lues[k] === v)) return Number(m[3])
  }
  return undefined
}

describe('GET /api/metrics', () => {
  it('401 sans jeton ou avec un mauvais jeton', async () => {
    expect((await lire()).status).toBe(401)
    expect((await lire('mauvais-jeton-de-lecture-2026')).status).toBe(401)
    expect((await fetch(`${s.url}/api/metrics`, { headers: { Authorization: `Basic ${JETON}` } })).status).toBe(401)
  })

  it('les valeurs lues égalent les comptes de la base', async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${s.url}/api/health`)).status).toBe(200)
    const res = await lire(JETON)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/plain/)
    const texte = await res.text()
    const dossiers = (await s.payload.find({ collection: 'dossiers', limit: 1000, depth: 0, pagination: false })).docs
    for (const statut of new Set(dossiers.map((d) => String(d.status)))) {
      expect([statut, valeur(texte, 'monopco_dossiers', { statut })]).toEqual([statut, dossiers.filter((d) => d.status === statut).length])
    }
    const emails = (await s.payload.find({ collection: 'emails', limit: 1000, depth: 0, pagination: false })).docs
    for (const statut of ['queued', 'sent', 'failed']) {
      expect([statut, valeur(texte, 'monopco_emails', { statut })]).toEqual([statut, emails.filter((e) => (e as { status?: string }).status === statut).length])
    }
    const jobs = (await s.payload.find({ collection: 'payload-jobs', limit: 1000, depth: 0, pagination: false })).docs
    const enAttente = jobs.filter((j) => !j.completedAt && !j.hasError && !j.processing && j.taskSlug === 'evenementDossier').length
    expect(enAttente).toBeGreaterThan(0)
    expect(valeur(texte, 'monopco_taches', { tache: 'evenementDossier', etat: 'en_attente' })).toBe(enAttente)
    expect(valeur(texte, 'monopco_tache_en_attente_age_secondes', {})).toBeGreaterThanOrEqual(0)
    expect(valeur(texte, 'monopco_http_requetes_total', { methode: 'GET', route: '/api/health', statut: '2xx' })).toBeGreaterThanOrEqual(3)
    expect(valeur(texte, 'monopco_process_cpu_user_seconds_total', {})).toBeGreaterThan(0)
  })

  it('chaque réponse porte un X-Request-Id : celui de l’appelant s’il est sain, sinon un nouveau', async () => {
    const neuf = await fetch(`${s.url}/api/health`)
    expect(neuf.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const repris = await fetch(`${s.url}/api/health`, { headers: { 'X-Request-Id': 'lb-1234.abc' } })
    expect(repris.headers.get('x-request-id')).toBe('lb-1234.abc')
    const remplace = await fetch(`${s.url}/api/health`, { headers: { 'X-Request-Id': 'x'.repeat(200) } })
    expect(remplace.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})
