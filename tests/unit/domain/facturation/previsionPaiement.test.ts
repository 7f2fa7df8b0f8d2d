import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  ajouterJours,
  calculerPrevisions,
  delaisParDefaut,
  ecartJours,
  jourParis,
  joursDePaiement,
  medianeJours,
  OBSERVATIONS_MIN,
  percentile80Jours,
  statistiquesOpco,
  type FacturePourPrevision,
  type PaiementPourPrevision,
} from '@/src/domain/facturation/previsionPaiement'

const DEFAUTS = delaisParDefaut(30)

let prochainId = 1
const facture = (o: Partial<FacturePourPrevision> & { dossier: number; dateEmission: string | null }): FacturePourPrevision => ({
  id: prochainId++,
  opco: 1,
  numero: null,
  type: 'facture',
  destinataire: 'opco',
  statut: 'emise',
  montant: 100_00,
  ...o,
})
const paiement = (o: Partial<PaiementPourPrevision> & { dossier: number; date: string }): PaiementPourPrevision => ({
  id: prochainId++,
  payeur: 'opco',
  statut: 'recu',
  montant: 100_00,
  ...o,
})

describe('médiane et 80e centile', () => {
  it('nombre impair : la valeur du milieu ; pair : moyenne des deux du milieu arrondie au jour supérieur', () => {
    expect(medianeJours([40, 10, 30])).toBe(30)
    expect(medianeJours([10, 20, 30, 41])).toBe(25) // (20 + 30) / 2
    expect(medianeJours([10, 21, 30, 40])).toBe(26) // (21 + 30) / 2 = 25,5 → 26
    expect(medianeJours([7])).toBe(7)
  })
  it('égalités : les valeurs répétées comptent chacune', () => {
    expect(medianeJours([30, 30, 30, 60, 60])).toBe(30)
    expect(percentile80Jours([30, 30, 30, 60, 60])).toBe(60)
    expect(percentile80Jours([30, 30, 30, 30, 60])).toBe(30)
  })
  it('80e centile au rang le plus proche (⌈0,8 n⌉-ième), sans erreur de flottant', () => {
    expect(percentile80Jours([1, 2, 3, 4, 5])).toBe(4) // rang 4, pas 5 (0,8 × 5 = 4,000…01 en flottant)
    expect(percentile80Jours([1, 2, 3, 4, 5, 6])).toBe(5) // ⌈4,8⌉ = 5
    expect(percentile80Jours([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toBe(8)
  })
  it('propriété : min ≤ médiane ≤ 80e centile ≤ max, et le centile est une valeur observée', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 }), (v) => {
        const m = medianeJours(v)
        const p = percentile80Jours(v)
        expect(m).toBeGreaterThanOrEqual(Math.min(...v))
        expect(p).toBeGreaterThanOrEqual(m)
        expect(p).toBeLessThanOrEqual(Math.max(...v))
        expect(v).toContain(p)
      }),
      { seed: 18_04, numRuns: 200 },
    )
  })
  it('liste vide refusée', () => {
    expect(() => medianeJours([])).toThrow(RangeError)
    expect(() => percentile80Jours([])).toThrow(RangeError)
  })
})

describe('valeurs par défaut', () => {
  it(`moins de ${OBSERVATIONS_MIN} observations : délai de paiement et délai + 15 jours`, () => {
    expect(DEFAUTS).toEqual({ medianeJours: 30, p80Jours: 45 })
    expect(statistiquesOpco(3, [1, 2, 3, 4], DEFAUTS)).toEqual({ opco: 3, observations: 4, source: 'defaut', medianeJours: 30, p80Jours: 45 })
    expect(statistiquesOpco(3, [], DEFAUTS).source).toBe('defaut')
    expect(statistiquesOpco(3, [1, 2, 3, 4, 5], DEFAUTS)).toEqual({ opco: 3, observations: 5, source: 'observee', medianeJours: 3, p80Jours: 4 })
    // The OPCO record's own payment term, when it has one, replaces the configured one…
    expect(statistiquesOpco(3, [1, 2, 3, 4], DEFAUTS, 60)).toEqual({ opco: 3, observations: 4, source: 'delai_opco', medianeJours: 60, p80Jours: 75 })
    expect(statistiquesOpco(3, [], DEFAUTS, 0)).toMatchObject({ source: 'delai_opco', medianeJours: 0, p80Jours: 15 })
    // …until 5 observations: then what was observed.
    expect(statistiquesOpco(3, [1, 2, 3, 4, 5], DEFAUTS, 60)).toMatchObject({ source: 'observee', medianeJours: 3, p80Jours: 4 })
    expect(() => delaisParDefaut(-1)).toThrow(RangeError)
    expect(() => delaisParDefaut(1.5)).toThrow(RangeError)
  })
})

