import { describe, expect, it } from '@jest/globals'
import { calculerTva, heuresEnCentiemes, lignesHoraires, montantLigne, produitDivisionPlancher } from '@/src/domain/facturation'

describe('heuresEnCentiemes', () => {
  it('convertit sans erreur de flottant, refuse plus de 2 décimales', () => {
    expect(heuresEnCentiemes(13.5)).toBe(1350)
    expect(heuresEnCentiemes(0.07)).toBe(7)
    expect(heuresEnCentiemes(14)).toBe(1400)
    expect(heuresEnCentiemes(0)).toBe(0)
    for (const h of [1.005, -1, Number.NaN, Number.POSITIVE_INFINITY, '14', null]) expect(heuresEnCentiemes(h)).toBeNull()
  })
})

describe('montantLigne', () => {
  it('quantité × prix, exact, arrondi au demi-centime supérieur', () => {
    expect(montantLigne(14, 10_000)).toBe(140_000)
    expect(montantLigne(0.5, 1_001)).toBe(501) // 500,5 → 501
    expect(montantLigne(0.25, 1_001)).toBe(250) // 250,25 → 250
    expect(montantLigne(1.1, 3)).toBe(3) // 3,3 → 3 (1.1 * 3 = 3.3000000000000003 en flottant)
    expect(montantLigne(0.1, 5)).toBe(1) // 0,5 → 1
  })
  it('refuse une quantité ou un prix invalide', () => {
    expect(() => montantLigne(1.001, 100)).toThrow(RangeError)
    expect(() => montantLigne(1, 10.5)).toThrow(RangeError)
    expect(() => montantLigne(1, -10)).toThrow(RangeError)
  })
})

describe('produitDivisionPlancher', () => {
  it('a × b / c arrondi à l’inférieur, sans dépassement', () => {
    expect(produitDivisionPlancher(140_000, 1350, 1400)).toBe(135_000)
    expect(produitDivisionPlancher(100_001, 1, 3)).toBe(33_333)
    expect(produitDivisionPlancher(Number.MAX_SAFE_INTEGER, 3, 3)).toBe(Number.MAX_SAFE_INTEGER)
    expect(() => produitDivisionPlancher(1, 1, 0)).toThrow(RangeError)
  })
})

describe('calculerTva', () => {
  it('20 % arrondi au demi-centime supérieur sur le total', () => {
    expect(calculerTva(140_000, 20)).toBe(28_000)
    expect(calculerTva(1, 20)).toBe(0) // 0,2 → 0
    expect(calculerTva(3, 20)).toBe(1) // 0,6 → 1
    expect(calculerTva(1_234_567, 20)).toBe(246_913) // 246 913,4
    expect(calculerTva(12_345_675, 20)).toBe(2_469_135)
    expect(calculerTva(1_000, 5.5)).toBe(55)
    expect(calculerTva(10, 5.5)).toBe(1) // 0,55 → 1
    expect(calculerTva(1, 50)).toBe(1) // 0,5 → 1 (demi supérieur)
    expect(calculerTva(999, 0)).toBe(0)
    expect(calculerTva(Number.MAX_SAFE_INTEGER, 20)).toBe(1_801_439_850_948_198) // 1 801 439 850 948 198,2
  })
  it('refuse un taux non représentable ou un montant invalide', () => {
    expect(() => calculerTva(100, 5.555)).toThrow(RangeError)
    expect(() => calculerTva(100, -1)).toThrow(RangeError)
    expect(() => calculerTva(-100, 20)).toThrow(RangeError)
    expect(() => calculerTva(1.5, 20)).toThrow(RangeError)
  })
})

describe('lignesHoraires', () => {
  const verifier = (heures: number, montant: number) => {
    const lignes = lignesHoraires('Formation « X »', heures, montant)
    // Exact, line by line and in total.
    expect(lignes.reduce((s, l) => s + l.montantHT, 0)).toBe(montant)
    expect(lignes.reduce((s, l) => s + l.quantite * 100, 0)).toBeCloseTo(heures * 100, 6)
    for (const l of lignes) {
      expect(Number.isSafeInteger(l.prixUnitaireHT)).toBe(true)
      expect(l.montantHT).toBe(montantLigne(l.quantite, l.prixUnitaireHT))
      expect(Number.isSafeInteger(l.montantHT)).toBe(true)
      expect(l.quantite).toBeGreaterThan(0)
      expect(l.libelle).toBe('Formation « X »')
    }
    // Rates only a few cents apart, around montant / heures.
    const taux = lignes.map((l) => l.prixUnitaireHT)
    expect(Math.max(...taux) - Math.min(...taux)).toBeLessThanOrEqual(3)
    expect(Math.abs(taux[0]! - montant / heures)).toBeLessThanOrEqual(3)
    return lignes
  }

  it('un taux exact : une seule ligne heures × taux', () => {
    expect(verifier(14, 140_000)).toEqual([{ libelle: 'Formation « X »', quantite: 14, prixUnitaireHT: 10_000, montantHT: 140_000 }])
    expect(verifier(13.5, 135_000)).toHaveLength(1)
    expect(verifier(0.5, 1_001)).toEqual([{ libelle: 'Formation « X »', quantite: 0.5, prixUnitaireHT: 2_002, montantHT: 1_001 }])
  })

  it('sinon le reste est réparti au centime sur les heures, la dernière ligne au taux supérieur', () => {
    // 1 200,00 € pour 14 h : 8 h × 85,71 € + 6 h × 85,72 €.
    expect(verifier(14, 120_000)).toEqual([
      { libelle: 'Formation « X »', quantite: 8, prixUnitaireHT: 8_571, montantHT: 68_568 },
      { libelle: 'Formation « X »', quantite: 6, prixUnitaireHT: 8_572, montantHT: 51_432 },
    ])
    verifier(13.5, 120_001)
    verifier(7.5, 99_999)
    verifier(1.5, 1)
    verifier(3, 1)
    verifier(14, 0)
  })

  it('exact pour des milliers de couples heures / montant', () => {
    let graine = 12345
    const alea = () => (graine = (graine * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let i = 0; i < 3000; i++) {
      const heures = (1 + Math.floor(alea() * 400)) / 2
      const montant = Math.floor(alea() * 10_000_000)
      verifier(heures, montant)
    }
  })

  it('refuse des heures hors demi-heure ou nulles, un montant invalide', () => {
    expect(() => lignesHoraires('x', 0, 100)).toThrow(RangeError)
    expect(() => lignesHoraires('x', 1.25, 100)).toThrow(RangeError)
    expect(() => lignesHoraires('x', 2, -1)).toThrow(RangeError)
    expect(() => lignesHoraires('x', 2, 1.5)).toThrow(RangeError)
  })
})
