import { describe, expect, it } from '@jest/globals'
import { formaterEuros } from '@/src/domain/money'
import { choisirRegle, estimerFinancement, type RegleFinancement } from '@/src/domain/funding'

// Exemples de docs/domaine.md §7 (signalés comme exemples, montants en centimes).
const OPCO_EP: RegleFinancement[] = [
  { libelle: 'OPCO EP 2026 — moins de 11 salariés', annee: 2026, effectifMin: 0, effectifMax: 10, plafondActionHT: 200_000, heuresMin: 4, exemple: true },
  { libelle: 'OPCO EP 2026 — 11 à 49 salariés', annee: 2026, effectifMin: 11, effectifMax: 49, plafondActionHT: 300_000, heuresMin: 4, exemple: true },
]
const CONSTRUCTYS_BATIMENT: RegleFinancement[] = [
  { libelle: 'Constructys 2025 — bâtiment', annee: 2025, typeFormation: 'formation', plafondHoraireHT: 2_400 },
  { libelle: 'Constructys 2025 — bilan / VAE', annee: 2025, typeFormation: 'bilan', plafondActionHT: 200_000 },
]
const CONSTRUCTYS_TP: RegleFinancement[] = [
  { libelle: 'Constructys 2025 — travaux publics, moins de 11', annee: 2025, typeFormation: 'formation', effectifMin: 0, effectifMax: 10, plafondHoraireHT: 3_200, plafondAnnuelHT: 350_000 },
  { libelle: 'Constructys 2025 — travaux publics, 11 à 49', annee: 2025, typeFormation: 'formation', effectifMin: 11, effectifMax: 49, plafondHoraireHT: 3_200, plafondAnnuelHT: 500_000 },
]
const ATLAS: RegleFinancement[] = [
  { libelle: 'Atlas 2024 — moins de 11 salariés', annee: 2024, effectifMin: 0, effectifMax: 10, plafondHoraireHT: 5_500, plafondAnnuelHT: 600_000 },
]

const base = { typeFormation: 'formation' as const, annee: 2026 }

describe('OPCO EP 2026 : plafond par action selon la tranche', () => {
  it('moins de 11 salariés : 2 000 € au plus', () => {
    const e = estimerFinancement({ ...base, regles: OPCO_EP, effectif: 5, dureeHeures: 14, coutTotalHT: 250_000 })
    expect(e).toMatchObject({
      montantEstime: 200_000,
      resteACharge: 50_000,
      regleAppliquee: 'OPCO EP 2026 — moins de 11 salariés',
      plafondDeterminant: 'action',
      heuresRetenues: 14,
    })
    expect(e.detail).toEqual([
      'Règle appliquée : OPCO EP 2026 — moins de 11 salariés (2026)',
      `Coût pédagogique HT : ${formaterEuros(250_000)}`,
      'Heures retenues : 14 h',
      `Plafond par action : ${formaterEuros(200_000)}`,
      `Prise en charge estimée : ${formaterEuros(200_000)} (plafond par action)`,
      `Reste à charge de l'entreprise : ${formaterEuros(50_000)}`,
    ])
    expect(e.avertissements).toEqual(["Règle d'exemple, à vérifier auprès de l'OPCO."])
  })

  it('11 à 49 salariés : 3 000 €, donc un coût de 2 500 € est couvert', () => {
    const e = estimerFinancement({ ...base, regles: OPCO_EP, effectif: 11, dureeHeures: 14, coutTotalHT: 250_000 })
    expect(e).toMatchObject({ montantEstime: 250_000, resteACharge: 0, plafondDeterminant: 'cout', regleAppliquee: 'OPCO EP 2026 — 11 à 49 salariés' })
  })

  it('bornes de tranche incluses : 10 et 49 salariés', () => {
    expect(estimerFinancement({ ...base, regles: OPCO_EP, effectif: 10, dureeHeures: 7, coutTotalHT: 1 }).regleAppliquee).toContain('moins de 11')
    expect(estimerFinancement({ ...base, regles: OPCO_EP, effectif: 49, dureeHeures: 7, coutTotalHT: 1 }).regleAppliquee).toContain('11 à 49')
  })

  it('durée inférieure au minimum de 4 h : avertissement', () => {
    const e = estimerFinancement({ ...base, regles: OPCO_EP, effectif: 5, dureeHeures: 3.5, coutTotalHT: 50_000 })
    expect(e.avertissements).toContain("Durée (3,5 h) inférieure au minimum de 4 h de la règle : l'OPCO peut refuser la prise en charge.")
  })

  it('50 salariés et plus : aucune règle mutualisée, avertissement de cofinancement', () => {
    const e = estimerFinancement({ ...base, regles: OPCO_EP, effectif: 50, dureeHeures: 14, coutTotalHT: 250_000 })
    expect(e).toMatchObject({ montantEstime: 0, resteACharge: 250_000, regleAppliquee: null, plafondDeterminant: 'aucune_regle' })
    expect(e.avertissements.some((a) => a.includes('cofinancement'))).toBe(true)
  })
})

