/**
 * One definition per figure (issue 13, item 6), over real HTTP on the demo data (src/seed) plus
 * one overpayment: each figure — demandé, validé, dû par l'OPCO, payé par l'OPCO, payé par
 * l'entreprise, reste dû, trop-perçu — is computed here, in plain JavaScript, from the dossier and payment rows, and
 * the dashboard, the reports page, the payments page (HTML as served) and the CSV export all
 * show exactly those figures, in total and per OPCO. SQLite, and PostgreSQL with TEST_DB=postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { lireCsv } from '@/tests/helpers/csv'
import { seedDemo } from '@/src/seed'
import { DEFAULT_SEED_ADMIN_EMAIL, DEFAULT_SEED_ADMIN_PASSWORD } from '@/src/config/env'

let s: ServeurDeTest
let jwt: Record<string, string>
const ANNEE = new Date().getUTCFullYear()
const DU = `${ANNEE}-01-01`
const AU = `${ANNEE}-12-31`

type Figures = { demande: number; valide: number; duOpco: number; payeOpco: number; payeEntreprise: number; resteDu: number; tropPercu: number }
const zero = (): Figures => ({ demande: 0, valide: 0, duOpco: 0, payeOpco: 0, payeEntreprise: 0, resteDu: 0, tropPercu: 0 })
const ACCORDS = ['accepte', 'accepte_partiel', 'en_formation', 'realise', 'facture', 'paye', 'cloture']

let total: Figures
let parOpco: Map<string, { nom: string; f: Figures }>
let tropPercus: string[]
let avecFacture = 0

/** Written from the README's definitions, independently of src/domain/reports/montants.ts. */
async function calculer(): Promise<void> {
  const dossiers = (await s.payload.find({ collection: 'dossiers', pagination: false, depth: 0, overrideAccess: true })).docs as unknown as Record<string, unknown>[]
  const paiements = (await s.payload.find({ collection: 'payments', pagination: false, depth: 0, overrideAccess: true })).docs as unknown as Record<string, unknown>[]
  const opcos = (await s.payload.find({ collection: 'opcos', pagination: false, depth: 0, overrideAccess: true })).docs
  const factures = (await s.payload.find({ collection: 'invoices', pagination: false, depth: 0, overrideAccess: true })).docs as unknown as Record<string, unknown>[]
  const debut = Date.parse(`${DU}T00:00:00.000Z`)
  const fin = Date.parse(`${ANNEE + 1}-01-01T00:00:00.000Z`)
  total = zero()
  parOpco = new Map()
  tropPercus = []
  avecFacture = 0
  for (const d of dossiers) {
    const cree = Date.parse(String(d.createdAt))
    if (!(cree >= debut && cree < fin)) continue
    const siens = paiements.filter((p) => String(p.dossier) === String(d.id) && (p.statut ?? 'recu') === 'recu')
    const recu = (payeur: string) => siens.filter((p) => p.payeur === payeur).reduce((a, p) => a + Number(p.montant), 0)
    const valide = ACCORDS.includes(String(d.status)) && Number(d.montantValide) > 0 ? Number(d.montantValide) : 0
    // Once invoiced, the OPCO owes its issued invoices (credit notes and drafts aside); before, the validated amount.
    const facturesOpco = factures.filter((i) => String(i.dossier) === String(d.id) && (i.type ?? 'facture') === 'facture' && i.destinataire === 'opco' && ['emise', 'payee'].includes(String(i.statut)))
    const du = facturesOpco.length > 0 ? facturesOpco.reduce((a, i) => a + Number(i.totalTTC), 0) : valide
    if (facturesOpco.length > 0) avecFacture++
    const opco = recu('opco')
    const f: Figures = {
      demande: d.soumissionDate ? (Number(d.montantEstime) > 0 ? Number(d.montantEstime) : Number(d.coutTotalHT ?? 0)) : 0,
      valide,
      duOpco: du,
      payeOpco: Math.min(opco, du),
      payeEntreprise: recu('entreprise'),
      resteDu: Math.max(du - opco, 0),
      tropPercu: Math.max(opco - du, 0),
    }
    if (f.tropPercu > 0) tropPercus.push(String(d.reference))
    const cle = d.opco == null ? '' : String(d.opco)
    const ligne = parOpco.get(cle) ?? { nom: String(opcos.find((o) => String(o.id) === cle)?.nom ?? 'Sans OPCO'), f: zero() }
    for (const k of Object.keys(f) as (keyof Figures)[]) {
      ligne.f[k] += f[k]
      total[k] += f[k]
    }
    parOpco.set(cle, ligne)
  }
}

