/**
 * Each OPCO's deadlines on a real database (SQLite, and PostgreSQL with TEST_DB=postgres): for
 * every seeded OPCO rule set (src/seed) and a second, different one, dossiers whose deadline is
 * the same working day D are read by the service at clocks before / on / after D — the status
 * and days left are the ones worked out by hand; the dashboard list equals the pure function
 * applied to the dossiers, invoices and OPCOs read independently through the Local API; the
 * reminders job writes exactly the outbox rows the pure function calls for (7 days, the day),
 * once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq, type Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { executerRelances } from '@/plugins/notifications/index'
import {
  ajouterJours,
  cleRappelEcheance,
  echeancesDossier,
  estDansLesJours,
  palierRappel,
  reglesEcheancesDe,
  type EtatEcheance,
  type ReglesEcheances,
  type TypeEcheance,
} from '@/src/domain/echeances'
import { construireOpcos } from '@/src/seed/donnees/regles'
import { echeancesDuDossier, echeancesProches, echeancesTableauDeBord } from '@/src/services/echeances'
import { calculerRapportConformite } from '@/src/services/conformite'

let ctx: ContexteTest
let payload: Payload
let monde: Monde

/** A Wednesday, no public holiday near: every deadline of the test falls on it. */
const D = '2027-03-10'
/** Noon in Paris (CET in March) on a day: the injected « now ». */
const midi = (jour: string) => new Date(`${jour}T11:00:00.000Z`)

// The distinct rule sets of the seeded OPCOs (they may share one), and another one.
const seeds: ReglesEcheances[] = [...new Map(construireOpcos().map((o) => [JSON.stringify(reglesEcheancesDe(o)), reglesEcheancesDe(o)])).values()]
const AUTRE: ReglesEcheances = { delaiDepotAvantDebutJours: 30, delaiJustificatifsApresFinJours: 90, validiteAccordJours: 120, delaiPaiementJours: 45 }
const ensembles = [...seeds.map((r, i) => ({ nom: `seed${i}`, regles: r })), { nom: 'autre', regles: AUTRE }]

/** dossier name → id, and which deadline type it carries. */
const dossiers = new Map<string, { id: number; type: TypeEcheance }>()
let numero = 0

beforeAll(async () => {
  ctx = await demarrerPayload('echeances')
  payload = ctx.payload
  monde = await creerMonde(payload)
  for (const [i, { nom, regles }] of ensembles.entries()) {
    for (const r of Object.values(regles)) expect(r).not.toBeNull()
    const opco = await payload.create({ collection: 'opcos', data: { code: `ECH${i}`, nom: `OPCO ${nom}`, ...regles } })
    const mk = async (cle: string, type: TypeEcheance, status: string, extra: Record<string, unknown>) => {
      const d = await creerDossier(payload, monde, 'A', status, { opco: opco.id, ...extra })
      dossiers.set(`${nom}:${cle}`, { id: d.id as number, type })
      return d.id as number
    }
    const formation = (dateDebut: string, dateFin: string) => ({ formation: { titre: 'Excel', dateDebut, dateFin, dureeHeures: 14, modalite: 'presentiel', organisme: monde.provider.id } })
    // Filing: start = D + N, not sent yet.
    await mk('depot', 'depot_demande', 'valide', formation(ajouterJours(D, regles.delaiDepotAvantDebutJours!), ajouterJours(D, regles.delaiDepotAvantDebutJours! + 1)))
    // Sent long before (the filing deadline met), for the dossiers past that step.
    const envoye = { envoiOpcoDate: '2025-11-01T09:00:00.000Z' }
    // Proof of service: end = D − N, done, not invoiced.
    await mk('justificatifs', 'justificatifs', 'realise', { ...envoye, ...formation(ajouterJours(D, -regles.delaiJustificatifsApresFinJours! - 1), ajouterJours(D, -regles.delaiJustificatifsApresFinJours!)) })
    // Payment: OPCO invoice issued on D − N (09:00 Paris), not paid.
    // Payment: the training ended the day before the invoice (proof sent in time).
    const emission = ajouterJours(D, -regles.delaiPaiementJours!)
    const facture = await mk('paiement', 'paiement', 'facture', { ...envoye, ...formation(ajouterJours(emission, -2), ajouterJours(emission, -1)) })
    await payload.create({
      collection: 'invoices',
      data: {
        dossier: facture,
        destinataire: 'opco',
        statut: 'emise',
        numero: `F-2027-${String(++numero).padStart(5, '0')}`,
        dateEmission: `${emission}T08:00:00.000Z`,
        totalHT: 500_00,
        totalTVA: 0,
        totalTTC: 500_00,
        lignes: [{ libelle: 'Formation', quantite: 1, prixUnitaireHT: 500_00 }],
      } as never,
    })
    // Approval: answered on D − N; training planned on D (in time) or D + 1 (too late).
    await mk('accordATemps', 'validite_accord', 'accepte', { ...envoye, reponseOpcoDate: `${ajouterJours(D, -regles.validiteAccordJours!)}T10:00:00.000Z`, ...formation(D, ajouterJours(D, 1)) })
    await mk('accordTardif', 'validite_accord', 'accepte', { ...envoye, reponseOpcoDate: `${ajouterJours(D, -regles.validiteAccordJours!)}T10:00:00.000Z`, ...formation(ajouterJours(D, 1), ajouterJours(D, 2)) })
  }
  // Noise: an OPCO without rules, a cancelled dossier, a dossier already sent.
  await creerDossier(payload, monde, 'B', 'valide', { formation: { titre: 'X', dateDebut: ajouterJours(D, 3), dateFin: ajouterJours(D, 4), organisme: monde.provider.id, dureeHeures: 7 } })
  const seed = await payload.find({ collection: 'opcos', where: { code: { equals: 'ECH0' } }, depth: 0 })
  await creerDossier(payload, monde, 'A', 'annule', { opco: seed.docs[0]!.id, formation: { titre: 'X', dateDebut: ajouterJours(D, 15), dateFin: ajouterJours(D, 16), organisme: monde.provider.id, dureeHeures: 7 } })
  await creerDossier(payload, monde, 'A', 'envoye_opco', { opco: seed.docs[0]!.id, envoiOpcoDate: '2027-03-01T09:00:00.000Z', formation: { titre: 'X', dateDebut: ajouterJours(D, 15), dateFin: ajouterJours(D, 16), organisme: monde.provider.id, dureeHeures: 7 } })
}, 120_000)
afterAll(async () => ctx?.fermer())

