import { estNdaValide, normaliserNda, validerNda } from '@/src/domain/nda'

const MSG_LONGUEUR = "Le numéro de déclaration d'activité doit comporter 11 chiffres."

describe('normaliserNda', () => {
  it('retire espaces ordinaires, insécables et tabulations', () => {
    expect(normaliserNda('11 75 12345 75')).toBe('11751234575')
    expect(normaliserNda(' 11\u00a075\u202f12345\t75 ')).toBe('11751234575')
  })

  it('ne retire pas les autres séparateurs', () => {
    expect(normaliserNda('11-75-12345-75')).toBe('11-75-12345-75')
  })
})

describe('estNdaValide', () => {
  it('accepte exactement 11 chiffres, y compris avec zéros en tête', () => {
    expect(estNdaValide('11751234575')).toBe(true)
    expect(estNdaValide('01234567890')).toBe(true)
    expect(estNdaValide('00000000000')).toBe(true) // pas de clé : seule la forme compte
  })

  it('refuse 10 ou 12 chiffres', () => {
    expect(estNdaValide('1175123457')).toBe(false)
    expect(estNdaValide('117512345750')).toBe(false)
  })

  it('refuse lettres, espaces non normalisés et vide', () => {
    expect(estNdaValide('1175123457A')).toBe(false)
    expect(estNdaValide('11 75 12345 75')).toBe(false)
    expect(estNdaValide('')).toBe(false)
  })

  it('refuse les types autres que string', () => {
    expect(estNdaValide(11751234575 as unknown as string)).toBe(false)
    expect(estNdaValide(null as unknown as string)).toBe(false)
  })
})

describe('validerNda', () => {
  it('renvoie true pour 11 chiffres, espaces tolérés', () => {
    expect(validerNda('11751234575')).toBe(true)
    expect(validerNda('11 75 12345 75')).toBe(true)
  })

  it('signale une mauvaise longueur', () => {
    expect(validerNda('1175123457')).toBe(MSG_LONGUEUR)
    expect(validerNda('117 512 345 750')).toBe(MSG_LONGUEUR)
  })

  it('signale les caractères non numériques', () => {
    expect(validerNda('1175123457A')).toBe(
      "Le numéro de déclaration d'activité ne doit contenir que des chiffres.",
    )
    expect(validerNda('11-75-12345-75')).toBe(
      "Le numéro de déclaration d'activité ne doit contenir que des chiffres.",
    )
  })

  it('signale une saisie vide', () => {
    expect(validerNda('')).toBe("Le numéro de déclaration d'activité est obligatoire.")
    expect(validerNda('  ')).toBe("Le numéro de déclaration d'activité est obligatoire.")
  })

  it('renvoie un message pour un type inattendu', () => {
    for (const v of [11751234575, null, undefined, {}, ['11751234575']]) {
      expect(validerNda(v)).toBe(MSG_LONGUEUR)
    }
  })
})