describe('Constructys 2025 : plafond horaire', () => {
  const c = { ...base, annee: 2025, effectif: 8 }

  it('bâtiment : 24 € HT/h × 14 h = 336 €', () => {
    const e = estimerFinancement({ ...c, regles: CONSTRUCTYS_BATIMENT, dureeHeures: 14, coutTotalHT: 100_000 })
    expect(e).toMatchObject({ montantEstime: 33_600, resteACharge: 66_400, plafondDeterminant: 'horaire', regleAppliquee: 'Constructys 2025 — bâtiment' })
    expect(e.detail).toContain(`Plafond horaire : ${formaterEuros(2_400)} × 14 h = ${formaterEuros(33_600)}`)
    expect(e.avertissements).toEqual([])
  })

  it('bâtiment, demi-heure : 24 € × 7,5 h = 180 €', () => {
    const e = estimerFinancement({ ...c, regles: CONSTRUCTYS_BATIMENT, dureeHeures: 7.5, coutTotalHT: 50_000 })
    expect(e).toMatchObject({ montantEstime: 18_000, heuresRetenues: 7.5, resteACharge: 32_000 })
    expect(e.detail).toContain('Heures retenues : 7,5 h')
  })

  it('bilan : la règle typée bilan s’applique, plafond de 2 000 €', () => {
    const e = estimerFinancement({ ...c, typeFormation: 'bilan', regles: CONSTRUCTYS_BATIMENT, dureeHeures: 24, coutTotalHT: 240_000 })
    expect(e).toMatchObject({ montantEstime: 200_000, resteACharge: 40_000, plafondDeterminant: 'action', regleAppliquee: 'Constructys 2025 — bilan / VAE' })
  })

  it('plusieurs stagiaires : le plafond horaire est multiplié', () => {
    const e = estimerFinancement({ ...c, regles: CONSTRUCTYS_BATIMENT, dureeHeures: 7, coutTotalHT: 100_000, stagiaires: 3 })
    expect(e.montantEstime).toBe(50_400)
    expect(e.detail).toContain(`Plafond horaire : ${formaterEuros(2_400)} × 7 h × 3 stagiaires = ${formaterEuros(50_400)}`)
  })

  it('travaux publics : 32 €/h, puis budget annuel restant', () => {
    const tp = { ...c, regles: CONSTRUCTYS_TP, dureeHeures: 35, coutTotalHT: 200_000 }
    expect(estimerFinancement(tp)).toMatchObject({ montantEstime: 112_000, plafondDeterminant: 'horaire' })
    const entame = estimerFinancement({ ...tp, consommeAnnuel: 300_000 })
    expect(entame).toMatchObject({ montantEstime: 50_000, resteACharge: 150_000, plafondDeterminant: 'annuel' })
    expect(entame.detail).toContain(`Plafond annuel restant : ${formaterEuros(350_000)} − ${formaterEuros(300_000)} déjà consommés = ${formaterEuros(50_000)}`)
    expect(estimerFinancement({ ...tp, effectif: 20, consommeAnnuel: 300_000 })).toMatchObject({ montantEstime: 112_000, regleAppliquee: 'Constructys 2025 — travaux publics, 11 à 49' })
  })
})

