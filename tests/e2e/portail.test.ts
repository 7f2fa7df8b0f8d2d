/**
 * The beneficiary portal end to end, in headless Chromium against the built app:
 * register → wizard → upload a devis → submit → (the team validates through the API) → the
 * portal shows the new status and the convention downloads as a PDF. Then: another account
 * cannot open, download or message on that dossier; hostile text stays text; forms keep what
 * was typed on error; the RGPD export. Screenshots at phone and desktop widths go to
 * test-results/portal/ (CI artifacts, not committed).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { lancerChromium } from '@/tests/helpers/navigateur'
import { captureDoc } from '@/tests/helpers/capturesDocs'
import { creerMonde, MOT_DE_PASSE, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'

const DOSSIER_CAPTURES = path.resolve('test-results/portal')
const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`

let s: ServeurDeTest
let monde: Monde
let navigateur: Browser
let page: Page
let dossierId = ''
let conventionUrl = ''
const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)

async function capturer(p: Page, nom: string): Promise<void> {
  for (const [largeur, hauteur, suffixe] of [[390, 844, 'telephone'], [1280, 900, 'bureau']] as const) {
    await p.setViewport({ width: largeur, height: hauteur })
    await p.screenshot({ path: path.join(DOSSIER_CAPTURES, `${nom}-${suffixe}.png`) as `${string}.png`, fullPage: true })
  }
}

/** Submits a form whose server action redirects (client-side navigation): waits for the new address. */
async function soumettre(p: Page, selecteurFormulaire = 'form.formulaire'): Promise<void> {
  const avant = await p.evaluate(() => location.pathname + location.search)
  await p.click(`${selecteurFormulaire} button[type="submit"]`)
  await p.waitForFunction((a) => location.pathname + location.search !== a, { timeout: 60_000 }, avant)
  await p.waitForNetworkIdle({ idleTime: 300 }).catch(() => undefined)
}

async function remplir(p: Page, nom: string, valeur: string): Promise<void> {
  await p.$eval(
    `[name="${nom}"]`,
    (el, v) => {
      const champ = el as HTMLInputElement
      const proto = champ.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : champ.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype
      Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(champ, v)
      champ.dispatchEvent(new Event('input', { bubbles: true }))
      champ.dispatchEvent(new Event('change', { bubbles: true }))
    },
    valeur,
  )
}

const texte = (p: Page) => p.evaluate(() => document.body.innerText)

beforeAll(async () => {
  fs.mkdirSync(DOSSIER_CAPTURES, { recursive: true })
  s = await demarrerServeur('portail_e2e')
  monde = await creerMonde(s.payload)
  await s.payload.create({ collection: 'correspondances-idcc', data: { idcc: '1486', libelle: 'Bureaux d’études (Syntec)', opco: monde.opcoA.id } as never })
  const annees = [...new Set([new Date().getUTCFullYear(), new Date(dansJours(60)).getUTCFullYear()])]
  await s.payload.update({
    collection: 'opcos',
    id: monde.opcoA.id,
    data: { reglesFinancement: annees.map((annee) => ({ libelle: `Plan < 50 salariés ${annee}`, annee, typeFormation: 'formation', effectifMin: 0, effectifMax: 49, plafondHoraireHT: 5000 })) } as never,
  })
  navigateur = await lancerChromium()
  page = await navigateur.newPage()
}, 180_000)

afterAll(async () => {
  await navigateur?.close()
  await s?.arreter()
})

