/**
 * The second person of a company, in the portal (headless Chromium, built app): registers, starts
 * a dossier, types the SIRET of a company already registered → the wizard offers « Demander le
 * rattachement » instead of « La valeur doit être unique », then shows the pending state; the
 * person already attached accepts from « Mon compte »; the wizard then uses the company.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, BrowserContext, Page } from 'puppeteer-core'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { creerMonde, MOT_DE_PASSE, siretValide, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let monde: Monde
let navigateur: Browser
let contexteRh: BrowserContext
let page: Page
let dossierId = ''
const MDP = 'Julie-portail-2026'

async function soumettre(p: Page, selecteur = 'form.formulaire'): Promise<void> {
  const avant = await p.evaluate(() => location.pathname + location.search)
  await p.click(`${selecteur} button[type="submit"]`)
  await p.waitForFunction((a) => location.pathname + location.search !== a, { timeout: 60_000 }, avant)
  await p.waitForNetworkIdle({ idleTime: 300 }).catch(() => undefined)
}
const texte = (p: Page) => p.evaluate(() => document.body.innerText)

beforeAll(async () => {
  s = await demarrerServeur('rattachement_e2e')
  monde = await creerMonde(s.payload)
  navigateur = await lancerChromium()
  page = await navigateur.newPage()
  contexteRh = await navigateur.createBrowserContext()
}, 180_000)

afterAll(async () => {
  await navigateur?.close()
  await s?.arreter()
})

describe('portail : rattachement à une entreprise déjà inscrite', () => {
  it('la seconde personne s’inscrit, saisit le SIRET existant et demande le rattachement', async () => {
    await page.goto(`${s.url}/inscription`, { waitUntil: 'networkidle0' })
    await page.type('[name="prenom"]', 'Julie')
    await page.type('[name="nom"]', 'Bernard')
    await page.type('[name="email"]', 'julie@exemple.fr')
    await page.type('[name="password"]', MDP)
    await page.type('[name="confirmation"]', MDP)
    await soumettre(page)
    expect(new URL(page.url()).pathname).toBe('/dossiers/nouveau')
    await soumettre(page)
    const m = /\/dossiers\/(\d+)\/modifier\/entreprise$/.exec(new URL(page.url()).pathname)
    expect(m).not.toBeNull()
    dossierId = m![1]!

    await page.type('[name="siret"]', siretValide(11111111))
    await page.type('[name="raisonSociale"]', 'Alpha Conseil')
    await soumettre(page)
    expect(new URL(page.url()).searchParams.get('rattacher')).toBe(siretValide(11111111))
    const proposition = await texte(page)
    expect(proposition).toMatch(/déjà inscrite sur MonOPCO/)
    expect(proposition).not.toMatch(/unique/i)
    await page.waitForSelector('[data-rattachement-proposition] button[type="submit"]')
    expect(await page.$eval('[data-rattachement-proposition] button[type="submit"]', (b) => b.textContent)).toMatch(/Demander le rattachement/)

    await soumettre(page, '[data-rattachement-proposition] form')
    expect(new URL(page.url()).pathname).toBe(`/dossiers/${dossierId}/modifier/entreprise`)
    await page.waitForSelector('[data-rattachement-en-attente]')
    expect(await texte(page)).toMatch(/en attente/)
    // Nothing of the company is shown while pending.
    expect(await texte(page)).not.toMatch(/Alpha Conseil/)
    const lignes = await s.payload.find({ collection: 'rattachements', depth: 0, overrideAccess: true })
    expect(lignes.docs.map((d) => d.statut)).toEqual(['en_attente'])
    const mails = await s.payload.find({ collection: 'emails', where: { template: { like: 'rattachement' } }, depth: 0, overrideAccess: true, pagination: false })
    expect(mails.docs.map((e) => `${e.template}:${e.to}`).sort()).toEqual(
      [`rattachement_a_traiter:${monde.userA.email}`, `rattachement_a_traiter_equipe:${monde.admin.email}`, 'rattachement_demande:julie@exemple.fr'].sort(),
    )
  })

  it('la personne déjà rattachée accepte depuis « Mon compte »', async () => {
    const rh = await contexteRh.newPage()
    await rh.goto(`${s.url}/connexion?suite=/compte`, { waitUntil: 'networkidle0' })
    await rh.type('[name="email"]', monde.userA.email)
    await rh.type('[name="password"]', MOT_DE_PASSE)
    await soumettre(rh)
    if (new URL(rh.url()).pathname !== '/compte') await rh.goto(`${s.url}/compte`, { waitUntil: 'networkidle0' })
    await rh.waitForSelector('[data-rattachements-a-decider]')
    expect(await rh.$eval('[data-rattachements-a-decider]', (e) => (e as HTMLElement).innerText)).toMatch(/Julie Bernard \(julie@exemple\.fr\)/)
    const boutons = await rh.$$('[data-rattachement] button[type="submit"]')
    expect(await boutons[0]!.evaluate((b) => b.textContent)).toBe('Accepter')
    await boutons[0]!.click()
    await rh.waitForFunction(() => !document.querySelector('[data-rattachements-a-decider]'), { timeout: 60_000 })
    const lignes = await s.payload.find({ collection: 'rattachements', depth: 0, overrideAccess: true })
    expect(lignes.docs.map((d) => [d.statut, d.decidePar])).toEqual([['accepte', monde.userA.id]])
  })

  it('la seconde personne continue son dossier pour l’entreprise', async () => {
    await page.goto(`${s.url}/dossiers/${dossierId}/modifier/entreprise`, { waitUntil: 'networkidle0' })
    expect(await texte(page)).toMatch(/Alpha Conseil/)
    await soumettre(page)
    expect(new URL(page.url()).pathname).toBe(`/dossiers/${dossierId}/modifier/formation`)
    const d = await s.payload.findByID({ collection: 'dossiers', id: dossierId, depth: 0, overrideAccess: true })
    expect(d.company).toBe(monde.companyA.id)
    expect(d.opco).toBe(monde.opcoA.id)
  })

  it('l’équipe refuse une autre demande depuis le panneau d’administration (avec motif)', async () => {
    const r = await fetch(`${s.url}/api/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'inconnu@exemple.fr', password: MDP, nom: 'Inconnu', prenom: 'Paul' }) })
    expect(r.status).toBe(201)
    const jwt = await connecter(s.url, 'inconnu@exemple.fr', MDP)
    const d = await fetch(`${s.url}/api/companies/rattachements`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `JWT ${jwt}` }, body: JSON.stringify({ siret: siretValide(11111111) }) })
    const id = ((await d.json()) as { rattachement: { id: number } }).rattachement.id
    const admin = await (await navigateur.createBrowserContext()).newPage()
    await connexionAdmin(admin, s.url, monde.admin.email, MOT_DE_PASSE)
    await admin.goto(`${s.url}/admin/collections/rattachements/${id}`, { waitUntil: 'networkidle2' })
    await admin.waitForSelector('[data-decision-rattachement]', { timeout: 60_000 })
    await admin.type('#motif-refus', 'Inconnu du service RH.')
    const [, refuser] = await admin.$$('[data-decision-rattachement] button')
    await refuser!.click()
    // The panel reloads the page once decided: poll the row rather than a page being replaced.
    let ligne = await s.payload.findByID({ collection: 'rattachements', id, depth: 0, overrideAccess: true })
    for (let i = 0; i < 120 && ligne.statut === 'en_attente'; i++) {
      await new Promise((r) => setTimeout(r, 250))
      ligne = await s.payload.findByID({ collection: 'rattachements', id, depth: 0, overrideAccess: true })
    }
    expect([ligne.statut, ligne.motif, ligne.decidePar]).toEqual(['refuse', 'Inconnu du service RH.', monde.admin.id])
  })
})
