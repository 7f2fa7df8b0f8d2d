import { describe, expect, it } from '@jest/globals'
import { joursAttente, libelleAttente } from '@/src/domain/attenteOpco'

describe("attente de la réponse de l'OPCO", () => {
  const maintenant = new Date('2026-12-03T10:00:00Z')
  it('jours entiers depuis l’envoi, jamais négatifs', () => {
    expect(joursAttente('2026-11-30T09:00:00Z', maintenant)).toBe(3)
    expect(joursAttente('2026-12-03T09:59:00Z', maintenant)).toBe(0)
    expect(joursAttente('2026-12-05T00:00:00Z', maintenant)).toBe(0)
    expect(joursAttente(new Date('2026-12-02T10:00:00Z'), maintenant)).toBe(1)
  })
  it('sans date lisible : null', () => {
    expect(joursAttente(null, maintenant)).toBeNull()
    expect(joursAttente('pas une date', maintenant)).toBeNull()
  })
  it('libellé français', () => {
    expect(libelleAttente(0)).toBe("en attente depuis aujourd'hui")
    expect(libelleAttente(1)).toBe('en attente depuis 1 jour')
    expect(libelleAttente(12)).toBe('en attente depuis 12 jours')
    expect(libelleAttente(null)).toBe('—')
  })
})
