/**
 * The admin works with no network but the app itself: every request to anything else than
 * 127.0.0.1 is blocked and recorded while the dashboard, the dossiers list, a dossier's edit view
 * and the export form load. None may be attempted (Payload's JSON/code editor, Monaco, is fetched
 * from a CDN: the export filters use a plain textarea instead), and the filters field renders.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let monde: Monde
let browser: Browser

beforeAll(async () => {
  s = await demarrerServeur('e2e-sans-cdn')
  monde = await creerMonde(s.payload)
  browser = await lancerChromium()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

describe('panneau sans accès à Internet', () => {
  it('aucune requête hors 127.0.0.1, et le champ des filtres d’export s’affiche', async () => {
    const d = await creerDossier(s.payload, monde, 'A')
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1280, height: 900 })
    const bloquees: string[] = []
    await page.setRequestInterception(true)
    page.on('request', (r) => {
      const url = r.url()
      const local = url.startsWith('data:') || url.startsWith('blob:') || (/^(https?|wss?):\/\//.test(url) && new URL(url).hostname === '127.0.0.1')
      if (local) void r.continue()
      else {
        bloquees.push(url)
        void r.abort('blockedbyclient')
      }
    })
    await connexionAdmin(page, s.url, monde.admin.email, MOT_DE_PASSE)
    for (const [chemin, attente] of [
      ['/admin', 'nav'],
      ['/admin/collections/dossiers', 'table'],
      [`/admin/collections/dossiers/${d.id}`, 'input[data-montant="coutTotalHT"]'],
      ['/admin/collections/exports/create', '[data-json-saisie="filtres"] textarea'],
    ] as const) {
      await page.goto(`${s.url}${chemin}`, { waitUntil: 'networkidle0' })
      await page.waitForSelector(attente, { timeout: 30_000 })
    }
    // The filters are typed as JSON text, checked as typed.
    await page.type('[data-json-saisie="filtres"] textarea', '{ "du": ')
    await page.waitForFunction(() => /pas du JSON valide/.test(document.querySelector('[data-json-saisie="filtres"]')?.textContent ?? ''))
    await page.type('[data-json-saisie="filtres"] textarea', '"2026-01-01" }')
    await page.waitForFunction(() => !/pas du JSON valide/.test(document.querySelector('[data-json-saisie="filtres"]')?.textContent ?? ''))
    await page.screenshot({ path: 'test-results/admin-export-sans-cdn.png', fullPage: true })
    expect(await page.$('.monaco-editor')).toBeNull()
    expect(bloquees).toEqual([])
    await contexte.close()
  })
})
