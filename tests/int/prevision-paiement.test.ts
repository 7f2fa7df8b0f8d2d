/**
 * Payment forecast on a real database (SQLite, and PostgreSQL with TEST_DB=postgres): the figures
 * read by src/services/previsionPaiement.ts (SQL rows) equal the pure function fed with the
 * invoices and payments read independently through the Local API — every invoice and payment,
 * credit notes, cancelled, draft and company invoices included, for the pure function to set
 * aside by itself — and equal the figures worked out by hand from the world below, at an
 * injected « now ».
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq, type Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { ajouterJours } from '@/src/domain/facturation/previsionPaiement'
import { previsionsParLaLocalApi } from '@/tests/helpers/previsionPaiement'
import { facturesEnRetardPrevision, previsionDeFacture, previsionsPaiement, previsionsParFacture } from '@/src/services/previsionPaiement'
import type { User } from '@/src/payload-types'

let ctx: ContexteTest
let payload: Payload
let monde: Monde

const MAINTENANT = new Date('2026-06-30T10:00:00.000Z')
const ids: Record<string, number> = {}
let opcoC: number
let opcoD: number
let numero = 0

beforeAll(async () => {
  ctx = await demarrerPayload('prevision-paiement')
  payload = ctx.payload
  monde = await creerMonde(payload)
  const dossier = async (cote: 'A' | 'B', extra: Record<string, unknown> = {}) => (await creerDossier(payload, monde, cote, 'accepte', { montantValide: 500_00, numeroDossierOpco: 'X-1', ...extra })).id as number
  const facture = async (nom: string, d: number, dateEmission: string | null, extra: Record<string, unknown> = {}) => {
    const f = await payload.create({
      collection: 'invoices',
      data: {
        dossier: d,
        destinataire: 'opco',
        statut: 'emise',
        ...(dateEmission ? { dateEmission, numero: `F-2026-${String(++numero).padStart(5, '0')}` } : {}),
        totalHT: 500_00,
        totalTVA: 0,
        totalTTC: 500_00,
        lignes: [{ libelle: 'Formation', quantite: 1, prixUnitaireHT: 500_00 }],
        ...extra,
      } as never,
    })
    ids[nom] = f.id as number
  }
  let ref = 0
  const paiement = (d: number, date: string, montant = 500_00, extra: Record<string, unknown> = {}) =>
    payload.create({ collection: 'payments', data: { dossier: d, montant, date: `${date}T00:00:00.000Z`, payeur: 'opco', statut: 'recu', reference: `VIR-${++ref}`, ...extra } as never })

  // OPCO A: 7 paid invoices — delays 20, 35 (in two payments: 100 € on day 10), 40, 50, 70, 90,
  // and in the last dossier a second invoice paid by the same transfer 63 days after its issue.
  for (const [i, j] of [20, 35, 40, 50, 70, 90].entries()) {
    const d = await dossier('A')
    await facture(`a${i}`, d, '2026-01-05T09:00:00.000Z')
    if (j === 35) await paiement(d, '2026-01-15', 100_00)
    if (j === 90) await facture('a6bis', d, '2026-02-01T09:00:00.000Z')
    await paiement(d, ajouterJours('2026-01-05', j), j === 35 ? 400_00 : j === 90 ? 1000_00 : 500_00)
  }
  // OPCO B: 3 paid invoices (5, 6, 7 days): under 5, the defaults apply.
  for (const j of [5, 6, 7]) {
    const d = await dossier('B')
    await facture(`b${j}`, d, '2026-01-05T09:00:00.000Z')
    await paiement(d, ajouterJours('2026-01-05', j))
  }
  // Open invoices: A late (10/04 + 70 = 19/06), A on time (01/05 + 70 = 10/07);
  // B late (10/05 + 45 = 24/06, issued at 23:30 UTC on 09/05: the 10th in Paris), B on time;
  // B partly paid (100 € of 500 €) and an expected (not received) payment: still open, late.
  await facture('aRetard', await dossier('A'), '2026-04-10T08:00:00.000Z')
  await facture('aALHeure', await dossier('A'), '2026-05-01T08:00:00.000Z')
  await facture('bRetard', await dossier('B'), '2026-05-09T23:30:00.000Z')
  await facture('bALHeure', await dossier('B'), '2026-06-01T08:00:00.000Z')
  const partiel = await dossier('B')
  await facture('bPartiel', partiel, '2026-02-01T08:00:00.000Z')
  await paiement(partiel, '2026-02-20', 100_00)
  await paiement(partiel, '2026-02-25', 400_00, { statut: 'attendu' })
  // Never observed nor open: a cancelled invoice and its credit note, a company invoice, a draft,
  // and a company payment covering all of them.
  const exclu = await dossier('A')
  await facture('annulee', exclu, '2026-01-10T08:00:00.000Z', { statut: 'annulee' })
  await facture('avoir', exclu, '2026-01-12T08:00:00.000Z', { type: 'avoir', numero: 'A-2026-00001', factureOrigine: ids.annulee })
  await facture('entreprise', exclu, '2026-01-10T08:00:00.000Z', { destinataire: 'entreprise' })
  await facture('brouillon', exclu, null, { statut: 'brouillon' })
  await paiement(exclu, '2026-01-20', 2000_00)
  await paiement(exclu, '2026-01-21', 500_00, { payeur: 'entreprise' })
  // OPCO C: no paid invoice, a payment term of 60 days on its record → defaults 60 / 75 days;
  // OPCO D: a term on its record, but 5 paid invoices (10 days each): observed figures win.
  opcoC = (await payload.create({ collection: 'opcos', data: { code: 'OCAPIAT', nom: 'Ocapiat', delaiPaiementJours: 60 } as never })).id as number
  opcoD = (await payload.create({ collection: 'opcos', data: { code: 'OPCOEP', nom: 'Opco EP', delaiPaiementJours: 90 } as never })).id as number
  await facture('cOuverte', await dossier('A', { opco: opcoC }), '2026-04-01T08:00:00.000Z')
  for (let k = 0; k < 5; k++) {
    const d = await dossier('A', { opco: opcoD })
    await facture(`d${k}`, d, '2026-03-02T08:00:00.000Z')
    await paiement(d, '2026-03-12')
  }
}, 180_000)
afterAll(async () => ctx?.fermer())

const parLaFonctionPure = () => previsionsParLaLocalApi(payload, MAINTENANT)

describe('prévision de paiement', () => {
  it('les chiffres lus en SQL égalent la fonction pure sur les lignes lues par la Local API', async () => {
    expect(await previsionsPaiement(payload, MAINTENANT)).toEqual(await parLaFonctionPure())
  })

  it('égalent aussi les chiffres établis à la main : A observé (7 délais), B par défaut (3 délais), C au délai de sa fiche, D observé malgré sa fiche', async () => {
    const p = await previsionsPaiement(payload, MAINTENANT)
    const opcoA = monde.opcoA.id as number
    const opcoB = monde.opcoB.id as number
    expect(p.parOpco).toEqual(
      [
        // [20, 35, 40, 50, 63, 70, 90]: median the 4th, 80th percentile the ⌈5,6⌉ = 6th.
        { opco: opcoA, observations: 7, source: 'observee', medianeJours: 50, p80Jours: 70 },
        { opco: opcoB, observations: 3, source: 'defaut', medianeJours: 30, p80Jours: 45 },
        { opco: opcoC, observations: 0, source: 'delai_opco', medianeJours: 60, p80Jours: 75 },
        { opco: opcoD, observations: 5, source: 'observee', medianeJours: 10, p80Jours: 10 },
      ].sort((x, y) => x.opco - y.opco),
    )
    const ouvertes = new Map(p.ouvertes.map((o) => [o.facture, o]))
    expect([...ouvertes.keys()].sort((x, y) => x - y)).toEqual([ids.aRetard, ids.aALHeure, ids.bRetard, ids.bALHeure, ids.bPartiel, ids.cOuverte].sort((x, y) => x! - y!))
    // 01/04 + 60 = 31/05, + 75 = 15/06: 15 days late on 30/06.
    expect(ouvertes.get(ids.cOuverte!)).toMatchObject({ datePrevue: '2026-05-31', dateAuPlusTard: '2026-06-15', enRetard: true, joursRetard: 15, source: 'delai_opco' })
    expect(ouvertes.get(ids.aRetard!)).toMatchObject({ jourEmission: '2026-04-10', datePrevue: '2026-05-30', dateAuPlusTard: '2026-06-19', enRetard: true, joursRetard: 11 })
    expect(ouvertes.get(ids.aALHeure!)).toMatchObject({ datePrevue: '2026-06-20', dateAuPlusTard: '2026-07-10', enRetard: false, joursRetard: 0 })
    expect(ouvertes.get(ids.bRetard!)).toMatchObject({ jourEmission: '2026-05-10', datePrevue: '2026-06-09', dateAuPlusTard: '2026-06-24', enRetard: true, joursRetard: 6, source: 'defaut' })
    expect(ouvertes.get(ids.bPartiel!)).toMatchObject({ dateAuPlusTard: '2026-03-18', enRetard: true, joursRetard: 104 })
    expect(p.enRetard.map((o) => o.facture)).toEqual([ids.bPartiel, ids.cOuverte, ids.aRetard, ids.bRetard])
    expect(p.payees.find((x) => x.facture === ids.a6bis)).toMatchObject({ jourEmission: '2026-02-01', jourPaiement: '2026-04-05', jours: 63 })
    expect(p.payees.find((x) => x.facture === ids.a1)).toMatchObject({ jourPaiement: '2026-02-09', jours: 35 })
  })

  it('un autre « maintenant » : la veille du premier retard, rien de la facture de A', async () => {
    const p = await previsionsPaiement(payload, new Date('2026-06-19T21:59:00.000Z')) // 23 h 59 le 19/06 à Paris
    expect(p.enRetard.map((o) => o.facture)).toEqual([ids.bPartiel, ids.cOuverte])
    expect(await previsionsPaiement(payload, new Date('2026-06-19T22:00:00.000Z'))).toMatchObject({ enRetard: [{ facture: ids.bPartiel }, { facture: ids.cOuverte }, { facture: ids.aRetard, joursRetard: 1 }] })
  })

  it('liste « Factures en retard » du tableau de bord : nom de l’OPCO, montant, dans l’ordre du retard', async () => {
    const l = await facturesEnRetardPrevision(payload, MAINTENANT)
    expect(l.total).toBe(4)
    expect(l.factures.map((f) => [f.facture, f.nomOpco, f.montant, f.joursRetard])).toEqual([
      [ids.bPartiel, 'Akto', 500_00, 104],
      [ids.cOuverte, 'Ocapiat', 500_00, 15],
      [ids.aRetard, 'Atlas', 500_00, 11],
      [ids.bRetard, 'Akto', 500_00, 6],
    ])
    expect((await facturesEnRetardPrevision(payload, MAINTENANT, 2)).factures).toHaveLength(2)
  })

  it('colonne de la liste : les factures ouvertes seulement', async () => {
    const m = await previsionsParFacture(payload, MAINTENANT)
    expect(Object.keys(m).map(Number).sort((x, y) => x - y)).toEqual([ids.aRetard, ids.aALHeure, ids.bRetard, ids.bALHeure, ids.bPartiel, ids.cOuverte].sort((x, y) => x! - y!))
    expect(m[String(ids.bRetard)]).toEqual({ datePrevue: '2026-06-09', dateAuPlusTard: '2026-06-24', enRetard: true, joursRetard: 6, source: 'defaut' })
  })

  it('une facture, pour qui la lit : ouverte, payée, sans objet ; 404 pour qui ne la lit pas, 400 pour un identifiant illisible', async () => {
    const req = (user: User) => createLocalReq({ user }, payload)
    const admin = await req(monde.admin)
    expect(await previsionDeFacture(admin, String(ids.aRetard), MAINTENANT)).toMatchObject({ etat: 'ouverte', dateAuPlusTard: '2026-06-19', delais: { observations: 7, medianeJours: 50, p80Jours: 70 } })
    expect(await previsionDeFacture(await req(monde.opcoUserA), ids.aRetard, MAINTENANT)).toMatchObject({ etat: 'ouverte', joursRetard: 11 })
    expect(await previsionDeFacture(await req(monde.userA), ids.a2, MAINTENANT)).toMatchObject({ etat: 'payee', jours: 40 })
    expect(await previsionDeFacture(admin, ids.avoir, MAINTENANT)).toMatchObject({ etat: 'sans_objet' })
    expect(await previsionDeFacture(admin, ids.annulee, MAINTENANT)).toMatchObject({ etat: 'sans_objet' })
    expect(await previsionDeFacture(admin, ids.entreprise, MAINTENANT)).toMatchObject({ etat: 'sans_objet' })
    await expect(previsionDeFacture(await req(monde.opcoUserB), ids.aRetard, MAINTENANT)).rejects.toMatchObject({ status: 404 })
    await expect(previsionDeFacture(await req(monde.userB), ids.aRetard, MAINTENANT)).rejects.toMatchObject({ status: 404 })
    await expect(previsionDeFacture(admin, 999_999, MAINTENANT)).rejects.toMatchObject({ status: 404 })
    await expect(previsionDeFacture(admin, '1 OR 1=1', MAINTENANT)).rejects.toMatchObject({ status: 400 })
  })
})