describe('jours à Paris', () => {
  it('un instant est ramené à son jour de Paris (hiver UTC+1, été UTC+2)', () => {
    expect(jourParis('2026-01-15T23:30:00.000Z')).toBe('2026-01-16')
    expect(jourParis('2026-07-15T22:30:00.000Z')).toBe('2026-07-16')
    expect(jourParis('2026-07-15T21:30:00.000Z')).toBe('2026-07-15')
    expect(jourParis('2026-03-15T00:00:00.000Z')).toBe('2026-03-15')
    expect(jourParis('pas une date')).toBeNull()
    expect(jourParis(null)).toBeNull()
  })
  it('écart en jours de calendrier à travers les changements d’heure (29/03 et 25/10/2026)', () => {
    // 23 h et 25 h de différence réelle : un jour de calendrier chacun.
    expect(ecartJours(jourParis('2026-03-28T23:00:00.000Z')!, jourParis('2026-03-29T22:00:00.000Z')!)).toBe(1)
    expect(ecartJours(jourParis('2026-10-24T22:00:00.000Z')!, jourParis('2026-10-25T23:00:00.000Z')!)).toBe(1)
    expect(ecartJours('2026-03-01', '2026-04-30')).toBe(60)
    expect(ajouterJours('2026-03-20', 30)).toBe('2026-04-19')
    expect(ajouterJours('2026-10-20', 10)).toBe('2026-10-30')
    expect(ajouterJours('2028-02-28', 1)).toBe('2028-02-29')
    expect(() => ecartJours('2026-3-1', '2026-04-01')).toThrow(RangeError)
  })
})

