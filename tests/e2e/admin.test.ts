/**
 * End to end in headless Chromium: the built app with the demo data, an admin logs into the
 * French admin panel and sees the demo dossiers; a beneficiary is kept out of it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { captureDoc } from '@/tests/helpers/capturesDocs'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { seedDemo } from '@/src/seed'
import { DEFAULT_SEED_ADMIN_EMAIL, DEFAULT_SEED_ADMIN_PASSWORD } from '@/src/config/env'


let s: ServeurDeTest
let browser: Browser

beforeAll(async () => {
  s = await demarrerServeur('e2e-admin')
  await seedDemo(s.payload)
  browser = await lancerChromium()
})
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

const connexion = (page: Page, email: string, password: string) => connexionAdmin(page, s.url, email, password)

describe("panneau d'administration", () => {
  it('un admin se connecte en français et voit les dossiers de démonstration', async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1400, height: 900 })
    await connexion(page, DEFAULT_SEED_ADMIN_EMAIL, DEFAULT_SEED_ADMIN_PASSWORD)
    // The team's home: its figures and lists, and « Aide » opens the team's guide.
    await page.waitForSelector('[data-a-traiter]', { timeout: 30_000 })
    expect(await page.$eval('#nav-aide', (a) => a.getAttribute('href'))).toBe('/aide/equipe')
    await captureDoc(page, 'admin-tableau-de-bord')
    await page.goto(`${s.url}/admin/collections/dossiers`, { waitUntil: 'networkidle2' })
    await page.waitForFunction(() => /MO-\d{4}-\d{6}/.test(document.body.innerText), { timeout: 30_000 })
    await page.screenshot({ path: 'test-results/admin-dossiers.png' })
    await captureDoc(page, 'admin-liste-dossiers')
    const texte = await page.evaluate(() => document.body.innerText)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr')
    expect(texte).toMatch(/Dossiers/)
    expect(texte).toMatch(/Créer|Nouveau/)
    expect(texte).toMatch(/Statut/)
    expect(texte).toMatch(/Référentiel/)
    // Amounts are stored in cents and shown in euros, French style.
    expect(texte).toMatch(/\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0€/)
    const placeholder = await page.$eval('input[type="text"], input[type="search"]', (el) => el.getAttribute('placeholder') ?? '').catch(() => '')
    expect(placeholder).toMatch(/Recherch/)
    const total = (await s.payload.count({ collection: 'dossiers' })).totalDocs
    expect(total).toBeGreaterThanOrEqual(40)
    await page.screenshot({ path: 'test-results/admin-dossiers.png' })

    // The edit view renders, rich text included, with the amount read back in euros.
    const premier = (await s.payload.find({ collection: 'dossiers', where: { coutTotalHT: { greater_than: 0 } }, limit: 1 })).docs[0]!
    await page.goto(`${s.url}/admin/collections/dossiers/${premier.id}`, { waitUntil: 'networkidle2' })
    await page.waitForFunction(() => document.body.innerText.includes('Objectifs'), { timeout: 30_000 })
    const fiche = await page.evaluate(() => document.body.innerText)
    expect(fiche).toContain(premier.reference)
    // Typed and shown in euros (MontantChamp), never as raw cents.
    expect(await page.$eval('input[data-montant="coutTotalHT"]', (el) => (el as HTMLInputElement).value)).toMatch(/^\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0€$/)
    // The funding breakdown is readable sentences, not raw JSON.
    expect(fiche).toMatch(/Estimation du financement/)
    expect(fiche).toMatch(/Reste à charge de l'entreprise : \d/)
    expect(await page.$('[data-lexical-editor="true"], .rich-text-lexical')).not.toBeNull()
    await page.screenshot({ path: 'test-results/admin-dossier-fiche.png', fullPage: true })
    await captureDoc(page, 'admin-fiche-dossier')
    await contexte.close()
  })

  it("un bénéficiaire n'entre pas dans l'administration", async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await connexion(page, 'beneficiaire@monopco.local', 'Demo-beneficiaire-2026')
    await page.goto(`${s.url}/admin/collections/dossiers`, { waitUntil: 'networkidle2' })
    const texte = await page.evaluate(() => document.body.innerText)
    expect(texte).not.toMatch(/MO-\d{4}-\d{6}/)
    await contexte.close()
  })

  it("la navigation dans l'admin (préférences, verrous) n'entre pas dans le journal d'audit", async () => {
    const slugs = new Set((await s.payload.find({ collection: 'logs', limit: 5000, pagination: false })).docs.map((e) => e.collectionSlug))
    expect([...slugs].filter((slug) => slug.startsWith('payload-'))).toEqual([])
  })
})
