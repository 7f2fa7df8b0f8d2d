/**
 * End to end in headless Chromium at 390 px wide (a phone): the trainee opens the link of the
 * e-mail found in the outbox, draws a signature with the mouse on the canvas and signs; the trainer
 * does the same from his own e-mail; the session is `signee`; the attendance sheet PDF generated
 * from it names both, the date and the half-day (text extracted by pdf.js), and carries the two
 * signature images. Expired and used links show a French page.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import { jourParis } from '@/src/domain/echeances'
import { executerEmargement } from '@/src/services/emargement'
import { texteDuPdf } from '@/tests/helpers/documents'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { lancerChromium } from '@/tests/helpers/navigateur'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'

let s: ServeurDeTest
let browser: Browser
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('e2e-emargement')
  monde = await creerMonde(s.payload)
  browser = await lancerChromium()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

/** The signing link in the e-mail the outbox holds for this address. */
async function lienDuMail(email: string): Promise<string> {
  const r = await s.payload.find({ collection: 'emails', where: { and: [{ to: { equals: email } }, { template: { equals: 'emargement_lien' } }] }, sort: '-id', limit: 1, overrideAccess: true })
  const lien = /https?:\/\/[^\s"<>]+\/emargement\/[A-Za-z0-9_-]{43}/.exec(String(r.docs[0]?.text ?? ''))?.[0]
  if (!lien) throw new Error(`pas de lien d’émargement pour ${email}`)
  // The e-mail was written by this test's Local API, whose SERVER_URL is not the test server's
  // port: same path, on the server under test.
  return `${s.url}${new URL(lien).pathname}`
}

/** A signature drawn with the mouse: a few strokes across the canvas. */
async function dessiner(page: Page, pas: number): Promise<void> {
  const canvas = await page.waitForSelector('[data-testid="signature-canvas"]')
  const b = (await canvas!.boundingBox())!
  await page.mouse.move(b.x + 20, b.y + b.height * 0.7)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) await page.mouse.move(b.x + 20 + i * pas, b.y + b.height * (i % 2 ? 0.25 : 0.75), { steps: 3 })
  await page.mouse.up()
}

async function signerDepuis(lien: string, attendu: string, pas: number): Promise<void> {
  const contexte = await browser.createBrowserContext()
  const page = await contexte.newPage()
  await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: false, deviceScaleFactor: 2 })
  await page.goto(lien, { waitUntil: 'networkidle2' })
  expect(await page.$eval('[data-testid="emargement-signataire"]', (e) => e.textContent)).toBe(attendu)
  // Mobile-first: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await dessiner(page, pas)
  await page.click('[data-testid="signer"]')
  await page.waitForSelector('[data-testid="emargement-resultat"]', { timeout: 20_000 })
  expect(await page.$eval('[data-testid="emargement-resultat"]', (e) => e.textContent)).toContain('Signature enregistrée')
  // The same link again: a clear page, no form.
  await page.goto(lien, { waitUntil: 'networkidle2' })
  expect(await page.$eval('[data-testid="emargement-etat"]', (e) => [e.getAttribute('data-etat'), e.textContent])).toEqual(['utilise', expect.stringContaining('déjà servi')])
  await contexte.close()
}

describe('émargement sur téléphone (Chromium, 390 px)', () => {
  it('le stagiaire puis le formateur signent depuis leur e-mail ; la feuille d’émargement PDF les porte', async () => {
    const aujourdhui = jourParis(new Date())
    const d = await creerDossier(s.payload, monde, 'A', 'en_formation', {
      formation: { titre: 'Excel avancé', dureeHeures: 7, organisme: monde.provider.id, dateDebut: aujourdhui, dateFin: aujourdhui, formateur: { prenom: 'Luc', nom: 'Moreau', email: 'luc.moreau@formapro.fr' } },
    })
    const seance = await s.payload.create({ collection: 'seances', data: { dossier: d.id, date: aujourdhui, demiJournee: 'matin', heureDebut: '00:00', heureFin: '03:30', dureeMinutes: 210 } as never })
    expect((await executerEmargement(s.payload, new Date())).liens).toBe(2)

    await signerDepuis(await lienDuMail('claire@exemple.fr'), 'Claire Durand', 22)
    await signerDepuis(await lienDuMail('luc.moreau@formapro.fr'), 'Luc Moreau', 17)

    const signee = await s.payload.findByID({ collection: 'seances', id: seance.id, overrideAccess: true })
    expect(signee.statut).toBe('signee')
    expect(signee.signatures?.map((x) => [x.role, x.nom, x.image?.slice(0, 22)])).toEqual([
      ['stagiaire', 'Claire Durand', 'data:image/png;base64,'],
      ['formateur', 'Luc Moreau', 'data:image/png;base64,'],
    ])

    for (let i = 0; i < 4; i++) await s.payload.jobs.run({ limit: 100 })
    const docs = await s.payload.find({ collection: 'documents', where: { and: [{ dossier: { equals: d.id } }, { documentType: { equals: 'feuille_emargement' } }] }, sort: '-version', limit: 1, overrideAccess: true })
    const doc = docs.docs[0]!
    const pdf = fs.readFileSync(path.join(s.dossierFichiers, 'documents', String(doc.filename)))
    const { texte } = await texteDuPdf(new Uint8Array(pdf))
    const plat = texte.replace(/\s+/g, ' ')
    expect(plat).toContain('Claire Durand')
    expect(plat).toContain('Luc Moreau')
    expect(plat).toContain(aujourdhui.split('-').reverse().join('/'))
    expect(plat).toContain('Matin')
    for (const sig of signee.signatures!) expect(plat).toContain(sig.empreinte)
    // The two drawn signatures are images of the PDF.
    const images = Buffer.from(pdf).toString('latin1').match(/\/Subtype\s*\/Image/g) ?? []
    expect(images.length).toBeGreaterThanOrEqual(2)
  }, 180_000)

  it('un lien inconnu montre une page claire en français', async () => {
    const page = await browser.newPage()
    await page.setViewport({ width: 390, height: 844 })
    await page.goto(`${s.url}/emargement/${'A'.repeat(43)}`, { waitUntil: 'networkidle2' })
    expect(await page.$eval('[data-testid="emargement-etat"]', (e) => [e.getAttribute('data-etat'), e.textContent])).toEqual(['inconnu', expect.stringContaining('Lien d’émargement inconnu')])
    await page.close()
  })
})
