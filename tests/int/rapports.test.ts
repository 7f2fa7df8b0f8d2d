/**
 * Reports and exports on a real database (SQLite, and PostgreSQL with TEST_DB=postgres): every
 * figure of the statistics equals the one computed here, in plain JavaScript, from the seeded
 * rows; the CSV and XLSX of a filtered list are parsed and hold exactly the expected rows; only
 * admins export; an empty export is a valid file with its headers; every export is logged.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import ExcelJS from 'exceljs'
import type { Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { lireCsv } from '@/tests/helpers/csv'
import { requeteSql, sql } from '@/src/db/sql'
import { listesATraiter } from '@/src/services/rapports/aTraiter'
import { paiementsParOpco } from '@/src/services/rapports/paiements'
import { calculerStatistiques } from '@/src/services/rapports/statistiques'
import { COLONNES_DOSSIERS } from '@/src/domain/reports/colonnes'
import { additionnerMontants, montantsDossier } from '@/src/domain/reports/montants'
import { LIBELLES_STATUT, type StatutDossier } from '@/src/domain/statuts'

let ctx: ContexteTest
let payload: Payload
let monde: Monde

const J = 86_400_000
const MAINTENANT = new Date('2026-05-10T12:00:00.000Z')
const PERIODE = { du: '2026-01-01', au: '2026-04-30' }
const DEBUT = Date.parse('2026-01-01T00:00:00.000Z')
const FIN = Date.parse('2026-05-01T00:00:00.000Z')
const iso = (t: number) => new Date(t).toISOString()

interface Graine {
  cote: 'A' | 'B'
  status: StatutDossier
  nom: string
  coutTotalHT: number
  creation: number
  soumission: number | null
  validation: number | null
  envoi: number | null
  reponse: number | null
  montantValide: number | null
  paiements: { montant: number; date: number; payeur: 'opco' | 'entreprise'; statut: 'recu' | 'attendu' | 'annule' }[]
}

/** 30 dossiers from Nov. 2025 to May 2026: some before, in and after the period, every stage. */
function graines(): Graine[] {
  const base = Date.parse('2025-11-20T09:30:00.000Z')
  return Array.from({ length: 30 }, (_, i) => {
    const soumission = i % 10 === 9 ? null : base + i * 6 * J + (i % 3) * 3_600_000
    const validation = soumission !== null && i % 4 !== 3 ? soumission + ((i % 5) + 1) * J + 7_200_000 : null
    const envoi = validation !== null && i % 3 !== 2 ? validation + ((i % 4) + 1) * J + 1_800_000 : null
    const reponse = envoi !== null && i % 5 !== 4 ? envoi + ((i % 7) + 2) * J : null
    const accepte = reponse !== null && i % 2 === 0
    const coutTotalHT = 100_000 + i * 1_237
    const montantValide = accepte ? Math.round(coutTotalHT * 0.8) + 3 : null
    const status: StatutDossier = reponse !== null ? (accepte ? (i % 4 === 0 ? 'en_formation' : 'accepte') : 'refuse') : envoi !== null ? 'envoye_opco' : validation !== null ? 'valide' : soumission !== null ? (i % 2 ? 'en_revue' : 'soumis') : 'brouillon'
    const paiements: Graine['paiements'] = []
    if (accepte && montantValide !== null && i % 4 === 0) {
      paiements.push({ montant: Math.floor(montantValide / 2), date: reponse! + ((i % 6) + 3) * J, payeur: 'opco', statut: 'recu' })
      paiements.push({ montant: montantValide - Math.floor(montantValide / 2), date: reponse! + ((i % 6) + 20) * J, payeur: 'opco', statut: 'recu' })
    }
    if (accepte && i % 6 === 2) paiements.push({ montant: 12_345, date: reponse! + 5 * J, payeur: 'entreprise', statut: 'recu' })
    if (accepte && i % 6 === 4) paiements.push({ montant: 99_999, date: reponse! + 4 * J, payeur: 'opco', statut: 'attendu' })
    return {
      cote: i % 3 === 0 ? 'B' : 'A',
      status,
      nom: i === 7 ? 'Dupont; "le grand"' : `Nom${String(i).padStart(2, '0')}`,
      coutTotalHT,
      creation: (soumission ?? base + i * 6 * J) - 2 * J,
      soumission,
      validation,
      envoi,
      reponse,
      montantValide,
      paiements,
    }
  })
}

