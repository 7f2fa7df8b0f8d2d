/**
 * Messages as a conversation, end to end in headless Chromium on the demo data: the team opens
 * a dossier whose beneficiary wrote (1280 px) — the thread shows author, date and time, and the
 * team's unread count for it clears; the team replies from the dossier page; the beneficiary
 * (390 px) sees « 1 nouveau message » on Mes dossiers, reads the reply with its date and time
 * in the portal's thread, and the badge is gone afterwards. The messages list shows the text.
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
let dossierId: string
const REPONSE = `Bonjour, inutile de prévenir l’OPCO pour un décalage d’une semaine (réf. ${Date.now()}).`
const DATE_HEURE = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/

beforeAll(async () => {
  s = await demarrerServeur('e2e-messages')
  await seedDemo(s.payload)
  browser = await lancerChromium()
  // The demo's « en formation » dossier where the beneficiary asked a question nobody answered.
  const benef = (await s.payload.find({ collection: 'users', where: { email: { equals: 'beneficiaire@monopco.local' } }, limit: 1 })).docs[0]!
  const ses = await s.payload.find({ collection: 'messages', where: { author: { equals: benef.id } }, pagination: false, depth: 1 })
  const m = ses.docs.find((x) => (x.dossier as { status?: string }).status === 'en_formation')!
  dossierId = String((m.dossier as { id: unknown }).id)
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

const nonLusEquipe = (page: Page) =>
  page.evaluate(async () => (await (await fetch('/api/dossiers/messages-non-lus', { credentials: 'include' })).json()) as { total: number; parDossier: Record<string, number> })
const compteurNav = async (page: Page) => Number(((await page.$eval('#nav-messages-non-lus', (el) => (el as HTMLElement).innerText)).match(/(\d+)\s*$/) ?? [])[1])

describe('messages : un fil avec réponse, des non-lus par lecteur', () => {
  it('l’équipe ouvre le dossier : message du bénéficiaire avec date et heure, son compteur baisse ; elle répond depuis la fiche', async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1280, height: 900 })
    await connexionAdmin(page, s.url, DEFAULT_SEED_ADMIN_EMAIL, DEFAULT_SEED_ADMIN_PASSWORD)

    // The list of messages shows what was said, and when (date and time).
    await page.goto(`${s.url}/admin/collections/messages`, { waitUntil: 'networkidle2' })
    await page.waitForFunction(() => document.body.innerText.includes('Une session a été décalée'), { timeout: 30_000 })
    expect(await page.evaluate(() => document.body.innerText)).toMatch(DATE_HEURE)

    const avant = await nonLusEquipe(page)
    expect(avant.parDossier[dossierId]).toBe(1)
    expect(await compteurNav(page)).toBe(avant.total)

    await page.goto(`${s.url}/admin/collections/dossiers/${dossierId}`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('[data-testid="fil-messages"] [data-message]', { timeout: 30_000 })
    const premier = await page.$eval('[data-testid="fil-messages"] [data-message]', (el) => (el as HTMLElement).innerText)
    expect(premier).toContain('Une session a été décalée')
    expect(premier).toMatch(DATE_HEURE)
    // Opening the thread is reading it: this admin's count for the dossier clears.
    await page.waitForFunction(
      async (id) => !((await (await fetch('/api/dossiers/messages-non-lus', { credentials: 'include' })).json()) as { parDossier: Record<string, number> }).parDossier[id],
      { timeout: 15_000, polling: 300 },
      dossierId,
    )
    expect((await nonLusEquipe(page)).total).toBe(avant.total - 1)

    await page.type('#fil-reponse', REPONSE)
    await page.click('[data-testid="fil-envoyer"]')
    await page.waitForFunction((t) => Array.from(document.querySelectorAll('[data-testid="fil-messages"] [data-message]')).some((e) => (e as HTMLElement).innerText.includes(t)), { timeout: 30_000 }, REPONSE)
    await page.screenshot({ path: 'test-results/messages-admin-fil.png', fullPage: true })
    const enBase = await s.payload.find({ collection: 'messages', where: { dossier: { equals: dossierId } }, pagination: false, depth: 0 })
    expect(enBase.docs.filter((m) => JSON.stringify(m.body).includes('inutile de prévenir'))).toHaveLength(1)
    expect(enBase.docs.find((m) => JSON.stringify(m.body).includes('inutile de prévenir'))!.cleIdempotence).toBeTruthy()

    // The nav badge (server-rendered) agrees after a reload.
    await page.goto(`${s.url}/admin`, { waitUntil: 'networkidle2' })
    expect(await compteurNav(page)).toBe(avant.total - 1)
    await contexte.close()
  }, 120_000)

  it('le bénéficiaire voit « 1 nouveau message », lit la réponse (date et heure) et le badge disparaît', async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 390, height: 844, isMobile: true })
    await page.goto(`${s.url}/connexion`, { waitUntil: 'networkidle0' })
    await page.type('[name="email"]', 'beneficiaire@monopco.local')
    await page.type('[name="password"]', 'Demo-beneficiaire-2026')
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('form.formulaire button[type="submit"]')])
    await page.goto(`${s.url}/dossiers`, { waitUntil: 'networkidle0' })
    const ligne = `[data-dossier="${dossierId}"]`
    expect(await page.$eval(ligne, (e) => (e as HTMLElement).innerText)).toContain('1 nouveau message')
    await page.screenshot({ path: 'test-results/messages-portail-liste-avant.png', fullPage: true })
    await captureDoc(page, 'portail-mes-dossiers')

    await page.goto(`${s.url}/dossiers/${dossierId}`, { waitUntil: 'networkidle0' })
    const fil = await page.$$eval('[data-message]', (els) => els.map((e) => (e as HTMLElement).innerText))
    const reponse = fil.find((t) => t.includes('inutile de prévenir'))
    expect(reponse).toBeDefined()
    expect(reponse).toMatch(/équipe MonOPCO/)
    expect(reponse).toMatch(/le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/)
    expect(fil.find((t) => t.includes('Une session a été décalée'))).toMatch(/^Vous/)
    await page.screenshot({ path: 'test-results/messages-portail-fil.png', fullPage: true })
    await captureDoc(page, 'portail-fiche-dossier')
    await captureDoc(page, 'portail-messages', '[aria-labelledby="titre-messages"]')

    await page.goto(`${s.url}/dossiers`, { waitUntil: 'networkidle0' })
    expect(await page.$eval(ligne, (e) => (e as HTMLElement).innerText)).not.toMatch(/nouveaux? messages?/)
    await page.screenshot({ path: 'test-results/messages-portail-liste-apres.png', fullPage: true })

    // The beneficiary's reading cleared nothing for the team, and vice versa.
    const nonLus = (await s.payload.find({ collection: 'lectures', pagination: false, depth: 0 })).docs
    expect(nonLus.length).toBeGreaterThanOrEqual(2)

    // The reply box answers with the thread: a new message from the portal appears with its time.
    await page.goto(`${s.url}/dossiers/${dossierId}`, { waitUntil: 'networkidle0' })
    await page.type('[name="message"]', 'Merci pour la réponse.')
    await page.click('form[data-formulaire="Message"] button[type="submit"]')
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-message]')).some((e) => (e as HTMLElement).innerText.includes('Merci pour la réponse.')), { timeout: 30_000 })
    await contexte.close()
  }, 120_000)
})
