/**
 * End to end in headless Chromium: the dossier edit view shows its generated PDFs with their
 * state, a download link that serves the file, an inline preview, and « Régénérer », which adds a
 * version 2 shown « En attente » until the job produces it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq } from 'payload'
import type { Browser } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { transitionnerDossier } from '@/src/services/transition'

let s: ServeurDeTest
let browser: Browser
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('e2e-documents-generes')
  monde = await creerMonde(s.payload)
  browser = await lancerChromium()
})
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

describe('documents générés dans la fiche du dossier', () => {
  it('état, téléchargement, aperçu et « Régénérer »', async () => {
    const d = await creerDossier(s.payload, monde, 'A', 'en_revue')
    const req = await createLocalReq({ user: { ...monde.admin, collection: 'users' } as never }, s.payload)
    await transitionnerDossier(req, d.id, 'validate', {})
    await s.payload.jobs.run({ limit: 100 })
    await s.payload.jobs.run({ limit: 100 })

    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1400, height: 1200 })
    await connexionAdmin(page, s.url, monde.admin.email, MOT_DE_PASSE)
    await page.goto(`${s.url}/admin/collections/dossiers/${d.id}`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('[data-testid="documents-generes"] tr[data-statut]', { timeout: 30_000 })
    const lignes = () => page.$$eval('[data-testid="documents-generes"] tbody tr', (trs) => trs.map((tr) => [(tr as HTMLElement).innerText.split('\t')[0]?.trim(), tr.getAttribute('data-statut')]))
    expect((await lignes()).sort()).toEqual([
      ['Convention de formation', 'genere'],
      ['Demande de prise en charge', 'genere'],
    ])
    const texte = await page.$eval('[data-testid="documents-generes"]', (el) => (el as HTMLElement).innerText)
    expect(texte).toContain('Documents générés')
    expect(texte).toContain('Généré')

    // Download link: the PDF itself, with the admin's session.
    const lien = await page.$eval('[data-testid="documents-generes"] a[download]', (a) => (a as HTMLAnchorElement).href)
    const octets = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'include' })
      return { status: r.status, debut: (await r.text()).slice(0, 5) }
    }, lien)
    expect(octets).toEqual({ status: 200, debut: '%PDF-' })

    // Preview: an inline frame on the same file.
    const [apercu] = await page.$$('[data-testid="documents-generes"] button')
    expect(await apercu!.evaluate((b) => (b as HTMLButtonElement).innerText)).toBe('Aperçu')
    await apercu!.click()
    await page.waitForSelector('[data-testid="documents-generes"] iframe[title="Aperçu du document"]')
    await page.screenshot({ path: 'test-results/documents-generes-admin.png', fullPage: true })

    // « Régénérer » on the convention: a version 2, waiting for its job.
    const boutons = await page.$$('[data-testid="documents-generes"] tbody tr')
    let regenere = false
    for (const tr of boutons) {
      if (!(await tr.evaluate((el) => (el as HTMLElement).innerText.startsWith('Convention')))) continue
      const tous = await tr.$$('button')
      for (const b of tous) {
        if ((await b.evaluate((x) => (x as HTMLButtonElement).innerText)) === 'Régénérer') {
          await b.click()
          regenere = true
          break
        }
      }
      break
    }
    expect(regenere).toBe(true)
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="documents-generes"] tbody tr')].some((tr) => tr.getAttribute('data-statut') === 'en_attente' && (tr as HTMLElement).innerText.includes('v2')), { timeout: 30_000 })
    await s.payload.jobs.run({ limit: 100 })
    // The panel looks again every few seconds while something is pending.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="documents-generes"] tbody tr')].filter((tr) => tr.getAttribute('data-statut') === 'genere').length === 3, { timeout: 30_000 })
    await contexte.close()
  })

  it("un utilisateur OPCO n'a pas le panneau (l'outil de l'équipe)", async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await connexionAdmin(page, s.url, monde.opcoUserA.email, MOT_DE_PASSE)
    const d = await creerDossier(s.payload, monde, 'A', 'envoye_opco')
    await page.goto(`${s.url}/admin/collections/dossiers/${d.id}`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('form', { timeout: 30_000 })
    expect(await page.$('[data-testid="documents-generes"]')).toBeNull()
    await contexte.close()
  })
})