interface Ligne {
  id: number
  graine: Graine
  opco: number
  montantEstime: number | null
  reference: string
}
let lignes: Ligne[] = []

beforeAll(async () => {
  ctx = await demarrerPayload('rapports')
  payload = ctx.payload
  monde = await creerMonde(payload)
  for (const g of graines()) {
    const d = await creerDossier(payload, monde, g.cote, g.status, {
      beneficiaire: { nom: g.nom, prenom: 'Test', email: 'x@exemple.fr' },
      coutTotalHT: g.coutTotalHT,
      ...(g.soumission !== null ? { soumissionDate: iso(g.soumission) } : {}),
      ...(g.validation !== null ? { validationAdminDate: iso(g.validation) } : {}),
      ...(g.envoi !== null ? { envoiOpcoDate: iso(g.envoi) } : {}),
      ...(g.reponse !== null ? { reponseOpcoDate: iso(g.reponse) } : {}),
      ...(g.montantValide !== null ? { montantValide: g.montantValide, numeroDossierOpco: 'X-1' } : {}),
      ...(g.status === 'refuse' ? { motifRefus: 'Hors critères : test' } : {}),
    })
    // Creation dates spread over months: Payload stamps createdAt itself, so set it in SQL.
    await requeteSql(payload, undefined, sql`UPDATE dossiers SET created_at = ${iso(g.creation)} WHERE id = ${d.id}`)
    let n = 0
    for (const p of g.paiements) {
      await payload.create({ collection: 'payments', data: { dossier: d.id, montant: p.montant, date: iso(p.date), payeur: p.payeur, statut: p.statut, reference: `VIR-${String(d.id)}-${n++}` } as never })
    }
  }
  // Read back: amounts the hooks computed (montantEstime) count in « requested ».
  const relus = await payload.find({ collection: 'dossiers', pagination: false, depth: 0, sort: 'id' })
  const gs = graines()
  lignes = relus.docs.map((d, i) => ({ id: Number(d.id), graine: gs[i]!, opco: Number(d.opco), montantEstime: (d.montantEstime as number | null) ?? null, reference: String(d.reference) }))
  // Invoices: two overdue (one for each OPCO side), one paid, one not yet due.
  const facture = (dossier: number, statut: string, echeance: string, totalTTC: number, n: number) => {
    facturesOpco.set(dossier, [...(facturesOpco.get(dossier) ?? []), { type: 'facture', destinataire: 'opco', statut, totalTTC }])
    return payload.create({
      collection: 'invoices',
      data: { dossier, destinataire: 'opco', statut, numero: `F-2026-${String(n).padStart(5, '0')}`, dateEmission: '2026-03-01T00:00:00.000Z', dateEcheance: echeance, totalHT: totalTTC, totalTVA: 0, totalTTC, lignes: [{ libelle: 'Formation', quantite: 1, prixUnitaireHT: totalTTC }] } as never,
    })
  }
  await facture(lignes[0]!.id, 'emise', '2026-04-01T00:00:00.000Z', 80_003, 1)
  await facture(lignes[1]!.id, 'emise', '2026-05-01T00:00:00.000Z', 45_678, 2)
  await facture(lignes[2]!.id, 'payee', '2026-04-01T00:00:00.000Z', 11_111, 3)
  await facture(lignes[4]!.id, 'emise', '2026-06-01T00:00:00.000Z', 22_222, 4)
}, 180_000)
afterAll(async () => ctx?.fermer())

/** The OPCO invoices written by the set-up, per dossier id (they define what the OPCO owes once invoiced). */
const facturesOpco = new Map<number, { type: string; destinataire: string; statut: string; totalTTC: number }[]>()
const dans = (t: number | null | undefined): t is number => t !== null && t !== undefined && t >= DEBUT && t < FIN
const moyenne = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length)

