import { describe, expect, it } from '@jest/globals'
import { nomComplet } from '@/src/domain/nomComplet'

describe('nomComplet', () => {
  it('« Prénom Nom », espaces normalisés', () => {
    expect(nomComplet('Claire', 'Durand')).toBe('Claire Durand')
    expect(nomComplet('  Jean   Pierre ', ' de La Tour ')).toBe('Jean Pierre de La Tour')
  })
  it("une seule partie suffit ; rien → null (jamais l'e-mail)", () => {
    expect(nomComplet(null, 'Durand')).toBe('Durand')
    expect(nomComplet('Claire', undefined)).toBe('Claire')
    expect(nomComplet('', '  ')).toBeNull()
    expect(nomComplet(42, {})).toBeNull()
  })
})