beforeAll(async () => {
  s = await demarrerServeur('chiffres')
  await seedDemo(s.payload)
  // An overpayment the pages must show as an anomaly (never hidden in « payé »).
  const accepte = (await s.payload.find({ collection: 'dossiers', where: { status: { equals: 'en_formation' } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]!
  await s.payload.create({
    collection: 'payments',
    data: { dossier: accepte.id, montant: Number(accepte.montantValide) + 12_345, date: new Date().toISOString(), payeur: 'opco', statut: 'recu', reference: 'VIR-TROP-PERCU-1' } as never,
    overrideAccess: true,
  })
  // An OPCO invoice for fewer hours than agreed: once invoiced, the OPCO owes the invoice, not the validated amount.
  const facture = (await s.payload.find({ collection: 'dossiers', where: { status: { in: ['accepte', 'accepte_partiel'] } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]!
  const ttc = Number(facture.montantValide) - 10_000
  await s.payload.create({
    collection: 'invoices',
    data: { dossier: facture.id, destinataire: 'opco', statut: 'emise', numero: 'F-2026-09999', dateEmission: new Date().toISOString(), dateEcheance: new Date(Date.now() + 30 * 86_400_000).toISOString(), totalHT: ttc, totalTVA: 0, totalTTC: ttc, lignes: [{ libelle: 'Formation', quantite: 1, prixUnitaireHT: ttc }] } as never,
    overrideAccess: true,
  })
  // The seed takes longer than the server's keep-alive: the pooled connection of the start-up
  // check is closed by now, and the first request on it fails (« other side closed »). Spend it on a GET.
  await fetch(`${s.url}/api/health`).catch(() => undefined)
  jwt = { Authorization: `JWT ${await connecter(s.url, DEFAULT_SEED_ADMIN_EMAIL, DEFAULT_SEED_ADMIN_PASSWORD)}` }
  await calculer()
}, 240_000)
afterAll(async () => s?.arreter())

const page = async (chemin: string) => {
  const r = await fetch(`${s.url}${chemin}`, { headers: jwt })
  expect(r.status).toBe(200)
  return r.text()
}
/** « 21 677,00 € » (any spaces) → 2167700 cents; « — » → 0. */
const centimes = (texte: string): number => {
  const t = texte.replace(/<!-- -->/g, '').replace(/[^\d,-]/g, '')
  if (!t) return 0
  const [e, c = '00'] = t.split(',')
  return Number(e) * 100 + Number(c.padEnd(2, '0'))
}
const tuile = (html: string, id: string): number | null => {
  const m = new RegExp(`data-kpi="${id}"[\\s\\S]*?data-valeur(?:="[^"]*")?>([^<]*(?:<!-- -->[^<]*)*)<`).exec(html)
  return m ? centimes(m[1]!) : null
}
const decoder = (h: string) => h.replace(/&#x27;/g, '’').replace(/&amp;/g, '&')
/** Rows of the first table after `marqueur`: cells as text. */
const lignesTableau = (html: string, marqueur: string): string[][] => {
  const debut = html.indexOf(marqueur)
  expect(debut).toBeGreaterThan(-1)
  const table = html.slice(debut, html.indexOf('</table>', debut))
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((tr) => [...tr[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => decoder(c[1]!.replace(/<[^>]+>/g, '')).trim()))
}

/** Table cells in the pages' column order: demandé, validé, dû, payé OPCO, reste dû, payé entreprise, trop-perçu. */
const enFigures = (c: string[]): Figures => ({
  demande: centimes(c[0]!),
  valide: centimes(c[1]!),
  duOpco: centimes(c[2]!),
  payeOpco: centimes(c[3]!),
  resteDu: centimes(c[4]!),
  payeEntreprise: centimes(c[5]!),
  tropPercu: centimes(c[6]!),
})

describe('une définition par chiffre : tableau de bord, rapports, paiements et export CSV d’accord', () => {
  it('le jeu de démonstration exerce chaque chiffre', () => {
    for (const k of ['demande', 'valide', 'duOpco', 'payeOpco', 'payeEntreprise', 'resteDu', 'tropPercu'] as const) expect({ k, v: total[k] > 0 }).toEqual({ k, v: true })
    expect(total.duOpco).toBe(total.payeOpco + total.resteDu)
    expect(avecFacture).toBeGreaterThan(0)
  })

  it('tableau de bord et rapport annuel : les tuiles', async () => {
    for (const html of [await page(`/admin?du=${DU}&au=${AU}`), await page(`/admin/rapports?annee=${ANNEE}`)]) {
      expect({
        demande: tuile(html, 'montant-demande'),
        valide: tuile(html, 'montant-valide'),
        duOpco: tuile(html, 'montant-du-opco'),
        payeOpco: tuile(html, 'montant-paye-opco'),
        payeEntreprise: tuile(html, 'montant-paye-entreprise'),
        resteDu: tuile(html, 'montant-reste-du'),
        tropPercu: tuile(html, 'montant-trop-percu'),
      }).toEqual(total)
    }
  })

  it('rapport annuel et page Paiements : chaque ligne par OPCO ; les trop-perçus listés', async () => {
    const rapport = lignesTableau(await page(`/admin/rapports?annee=${ANNEE}`), 'Taux d’acceptation')
    const paiementsHtml = await page(`/admin/paiements?du=${DU}&au=${AU}`)
    const paiements = lignesTableau(paiementsHtml, 'data-testid="paiements-par-opco"')
    for (const { nom, f } of parOpco.values()) {
      // Rapport: OPCO, soumis, acceptés, refusés, taux, demandé, validé, dû, payé OPCO, reste dû, payé entreprise, trop-perçu.
      const r = rapport.find((l) => l[0] === nom)!
      expect({ nom, ...enFigures(r.slice(5)) }).toEqual({ nom, ...f })
      // Paiements: OPCO, demandé, validé, dû, payé OPCO, reste dû, payé entreprise, trop-perçu.
      const p = paiements.find((l) => l[0] === nom)!
      expect({ nom, ...enFigures(p.slice(1)) }).toEqual({ nom, ...f })
    }
    expect(enFigures(paiements.find((l) => l[0] === 'Total')!.slice(1))).toEqual(total)
    const anomalies = lignesTableau(paiementsHtml, 'data-testid="trop-percus"').slice(1).map((l) => l[0])
    expect(anomalies.sort()).toEqual([...tropPercus].sort())
  })

  it('export CSV des dossiers créés sur la période : les colonnes additionnées donnent les mêmes chiffres', async () => {
    const r = await fetch(`${s.url}/api/exports`, { method: 'POST', headers: { ...jwt, 'Content-Type': 'application/json' }, body: JSON.stringify({ format: 'csv', filtres: { du: DU, au: AU } }) })
    expect(r.status).toBe(201)
    const id = ((await r.json()) as { doc: { id: number } }).doc.id
    // The seed queued e-mails and documents too: run the queue until the export is written.
    for (let i = 0; i < 30 && (await s.payload.findByID({ collection: 'exports', id, depth: 0 })).statut !== 'termine'; i++) await s.payload.jobs.run({ limit: 50 })
    const f = await fetch(`${s.url}/api/exports/${id}/telecharger`, { headers: jwt })
    expect(f.status).toBe(200)
    const table = lireCsv(Buffer.from(await f.arrayBuffer()).subarray(3).toString('utf8'))
    const col = (entete: string) => {
      const i = table[0]!.indexOf(entete)
      expect({ entete, present: i >= 0 }).toEqual({ entete, present: true })
      return table.slice(1).reduce((a, l) => a + centimes(l[i] ?? ''), 0)
    }
    expect({
      demande: col('Demandé (€)'),
      valide: col('Validé accordé (€)'),
      duOpco: col('Dû par l’OPCO (€)'),
      payeOpco: col('Payé par l’OPCO (€)'),
      payeEntreprise: col('Payé par l’entreprise (€)'),
      resteDu: col('Reste dû par l’OPCO (€)'),
      tropPercu: col('Trop-perçu (€)'),
    }).toEqual(total)
  })

  it('l’API des statistiques donne les mêmes chiffres', async () => {
    const r = await fetch(`${s.url}/api/rapports/statistiques?du=${DU}&au=${AU}`, { headers: jwt })
    expect(r.status).toBe(200)
    expect(((await r.json()) as { montants: Figures }).montants).toEqual(total)
  })
})