/** The pure function over everything read through the Local API (no SQL of the service). */
async function attenduParLaFonctionPure(maintenant: Date, jours: number) {
  const lire = { pagination: false, depth: 0, overrideAccess: true } as const
  const [ds, opcos, factures] = await Promise.all([
    payload.find({ collection: 'dossiers', ...lire }),
    payload.find({ collection: 'opcos', ...lire }),
    payload.find({ collection: 'invoices', ...lire }),
  ])
  const regles = new Map(opcos.docs.map((o) => [o.id, reglesEcheancesDe(o)]))
  return ds.docs.flatMap((d) => {
    const r = regles.get(d.opco as number)
    if (!r) return []
    const emises = factures.docs.filter((f) => f.dossier === d.id && (f.statut === 'emise' || f.statut === 'payee') && f.dateEmission).sort((a, b) => a.dateEmission!.localeCompare(b.dateEmission!))
    return echeancesDossier({ ...d, dateFacture: emises[0]?.dateEmission ?? null }, r, maintenant)
      .filter((e) => estDansLesJours(e, jours))
      .map((e) => ({ dossier: d.id, type: e.type, date: e.date, joursRestants: e.joursRestants, etat: e.etat }))
  })
}

const resume = (l: { dossier: number; echeance: { type: string; date: string; joursRestants: number; etat: string } }[]) =>
  l.map((p) => ({ dossier: p.dossier, type: p.echeance.type, date: p.echeance.date, joursRestants: p.echeance.joursRestants, etat: p.echeance.etat }))
const trier = <T extends { dossier: number; type: string }>(l: T[]) => [...l].sort((a, b) => a.dossier - b.dossier || a.type.localeCompare(b.type))