describe('Atlas 2024 (moins de 11) : 55 €/h et 6 000 € par an', () => {
  const a = { ...base, regles: ATLAS, effectif: 4, dureeHeures: 35, coutTotalHT: 300_000 }

  it('35 h × 55 € = 1 925 €, règle de 2024 reprise en 2026 avec un avertissement', () => {
    const e = estimerFinancement(a)
    expect(e).toMatchObject({ montantEstime: 192_500, resteACharge: 107_500, plafondDeterminant: 'horaire', regleAppliquee: 'Atlas 2024 — moins de 11 salariés' })
    expect(e.avertissements).toContain("Aucune règle de 2026 pour ce cas : la règle de 2024, l'année antérieure la plus proche, est appliquée (à vérifier auprès de l'OPCO).")
  })

  it('5 000 € déjà consommés : il reste 1 000 €', () => {
    expect(estimerFinancement({ ...a, consommeAnnuel: 500_000 })).toMatchObject({ montantEstime: 100_000, resteACharge: 200_000, plafondDeterminant: 'annuel' })
  })

  it('plafond annuel épuisé (ou dépassé) : 0 €, avertissement', () => {
    for (const consommeAnnuel of [600_000, 700_000]) {
      const e = estimerFinancement({ ...a, consommeAnnuel })
      expect(e).toMatchObject({ montantEstime: 0, resteACharge: 300_000, plafondDeterminant: 'annuel' })
      expect(e.avertissements).toContain("Plafond annuel de l'entreprise épuisé pour cette année.")
    }
  })

  it('12 salariés : aucune règle', () => {
    expect(estimerFinancement({ ...a, effectif: 12 })).toMatchObject({ montantEstime: 0, resteACharge: 300_000, plafondDeterminant: 'aucune_regle', regleAppliquee: null })
  })

  it('formation en 2023 : la règle de 2024 n’est pas encore en vigueur', () => {
    expect(estimerFinancement({ ...a, annee: 2023 }).plafondDeterminant).toBe('aucune_regle')
  })
})

describe('calcul exact en centimes', () => {
  const regle = (plafondHoraireHT: number): RegleFinancement[] => [{ libelle: 'R', annee: 2026, plafondHoraireHT }]

  it.each<[number, number, number]>([
    [7.5, 2_499, 18_742], // 187,425 € → centime inférieur
    [0.5, 3_333, 1_666],
    [10.5, 1_001, 10_510],
    [1_234.5, 9_999, 12_343_765],
  ])('%p h × %p c/h = %p c', (dureeHeures, taux, attendu) => {
    const e = estimerFinancement({ ...base, regles: regle(taux), effectif: 1, dureeHeures, coutTotalHT: 1_000_000_000 })
    expect(e.montantEstime).toBe(attendu)
    expect(Number.isInteger(e.montantEstime)).toBe(true)
    expect(e.resteACharge).toBe(1_000_000_000 - attendu)
  })

  it('durée hors demi-heure : arrondie à la demi-heure inférieure, avec avertissement', () => {
    const e = estimerFinancement({ ...base, regles: regle(2_000), effectif: 1, dureeHeures: 7.75, coutTotalHT: 1_000_000 })
    expect(e).toMatchObject({ heuresRetenues: 7.5, montantEstime: 15_000 })
    expect(e.avertissements).toContain('Durée de 7,75 h arrondie à la demi-heure inférieure.')
  })

  it('heures plafonnées par la règle (heuresMax)', () => {
    const e = estimerFinancement({ ...base, regles: [{ libelle: 'R', annee: 2026, plafondHoraireHT: 1_000, heuresMax: 10 }], effectif: 1, dureeHeures: 14, coutTotalHT: 1_000_000 })
    expect(e).toMatchObject({ heuresRetenues: 10, montantEstime: 10_000 })
    expect(e.detail).toContain('Heures retenues : 10 h (plafond de la règle ; 14 h demandées)')
  })

  it('durée inconnue avec un plafond horaire : 0 €, avertissement', () => {
    const e = estimerFinancement({ ...base, regles: regle(1_000), effectif: 1, dureeHeures: null, coutTotalHT: 100_000 })
    expect(e).toMatchObject({ montantEstime: 0, plafondDeterminant: 'horaire' })
    expect(e.avertissements).toContain('Durée non renseignée : le plafond horaire ne peut pas être calculé.')
  })

  it('règle sans aucun plafond : le coût est pris en charge', () => {
    expect(estimerFinancement({ ...base, regles: [{ libelle: 'Libre', annee: 2026 }], effectif: 1, dureeHeures: 7, coutTotalHT: 12_345 })).toMatchObject({
      montantEstime: 12_345,
      resteACharge: 0,
      plafondDeterminant: 'cout',
    })
  })

  it('égalité coût = plafond : le coût est déterminant (aucun plafond n’a réduit la prise en charge)', () => {
    expect(estimerFinancement({ ...base, regles: OPCO_EP, effectif: 5, dureeHeures: 7, coutTotalHT: 200_000 }).plafondDeterminant).toBe('cout')
  })
})

