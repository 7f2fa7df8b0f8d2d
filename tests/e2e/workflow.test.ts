/**
 * End to end in headless Chromium, on the demo data: an admin moves a submitted dossier into
 * review from its edit view (status badge, action buttons, timeline); the Atlas OPCO user opens
 * « Dossiers en attente de réponse », sees only its OPCO's sent dossiers, records an agreement
 * with an amount — after a refused attempt that shows the server's French message and keeps
 * the typed values.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'puppeteer-core'
import { connexionAdmin, lancerChromium, remplacerSaisie } from '@/tests/helpers/navigateur'
import { captureDoc } from '@/tests/helpers/capturesDocs'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { seedDemo } from '@/src/seed'
import { DEFAULT_SEED_ADMIN_EMAIL, DEFAULT_SEED_ADMIN_PASSWORD } from '@/src/config/env'
import { centimesEnEuros } from '@/src/domain/money'
import { montantDemande, type DossierWorkflow } from '@/src/domain/workflow'


let s: ServeurDeTest
let browser: Browser

beforeAll(async () => {
  s = await demarrerServeur('e2e-workflow')
  await seedDemo(s.payload)
  browser = await lancerChromium()
})
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

const connexion = (page: Page, email: string, password: string) => connexionAdmin(page, s.url, email, password)

const badge = (page: Page) => page.$eval('[data-testid="workflow-panel"] .statut-badge', (el) => el.getAttribute('data-statut'))

describe('workflow dans le panneau d’administration', () => {
  it('un admin passe en revue un dossier soumis depuis sa fiche ; badge et historique suivent', async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1400, height: 1000 })
    await connexion(page, DEFAULT_SEED_ADMIN_EMAIL, DEFAULT_SEED_ADMIN_PASSWORD)

    // The list: status badges and the unread-messages column, the total in the nav.
    await page.goto(`${s.url}/admin/collections/dossiers`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('.statut-badge')
    await page.waitForFunction(() => document.body.innerText.includes('Messages non lus'))
    await page.screenshot({ path: 'test-results/workflow-liste-admin.png' })
    expect(await page.$eval('#nav-messages-non-lus', (el) => (el as HTMLElement).innerText)).toMatch(/Messages non lus\s*[1-9]/)

    const soumis = (await s.payload.find({ collection: 'dossiers', where: { status: { equals: 'soumis' } }, limit: 1, sort: 'createdAt' })).docs[0]!
    await page.goto(`${s.url}/admin/collections/dossiers/${soumis.id}`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('[data-testid="workflow-panel"] button[data-action="review"]', { timeout: 30_000 })
    expect(await badge(page)).toBe('soumis')
    const libelle = await page.$eval('button[data-action="review"]', (el) => (el as HTMLElement).innerText)
    expect(libelle).toBe('Passer en revue')
    await page.screenshot({ path: 'test-results/workflow-admin-avant.png', fullPage: true })
    await captureDoc(page, 'admin-actions-workflow', '[data-testid="workflow-panel"]')
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle2' }), page.click('button[data-action="review"]')])
    await page.waitForFunction(() => document.querySelector('[data-testid="workflow-panel"] .statut-badge')?.getAttribute('data-statut') === 'en_revue', { timeout: 30_000 })
    expect(await page.$eval('[data-testid="workflow-panel"] .statut-badge', (el) => (el as HTMLElement).innerText)).toBe('En revue')
    await page.waitForFunction(() => (document.querySelector('[data-testid="historique"]') as HTMLElement | null)?.innerText.includes('Soumis → En revue'), { timeout: 30_000 })
    await page.screenshot({ path: 'test-results/workflow-admin-apres.png', fullPage: true })
    expect((await s.payload.findByID({ collection: 'dossiers', id: soumis.id })).status).toBe('en_revue')
    await contexte.close()
  })

  it("l'OPCO voit ses dossiers en attente, une réponse refusée garde la saisie, puis l'accord est enregistré", async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1400, height: 1000 })
    await connexion(page, 'opco.atlas@monopco.local', 'Demo-opco-atlas-2026')
    await page.goto(`${s.url}/admin/opco`, { waitUntil: 'networkidle2' })
    await page.waitForFunction(() => document.body.innerText.includes('Dossiers en attente de réponse'), { timeout: 30_000 })
    await page.screenshot({ path: 'test-results/workflow-opco-liste.png' })
    // « Aide » opens the agent's guide, not the team's.
    expect(await page.$eval('#nav-aide', (a) => a.getAttribute('href'))).toBe('/aide/opco')
    await captureDoc(page, 'opco-liste-attente')

    const atlas = (await s.payload.find({ collection: 'opcos', where: { code: { equals: 'ATLAS' } }, limit: 1 })).docs[0]!
    const attendus = (await s.payload.find({ collection: 'dossiers', where: { status: { equals: 'envoye_opco' } }, pagination: false, depth: 0 })).docs
    const siens = attendus.filter((d) => String(d.opco) === String(atlas.id)).map((d) => d.reference).sort()
    expect(siens.length).toBeGreaterThan(0)
    expect(siens.length).toBeLessThan(attendus.length) // the other OPCO's sent dossiers exist and are not shown
    const affiches = (await page.$$eval('[data-testid="dossiers-en-attente"] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-reference')))).sort()
    expect(affiches).toEqual(siens)
    const texte = await page.evaluate(() => document.body.innerText)
    expect(texte).toMatch(/\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0€/)
    expect(texte).toMatch(/\d{2}\/\d{2}\/\d{4}/)
    // The nav keeps only what an OPCO user needs.
    const nav = await page.$eval('nav', (el) => (el as HTMLElement).innerText).catch(() => texte)
    expect(nav).toMatch(/Dossiers/)
    expect(nav).not.toMatch(/Utilisateurs|Entreprises|Journal d'audit|Messages/)

    const reference = siens[0]!
    const dossier = attendus.find((d) => d.reference === reference)!
    const demande = montantDemande(dossier as unknown as DossierWorkflow)!
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle2' }), page.click(`tr[data-reference="${reference}"] a`)])
    await page.waitForSelector('[data-testid="workflow-panel"] button[data-action="answer"]', { timeout: 30_000 })
    expect(await badge(page)).toBe('envoye_opco')
    await page.click('button[data-action="answer"]')
    await page.waitForSelector('#workflow-decision')
    await page.select('#workflow-decision', 'accepte')
    await page.waitForSelector('#workflow-montantValide')
    await page.type('#workflow-numeroDossierOpco', 'ATL-E2E-0001')
    await captureDoc(page, 'opco-formulaire-reponse', '[data-testid="workflow-panel"]')
    const tropCher = centimesEnEuros(demande + 10_000).replace('.', ',')
    await page.type('#workflow-montantValide', tropCher)
    await page.click('button[data-confirmer="answer"]')
    await page.waitForSelector('.workflow-erreur', { timeout: 30_000 })
    const message = await page.$eval('.workflow-erreur', (el) => (el as HTMLElement).innerText)
    expect(message).toMatch(/supérieur au montant demandé/)
    expect(message).toMatch(/Montant pris en charge/)
    expect(await page.$eval('#workflow-montantValide', (el) => (el as HTMLInputElement).value)).toBe(tropCher)
    expect(await page.$eval('#workflow-numeroDossierOpco', (el) => (el as HTMLInputElement).value)).toBe('ATL-E2E-0001')
    expect(await page.$eval('#workflow-decision', (el) => (el as HTMLSelectElement).value)).toBe('accepte')
    await page.screenshot({ path: 'test-results/workflow-opco-erreur.png', fullPage: true })
    expect((await s.payload.findByID({ collection: 'dossiers', id: dossier.id })).status).toBe('envoye_opco')

    await remplacerSaisie(page, '#workflow-montantValide', centimesEnEuros(demande).replace('.', ','))
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle2' }), page.click('button[data-confirmer="answer"]')])
    await page.waitForFunction(() => document.querySelector('[data-testid="workflow-panel"] .statut-badge')?.getAttribute('data-statut') === 'accepte', { timeout: 30_000 })
    await page.waitForFunction(() => (document.querySelector('[data-testid="historique"]') as HTMLElement | null)?.innerText.includes('Accepté'), { timeout: 30_000 })
    await page.screenshot({ path: 'test-results/workflow-opco-accord.png', fullPage: true })
    const apres = await s.payload.findByID({ collection: 'dossiers', id: dossier.id })
    expect(apres.status).toBe('accepte')
    expect(apres.montantValide).toBe(demande)
    expect(apres.numeroDossierOpco).toBe('ATL-E2E-0001')

    // Answered: it leaves the waiting list.
    await page.goto(`${s.url}/admin/opco`, { waitUntil: 'networkidle2' })
    expect(await page.$(`tr[data-reference="${reference}"]`)).toBeNull()
    await contexte.close()
  })
})