describe('portail : le parcours complet', () => {
  it('accueil, puis inscription (erreur affichée à côté du champ, saisie conservée)', async () => {
    await page.goto(`${s.url}/`, { waitUntil: 'networkidle0' })
    expect(await texte(page)).toMatch(/Comment ça marche/)
    await capturer(page, '01-accueil')

    await page.goto(`${s.url}/inscription`, { waitUntil: 'networkidle0' })
    await page.type('[name="prenom"]', 'Camille')
    await page.type('[name="nom"]', 'Martin')
    await page.type('[name="email"]', 'camille@exemple.fr')
    await page.type('[name="password"]', 'Camille-portail-2026')
    await page.type('[name="confirmation"]', 'autre-chose')
    await page.click('form.formulaire button[type="submit"]')
    await page.waitForSelector('#erreur-confirmation')
    expect(await page.$eval('#erreur-confirmation', (e) => e.textContent)).toMatch(/identiques/)
    expect(await page.$eval('[name="email"]', (e) => (e as HTMLInputElement).value)).toBe('camille@exemple.fr')
    expect(await page.$eval('[name="prenom"]', (e) => (e as HTMLInputElement).value)).toBe('Camille')
    await capturer(page, '02-inscription-erreur')

    await remplir(page, 'password', 'Camille-portail-2026')
    await remplir(page, 'confirmation', 'Camille-portail-2026')
    await soumettre(page)
    expect(new URL(page.url()).pathname).toBe('/dossiers/nouveau')
    const cookies = await page.cookies()
    expect(cookies.find((c) => c.name === 'monopco-token')?.httpOnly).toBe(true)
  })

  it('l’assistant crée le brouillon étape par étape, avec l’estimation du financement', async () => {
    await capturer(page, '03-nouveau-dossier')
    await captureDoc(page, 'portail-assistant')
    await remplir(page, 'beneficiaire.nom', `Martin ${HOSTILE}`)
    await soumettre(page)
    const m = /\/dossiers\/(\d+)\/modifier\/entreprise$/.exec(new URL(page.url()).pathname)
    expect(m).not.toBeNull()
    dossierId = m![1]!

    // SIRET checked as you type; the server's refusal shown next to the field.
    const bon = siretValide(44444444)
    await page.type('[name="siret"]', bon.slice(0, 13) + String((Number(bon[13]) + 1) % 10))
    await page.waitForSelector('#erreur-siret')
    await capturer(page, '04-entreprise-siret-invalide')
    await remplir(page, 'siret', bon)
    await page.type('[name="raisonSociale"]', 'Gamma Études')
    await page.type('[name="effectif"]', '12')
    await page.type('[name="idcc"]', '1486')
    await soumettre(page)
    expect(new URL(page.url()).pathname).toBe(`/dossiers/${dossierId}/modifier/formation`)

    await page.select('[name="formation.organisme"]', String(monde.provider.id))
    await page.type('[name="formation.titre"]', 'Gestion de projet agile')
    await remplir(page, 'formation.objectifs', 'Être capable de planifier un projet en sprints.\nÊtre capable d’animer une rétrospective.')
    await remplir(page, 'formation.programme', 'Jour 1 : cadre Scrum, rôles.\nJour 2 : planification, rétrospective.')
    await remplir(page, 'formation.dateDebut', dansJours(60))
    await remplir(page, 'formation.dateFin', dansJours(61))
    await page.type('[name="formation.dureeHeures"]', '14')
    await page.type('[name="formation.lieu"]', 'Lyon')
    await page.select('[name="formation.modalite"]', 'presentiel')
    await capturer(page, '05-formation')
    await soumettre(page)
    expect(new URL(page.url()).pathname).toBe(`/dossiers/${dossierId}/modifier/couts`)

    // The estimate follows what is typed (computed by the server, nothing saved yet).
    await page.type('[name="coutTotalHT"]', '1 400,00')
    await page.waitForFunction(() => /700,00/.test(document.querySelector('[data-estimation-directe] [data-montant-estime]')?.textContent ?? ''), { timeout: 20_000 })
    const direct = await page.$eval('[data-estimation-directe]', (el) => (el as HTMLElement).innerText)
    expect(direct).toMatch(/Prise en charge estimée par l’OPCO : 700,00\s€/)
    expect(direct).toMatch(/reste à charge de l’entreprise : 700,00\s€/)
    await remplir(page, 'coutTotalHT', '2 000,00')
    await page.waitForFunction(() => /1\s?300,00/.test(document.querySelector('[data-estimation-directe] [data-reste]')?.textContent ?? ''), { timeout: 20_000 })
    await capturer(page, '05b-estimation-directe')
    await captureDoc(page, 'portail-estimation')
    expect(((await s.payload.findByID({ collection: 'dossiers', id: dossierId, depth: 0 })) as { coutTotalHT?: unknown }).coutTotalHT ?? null).toBeNull()
    await remplir(page, 'coutTotalHT', '')

    // A bad amount: French error next to the field, the typed value kept.
    await page.type('[name="coutTotalHT"]', '12 34')
    await page.click('form.formulaire button[type="submit"]')
    await page.waitForSelector('#erreur-coutTotalHT')
    expect(await page.$eval('[name="coutTotalHT"]', (e) => (e as HTMLInputElement).value)).toBe('12 34')
    await remplir(page, 'coutTotalHT', '1 400,00')
    await soumettre(page)
    expect(new URL(page.url()).pathname).toBe(`/dossiers/${dossierId}/modifier/recapitulatif`)
    const recap = await texte(page)
    expect(recap).toMatch(/1\u202f?\s?400,00\s€/)
    expect(recap).toMatch(/Prise en charge estimée par l’OPCO : 700,00\s€/)
    expect(recap).toMatch(/reste à charge de l’entreprise : 700,00\s€/)
    expect(recap).toContain(HOSTILE)
    await capturer(page, '06-recapitulatif')

    const d = (await s.payload.findByID({ collection: 'dossiers', id: dossierId, depth: 0 })) as unknown as Record<string, unknown>
    expect(d.status).toBe('brouillon')
    expect(d.coutTotalHT).toBe(140000)
    expect(String(d.opco)).toBe(String(monde.opcoA.id))
    expect((d.beneficiaire as { nom: string }).nom).toBe(`Martin ${HOSTILE}`)
  })

  it('dépôt du devis (avec barre de progression), message à l’équipe, puis envoi', async () => {
    await page.goto(`${s.url}/dossiers/${dossierId}`, { waitUntil: 'networkidle0' })
    expect(await page.$eval('[data-piece="devis"]', (e) => e.getAttribute('data-etat'))).not.toBe('present')
    // A disguised file is refused before sending, with the French message.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-'))
    const faux = path.join(tmp, 'devis.txt')
    fs.writeFileSync(faux, 'pas un pdf')
    const input = (await page.$('#depot-fichier'))!
    await (input as unknown as { uploadFile: (p: string) => Promise<void> }).uploadFile(faux)
    await page.waitForFunction(() => /Format refusé/.test(document.querySelector('#depot-erreur')?.textContent ?? ''))

    const devis = path.join(tmp, 'devis.pdf')
    fs.writeFileSync(devis, PDF_MINIMAL)
    await (input as unknown as { uploadFile: (p: string) => Promise<void> }).uploadFile(devis)
    await page.select('#depot-type', 'devis')
    await page.click('[data-depot] button[type="submit"]')
    await page.waitForFunction(() => document.querySelector('[data-piece="devis"]')?.getAttribute('data-etat') === 'present', { timeout: 30_000 })

    await page.type('[name="message"]', `Bonjour ${HOSTILE}`)
    await page.click('form[data-formulaire="Message"] button[type="submit"]')
    await page.waitForFunction((h) => Array.from(document.querySelectorAll('[data-message]')).some((e) => (e.textContent ?? '').includes(h)), {}, HOSTILE)
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
    await capturer(page, '07-dossier-brouillon')

    // « Je certifie » is required (by the browser here, by the server for any client), then a dialog asks.
    await page.click('[name="certification"]')
    await page.click('xpath/.//button[contains(., "Envoyer le dossier à MonOPCO")]')
    await page.waitForSelector('dialog[data-confirmation][open]')
    await page.click('dialog[data-confirmation][open] [data-confirmer]')
    await page.waitForFunction(() => location.search.includes('fait=submit'), { timeout: 60_000 })
    await page.waitForSelector('[data-statut="soumis"]')
    expect(await page.$eval('[data-statut]', (e) => e.getAttribute('data-statut'))).toBe('soumis')
    await capturer(page, '08-dossier-soumis')
  })

  it('l’équipe valide par l’API : le portail montre « Validé » et la convention se télécharge en PDF', async () => {
    const admin = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}`, 'Content-Type': 'application/json' }
    for (const action of ['review', 'validate']) {
      const r = await fetch(`${s.url}/api/dossiers/${dossierId}/transition`, { method: 'POST', headers: admin, body: JSON.stringify({ action }) })
      expect({ action, status: r.status, corps: r.status === 200 ? null : await r.text() }).toEqual({ action, status: 200, corps: null })
    }
    await s.payload.jobs.run({ limit: 100 })
    await s.payload.jobs.run({ limit: 100 })

    await page.goto(`${s.url}/dossiers`, { waitUntil: 'networkidle0' })
    expect(await page.$eval(`[data-dossier="${dossierId}"] [data-statut]`, (e) => e.getAttribute('data-statut'))).toBe('valide')
    expect(await texte(page)).toContain(HOSTILE)
    await capturer(page, '09-mes-dossiers')

    await page.goto(`${s.url}/dossiers/${dossierId}`, { waitUntil: 'networkidle0' })
    expect(await page.$eval('[data-statut]', (e) => e.textContent)).toBe('Validé')
    conventionUrl = await page.$eval('a[data-document="convention"]', (a) => (a as HTMLAnchorElement).href)
    const telecharge = await page.evaluate(async (u) => {
      const r = await fetch(u, { credentials: 'same-origin' })
      const octets = new Uint8Array(await r.arrayBuffer())
      return { status: r.status, type: r.headers.get('content-type'), debut: String.fromCharCode(...octets.slice(0, 5)) }
    }, conventionUrl)
    expect(telecharge).toEqual({ status: 200, type: expect.stringMatching(/application\/pdf/), debut: '%PDF-' })
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
    await capturer(page, '10-dossier-valide')
  })

  it('Mon compte : préférences enregistrées, export RGPD de mes seules données', async () => {
    await page.goto(`${s.url}/compte`, { waitUntil: 'networkidle0' })
    await page.click('[name="recevoirRelances"]')
    await page.click('form.formulaire button[type="submit"]')
    await page.waitForSelector('.alerte-succes')
    const u = await s.payload.find({ collection: 'users', where: { email: { equals: 'camille@exemple.fr' } }, depth: 0 })
    expect((u.docs[0] as unknown as { recevoirRelances?: boolean }).recevoirRelances).toBe(false)
    await capturer(page, '11-mon-compte')

    const exporte = await page.evaluate(async () => {
      const r = await fetch('/compte/export')
      return { status: r.status, disposition: r.headers.get('content-disposition'), corps: (await r.json()) as Record<string, unknown> }
    })
    expect(exporte.status).toBe(200)
    expect(exporte.disposition).toMatch(/attachment/)
    const corps = exporte.corps as { compte: Record<string, unknown>; dossiers: { id: unknown }[]; messages: unknown[]; documents: unknown[] }
    expect(corps.compte.email).toBe('camille@exemple.fr')
    expect(corps.compte).not.toHaveProperty('hash')
    expect(corps.compte).not.toHaveProperty('salt')
    expect(corps.dossiers.map((d) => String(d.id))).toEqual([dossierId])
    expect(corps.messages).toHaveLength(1)
    expect(corps.documents.length).toBeGreaterThanOrEqual(3)
    expect((await fetch(`${s.url}/compte/export`)).status).toBe(401)

    // Erasure request: recorded on the account, the team told once, the page says when.
    await page.click('form[data-formulaire="Suppression"] button[type="submit"]')
    await page.waitForSelector('[data-suppression-demandee]', { timeout: 20_000 })
    expect(await page.$eval('[data-suppression-demandee]', (el) => (el as HTMLElement).innerText)).toMatch(/Demande de suppression enregistrée le \d{2}\/\d{2}\/\d{4}/)
    const apres = (await s.payload.find({ collection: 'users', where: { email: { equals: 'camille@exemple.fr' } }, depth: 0 })).docs[0] as unknown as { suppressionDemandeeLe?: string }
    expect(apres.suppressionDemandeeLe).toBeTruthy()
    const alertes = await s.payload.find({ collection: 'emails', where: { template: { equals: 'demande_suppression' } }, depth: 0 })
    expect(alertes.docs.map((e) => e.to)).toEqual([monde.admin.email])
    await capturer(page, '12-suppression-demandee')
  })
})

describe('portail : le dossier d’un autre reste fermé', () => {
  let autre: Page
  beforeAll(async () => {
    autre = await (await navigateur.createBrowserContext()).newPage()
    await autre.goto(`${s.url}/connexion`, { waitUntil: 'networkidle0' })
    await autre.type('[name="email"]', monde.userB.email)
    await autre.type('[name="password"]', 'mauvais')
    await autre.click('form.formulaire button[type="submit"]')
    await autre.waitForSelector('.alerte-erreur')
    expect(await autre.$eval('.alerte-erreur', (e) => e.textContent)).toMatch(/incorrect/)
    expect(await autre.$eval('[name="email"]', (e) => (e as HTMLInputElement).value)).toBe(monde.userB.email)
    await remplir(autre, 'password', MOT_DE_PASSE)
    await soumettre(autre)
    expect(new URL(autre.url()).pathname).toBe('/dossiers')
  })

  it('ni la page, ni les étapes de l’assistant, ni la convention : 404, rien du dossier affiché', async () => {
    for (const chemin of [`/dossiers/${dossierId}`, `/dossiers/${dossierId}/modifier/formation`, `/dossiers/${dossierId}/modifier/recapitulatif`, '/dossiers/abc', '/dossiers/999999', '/dossiers/1e3']) {
      const r = await autre.goto(`${s.url}${chemin}`, { waitUntil: 'networkidle0' })
      expect({ chemin, status: r?.status() }).toEqual({ chemin, status: 404 })
      const t = await texte(autre)
      expect(t).toMatch(/Page introuvable/)
      expect(t).not.toContain('Gestion de projet agile')
    }
    await capturer(autre, '12-dossier-d-un-autre')
    const r = await autre.evaluate(async (u) => (await fetch(u)).status, conventionUrl)
    expect([403, 404]).toContain(r)
    await autre.goto(`${s.url}/dossiers`, { waitUntil: 'networkidle0' })
    expect(await texte(autre)).not.toContain('Gestion de projet agile')
  })

  it('écrire sur le dossier d’un autre ou y déposer une pièce est refusé par l’API, rien n’est écrit', async () => {
    const token = (await autre.cookies()).find((c) => c.name === 'monopco-token')!.value
    const h = { Authorization: `JWT ${token}` }
    const avant = (await s.payload.count({ collection: 'messages', where: { dossier: { equals: dossierId } } })).totalDocs
    const msg = await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { ...h, 'Content-Type': 'application/json' }, body: JSON.stringify({ dossier: Number(dossierId), body: { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'intrus', version: 1 }], version: 1 }], direction: null, format: '', indent: 0, version: 1 } } }) })
    expect([403, 404, 400]).toContain(msg.status)
    const fd = new FormData()
    fd.append('file', new Blob([PDF_MINIMAL], { type: 'application/pdf' }), 'x.pdf')
    fd.append('_payload', JSON.stringify({ dossier: Number(dossierId), documentType: 'devis' }))
    const dep = await fetch(`${s.url}/api/documents`, { method: 'POST', headers: h, body: fd })
    expect([403, 404, 400]).toContain(dep.status)
    expect((await s.payload.count({ collection: 'messages', where: { dossier: { equals: dossierId } } })).totalDocs).toBe(avant)
  })

  it('les pages privées renvoient un visiteur anonyme vers la connexion', async () => {
    const anonyme = await (await navigateur.createBrowserContext()).newPage()
    await anonyme.goto(`${s.url}/dossiers/${dossierId}`, { waitUntil: 'networkidle0' })
    expect(new URL(anonyme.url()).pathname).toBe('/connexion')
    expect(await texte(anonyme)).not.toContain('Gestion de projet agile')
    await capturer(anonyme, '13-connexion')
  })
})
