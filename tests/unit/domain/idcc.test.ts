import { describe, expect, it } from '@jest/globals'
import { estIdccValide, normaliserIdcc, validerIdcc } from '@/src/domain/idcc'

describe('IDCC', () => {
  it('1 à 4 chiffres', () => {
    expect(estIdccValide('1486')).toBe(true)
    expect(estIdccValide('86')).toBe(true)
    expect(estIdccValide('12345')).toBe(false)
    expect(estIdccValide('14a6')).toBe(false)
    expect(estIdccValide('')).toBe(false)
    expect(estIdccValide(1486)).toBe(false)
  })
  it('forme canonique sur 4 chiffres', () => {
    expect(normaliserIdcc('86')).toBe('0086')
    expect(normaliserIdcc(' 1486 ')).toBe('1486')
    expect(normaliserIdcc(16)).toBe('0016')
    expect(normaliserIdcc('abc')).toBeNull()
    expect(normaliserIdcc(null)).toBeNull()
  })
  it('validation de champ : vide accepté, sinon message en français', () => {
    expect(validerIdcc(undefined)).toBe(true)
    expect(validerIdcc('')).toBe(true)
    expect(validerIdcc('0086')).toBe(true)
    expect(validerIdcc('99999')).toMatch(/1 à 4 chiffres/)
  })
})
