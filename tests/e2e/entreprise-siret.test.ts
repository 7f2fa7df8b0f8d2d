/**
 * Company from its SIRET in headless Chromium against the built app and a local server speaking
 * the JSON of the State's « Recherche d'entreprises » API: in the portal wizard a valid SIRET
 * fills the company fields (and says the OPCO suggested from the IDCC); hostile strings from the
 * API stay text in the wizard and in the admin company form (« Remplir depuis le SIRET »); a
 * closed establishment is announced; with the API slow or down the message says to type by hand,
 * and the typed company is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'puppeteer-core'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { lancerChromium } from '@/tests/helpers/navigateur'
import { creerMonde, MOT_DE_PASSE, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { demarrerRechercheEntreprisesFactice, reponseRecherche, type RechercheEntreprisesFactice } from '@/tests/helpers/rechercheEntreprisesFactice'

const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`
const ACTIF = siretValide(73282940)
const FERME = siretValide(73282941)
const PIEGE = siretValide(73282942)
const EN_PANNE = siretValide(73282943)

let s: ServeurDeTest
let api: RechercheEntreprisesFactice
let monde: Monde
let navigateur: Browser

beforeAll(async () => {
  api = await demarrerRechercheEntreprisesFactice()
  api.inscrire(ACTIF, reponseRecherche(ACTIF, { idcc: ['1486'] }))
  api.inscrire(FERME, reponseRecherche(FERME, { etat: 'F', nom: 'ANCIEN ATELIER' }))
  api.inscrire(PIEGE, reponseRecherche(PIEGE, { nom: HOSTILE, commune: HOSTILE, idcc: ['1486', '<b>x</b>', 16] }))
  api.inscrire(EN_PANNE, reponseRecherche(EN_PANNE))
  s = await demarrerServeur('entreprise_siret_e2e', { ENTREPRISES_API_URL: api.url, ENTREPRISES_API_TIMEOUT_MS: '500' })
  monde = await creerMonde(s.payload)
  await s.payload.create({ collection: 'correspondances-idcc', data: { idcc: '1486', libelle: 'Bureaux d’études (Syntec)', opco: monde.opcoA.id } as never })
  navigateur = await lancerChromium()
}, 180_000)

afterAll(async () => {
  await navigateur?.close()
  await s?.arreter()
  await api?.fermer()
})

async function remplir(p: Page, nom: string, valeur: string): Promise<void> {
  await p.$eval(
    `[name="${nom}"]`,
    (el, v) => {
      const champ = el as HTMLInputElement
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(champ, v)
      champ.dispatchEvent(new Event('input', { bubbles: true }))
      champ.dispatchEvent(new Event('change', { bubbles: true }))
    },
    valeur,
  )
}
const valeur = (p: Page, nom: string) => p.$eval(`[name="${nom}"]`, (e) => (e as HTMLInputElement).value)
const xss = (p: Page) => p.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)

/** A beneficiary without a company, on the company step of a fresh draft. */
async function etapeEntreprise(email: string): Promise<{ page: Page; dossierId: number | string; userId: number | string }> {
  const user = await s.payload.create({ collection: 'users', data: { email, password: MOT_DE_PASSE, role: 'user', nom: 'Martin', prenom: 'Camille' } as never })
  const d = await s.payload.create({ collection: 'dossiers', data: { typeFormation: 'formation', status: 'brouillon', owner: user.id, beneficiaire: { nom: 'Martin', prenom: 'Camille', email } } as never })
  const page = await (await navigateur.createBrowserContext()).newPage()
  await page.setViewport({ width: 1280, height: 900 })
  await page.setCookie({ name: 'monopco-token', value: await connecter(s.url, email, MOT_DE_PASSE), url: s.url, httpOnly: true })
  await page.goto(`${s.url}/dossiers/${d.id}/modifier/entreprise`, { waitUntil: 'networkidle0' })
  return { page, dossierId: d.id, userId: user.id }
}

async function soumettre(p: Page): Promise<void> {
  const avant = await p.evaluate(() => location.pathname)
  await p.click('form.formulaire button[type="submit"]')
  await p.waitForFunction((a) => location.pathname !== a, { timeout: 60_000 }, avant)
}

