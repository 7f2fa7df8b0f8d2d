/**
 * End to end in headless Chromium (issue 13, items 1 and 7): an OPCO agent at 1280 px lands on its
 * waiting list with waiting times, opens a sent dossier and sees the employer (name, SIRET) and
 * who filed it (« Prénom Nom »), with no refused API call in its browser; a beneficiary at 390 px
 * with a partial accord sees the granted amount, the reste à charge and what to do next, and
 * generated documents labelled « Généré ».
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { ajouterDocumentsEnvoi, creerDossier, creerMonde, MOT_DE_PASSE, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'
import { TEXTES_DOSSIER_PORTAIL } from '@/src/domain/textesDossierPortail'

let s: ServeurDeTest
let browser: Browser
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('e2e-opco-reponse')
  monde = await creerMonde(s.payload)
  await s.payload.update({ collection: 'users', id: monde.userA.id, data: { prenom: 'Claire', nom: 'Martin' } })
  await s.payload.update({ collection: 'users', id: monde.admin.id, data: { prenom: 'Paul', nom: 'Leroy' } })
  browser = await lancerChromium()
})
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

/** Every /api/ answer ≥ 400 the page receives: an agent's pages must call nothing they may not use. */
function refusApi(page: Page): string[] {
  const refus: string[] = []
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) refus.push(`${r.status()} ${r.request().method()} ${r.url()}`)
  })
  return refus
}

const texte = (page: Page) => page.evaluate(() => document.body.innerText)

