import { describe, expect, it } from '@jest/globals'
import { LONGUEUR_MAX_MOT_DE_PASSE, LONGUEUR_MIN_MOT_DE_PASSE, validerMotDePasse } from '@/src/domain/motDePasse'

describe('validerMotDePasse', () => {
  it('fixe les bornes à 10 et 128 caractères', () => {
    expect(LONGUEUR_MIN_MOT_DE_PASSE).toBe(10)
    expect(LONGUEUR_MAX_MOT_DE_PASSE).toBe(128)
  })

  it('refuse 9 caractères et accepte 10', () => {
    expect(validerMotDePasse('x'.repeat(9))).toBe('Le mot de passe doit comporter au moins 10 caractères.')
    expect(validerMotDePasse('x'.repeat(10))).toBe(true)
  })

  it('accepte 128 caractères et refuse 129', () => {
    expect(validerMotDePasse('x'.repeat(128))).toBe(true)
    expect(validerMotDePasse('x'.repeat(129))).toBe('Le mot de passe doit comporter au plus 128 caractères.')
  })

  it('refuse la chaîne vide comme trop courte', () => {
    expect(validerMotDePasse('')).toBe('Le mot de passe doit comporter au moins 10 caractères.')
  })

  it('ne pose pas de règle de composition', () => {
    expect(validerMotDePasse('correct horse battery staple')).toBe(true)
    expect(validerMotDePasse('aaaaaaaaaa')).toBe(true)
  })

  it.each([undefined, null, 1234567890, ['a', 'b'], { length: 12 }, true])('refuse une valeur non textuelle (%p)', (valeur) => {
    expect(validerMotDePasse(valeur)).toBe('Le mot de passe est obligatoire.')
  })
})
