/**
 * End to end in headless Chromium: the dossier's sessions calendar in the admin edit view —
 * « Générer les séances » plans the half-days, the calendar shows them per day (jj/mm/aaaa),
 * morning and afternoon, times and status, who signed, and links each to its own record.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let browser: Browser
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('e2e-seances')
  monde = await creerMonde(s.payload)
  browser = await lancerChromium()
})
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

describe('calendrier des séances dans la fiche du dossier', () => {
  it('« Générer les séances », puis jour par jour : demi-journée, horaires, statut, signataire, lien vers la séance', async () => {
    // 14 h on Monday 01/03/2027 and Tuesday 02/03/2027 (fixture): 4 half-days of 3.5 h.
    const d = await creerDossier(s.payload, monde, 'A', 'en_formation', { montantValide: 120000, numeroDossierOpco: 'ATL-1' })
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1400, height: 1200 })
    await connexionAdmin(page, s.url, monde.admin.email, MOT_DE_PASSE)
    await page.goto(`${s.url}/admin/collections/dossiers/${d.id}`, { waitUntil: 'networkidle2' })
    await page.waitForFunction(() => document.querySelector('[data-testid="seances-dossier"]')?.textContent?.includes('Aucune séance'), { timeout: 30_000 })
    const bouton = await page.waitForSelector('[data-testid="seances-dossier"] button')
    expect(await bouton!.evaluate((b) => (b as HTMLButtonElement).innerText)).toBe('Générer les séances')
    await bouton!.click()
    await page.waitForSelector('[data-testid="seances-dossier"] tbody tr[data-statut]', { timeout: 30_000 })
    expect(await page.$eval('[data-testid="seances-dossier"] [role="status"]', (el) => (el as HTMLElement).innerText)).toBe('4 demi-journée(s) créée(s).')

    // A signature written as the signing route does: shown with its signer.
    const premiere = (await s.payload.find({ collection: 'seances', where: { and: [{ dossier: { equals: d.id } }, { demiJournee: { equals: 'matin' } }] }, sort: 'date', limit: 1 })).docs[0]!
    await s.payload.update({
      collection: 'seances',
      id: premiere.id,
      overrideAccess: true,
      data: { statut: 'signee', signatures: [{ role: 'stagiaire', nom: 'Claire Durand', signeLe: '2027-03-01T09:30:00.000Z', empreinte: 'a'.repeat(64) }, { role: 'formateur', nom: 'Paul Martin', signeLe: '2027-03-01T09:31:00.000Z', empreinte: 'b'.repeat(64) }] } as never,
    })
    await page.reload({ waitUntil: 'networkidle2' })
    await page.waitForSelector('[data-testid="seances-dossier"] tbody tr[data-statut="signee"]', { timeout: 30_000 })
    const lignes = await page.$$eval('[data-testid="seances-dossier"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())))
    expect(lignes).toEqual([
      ['01/03/2027', 'Matin', '09:00–12:30', 'Signée', 'Stagiaire : Claire Durand ; Formateur : Paul Martin', 'Modifier'],
      ['', 'Après-midi', '14:00–17:30', 'À signer', '—', 'Modifier'],
      ['02/03/2027', 'Matin', '09:00–12:30', 'À signer', '—', 'Modifier'],
      ['', 'Après-midi', '14:00–17:30', 'À signer', '—', 'Modifier'],
    ])
    const lien = await page.$eval('[data-testid="seances-dossier"] tbody tr a', (a) => (a as HTMLAnchorElement).getAttribute('href'))
    expect(lien).toBe(`/admin/collections/seances/${premiere.id}`)

    // Again, now that a session is signed: refused in French, nothing replaced.
    page.on('dialog', (dialog) => void dialog.accept())
    await (await page.$('[data-testid="seances-dossier"] button'))!.click()
    await page.waitForSelector('[data-testid="seances-dossier"] [role="alert"]', { timeout: 30_000 })
    expect(await page.$eval('[data-testid="seances-dossier"] [role="alert"]', (el) => (el as HTMLElement).innerText)).toContain('déjà émargées')
    expect((await s.payload.count({ collection: 'seances', where: { dossier: { equals: d.id } } })).totalDocs).toBe(4)
    await page.screenshot({ path: 'test-results/seances-admin.png', fullPage: true })
    await contexte.close()
  })
})