describe('échéances de chaque règle, la veille, le jour, le lendemain', () => {
  const cas: [string, Date, EtatEcheance, number][] = [
    ['8 jours avant', midi(ajouterJours(D, -8)), 'a_venir', 8],
    ['7 jours avant', midi(ajouterJours(D, -7)), 'proche', 7],
    ['la veille', midi(ajouterJours(D, -1)), 'proche', 1],
    ['le jour, midi', midi(D), 'aujourdhui', 0],
    ['le jour, 23 h 30 à Paris', new Date(`${D}T22:30:00.000Z`), 'aujourdhui', 0],
    ['le lendemain, 0 h 30 à Paris', new Date(`${D}T23:30:00.000Z`), 'depassee', -1],
    ['le lendemain, midi', midi(ajouterJours(D, 1)), 'depassee', -1],
  ]
  it.each(cas)('%s', async (_nom, maintenant, etat, joursRestants) => {
    for (const { nom } of ensembles) {
      for (const type of ['depot', 'justificatifs', 'paiement'] as const) {
        const { id, type: t } = dossiers.get(`${nom}:${type}`)!
        const dossier = await payload.findByID({ collection: 'dossiers', id, depth: 0 })
        const { echeances, prochaine } = await echeancesDuDossier(payload, undefined, dossier, maintenant)
        const e = echeances.find((x) => x.type === t)
        expect({ nom, type, date: e?.date, etat: e?.etat, joursRestants: e?.joursRestants }).toEqual({ nom, type, date: D, etat, joursRestants })
        expect(prochaine?.type).toBe(t)
      }
    }
  })
  it('validité de l’accord : formation prévue le dernier jour ou le lendemain', async () => {
    for (const { nom } of ensembles) {
      for (const [cle, etat] of [['accordATemps', 'respectee'], ['accordTardif', 'depassee']] as const) {
        const dossier = await payload.findByID({ collection: 'dossiers', id: dossiers.get(`${nom}:${cle}`)!.id, depth: 0 })
        const e = (await echeancesDuDossier(payload, undefined, dossier, midi(ajouterJours(D, -20)))).echeances.find((x) => x.type === 'validite_accord')
        expect({ nom, cle, date: e?.date, etat: e?.etat }).toEqual({ nom, cle, date: D, etat })
      }
    }
  })
})

describe('le tableau de bord est la fonction pure', () => {
  it.each([-31, -30, -8, -7, -1, 0, 1, 5].map((n) => [n]))('à J%p', async (n) => {
    const maintenant = midi(ajouterJours(D, n))
    const { sept, trente } = await echeancesTableauDeBord(payload, maintenant)
    expect(trier(resume(trente))).toEqual(trier(await attenduParLaFonctionPure(maintenant, 30)))
    expect(trier(resume(sept))).toEqual(trier(await attenduParLaFonctionPure(maintenant, 7)))
    // Each rule set's three deadlines on D are listed exactly while D is within the window.
    const surD = trente.filter((p) => p.echeance.date === D).length
    expect(surD).toBe(-n >= 0 && -n <= 30 ? ensembles.length * 3 : 0)
    expect(sept.filter((p) => p.echeance.date === D).length).toBe(-n >= 0 && -n <= 7 ? ensembles.length * 3 : 0)
  })
  it('sans fenêtre plus large que demandé', async () => {
    expect(trier(resume(await echeancesProches(payload, midi(ajouterJours(D, -3)), 2)))).toEqual(trier(await attenduParLaFonctionPure(midi(ajouterJours(D, -3)), 2)))
  })
})

describe('relances : à 7 jours et le jour même, une fois', () => {
  type Ligne = { to: string; template: string; dossier: number; cle: string }
  const lignes = async () =>
    (await payload.find({ collection: 'emails', where: { template: { equals: 'relance_echeance' } }, pagination: false, depth: 0, overrideAccess: true, sort: 'id' })).docs as unknown as Ligne[]

  it.each([-9, -8, -7, -6, -1, 0, 0, 1].map((n) => [n]))('à J%p, les lignes nouvelles sont celles que la fonction pure demande', async (n) => {
    const maintenant = midi(ajouterJours(D, n))
    const avant = new Set((await lignes()).map((l) => l.cle))
    await executerRelances(payload, maintenant)
    const nouvelles = (await lignes()).filter((l) => !avant.has(l.cle))
    const attendues = (await attenduParLaFonctionPure(maintenant, 7)).flatMap((e) => {
      const palier = palierRappel(e)
      return palier === null ? [] : [cleRappelEcheance(e.dossier, e, palier, monde.admin.email)]
    })
    expect(nouvelles.map((l) => l.cle).sort()).toEqual(attendues.filter((c) => !avant.has(c)).sort())
    expect(new Set(nouvelles.map((l) => l.to))).toEqual(new Set(nouvelles.length ? [monde.admin.email] : []))
    // Step by step: J−7 sends the « 7 days » reminder of every deadline on D, J sends the « day » one, the others nothing new.
    const surD = nouvelles.filter((l) => l.cle.includes(`:${D}:`)).length
    expect(surD).toBe(n === -7 ? ensembles.length * 3 : n === 0 && !avant.has(cleRappelEcheance(dossiers.get('autre:depot')!.id, { type: 'depot_demande', date: D }, 'jour', monde.admin.email)) ? ensembles.length * 3 : 0)
  })
})

