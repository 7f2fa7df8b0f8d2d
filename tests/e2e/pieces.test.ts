/**
 * End to end in headless Chromium: the dossier edit view lists the required documents of its
 * type (✓ / manquant / à venir, in French), with a link to each present document that opens the
 * file through the access-controlled route.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'

let s: ServeurDeTest
let browser: Browser
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('e2e-pieces')
  monde = await creerMonde(s.payload)
  browser = await lancerChromium()
})
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

describe('pièces du dossier dans la fiche', () => {
  it('un admin voit les pièces attendues, ✓ pour le devis déposé (lien vers le fichier), manquant pour le programme', async () => {
    const dossier = await creerDossier(s.payload, monde, 'A', 'soumis')
    const devis = await s.payload.create({
      collection: 'documents',
      data: { dossier: dossier.id, documentType: 'devis', uploadedBy: monde.userA.id } as never,
      file: { data: PDF_MINIMAL, mimetype: 'application/pdf', name: 'devis-organisme.pdf', size: PDF_MINIMAL.length },
    })

    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1400, height: 1100 })
    await connexionAdmin(page, s.url, monde.admin.email, MOT_DE_PASSE)
    await page.goto(`${s.url}/admin/collections/dossiers/${dossier.id}`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('[data-testid="pieces-requises"] li[data-piece="devis"]', { timeout: 30_000 })
    await page.screenshot({ path: 'test-results/pieces-dossier-admin.png', fullPage: true })

    const etats = await page.$$eval('[data-testid="pieces-requises"] li[data-piece]', (lis) => lis.map((li) => [li.getAttribute('data-piece'), li.getAttribute('data-etat')]))
    expect(Object.fromEntries(etats)).toEqual({
      devis: 'present',
      programme: 'manquant',
      convention: 'a_venir',
      demande_prise_en_charge: 'a_venir',
      feuille_emargement: 'a_venir',
      certificat_realisation: 'a_venir',
      facture: 'a_venir',
    })
    const texte = await page.$eval('[data-testid="pieces-requises"]', (el) => (el as HTMLElement).innerText)
    expect(texte).toContain('Pièces du dossier')
    expect(texte).toContain('1 pièce manquante.')
    expect(texte).toMatch(/Programme de la formation\s*manquant/)
    expect(texte).toContain('✓')

    const lien = await page.$eval('[data-testid="pieces-requises"] li[data-piece="devis"] a', (a) => (a as HTMLAnchorElement).href)
    expect(lien).toContain(`/api/documents/file/${String(devis.filename)}`)
    // The link works with the admin's session cookie.
    const octets = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'include' })
      return { status: r.status, debut: (await r.text()).slice(0, 5) }
    }, lien)
    expect(octets).toEqual({ status: 200, debut: '%PDF-' })

    // The dossier's archive for a control, from the same panel, with the same session.
    const archive = await page.$eval('[data-testid="archive-dossier"]', (a) => ({ href: (a as HTMLAnchorElement).href, texte: (a as HTMLElement).innerText }))
    expect(archive).toEqual({ href: `${s.url}/api/dossiers/${String(dossier.id)}/archive`, texte: 'Télécharger l’archive (ZIP)' })
    const zip = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'include' })
      const octets = new Uint8Array(await r.arrayBuffer())
      return { status: r.status, type: r.headers.get('content-type'), debut: String.fromCharCode(octets[0] ?? 0, octets[1] ?? 0) }
    }, archive.href)
    expect(zip).toEqual({ status: 200, type: 'application/zip', debut: 'PK' })
    await contexte.close()
  })
})