/** The figures, recomputed from the seed with the definitions of the README. */
function attendu(opco?: number) {
  const ls = lignes.filter((l) => opco === undefined || l.opco === opco)
  const g = (l: Ligne) => l.graine
  const parStatut: Record<string, number> = {}
  for (const l of ls.filter((l) => dans(g(l).creation))) parStatut[g(l).status] = (parStatut[g(l).status] ?? 0) + 1
  const soumis = ls.filter((l) => dans(g(l).soumission))
  const valides = soumis.filter((l) => g(l).validation !== null)
  const reponses = ls.filter((l) => dans(g(l).reponse))
  const acceptes = reponses.filter((l) => g(l).montantValide !== null)
  const refuses = reponses.filter((l) => g(l).status === 'refuse')
  const delai = (a: (x: Graine) => number | null, b: (x: Graine) => number | null) =>
    ls.filter((l) => a(g(l)) !== null && dans(b(g(l)))).map((l) => (b(g(l))! - a(g(l))!) / J)
  const premiers = ls
    .map((l) => ({ l, recus: g(l).paiements.filter((p) => p.statut === 'recu' && p.payeur === 'opco').map((p) => p.date) }))
    .filter((x) => g(x.l).reponse !== null && x.recus.length > 0)
    .map((x) => ({ reponse: g(x.l).reponse!, premier: Math.min(...x.recus) }))
    .filter((x) => dans(x.premier))
  // Money: one definition (src/domain/reports/montants.ts) over the dossiers created in the period.
  const montants = additionnerMontants(
    ls
      .filter((l) => dans(g(l).creation))
      .map((l) => montantsDossier({ status: g(l).status, soumissionDate: g(l).soumission === null ? null : iso(g(l).soumission!), montantEstime: l.montantEstime, coutTotalHT: g(l).coutTotalHT, montantValide: g(l).montantValide }, g(l).paiements, facturesOpco.get(l.id) ?? [])),
  )
  const mois = new Map<string, number>()
  for (const l of soumis) {
    const m = iso(g(l).soumission!).slice(0, 7)
    mois.set(m, (mois.get(m) ?? 0) + 1)
  }
  const enMois = (debut: string, fin: string) => ls.filter((l) => g(l).soumission !== null && g(l).soumission! >= Date.parse(debut) && g(l).soumission! < Date.parse(fin)).length
  return {
    parStatut,
    soumis: soumis.length,
    valides: valides.length,
    acceptes: acceptes.length,
    refuses: refuses.length,
    sv: delai((x) => x.soumission, (x) => x.validation),
    ve: delai((x) => x.validation, (x) => x.envoi),
    er: delai((x) => x.envoi, (x) => x.reponse),
    rp: premiers.map((x) => (x.premier - x.reponse) / J),
    montants,
    mois: [...mois.entries()].sort(([a], [b]) => a.localeCompare(b)),
    moisCourant: enMois('2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'),
    moisPrecedent: enMois('2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z'),
  }
}