describe('assistant du portail', () => {
  it('un SIRET connu remplit la fiche ; des chaînes hostiles restent du texte ; l’entreprise enregistrée porte l’état du registre', async () => {
    const { page, dossierId, userId } = await etapeEntreprise('camille.siret@exemple.fr')
    await remplir(page, 'siret', PIEGE)
    await page.waitForSelector('[data-recherche-siret="trouve"]', { timeout: 20_000 })
    expect(await valeur(page, 'raisonSociale')).toBe(HOSTILE)
    expect(await valeur(page, 'adresse.ville')).toBe(HOSTILE)
    expect(await page.$eval('[data-recherche-siret] [data-raison-sociale]', (e) => e.textContent)).toBe(HOSTILE)
    expect(await page.$('[data-recherche-siret] img, [data-recherche-siret] script')).toBeNull()
    expect(await xss(page)).toBeUndefined()

    await remplir(page, 'siret', ACTIF)
    await page.waitForFunction(() => document.querySelector('[data-recherche-siret="trouve"] [data-raison-sociale]')?.textContent === 'ATELIER DES LILAS', { timeout: 20_000 })
    expect(await valeur(page, 'raisonSociale')).toBe('ATELIER DES LILAS')
    expect(await valeur(page, 'adresse.rue')).toBe('12 RUE DES LILAS')
    expect(await valeur(page, 'adresse.codePostal')).toBe('69003')
    expect(await valeur(page, 'adresse.ville')).toBe('LYON')
    expect(await valeur(page, 'codeNaf')).toBe('62.02A')
    expect(await valeur(page, 'idcc')).toBe('1486')
    const encadre = await page.$eval('[data-recherche-siret="trouve"]', (e) => (e as HTMLElement).innerText)
    expect(encadre).toMatch(/Établissement actif/)
    expect(encadre).toMatch(/20 à 49 salariés/)
    expect(encadre).toMatch(/OPCO suggéré d’après la convention collective : Atlas/)
    await page.screenshot({ path: 'test-results/portail-entreprise-siret.png', fullPage: true })

    await soumettre(page)
    expect(new URL(page.url()).pathname).toBe(`/dossiers/${dossierId}/modifier/formation`)
    const moi = await s.payload.findByID({ collection: 'users', id: userId, depth: 0 })
    const company = await s.payload.findByID({ collection: 'companies', id: moi.company as number, depth: 0 })
    expect(company).toMatchObject({ siret: ACTIF, raisonSociale: 'ATELIER DES LILAS', codeNaf: '62.02A', idcc: '1486', opcoSuggere: monde.opcoA.id, registre: { etatAdministratif: 'actif', trancheEffectif: '12' } })
    await page.browserContext().close()
  })

  it('établissement fermé annoncé ; registre trop lent → saisie manuelle, rien n’attend, l’entreprise tapée est enregistrée', async () => {
    const { page, dossierId, userId } = await etapeEntreprise('dominique.siret@exemple.fr')
    await remplir(page, 'siret', FERME)
    await page.waitForSelector('[data-recherche-siret="trouve"][data-etat="ferme"]', { timeout: 20_000 })
    expect(await page.$eval('[data-recherche-siret="trouve"]', (e) => (e as HTMLElement).innerText)).toMatch(/fermé : l’OPCO refusera le dossier/)

    api.programmer({ type: 'lent', ms: 4000 })
    await remplir(page, 'siret', EN_PANNE)
    await page.waitForSelector('[data-recherche-siret="manuel"]', { timeout: 20_000 })
    expect(await page.$eval('[data-recherche-siret="manuel"]', (e) => (e as HTMLElement).innerText)).toMatch(/ne répond pas[\s\S]*à la main/)
    await remplir(page, 'raisonSociale', 'Delta Services')
    await remplir(page, 'effectif', '7')
    await remplir(page, 'adresse.rue', '3 place Bellecour')
    await remplir(page, 'adresse.codePostal', '69002')
    await remplir(page, 'adresse.ville', 'Lyon')
    await soumettre(page)
    expect(new URL(page.url()).pathname).toBe(`/dossiers/${dossierId}/modifier/formation`)
    const moi = await s.payload.findByID({ collection: 'users', id: userId, depth: 0 })
    const company = await s.payload.findByID({ collection: 'companies', id: moi.company as number, depth: 0 })
    expect(company).toMatchObject({ siret: EN_PANNE, raisonSociale: 'Delta Services', effectif: 7 })
    expect(company.registre?.etatAdministratif ?? null).toBeNull()
    await page.browserContext().close()
  })
})

describe('fiche entreprise de l’admin', () => {
  it('« Remplir depuis le SIRET » : champs remplis, chaînes hostiles affichées comme texte', async () => {
    const page = await (await navigateur.createBrowserContext()).newPage()
    await page.setViewport({ width: 1280, height: 900 })
    await page.setCookie({ name: 'monopco-token', value: await connecter(s.url, monde.admin.email, MOT_DE_PASSE), url: s.url, httpOnly: true })
    await page.goto(`${s.url}/admin/collections/companies/create`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('#field-siret')
    await page.type('#field-siret', PIEGE)
    await page.waitForFunction(() => !(document.querySelector('#remplir-depuis-siret') as HTMLButtonElement | null)?.disabled, { timeout: 20_000 })
    await page.click('#remplir-depuis-siret')
    await page.waitForSelector('[data-fiche-siret]', { timeout: 20_000 })
    await page.waitForFunction((h) => (document.querySelector('#field-raisonSociale') as HTMLInputElement | null)?.value === h, { timeout: 20_000 }, HOSTILE)
    expect(await page.$eval('[data-fiche-siret]', (e) => (e as HTMLElement).innerText)).toContain(HOSTILE)
    expect(await page.$('[data-fiche-siret] img, [data-fiche-siret] script')).toBeNull()
    expect(await xss(page)).toBeUndefined()
    await page.screenshot({ path: 'test-results/admin-entreprise-siret.png', fullPage: true })
    await page.browserContext().close()
  })
})
