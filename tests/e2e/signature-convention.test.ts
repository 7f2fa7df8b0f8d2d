/**
 * End to end in headless Chromium at 390 px (a phone), issue 17 item 5: a signer opens the link
 * from the e-mail, asks for the code, draws the signature with the mouse on the canvas, consents
 * and signs; the beneficiary who is a signer signs from the portal's dossier page; the admin sees
 * the state on the dossier and « Renvoyer le lien »; once all have signed, the dossier says so.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { dernierCode, dernierJeton, deposerConventionGeneree, poster, signerParHttp } from '@/tests/helpers/signatureConvention'
import { lireSignature } from '@/src/domain/emargement'

let s: ServeurDeTest
let browser: Browser
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('e2e-signature-convention')
  monde = await creerMonde(s.payload)
  browser = await lancerChromium()
})
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

async function telephone(): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage()
  await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: false, deviceScaleFactor: 2 })
  return page
}

const demande = async (dossier: number) => (await s.payload.find({ collection: 'signatures-convention', where: { dossier: { equals: dossier } }, sort: '-createdAt', limit: 1, depth: 0, overrideAccess: true })).docs[0]!

describe('signature de la convention au téléphone', () => {
  it('dessinée à la souris sur la page du lien, depuis le portail pour le bénéficiaire, puis suivie par l’équipe', async () => {
    const d = await creerDossier(s.payload, monde, 'A', 'valide', { typeFormation: 'bilan', beneficiaire: { nom: 'Martin', prenom: 'Karim', email: monde.userA.email } })
    await deposerConventionGeneree(s.payload, d.id, 'bilan')
    const admin = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` }
    const rh = `rh-${d.id}@alpha.exemple.fr`
    const of = `of-${d.id}@forma.exemple.fr`
    const r = await poster(s.url, `/api/dossiers/${d.id}/signature-convention`, {
      signataires: [
        { role: 'entreprise', nom: 'Lefèvre', prenom: 'Agnès', fonction: 'Directrice générale', email: rh },
        { role: 'salarie', nom: 'Martin', prenom: 'Karim', email: monde.userA.email },
        { role: 'organisme', nom: 'Nguyen', prenom: 'Thi', fonction: 'Responsable pédagogique', email: of },
      ],
    }, admin)
    expect(r.status).toBe(201)

    // 1. The company's representative, from the e-mailed link, draws with the mouse.
    const page = await telephone()
    await page.goto(`${s.url}/signature/${await dernierJeton(s.payload, rh)}`, { waitUntil: 'networkidle0' })
    await page.waitForSelector('[data-testid="signature-vous"]')
    expect(await page.$eval('[data-testid="signature-vous"]', (e) => (e as HTMLElement).innerText)).toMatch(/Représentant de l’entreprise : Agnès Lefèvre, Directrice générale/)
    expect(await page.$eval('[data-testid="lien-pdf"]', (a) => (a as HTMLAnchorElement).getAttribute('href'))).toMatch(/\/api\/signatures\/.+\/pdf$/)
    // A DOM click: the PDF viewer above may still be laying out under the pointer.
    await page.$eval('button[data-action="envoyer-code"]', (b) => (b as HTMLButtonElement).click())
    await page.waitForSelector('[data-testid="signature-canvas"], [data-testid="signature-erreur"]')
    expect(await page.$eval('body', (e) => (e as HTMLElement).innerText)).not.toMatch(/Erreur|Trop de codes|introuvable/)
    expect(await page.$eval('[data-testid="signature-message"]', (e) => (e as HTMLElement).innerText)).toMatch(/Code envoyé à rh•+@alpha\.exemple\.fr/)
    await page.type('#code-signature', await dernierCode(s.payload, rh))
    const zone = (await (await page.$('[data-testid="signature-canvas"]'))!.boundingBox())!
    expect(zone.width).toBeLessThanOrEqual(390)
    await page.mouse.move(zone.x + 20, zone.y + zone.height * 0.7)
    await page.mouse.down()
    for (let i = 1; i <= 25; i++) await page.mouse.move(zone.x + 20 + i * ((zone.width - 40) / 25), zone.y + zone.height * (0.7 - 0.4 * Math.sin((i / 25) * Math.PI)), { steps: 2 })
    await page.mouse.up()
    await page.click('#consentement')
    await page.screenshot({ path: 'test-results/signature-convention-telephone.png', fullPage: true })
    await page.click('button[data-action="signer"]')
    await page.waitForSelector('[data-testid="signature-terminee"]', { timeout: 30_000 })
    expect(await page.$eval('[data-testid="signature-message"]', (e) => (e as HTMLElement).innerText)).toMatch(/votre signature est enregistrée/)
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const apresRh = await demande(d.id)
    const ligne = apresRh.signataires!.find((x) => x.role === 'entreprise')!
    expect(ligne).toMatchObject({ typeSignature: 'dessin' })
    const image = lireSignature(ligne.signatureImage)
    expect(image.ok && image.type).toBe('image/png')
    // A real stroke, not a blank canvas: the PNG of the drawing is bigger than an empty one.
    expect(image.ok && image.octets.length).toBeGreaterThan(1500)

    // 2. The beneficiary (the employee of the bilan) signs from the dossier page of the portal.
    const portail = await telephone()
    await portail.setCookie({ name: 'monopco-token', value: await connecter(s.url, monde.userA.email, MOT_DE_PASSE), url: s.url })
    await portail.goto(`${s.url}/dossiers/${d.id}`, { waitUntil: 'networkidle0' })
    const bloc = await portail.$eval('[data-testid="signature-convention"]', (e) => (e as HTMLElement).innerText)
    expect(bloc).toMatch(/En cours de signature/)
    expect(bloc).toMatch(/Agnès Lefèvre — a signé le \d{2}\/\d{2}\/\d{4}/)
    await Promise.all([portail.waitForNavigation({ waitUntil: 'networkidle0' }), portail.click('button[data-action="signer-convention"]')])
    expect(new URL(portail.url()).pathname).toMatch(/^\/signature\/[A-Za-z0-9_-]{43}$/)
    await portail.waitForSelector('button[data-action="envoyer-code"]')
    expect(await portail.$eval('main, body', (e) => (e as HTMLElement).innerText)).toMatch(/vous pouvez signer jusqu’au \d{2}\/\d{2}\/\d{4}/)
    await portail.click('button[data-action="envoyer-code"]')
    await portail.waitForSelector('#code-signature')
    await portail.type('#code-signature', await dernierCode(s.payload, monde.userA.email))
    await portail.click('[data-testid="mode-saisie"]')
    await portail.type('#nom-signature', 'Karim Martin')
    await portail.click('#consentement')
    await portail.click('button[data-action="signer"]')
    await portail.waitForSelector('[data-testid="signature-terminee"]', { timeout: 30_000 })

    // 3. The team: the state on the dossier, « Renvoyer le lien » to the provider, who signs.
    const equipe = await (await browser.createBrowserContext()).newPage()
    await equipe.setViewport({ width: 1400, height: 1100 })
    await connexionAdmin(equipe, s.url, monde.admin.email, MOT_DE_PASSE)
    await equipe.goto(`${s.url}/admin/collections/dossiers/${d.id}`, { waitUntil: 'networkidle2' })
    await equipe.waitForSelector('[data-testid="signature-convention-admin"] table', { timeout: 30_000 })
    const ancien = await dernierJeton(s.payload, of)
    const boutons = await equipe.$$('[data-testid="signature-convention-admin"] tbody button')
    expect(boutons).toHaveLength(1)
    await boutons[0]!.click()
    await equipe.waitForFunction(() => /Nouveau lien envoyé/.test(document.querySelector('[data-testid="signature-convention-admin"]')?.textContent ?? ''), { timeout: 30_000 })
    expect((await poster(s.url, `/api/signatures/${ancien}/code`)).status).toBe(404)
    expect((await signerParHttp(s.url, s.payload, of, 'Thi Nguyen')).body).toMatchObject({ toutesSignees: true })
    await equipe.reload({ waitUntil: 'networkidle2' })
    await equipe.waitForSelector('[data-testid="signature-convention-admin"] [data-statut-signature="signee"]', { timeout: 30_000 })
    await equipe.screenshot({ path: 'test-results/signature-convention-admin.png', fullPage: true })
    await portail.goto(`${s.url}/dossiers/${d.id}`, { waitUntil: 'networkidle0' })
    expect(await portail.$eval('[data-testid="signature-convention"]', (e) => (e as HTMLElement).innerText)).toMatch(/Signée par toutes les parties/)
    expect(await portail.$('button[data-action="signer-convention"]')).toBeNull()
  })
})