describe('statistiques : agrégats SQL = calcul indépendant', () => {
  for (const cas of ['toutes', 'opcoA'] as const) {
    it(`période ${PERIODE.du} → ${PERIODE.au}, ${cas === 'toutes' ? 'tous OPCO' : 'un OPCO'}`, async () => {
      const opco = cas === 'opcoA' ? Number(monde.opcoA.id) : undefined
      const s = await calculerStatistiques(payload, { ...PERIODE, ...(opco ? { opco } : {}) }, MAINTENANT)
      const e = attendu(opco)
      // The seed must exercise every figure, or the comparison proves little.
      expect(e.soumis).toBeGreaterThan(5)
      expect(e.acceptes).toBeGreaterThan(0)
      expect(e.refuses).toBeGreaterThan(0)
      expect(e.rp.length).toBeGreaterThan(0)
      expect(s.parStatut).toEqual(e.parStatut)
      expect(s.totalDossiers).toBe(Object.values(e.parStatut).reduce((a, b) => a + b, 0))
      expect(s.soumis).toEqual({ periode: e.soumis, moisCourant: e.moisCourant, moisPrecedent: e.moisPrecedent })
      expect(s.validation.soumis).toBe(e.soumis)
      expect(s.validation.valides).toBe(e.valides)
      expect(s.validation.taux).toBeCloseTo(e.valides / e.soumis, 10)
      expect(s.acceptationOpco).toEqual({ acceptes: e.acceptes, refuses: e.refuses, taux: e.acceptes / (e.acceptes + e.refuses) })
      for (const [cle, valeurs] of [['soumissionValidation', e.sv], ['validationEnvoi', e.ve], ['envoiReponse', e.er], ['reponsePaiement', e.rp]] as const) {
        expect(s.delais[cle].nombre).toBe(valeurs.length)
        expect(s.delais[cle].moyenneJours).toBeCloseTo(moyenne(valeurs)!, 5)
      }
      // Sums to the cent (integers, exact).
      expect(e.montants.valide).toBeGreaterThan(0)
      expect(e.montants.payeOpco).toBeGreaterThan(0)
      expect(s.montants).toEqual(e.montants)
      expect(s.parMois.map((m) => [m.mois, m.soumis])).toEqual(e.mois)
    })
  }

  it('par OPCO : chaque ligne égale le calcul restreint à cet OPCO', async () => {
    const s = await calculerStatistiques(payload, PERIODE, MAINTENANT)
    for (const opco of [Number(monde.opcoA.id), Number(monde.opcoB.id)]) {
      const e = attendu(opco)
      const l = s.parOpco.find((x) => x.opco === opco)!
      expect(l).toMatchObject({ soumis: e.soumis, acceptes: e.acceptes, refuses: e.refuses, ...e.montants })
    }
    expect(s.parOpco.map((x) => x.nom)).toEqual(['Akto', 'Atlas'])
  })

  it('paiements en retard : factures émises dont l’échéance est passée', async () => {
    const s = await calculerStatistiques(payload, PERIODE, MAINTENANT)
    expect(s.retards).toEqual({ nombre: 2, montant: 80_003 + 45_678 })
    const p = await paiementsParOpco(payload, PERIODE, MAINTENANT)
    expect(p.enRetard.map((f) => [f.numero, f.montant, f.joursRetard])).toEqual([
      ['F-2026-00001', 80_003, 39],
      ['F-2026-00002', 45_678, 9],
    ])
    // Same figures as the statistics, on the same population (dossiers created in the period).
    for (const opco of [Number(monde.opcoA.id), Number(monde.opcoB.id)]) {
      const e = attendu(opco).montants
      expect(p.parOpco.find((x) => x.opco === opco)).toMatchObject({ ...e, attendu: e.duOpco, recu: e.payeOpco, ecart: e.resteDu })
    }
  })

  it('sans données sur la période : zéros et taux absents, pas d’erreur', async () => {
    const s = await calculerStatistiques(payload, { du: '2030-01-01', au: '2030-12-31' }, MAINTENANT)
    expect(s.totalDossiers).toBe(0)
    expect(s.validation.taux).toBeNull()
    expect(s.acceptationOpco.taux).toBeNull()
    expect(s.delais.envoiReponse).toEqual({ moyenneJours: null, nombre: 0 })
    expect(s.montants).toEqual({ demande: 0, valide: 0, duOpco: 0, payeOpco: 0, tropPercu: 0, payeEntreprise: 0, resteDu: 0 })
    expect(s.parMois).toEqual([])
  })

  it('« à traiter aujourd’hui » : à examiner, OPCO en retard, formation proche non envoyée', async () => {
    const r = await listesATraiter(payload, { opcoJours: 21, debutJours: 15 }, MAINTENANT)
    const attenduARevoir = lignes.filter((l) => ['soumis', 'en_revue'].includes(l.graine.status)).sort((a, b) => a.graine.soumission! - b.graine.soumission!)
    expect(r.aRevoir.map((d) => d.id)).toEqual(attenduARevoir.slice(0, 10).map((l) => l.id))
    const retard = lignes.filter((l) => l.graine.status === 'envoye_opco' && l.graine.envoi! < MAINTENANT.getTime() - 21 * J).sort((a, b) => a.graine.envoi! - b.graine.envoi!)
    expect(r.opcoEnRetard.map((d) => d.id)).toEqual(retard.slice(0, 10).map((l) => l.id))
    // Every seeded training starts on 2027-03-01: not within 15 days of MAINTENANT.
    expect(r.debutProche).toEqual([])
    const proche = await listesATraiter(payload, { opcoJours: 21, debutJours: 15 }, new Date('2027-02-20T08:00:00.000Z'))
    expect(proche.debutProche.map((d) => d.id).sort((a, b) => a - b)).toEqual(
      lignes.filter((l) => ['brouillon', 'soumis', 'en_revue', 'valide'].includes(l.graine.status)).map((l) => l.id).slice(0, 10),
    )
  })
})

