/**
 * Payment forecast in the admin panel, in headless Chromium on the built app (the list cell and
 * the edit view's block are client components: only a browser shows them): the invoice list's
 * « Paiement prévu » column, the invoice's « Prévision de paiement » block and the dashboard's
 * « Factures en retard » show the dates of the pure function as jj/mm/aaaa; axe-core finds no
 * serious or critical violation on the list and the dashboard, nor in the edit view's block.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'puppeteer-core'
import { connexionAdmin, lancerChromium } from '@/tests/helpers/navigateur'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { violationsGraves } from '@/tests/helpers/axe'
import { formaterDateFr } from '@/src/domain/dates'
import { previsionsParLaLocalApi } from '@/tests/helpers/previsionPaiement'

let s: ServeurDeTest
let monde: Monde
let browser: Browser
let page: Page
const ids: Record<string, number> = {}
const J = 86_400_000

beforeAll(async () => {
  s = await demarrerServeur('e2e-prevision-paiement')
  monde = await creerMonde(s.payload)
  let n = 0
  for (const [nom, jours] of [['enRetard', 80], ['aLHeure', 3]] as const) {
    const d = await creerDossier(s.payload, monde, 'A', 'accepte', { montantValide: 2_000_00, numeroDossierOpco: 'X-1' })
    const f = await s.payload.create({
      collection: 'invoices',
      data: { dossier: d.id, destinataire: 'opco', statut: 'emise', numero: `F-2026-0000${++n}`, dateEmission: new Date(Date.now() - jours * J).toISOString(), totalHT: 2_000_00, totalTVA: 0, totalTTC: 2_000_00, lignes: [{ libelle: 'Formation', quantite: 1, prixUnitaireHT: 2_000_00 }] } as never,
    })
    ids[nom] = f.id as number
  }
  browser = await lancerChromium()
  page = await (await browser.createBrowserContext()).newPage()
  await page.setViewport({ width: 1280, height: 900 })
  await connexionAdmin(page, s.url, monde.admin.email, MOT_DE_PASSE)
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await s?.arreter()
})

const attendu = async () => new Map((await previsionsParLaLocalApi(s.payload, new Date())).ouvertes.map((o) => [o.facture, o]))

const violations = async (chemin: string) => (await violationsGraves(page)).map((v) => `${chemin} — ${v.impact} ${v.id} (${v.help}) : ${v.cibles.join(' | ')}`)

/**
 * The same audit limited to one block: the invoice edit view has violations of Payload's own
 * array field (« Ajouter Ligne » contrast, unnamed drag handle) that are not this feature's.
 */
async function violationsDuBloc(selecteur: string): Promise<string[]> {
  await violationsGraves(page) // injects axe-core into the page
  const r = (await page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe
    return axe.run(sel, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
  }, selecteur)) as { violations: { id: string; impact: string | null; nodes: { html: string }[] }[] }
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${selecteur} — ${v.impact} ${v.id} : ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`)
}

describe('prévision de paiement dans le panneau', () => {
  it('liste des factures : colonne « Paiement prévu », en rouge avec les jours de retard', async () => {
    const p = await attendu()
    await page.goto(`${s.url}/admin/collections/invoices`, { waitUntil: 'networkidle2' })
    await page.waitForSelector(`[data-date-prevue="${p.get(ids.enRetard!)!.datePrevue}"]`, { timeout: 30_000 })
    const cellules = await page.$$eval('[data-date-prevue]', (els) => els.map((e) => ({ date: e.getAttribute('data-date-prevue'), texte: e.textContent, titre: e.getAttribute('title') })))
    const retard = p.get(ids.enRetard!)!
    const alheure = p.get(ids.aLHeure!)!
    expect(cellules).toEqual(
      expect.arrayContaining([
        { date: retard.datePrevue, texte: `${formaterDateFr(retard.datePrevue)} (+${retard.joursRetard} j)`, titre: `Au plus tard le ${formaterDateFr(retard.dateAuPlusTard)} : en retard de ${retard.joursRetard} jours` },
        { date: alheure.datePrevue, texte: formaterDateFr(alheure.datePrevue), titre: `Au plus tard le ${formaterDateFr(alheure.dateAuPlusTard)}` },
      ]),
    )
    expect(await page.$eval('thead', (e) => e.textContent)).toContain('Paiement prévu')
    expect(await violations('/admin/collections/invoices')).toEqual([])
  })

  it('fiche de la facture : date prévue, au plus tard, retard et le calcul', async () => {
    const retard = (await attendu()).get(ids.enRetard!)!
    await page.goto(`${s.url}/admin/collections/invoices/${ids.enRetard}`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('[data-prevision-paiement] [data-date-prevue]', { timeout: 30_000 })
    const texte = (await page.$eval('[data-prevision-paiement]', (e) => e.textContent ?? '')).replace(/\s+/g, ' ')
    expect(texte).toContain(`Paiement prévu le ${formaterDateFr(retard.datePrevue)}, au plus tard le ${formaterDateFr(retard.dateAuPlusTard)} — en retard de ${retard.joursRetard} jours.`)
    expect(texte).toContain('valeurs par défaut')
    expect(await violationsDuBloc('[data-prevision-paiement]')).toEqual([])
  })

  it('accueil : « Factures en retard » avec la facture en retard seulement', async () => {
    await page.goto(`${s.url}/admin`, { waitUntil: 'networkidle2' })
    await page.waitForSelector('[data-testid="factures-en-retard"]', { timeout: 30_000 })
    const lignes = await page.$$eval('[data-testid="factures-en-retard"] tr[data-facture]', (els) => els.map((e) => Number(e.getAttribute('data-facture'))))
    expect(lignes).toEqual([ids.enRetard])
    expect(await violations('/admin')).toEqual([])
  })
})
