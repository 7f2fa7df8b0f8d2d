/**
 * End to end in headless Chromium, on the demo data, without OPENAI_API_KEY: the dossier's
 * conformity card (score, findings, « Recalculer ») and the explanation that replaces the AI
 * buttons; the « Anomalies » page (linked from the navigation), each row linking to its dossier.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { seedDemo } from '@/src/seed'
import { DEFAULT_SEED_ADMIN_EMAIL, DEFAULT_SEED_ADMIN_PASSWORD } from '@/src/config/env'

let s: ServeurDeTest
let browser: Browser

beforeAll(async () => {
  s = await demarrerServeur('e2e-conformite')
  await seedDemo(s.payload)
  browser = await lancerChromium()
})
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

describe('conformité dans le panneau d’administration', () => {
  it('la fiche montre le rapport recalculé et explique pourquoi l’IA est absente ; la page Anomalies s’ouvre', async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1400, height: 1000 })
    await connexionAdmin(page, s.url, DEFAULT_SEED_ADMIN_EMAIL, DEFAULT_SEED_ADMIN_PASSWORD)

    const dossier = (await s.payload.find({ collection: 'dossiers', where: { status: { equals: 'brouillon' } }, limit: 1, sort: 'createdAt' })).docs[0]!
    await page.goto(`${s.url}/admin/collections/dossiers/${dossier.id}`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('[data-testid="conformite-recalculer"]', { timeout: 30_000 })
    await page.waitForFunction(() => (document.querySelector('[data-testid="conformite"]') as HTMLElement | null)?.innerText.includes('OPENAI_API_KEY'), { timeout: 30_000 })
    await page.click('[data-testid="conformite-recalculer"]')
    await page.waitForFunction(() => /\d+\/100/.test((document.querySelector('[data-testid="conformite"]') as HTMLElement | null)?.innerText ?? ''), { timeout: 30_000 })
    const texte = await page.$eval('[data-testid="conformite"]', (el) => (el as HTMLElement).innerText)
    expect(texte).not.toContain('Améliorer la justification')
    const enregistre = (await s.payload.findByID({ collection: 'dossiers', id: dossier.id, depth: 0 })).conformite as { score: number }
    expect(texte).toContain(`${enregistre.score}/100`)
    await page.screenshot({ path: 'test-results/conformite-fiche.png', fullPage: true })

    expect(await page.$eval('#nav-anomalies', (a) => a.getAttribute('href'))).toBe('/admin/anomalies')
    await page.goto(`${s.url}/admin/anomalies`, { waitUntil: 'networkidle2' })
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Anomalies', { timeout: 30_000 })
    const lignes = await page.$$eval('[data-testid="anomalies"] tbody tr a', (as) => as.map((a) => a.getAttribute('href')))
    for (const href of lignes) expect(href).toMatch(/^\/admin\/collections\/dossiers\/\d+$/)
    await page.screenshot({ path: 'test-results/conformite-anomalies.png', fullPage: true })
  })
})