describe('champs « Échéances » de la fiche OPCO', () => {
  it.each([
    [1.5, 'nombre entier de jours'],
    [-1, '0'],
    [3651, '3650'],
    ['quinze', ''],
  ] as const)('%p est refusé, rien n’est écrit', async (valeur, extrait) => {
    const opco = (await payload.find({ collection: 'opcos', where: { code: { equals: 'ECH0' } }, depth: 0 })).docs[0]!
    const erreur = await payload.update({ collection: 'opcos', id: opco.id, data: { delaiPaiementJours: valeur as never } }).then(
      () => null,
      (e: unknown) => e as { status?: number; data?: { errors?: { path: string; message: string }[] } },
    )
    expect(erreur?.status).toBe(400)
    const champ = erreur?.data?.errors?.find((x) => x.path === 'delaiPaiementJours')
    expect(champ?.message).toEqual(expect.stringContaining(extrait))
    expect((await payload.findByID({ collection: 'opcos', id: opco.id, depth: 0 })).delaiPaiementJours).toBe(opco.delaiPaiementJours)
  })
  it('vide = pas de règle ; 0 et 3650 acceptés', async () => {
    const o = await payload.create({ collection: 'opcos', data: { code: 'VIDE', nom: 'Sans délais', delaiDepotAvantDebutJours: 0, validiteAccordJours: 3650 } })
    expect(reglesEcheancesDe(o)).toEqual({ delaiDepotAvantDebutJours: 0, delaiJustificatifsApresFinJours: null, validiteAccordJours: 3650, delaiPaiementJours: null })
    expect(o.echeancesAVerifier).toBe(true)
    await payload.delete({ collection: 'opcos', id: o.id })
  })
})

describe('la conformité lit la même échéance', () => {
  it.each([
    [-8, []],
    [-7, ['echeance-proche:avertissement']],
    [0, ['echeance-proche:avertissement']],
    [1, ['dpc-avant-debut:bloquant']],
  ] as const)('dépôt de la demande à J%p', async (n, attendu) => {
    const req = await createLocalReq({}, payload)
    for (const { nom } of ensembles) {
      const dossier = await payload.findByID({ collection: 'dossiers', id: dossiers.get(`${nom}:depot`)!.id, depth: 0 })
      const r = await calculerRapportConformite(req, dossier, midi(ajouterJours(D, n)))
      const vus = r.constats.filter((c) => c.regle === 'dpc-avant-debut' || c.regle === 'echeance-proche')
      expect({ nom, constats: vus.map((c) => `${c.regle}:${c.severite}`) }).toEqual({ nom, constats: [...attendu] })
      for (const c of vus) expect(c.champs).toEqual(['formation.dateDebut'])
    }
  })
})

// Last: recording payments moves the dossier on (payments' hooks).
describe('paiement reçu', () => {
  it('payée le dernier jour : respectée ; un virement de plus le lendemain n’y change rien', async () => {
    const { id } = dossiers.get('autre:paiement')!
    await payload.create({ collection: 'payments', data: { dossier: id, montant: 500_00, date: `${D}T00:00:00.000Z`, payeur: 'opco', statut: 'recu', reference: 'VIR-1' } as never })
    const avecStatut = { ...(await payload.findByID({ collection: 'dossiers', id, depth: 0 })), status: 'paye' as const }
    expect((await echeancesDuDossier(payload, undefined, avecStatut, midi('2027-06-01'))).echeances.find((e) => e.type === 'paiement')?.etat).toBe('respectee')
    await payload.create({ collection: 'payments', data: { dossier: id, montant: 1, date: `${ajouterJours(D, 1)}T00:00:00.000Z`, payeur: 'opco', statut: 'recu', reference: 'VIR-2' } as never })
    // The invoice was covered on D by the first transfer: a later extra cent changes nothing.
    expect((await echeancesDuDossier(payload, undefined, avecStatut, midi('2027-06-01'))).echeances.find((e) => e.type === 'paiement')?.etat).toBe('respectee')
  })
})
