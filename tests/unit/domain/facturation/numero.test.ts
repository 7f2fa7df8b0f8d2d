import { describe, expect, it } from '@jest/globals'
import {
  anneeDeFacturation,
  estNumeroFactureValide,
  formaterNumeroFacture,
  numeroSuivant,
  parserNumeroFacture,
  prefixeSerie,
  LONGUEUR_PREFIXE_SERIE,
  REGEX_NUMERO_FACTURE,
  SEQUENCE_FACTURE_MAX,
  validerNumeroFacture,
} from '@/src/domain/facturation'

describe('formaterNumeroFacture', () => {
  it('produit F-<année>-<5 chiffres> pour une facture, A-… pour un avoir', () => {
    expect(formaterNumeroFacture('facture', 2026, 1)).toBe('F-2026-00001')
    expect(formaterNumeroFacture('facture', 2026, 42)).toBe('F-2026-00042')
    expect(formaterNumeroFacture('avoir', 2027, 99999)).toBe('A-2027-99999')
    expect(SEQUENCE_FACTURE_MAX).toBe(99999)
  })

  it('refuse une séquence hors 1..99999, une année hors 4 chiffres, un type inconnu', () => {
    for (const s of [0, -1, 100000, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => formaterNumeroFacture('facture', 2026, s)).toThrow(RangeError)
    for (const a of [999, 10000, 2026.5, Number.NaN]) expect(() => formaterNumeroFacture('facture', a, 1)).toThrow(RangeError)
    expect(() => formaterNumeroFacture('devis' as never, 2026, 1)).toThrow(RangeError)
  })

  it('trie dans l’ordre d’émission (ordre alphabétique = ordre numérique)', () => {
    const numeros = [1, 9, 10, 99, 100, 9999, 10000, 99999].map((s) => formaterNumeroFacture('facture', 2026, s))
    expect([...numeros].sort()).toEqual(numeros)
  })

  it('préfixe de série de longueur fixe', () => {
    expect(prefixeSerie('facture', 2026)).toBe('F-2026-')
    expect(prefixeSerie('avoir', 2026)).toBe('A-2026-')
    expect(prefixeSerie('avoir', 2026)).toHaveLength(LONGUEUR_PREFIXE_SERIE)
  })
})

describe('parserNumeroFacture / validation', () => {
  it('relit ce que formaterNumeroFacture produit', () => {
    expect(parserNumeroFacture('F-2026-00042')).toEqual({ type: 'facture', annee: 2026, sequence: 42 })
    expect(parserNumeroFacture('A-2030-99999')).toEqual({ type: 'avoir', annee: 2030, sequence: 99999 })
    for (let s = 1; s < 100000; s += 7919) {
      expect(parserNumeroFacture(formaterNumeroFacture('avoir', 2026, s))).toEqual({ type: 'avoir', annee: 2026, sequence: s })
    }
  })

  it('refuse tout le reste', () => {
    for (const n of ['F-2026-0001', 'F-2026-000001', 'F-2026-00000', 'X-2026-00001', 'f-2026-00001', 'F-0999-00001', 'F2026-00001', ' F-2026-00001', 'F-2026-00001\n', 'MO-2026-000001', '', null, undefined, 42, {}]) {
      expect(parserNumeroFacture(n)).toBeNull()
      expect(estNumeroFactureValide(n)).toBe(false)
    }
    // A global RegExp would keep lastIndex between calls.
    expect(REGEX_NUMERO_FACTURE.global).toBe(false)
  })

  it('validateur de champ : vide accepté (brouillon), mauvais format refusé avec un message', () => {
    expect(validerNumeroFacture(null)).toBe(true)
    expect(validerNumeroFacture(undefined)).toBe(true)
    expect(validerNumeroFacture('')).toBe(true)
    expect(validerNumeroFacture('F-2026-00001')).toBe(true)
    expect(validerNumeroFacture('F-26-1')).toMatch(/F-AAAA-00001/)
  })
})

describe('numeroSuivant', () => {
  it('part de 1, ajoute 1, refuse une série pleine ou une séquence illisible', () => {
    expect(numeroSuivant('facture', 2026, 0)).toBe('F-2026-00001')
    expect(numeroSuivant('avoir', 2026, 41)).toBe('A-2026-00042')
    expect(() => numeroSuivant('facture', 2026, 99999)).toThrow(/Plus de numéro disponible/)
    expect(() => numeroSuivant('facture', 2026, -1)).toThrow(RangeError)
    expect(() => numeroSuivant('facture', 2026, 1.5)).toThrow(RangeError)
  })
})

describe('anneeDeFacturation', () => {
  it('année UTC de la date d’émission (celle que formaterDateFr imprime)', () => {
    expect(anneeDeFacturation(new Date('2026-12-31T23:30:00.000Z'))).toBe(2026)
    expect(anneeDeFacturation(new Date('2027-01-01T00:00:00.000Z'))).toBe(2027)
  })
})
