import { describe, expect, it } from '@jest/globals'
import { resteAChargeApresAccord } from '@/src/domain/funding/resteACharge'

describe('reste à charge après la réponse de l’OPCO', () => {
  it('coût total − montant validé, en centimes', () => {
    expect(resteAChargeApresAccord(140000, 98000)).toBe(42000)
    expect(resteAChargeApresAccord(126000, 126000)).toBe(0)
  })
  it('jamais négatif', () => {
    expect(resteAChargeApresAccord(100000, 120000)).toBe(0)
  })
  it('sans montant validé ou sans coût : null (rien d’affiché plutôt qu’un faux chiffre)', () => {
    expect(resteAChargeApresAccord(140000, null)).toBeNull()
    expect(resteAChargeApresAccord(undefined, 98000)).toBeNull()
    expect(resteAChargeApresAccord(1400.5, 98000)).toBeNull()
  })
})
