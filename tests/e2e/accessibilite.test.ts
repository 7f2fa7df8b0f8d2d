/**
 * Automated accessibility audit (axe-core injected into headless Chromium, WCAG 2.1 A/AA rules):
 * every portal page — connexion, inscription, mot de passe oublié, the guides (/aide), mes dossiers, each step of the
 * new-dossier wizard, the dossier page, mon compte — at phone width (390 px), and the main admin
 * pages — login, dashboard, dossiers list, dossier edit — at 1280 px. No serious or critical
 * violation is allowed; the report names the rule and the elements.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { violationsGraves } from '@/tests/helpers/axe'

let s: ServeurDeTest
let monde: Monde
let browser: Browser
let dossierId: number | string

beforeAll(async () => {
  s = await demarrerServeur('e2e-accessibilite')
  monde = await creerMonde(s.payload)
  dossierId = (await creerDossier(s.payload, monde, 'A')).id
  browser = await lancerChromium()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

async function auditer(page: Page, chemin: string, attente?: string): Promise<string[]> {
  await page.goto(`${s.url}${chemin}`, { waitUntil: 'networkidle2' })
  if (attente) await page.waitForSelector(attente, { timeout: 30_000 })
  return (await violationsGraves(page)).map((v) => `${chemin} — ${v.impact} ${v.id} (${v.help}) : ${v.cibles.join(' | ')}`)
}

describe('accessibilité (axe-core) : aucune violation grave ou critique', () => {
  it('portail, pages publiques (390 px)', async () => {
    const page = await (await browser.createBrowserContext()).newPage()
    await page.setViewport({ width: 390, height: 844 })
    const ecarts: string[] = []
    for (const chemin of ['/', '/connexion', '/inscription', '/mot-de-passe-oublie', '/aide', '/aide/beneficiaire', '/aide/equipe', '/aide/integration']) ecarts.push(...(await auditer(page, chemin, 'main')))
    await page.browserContext().close()
    expect(ecarts).toEqual([])
  })

  it('portail, pages du bénéficiaire connecté (390 px)', async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 390, height: 844 })
    await page.setCookie({ name: 'monopco-token', value: await connecter(s.url, monde.userA.email, MOT_DE_PASSE), url: s.url, httpOnly: true })
    const ecarts: string[] = []
    const pages = [
      '/dossiers',
      '/dossiers/nouveau',
      ...['beneficiaire', 'entreprise', 'formation', 'couts', 'recapitulatif'].map((e) => `/dossiers/${dossierId}/modifier/${e}`),
      `/dossiers/${dossierId}`,
      '/compte',
    ]
    for (const chemin of pages) ecarts.push(...(await auditer(page, chemin, 'main h1')))
    await contexte.close()
    expect(ecarts).toEqual([])
  })

  it("panneau d'administration (1280 px) : connexion, tableau de bord, liste et fiche des dossiers", async () => {
    const contexte = await browser.createBrowserContext()
    const page = await contexte.newPage()
    await page.setViewport({ width: 1280, height: 900 })
    const ecarts: string[] = []
    ecarts.push(...(await auditer(page, '/admin/login', 'input[name="email"]')))
    await connexionAdmin(page, s.url, monde.admin.email, MOT_DE_PASSE)
    ecarts.push(...(await auditer(page, '/admin', 'nav')))
    ecarts.push(...(await auditer(page, '/admin/collections/dossiers', 'table')))
    ecarts.push(...(await auditer(page, `/admin/collections/dossiers/${dossierId}`, '[data-testid="workflow-panel"]')))
    await contexte.close()
    expect(ecarts).toEqual([])
  })
})