describe('date de paiement d’une facture (premier émis, premier payé, par dossier)', () => {
  it('une facture payée en plusieurs fois est payée le jour où le total des paiements l’atteint', () => {
    const f = facture({ dossier: 1, dateEmission: '2026-02-02T10:00:00.000Z', montant: 1000_00 })
    const p1 = paiement({ dossier: 1, date: '2026-02-20T00:00:00.000Z', montant: 400_00 })
    const p2 = paiement({ dossier: 1, date: '2026-03-10T00:00:00.000Z', montant: 600_00 })
    expect(joursDePaiement([f], [p1])).toEqual(new Map()) // partiel : pas payée
    expect(joursDePaiement([f], [p2, p1])).toEqual(new Map([[f.id, '2026-03-10']]))
  })
  it('deux factures d’un dossier : la première émise est soldée la première ; un paiement d’un autre dossier ne compte pas', () => {
    const f1 = facture({ dossier: 2, dateEmission: '2026-02-01T10:00:00.000Z', montant: 300_00 })
    const f2 = facture({ dossier: 2, dateEmission: '2026-02-05T10:00:00.000Z', montant: 200_00 })
    const autre = paiement({ dossier: 3, date: '2026-02-06T00:00:00.000Z', montant: 10_000_00 })
    const p = paiement({ dossier: 2, date: '2026-03-01T00:00:00.000Z', montant: 350_00 })
    expect(joursDePaiement([f2, f1], [autre, p])).toEqual(new Map([[f1.id, '2026-03-01']]))
    const p2 = paiement({ dossier: 2, date: '2026-03-15T00:00:00.000Z', montant: 150_00 })
    expect(joursDePaiement([f2, f1], [p2, p])).toEqual(
      new Map([
        [f1.id, '2026-03-01'],
        [f2.id, '2026-03-15'],
      ]),
    )
  })
  it('seuls les paiements reçus de l’OPCO comptent ; avoirs, brouillons, factures annulées ou à l’entreprise ignorés', () => {
    const f = facture({ dossier: 4, dateEmission: '2026-02-01T10:00:00.000Z', montant: 500_00 })
    const annulee = facture({ dossier: 4, dateEmission: '2026-01-01T10:00:00.000Z', statut: 'annulee', montant: 500_00 })
    const avoir = facture({ dossier: 4, dateEmission: '2026-01-20T10:00:00.000Z', type: 'avoir', montant: 500_00 })
    const entreprise = facture({ dossier: 4, dateEmission: '2026-01-02T10:00:00.000Z', destinataire: 'entreprise', montant: 500_00 })
    const brouillon = facture({ dossier: 4, dateEmission: null, statut: 'brouillon', montant: 500_00 })
    const parEntreprise = paiement({ dossier: 4, date: '2026-02-03T00:00:00.000Z', payeur: 'entreprise', montant: 500_00 })
    const attendu = paiement({ dossier: 4, date: '2026-02-04T00:00:00.000Z', statut: 'attendu', montant: 500_00 })
    const annule = paiement({ dossier: 4, date: '2026-02-05T00:00:00.000Z', statut: 'annule', montant: 500_00 })
    const recu = paiement({ dossier: 4, date: '2026-02-26T00:00:00.000Z', montant: 500_00 })
    const toutes = [f, annulee, avoir, entreprise, brouillon]
    expect(joursDePaiement(toutes, [parEntreprise, attendu, annule])).toEqual(new Map())
    expect(joursDePaiement(toutes, [parEntreprise, attendu, annule, recu])).toEqual(new Map([[f.id, '2026-02-26']]))
  })
})