describe('vue OPCO dans le panneau d’administration', () => {
  it("l'agent arrive sur sa liste d'attente, ouvre un dossier envoyé et voit l'employeur et qui l'a déposé", async () => {
    const envoi = new Date(Date.now() - 3 * 86_400_000 - 3_600_000).toISOString()
    const d = await creerDossier(s.payload, monde, 'A', 'envoye_opco', { envoiOpcoDate: envoi, validationAdminBy: monde.admin.id, validationAdminDate: envoi })
    await creerDossier(s.payload, monde, 'B', 'envoye_opco', { envoiOpcoDate: envoi })

    const page = await (await browser.createBrowserContext()).newPage()
    await page.setViewport({ width: 1280, height: 900 })
    const refus = refusApi(page)
    await connexionAdmin(page, s.url, monde.opcoUserA.email, MOT_DE_PASSE)

    // Home, straight after logging in: the waiting list, not the team's dashboard.
    await page.waitForSelector('[data-testid="dossiers-en-attente"]', { timeout: 30_000 })
    expect(new URL(page.url()).pathname).toBe('/admin')
    const lignes = await page.$$eval('[data-testid="dossiers-en-attente"] tbody tr', (trs) => trs.map((tr) => ({ ref: tr.getAttribute('data-reference'), texte: (tr as HTMLElement).innerText })))
    expect(lignes.map((l) => l.ref)).toEqual([d.reference])
    expect(lignes[0]!.texte).toContain('en attente depuis 3 jours')
    expect(lignes[0]!.texte).toContain('Alpha Conseil')
    expect(lignes[0]!.texte).toContain(siretValide(11111111))
    await page.screenshot({ path: 'test-results/opco-accueil.png', fullPage: true })

    // The dossier: employer card, filer and validator by name.
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle2' }), page.click(`[data-testid="dossiers-en-attente"] a[href$="/dossiers/${d.id}"]`)])
    await page.waitForSelector('[data-testid="entreprise-siret"]', { timeout: 30_000 })
    await page.waitForFunction(() => document.body.innerText.includes('Claire Martin') && document.body.innerText.includes('Paul Leroy'), { timeout: 30_000 })
    const fiche = await texte(page)
    expect(fiche).toContain('Alpha Conseil')
    expect(await page.$eval('[data-testid="entreprise-siret"]', (e) => (e as HTMLElement).innerText.trim())).toBe(siretValide(11111111))
    expect(fiche).not.toContain('Sans titre')
    expect(fiche).not.toContain(monde.userA.email)
    await page.waitForSelector('[data-testid="conformite"]', { timeout: 30_000 })
    await new Promise((r) => setTimeout(r, 1000)) // late client fetches
    await page.screenshot({ path: 'test-results/opco-dossier.png', fullPage: true })

    // Its other pages: the dossiers list, the documents list, /admin/opco, its account.
    await page.goto(`${s.url}/admin/collections/dossiers`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('.statut-badge', { timeout: 30_000 })
    for (const chemin of ['/admin/collections/documents', '/admin/opco', '/admin/account']) {
      await page.goto(`${s.url}${chemin}`, { waitUntil: 'networkidle2' })
      await new Promise((r) => setTimeout(r, 500))
    }
    expect(await page.$eval('input[name="email"]', (e) => (e as HTMLInputElement).value)).toBe(monde.opcoUserA.email) // its own account stays whole
    expect(refus).toEqual([])
    await page.browserContext().close()
  })
})

describe('portail après la réponse de l’OPCO', () => {
  it('accord partiel : montant accordé, reste à charge, quoi faire ; documents « Généré » et « Déposé »', async () => {
    const d = await creerDossier(s.payload, monde, 'A', 'accepte_partiel', { coutTotalHT: 140000, montantValide: 98000, reponseOpcoDate: new Date().toISOString() })
    await ajouterDocumentsEnvoi(s.payload, d.id)
    await s.payload.create({
      collection: 'documents',
      data: { dossier: d.id, documentType: 'devis', origin: 'uploaded' } as never,
      file: { data: Buffer.from(PDF_MINIMAL), mimetype: 'application/pdf', name: 'devis-organisme.pdf', size: PDF_MINIMAL.length },
      overrideAccess: true,
    })

    const page = await (await browser.createBrowserContext()).newPage()
    await page.setViewport({ width: 390, height: 844 })
    await page.goto(`${s.url}/connexion`, { waitUntil: 'networkidle0' })
    await page.type('[name="email"]', monde.userA.email)
    await page.type('[name="password"]', MOT_DE_PASSE)
    await Promise.all([page.waitForFunction(() => location.pathname !== '/connexion', { timeout: 60_000 }), page.click('form.formulaire button[type="submit"]')])
    await page.goto(`${s.url}/dossiers/${d.id}`, { waitUntil: 'networkidle0' })

    const euros = (sel: string) => page.$eval(sel, (e) => (e as HTMLElement).innerText.replace(/[\s\u202f\u00a0]+/g, ' ').trim())
    expect(await euros('[data-montant-accorde]')).toBe('980,00 €')
    expect(await euros('[data-reste-a-charge]')).toBe('420,00 €')
    // On a phone, the answer comes right after the dossier's summary, before pieces and messages.
    const haut = (sel: string) => page.$eval(sel, (e) => e.getBoundingClientRect().top)
    expect(await haut('[data-reponse-opco]')).toBeLessThan(await haut('[aria-labelledby="titre-pieces"]'))
    const page390 = await texte(page)
    expect(page390).toContain(TEXTES_DOSSIER_PORTAIL.accepte_partiel.etape)
    expect(page390).toContain(TEXTES_DOSSIER_PORTAIL.accepte_partiel.reponseOpco)
    expect(page390).toContain(TEXTES_DOSSIER_PORTAIL.accepte_partiel.verification)
    expect(page390).toContain(TEXTES_DOSSIER_PORTAIL.accepte_partiel.suivi)
    expect(page390).not.toMatch(/avant de l’envoyer à l’OPCO/)
    expect(page390).not.toContain('la formation peut commencer.')

    const generes = await page.$$eval('[data-documents-generes] li', (lis) => lis.map((li) => (li as HTMLElement).innerText))
    // Convention, demande de prise en charge and the signed convention (ajouterDocumentsEnvoi signs it).
    expect(generes.length).toBe(3)
    for (const g of generes) expect(g).toMatch(/Généré$/)
    const origines = await page.$$eval('li[data-origine]', (lis) => lis.map((li) => li.getAttribute('data-origine')).sort())
    expect(origines).toEqual(['Déposé', 'Généré', 'Généré', 'Généré'])
    // Required pieces: the generated convention is « ✓ Généré », not « Déposé ».
    expect(await page.$eval('[data-piece="convention"]', (e) => (e as HTMLElement).innerText)).toContain('✓ Généré')
    await page.screenshot({ path: 'test-results/portail-accord-partiel-390.png', fullPage: true })
    await page.browserContext().close()
  })
})