const admin = () => ({ ...monde.admin, collection: 'users' }) as never

async function exporter(format: 'csv' | 'xlsx', filtres: Record<string, unknown>) {
  const e = await payload.create({ collection: 'exports', data: { format, filtres } as never, user: admin(), overrideAccess: false })
  expect(e.statut).toBe('en_attente')
  await payload.jobs.run()
  const fini = await payload.findByID({ collection: 'exports', id: e.id, depth: 0 })
  expect(fini.statut).toBe('termine')
  expect(fini.progression).toBe(100)
  return { ligne: fini, chemin: path.join(ctx.dossierFichiers, 'exports', `export-${String(e.id)}.${format}`) }
}

const ENTETES = COLONNES_DOSSIERS.map((c) => c.entete)
const eurosFr = (c: number) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`
const jourFr = (t: number) => iso(t).slice(0, 10).split('-').reverse().join('/')

describe('exports CSV et XLSX d’une liste filtrée', () => {
  const filtres = () => ({ opco: Number(monde.opcoA.id), statuts: ['accepte', 'en_formation', 'refuse'] })
  const attendues = () => lignes.filter((l) => l.opco === Number(monde.opcoA.id) && ['accepte', 'en_formation', 'refuse'].includes(l.graine.status))

  it('CSV : BOM, « ; », en-têtes français, exactement les lignes attendues, montants 1234,56', async () => {
    const { ligne, chemin } = await exporter('csv', filtres())
    const octets = fs.readFileSync(chemin)
    expect([...octets.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const table = lireCsv(octets.subarray(3).toString('utf8'))
    expect(table[0]).toEqual(ENTETES)
    const corps = table.slice(1)
    const e = attendues()
    expect(e.length).toBeGreaterThan(3)
    expect(ligne.lignes).toBe(e.length)
    expect(corps.map((r) => r[0])).toEqual(e.map((l) => l.reference))
    const col = (nom: string) => ENTETES.indexOf(nom)
    for (const [i, l] of e.entries()) {
      const r = corps[i]!
      expect(r).toHaveLength(ENTETES.length)
      expect(r[col('Statut')]).toBe(LIBELLES_STATUT[l.graine.status])
      expect(r[col('Nom du bénéficiaire')]).toBe(l.graine.nom)
      expect(r[col('OPCO')]).toBe('Atlas')
      expect(r[col('Entreprise')]).toBe('Alpha Conseil')
      expect(r[col('Coût total HT (€)')]).toBe(eurosFr(l.graine.coutTotalHT))
      expect(r[col('Montant validé (€)')]).toBe(l.graine.montantValide === null ? '' : eurosFr(l.graine.montantValide))
      expect(r[col('Soumis le')]).toBe(jourFr(l.graine.soumission!))
      expect(r[col('Réponse de l’OPCO le')]).toBe(jourFr(l.graine.reponse!))
    }
  })

  it('XLSX : cellules typées (nombres en euros, dates), exactement les lignes attendues', async () => {
    const { chemin } = await exporter('xlsx', filtres())
    const classeur = new ExcelJS.Workbook()
    await classeur.xlsx.readFile(chemin)
    const feuille = classeur.getWorksheet('Dossiers')!
    const valeurs = (n: number) => (feuille.getRow(n).values as unknown[]).slice(1)
    expect(valeurs(1)).toEqual(ENTETES)
    const e = attendues()
    expect(feuille.actualRowCount).toBe(e.length + 1)
    const col = (nom: string) => ENTETES.indexOf(nom) + 1
    for (const [i, l] of e.entries()) {
      const row = feuille.getRow(i + 2)
      expect(row.getCell(1).value).toBe(l.reference)
      const cout = row.getCell(col('Coût total HT (€)'))
      expect(cout.type).toBe(ExcelJS.ValueType.Number)
      expect(cout.value).toBe(l.graine.coutTotalHT / 100)
      expect(cout.numFmt).toContain('€')
      const valide = row.getCell(col('Montant validé (€)')).value
      expect(valide).toBe(l.graine.montantValide === null ? null : l.graine.montantValide / 100)
      const soumis = row.getCell(col('Soumis le'))
      expect(soumis.type).toBe(ExcelJS.ValueType.Date)
      expect((soumis.value as Date).getTime()).toBe(l.graine.soumission)
      expect(row.getCell(col('Nom du bénéficiaire')).value).toBe(l.graine.nom)
    }
  })

  it('recherche par nom (caractères spéciaux) et par SIRET', async () => {
    const { chemin } = await exporter('csv', { recherche: 'dupont; "le' })
    const table = lireCsv(fs.readFileSync(chemin).subarray(3).toString('utf8'))
    expect(table.slice(1).map((r) => r[3])).toEqual(['Dupont; "le grand"'])
    const siret = (await payload.findByID({ collection: 'companies', id: monde.companyB.id, depth: 0 })).siret as string
    const parSiret = await exporter('csv', { recherche: siret })
    expect(parSiret.ligne.lignes).toBe(lignes.filter((l) => l.graine.cote === 'B').length)
  })

  it('0 ligne : fichiers valides avec seulement les en-têtes', async () => {
    const csv = await exporter('csv', { du: '2031-01-01', au: '2031-01-31' })
    expect(csv.ligne.lignes).toBe(0)
    expect(lireCsv(fs.readFileSync(csv.chemin).subarray(3).toString('utf8'))).toEqual([ENTETES])
    const xlsx = await exporter('xlsx', { du: '2031-01-01', au: '2031-01-31' })
    const classeur = new ExcelJS.Workbook()
    await classeur.xlsx.readFile(xlsx.chemin)
    const feuille = classeur.getWorksheet('Dossiers')!
    expect(feuille.actualRowCount).toBe(1)
    expect((feuille.getRow(1).values as unknown[]).slice(1)).toEqual(ENTETES)
  })

  it('chaque export est journalisé (demande) avec son auteur et ses filtres', async () => {
    const { ligne } = await exporter('csv', { typeFormation: 'bilan' })
    const logs = await payload.find({ collection: 'logs', where: { action: { equals: 'export' }, documentId: { equals: String(ligne.id) } }, depth: 0 })
    expect(logs.docs).toHaveLength(1)
    expect(logs.docs[0]).toMatchObject({ collectionSlug: 'exports', actor: monde.admin.id, changes: { format: 'csv', etape: 'demande', filtres: { typeFormation: 'bilan' } } })
  })

  it('seul un admin exporte : user et opco → 403, rien n’est créé', async () => {
    const avant = (await payload.count({ collection: 'exports' })).totalDocs
    for (const u of [monde.userA, monde.opcoUserA]) {
      await expect(payload.create({ collection: 'exports', data: { format: 'csv', filtres: {} } as never, user: { ...u, collection: 'users' } as never, overrideAccess: false })).rejects.toMatchObject({ status: 403 })
      await expect(payload.find({ collection: 'exports', user: { ...u, collection: 'users' } as never, overrideAccess: false })).rejects.toMatchObject({ status: 403 })
    }
    expect((await payload.count({ collection: 'exports' })).totalDocs).toBe(avant)
  })

  it('filtres invalides → 400 avec un message clair, rien n’est créé', async () => {
    const avant = (await payload.count({ collection: 'exports' })).totalDocs
    const cas: [unknown, RegExp][] = [
      [{ du: '2026-02-30' }, /date AAAA-MM-JJ/],
      [{ du: '2026-03-01', au: '2026-02-01' }, /précéder/],
      [{ statuts: ['inconnu'] }, /statuts/],
      [{ opco: -3 }, /identifiant/],
      [{ champInconnu: 1 }, /Filtre inconnu/],
      [{ recherche: 'x'.repeat(101) }, /trop long/],
      [{ recherche: 'a\u0000b' }, /contrôle/],
      ['texte', /objet/],
      [{ statuts: Array.from({ length: 500 }, () => 'brouillon') }, /trop volumineux|statuts/],
    ]
    for (const [filtres, message] of cas) {
      await expect(payload.create({ collection: 'exports', data: { format: 'csv', filtres } as never, user: admin(), overrideAccess: false })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(message) })
    }
    await expect(payload.create({ collection: 'exports', data: { format: 'pdf', filtres: {} } as never, user: admin(), overrideAccess: false })).rejects.toMatchObject({ status: 400 })
    expect((await payload.count({ collection: 'exports' })).totalDocs).toBe(avant)
  })
})