describe('aucune règle', () => {
  it.each([[undefined], [null], [[]]])('règles %p : montant 0, reste = coût', (regles) => {
    const e = estimerFinancement({ ...base, regles, effectif: 3, dureeHeures: 7, coutTotalHT: 99_999 })
    expect(e).toMatchObject({ montantEstime: 0, resteACharge: 99_999, regleAppliquee: null, plafondDeterminant: 'aucune_regle', heuresRetenues: 7 })
    expect(e.detail.at(-1)).toBe("Aucune règle de financement de l'OPCO ne correspond (année 2026, formation, effectif 3).")
    expect(e.detail.join(' ')).not.toMatch(/Reste à charge/)
  })

  it('effectif inconnu : les règles par tranche ne s’appliquent pas', () => {
    const e = estimerFinancement({ ...base, regles: OPCO_EP, effectif: null, dureeHeures: 7, coutTotalHT: 10_000 })
    expect(e.plafondDeterminant).toBe('aucune_regle')
    expect(e.avertissements[0]).toContain('Effectif')
  })
})

describe('choix de la règle', () => {
  const r = (libelle: string, extra: Partial<RegleFinancement>): RegleFinancement => ({ libelle, annee: 2026, ...extra })

  it('même année avant une année antérieure ; une année future est ignorée', () => {
    const regles = [r('2024', { annee: 2024 }), r('2026', {}), r('2027', { annee: 2027 }), r('2025', { annee: 2025 })]
    expect(choisirRegle(regles, 'formation', 5, 2026)?.libelle).toBe('2026')
    expect(choisirRegle(regles, 'formation', 5, 2025)?.libelle).toBe('2025')
  })

  it('la dernière année antérieure qui correspond, même si l’année courante a des règles pour d’autres cas', () => {
    const regles = [r('2026 bilan', { typeFormation: 'bilan' }), r('2025 formation', { annee: 2025, typeFormation: 'formation' })]
    expect(choisirRegle(regles, 'formation', 5, 2026)?.libelle).toBe('2025 formation')
  })

  it('une règle sans type vaut pour les deux ; une règle typée l’emporte', () => {
    const regles = [r('générale', {}), r('bilan', { typeFormation: 'bilan' })]
    expect(choisirRegle(regles, 'bilan', 5, 2026)?.libelle).toBe('bilan')
    expect(choisirRegle(regles, 'formation', 5, 2026)?.libelle).toBe('générale')
  })

  it('la tranche la plus étroite l’emporte ; à égalité, l’ordre de saisie', () => {
    const regles = [r('toutes', {}), r('0-49', { effectifMin: 0, effectifMax: 49 }), r('0-10', { effectifMin: 0, effectifMax: 10 }), r('0-10 bis', { effectifMin: 0, effectifMax: 10 })]
    expect(choisirRegle(regles, 'formation', 5, 2026)?.libelle).toBe('0-10')
    expect(choisirRegle(regles, 'formation', 30, 2026)?.libelle).toBe('0-49')
    expect(choisirRegle(regles, 'formation', 80, 2026)?.libelle).toBe('toutes')
  })

  it('tranche ouverte (minimum seul) : plus précise qu’aucune tranche', () => {
    const regles = [r('toutes', {}), r('50+', { effectifMin: 50 })]
    expect(choisirRegle(regles, 'formation', 200, 2026)?.libelle).toBe('50+')
    expect(choisirRegle(regles, 'formation', 20, 2026)?.libelle).toBe('toutes')
  })
})

describe('entrées invalides', () => {
  it.each([-1, 10.5, Number.NaN])('coût %p → RangeError', (coutTotalHT) => {
    expect(() => estimerFinancement({ ...base, regles: [], effectif: 1, dureeHeures: 1, coutTotalHT })).toThrow(RangeError)
  })

  it.each([0, 1.5, -2])('stagiaires %p → RangeError', (stagiaires) => {
    expect(() => estimerFinancement({ ...base, regles: [], effectif: 1, dureeHeures: 1, coutTotalHT: 1, stagiaires })).toThrow(RangeError)
  })

  it('durée négative → RangeError', () => {
    expect(() => estimerFinancement({ ...base, regles: [], effectif: 1, dureeHeures: -1, coutTotalHT: 1 })).toThrow(RangeError)
  })

  it('coût absent : traité comme 0', () => {
    expect(estimerFinancement({ ...base, regles: OPCO_EP, effectif: 1, dureeHeures: 7, coutTotalHT: null })).toMatchObject({ montantEstime: 0, resteACharge: 0 })
  })
})