describe('calculerPrevisions', () => {
  const maintenant = new Date('2026-06-30T10:00:00.000Z')

  /** OPCO `opco`: one paid invoice per delay (issued 2026-01-05, each in its own dossier). */
  const payeesApres = (opco: number, delais: number[], dossierDepart: number) =>
    delais.flatMap((j, i) => {
      const dossier = dossierDepart + i
      return [
        { f: facture({ dossier, opco, dateEmission: '2026-01-05T09:00:00.000Z' }) },
        { p: paiement({ dossier, date: `${ajouterJours('2026-01-05', j)}T00:00:00.000Z` }) },
      ]
    })
  const separer = (l: { f?: FacturePourPrevision; p?: PaiementPourPrevision }[]) => ({
    factures: l.flatMap((x) => (x.f ? [x.f] : [])),
    paiements: l.flatMap((x) => (x.p ? [x.p] : [])),
  })

  it('OPCO avec ≥ 5 paiements : chiffres observés ; < 5 : valeurs par défaut ; date prévue, au plus tard, retard', () => {
    const observes = separer(payeesApres(1, [20, 35, 40, 50, 70, 90], 100)) // médiane (40+50)/2 = 45, p80 rang 5 = 70
    const peu = separer(payeesApres(2, [5, 6, 7], 200))
    const ouverteA1 = facture({ dossier: 300, opco: 1, dateEmission: '2026-04-10T08:00:00.000Z', numero: 'F-2026-00010', montant: 1234_56 }) // au plus tard 19/06 : en retard de 11 j
    const ouverteB1 = facture({ dossier: 301, opco: 1, dateEmission: '2026-05-01T08:00:00.000Z' }) // au plus tard 10/07 : pas en retard
    const ouverteA2 = facture({ dossier: 302, opco: 2, dateEmission: '2026-05-10T08:00:00.000Z' }) // défaut 30/45 : au plus tard 24/06, 6 j
    const sansOpco = facture({ dossier: 303, opco: null, dateEmission: '2026-05-16T08:00:00.000Z' }) // défaut : au plus tard 30/06, pas en retard (pas « après »)
    const r = calculerPrevisions(
      [...observes.factures, ...peu.factures, ouverteA1, ouverteB1, ouverteA2, sansOpco],
      [...observes.paiements, ...peu.paiements],
      maintenant,
      DEFAUTS,
    )
    expect(r.parOpco).toEqual([
      { opco: null, observations: 0, source: 'defaut', medianeJours: 30, p80Jours: 45 },
      { opco: 1, observations: 6, source: 'observee', medianeJours: 45, p80Jours: 70 },
      { opco: 2, observations: 3, source: 'defaut', medianeJours: 30, p80Jours: 45 },
    ])
    const parId = new Map(r.ouvertes.map((o) => [o.facture, o]))
    expect(parId.get(ouverteA1.id)).toEqual({
      facture: ouverteA1.id,
      dossier: 300,
      opco: 1,
      numero: 'F-2026-00010',
      montant: 1234_56,
      jourEmission: '2026-04-10',
      datePrevue: '2026-05-25',
      dateAuPlusTard: '2026-06-19',
      enRetard: true,
      joursRetard: 11,
      source: 'observee',
    })
    expect(parId.get(ouverteB1.id)).toMatchObject({ datePrevue: '2026-06-15', dateAuPlusTard: '2026-07-10', enRetard: false, joursRetard: 0 })
    expect(parId.get(ouverteA2.id)).toMatchObject({ datePrevue: '2026-06-09', dateAuPlusTard: '2026-06-24', enRetard: true, joursRetard: 6, source: 'defaut' })
    expect(parId.get(sansOpco.id)).toMatchObject({ dateAuPlusTard: '2026-06-30', enRetard: false, joursRetard: 0 })
    expect(r.ouvertes).toHaveLength(4)
    expect(r.enRetard.map((o) => o.facture)).toEqual([ouverteA1.id, ouverteA2.id])
    expect(r.payees).toHaveLength(9)
  })

  it('délai de paiement de la fiche OPCO : valeur par défaut de cet OPCO seulement', () => {
    const f1 = facture({ dossier: 410, opco: 7, dateEmission: '2026-04-01T08:00:00.000Z' })
    const f2 = facture({ dossier: 411, opco: 8, dateEmission: '2026-04-01T08:00:00.000Z' })
    const r = calculerPrevisions([f1, f2], [], maintenant, DEFAUTS, new Map([[7, 60]]))
    expect(r.parOpco.map((s) => [s.opco, s.source, s.medianeJours, s.p80Jours])).toEqual([
      [7, 'delai_opco', 60, 75],
      [8, 'defaut', 30, 45],
    ])
    expect(r.ouvertes.find((o) => o.facture === f1.id)).toMatchObject({ datePrevue: '2026-05-31', dateAuPlusTard: '2026-06-15', joursRetard: 15, source: 'delai_opco' })
  })

  it('« aujourd’hui » est le jour de Paris : à 23 h 30 UTC le 30/06 (1 h 30 le 1er/07 à Paris), la facture du 16/05 est en retard', () => {
    const f = facture({ dossier: 400, opco: null, dateEmission: '2026-05-16T08:00:00.000Z' })
    expect(calculerPrevisions([f], [], new Date('2026-06-30T21:30:00.000Z'), DEFAUTS).enRetard).toHaveLength(0)
    expect(calculerPrevisions([f], [], new Date('2026-06-30T22:30:00.000Z'), DEFAUTS).enRetard.map((o) => o.joursRetard)).toEqual([1])
  })

  it('jour d’émission à Paris : une facture émise le 31/03 à 23 h 30 UTC l’est le 01/04', () => {
    const f = facture({ dossier: 401, opco: null, dateEmission: '2026-03-31T23:30:00.000Z' })
    expect(calculerPrevisions([f], [], maintenant, DEFAUTS).ouvertes[0]).toMatchObject({ jourEmission: '2026-04-01', datePrevue: '2026-05-01', dateAuPlusTard: '2026-05-16' })
  })

  it('un paiement daté avant l’émission compte pour 0 jour ; une facture payée n’est plus ouverte', () => {
    const f = facture({ dossier: 402, dateEmission: '2026-02-10T08:00:00.000Z' })
    const p = paiement({ dossier: 402, date: '2026-02-01T00:00:00.000Z' })
    const r = calculerPrevisions([f], [p], maintenant, DEFAUTS)
    expect(r.payees).toEqual([{ facture: f.id, opco: 1, jourEmission: '2026-02-10', jourPaiement: '2026-02-01', jours: 0 }])
    expect(r.ouvertes).toEqual([])
  })

  it('avoirs, factures annulées, brouillons et factures à l’entreprise : ni observés ni ouverts ; statut « payée » sans paiement : pas ouverte', () => {
    const exclues = [
      facture({ dossier: 500, dateEmission: '2026-01-01T08:00:00.000Z', type: 'avoir' }),
      facture({ dossier: 501, dateEmission: '2026-01-01T08:00:00.000Z', statut: 'annulee' }),
      facture({ dossier: 502, dateEmission: null, statut: 'brouillon' }),
      facture({ dossier: 503, dateEmission: '2026-01-01T08:00:00.000Z', destinataire: 'entreprise' }),
      facture({ dossier: 504, dateEmission: '2026-01-01T08:00:00.000Z', statut: 'payee' }),
      facture({ dossier: 505, dateEmission: '2026-01-01T08:00:00.000Z', montant: 0 }),
    ]
    const paiements = exclues.map((f) => paiement({ dossier: f.dossier, date: '2026-01-20T00:00:00.000Z' }))
    const r = calculerPrevisions(exclues, paiements.slice(0, 4), maintenant, DEFAUTS)
    expect(r.ouvertes).toEqual([])
    expect(r.payees).toEqual([])
    // The « payée » one with its payment is observed (and still not open).
    const r2 = calculerPrevisions(exclues, paiements, maintenant, DEFAUTS)
    expect(r2.payees.map((p) => p.facture)).toEqual([exclues[4]!.id])
    expect(r2.ouvertes).toEqual([])
  })

  it('propriété : chaque facture prise en compte est soit payée soit ouverte, et le retard est aujourd’hui − au plus tard', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dossier: fc.integer({ min: 1, max: 6 }), opco: fc.integer({ min: 1, max: 3 }), jour: fc.integer({ min: 0, max: 150 }), montant: fc.integer({ min: 1, max: 5000 }) }), { maxLength: 25 }),
        fc.array(fc.record({ dossier: fc.integer({ min: 1, max: 6 }), jour: fc.integer({ min: 0, max: 200 }), montant: fc.integer({ min: 1, max: 5000 }) }), { maxLength: 25 }),
        (fs, ps) => {
          const factures = fs.map((x) => facture({ dossier: x.dossier, opco: x.opco, montant: x.montant, dateEmission: `${ajouterJours('2026-01-01', x.jour)}T11:00:00.000Z` }))
          const paiements = ps.map((x) => paiement({ dossier: x.dossier, montant: x.montant, date: `${ajouterJours('2026-01-01', x.jour)}T00:00:00.000Z` }))
          const r = calculerPrevisions(factures, paiements, maintenant, DEFAUTS)
          expect(r.payees.length + r.ouvertes.length).toBe(factures.length)
          for (const o of r.ouvertes) {
            const retard = ecartJours(o.dateAuPlusTard, '2026-06-30')
            expect(o.enRetard).toBe(retard > 0)
            expect(o.joursRetard).toBe(Math.max(0, retard))
          }
          // Nothing is paid beyond what was received, dossier by dossier.
          for (let d = 1; d <= 6; d++) {
            const paye = r.payees.reduce((s, p) => s + (factures.find((f) => f.id === p.facture)!.dossier === d ? (factures.find((f) => f.id === p.facture)!.montant as number) : 0), 0)
            const recu = paiements.filter((p) => p.dossier === d).reduce((s, p) => s + (p.montant as number), 0)
            expect(paye).toBeLessThanOrEqual(recu)
          }
        },
      ),
      { seed: 18_4, numRuns: 150 },
    )
  })
})
