import { describe, expect, it } from '@jest/globals'
import { LimiteurDebit } from '@/src/security/rateLimit'

function horloge(debut = 1_700_000_000_000) {
  let t = debut
  return {
    now: () => t,
    avancer: (ms: number) => {
      t += ms
    },
    aller: (ms: number) => {
      t = debut + ms
    },
  }
}

describe('LimiteurDebit', () => {
  it('autorise exactement max requêtes par fenêtre, puis refuse', () => {
    const h = horloge()
    const l = new LimiteurDebit(3, 60_000, h.now)
    expect(l.consommer('ip')).toEqual({ autorise: true, retryAfterSeconds: 0 })
    expect(l.consommer('ip')).toEqual({ autorise: true, retryAfterSeconds: 0 })
    expect(l.consommer('ip')).toEqual({ autorise: true, retryAfterSeconds: 0 })
    expect(l.consommer('ip')).toEqual({ autorise: false, retryAfterSeconds: 60 })
    expect(l.consommer('ip').autorise).toBe(false)
  })

  it('avec max = 1, refuse dès la deuxième requête', () => {
    const h = horloge()
    const l = new LimiteurDebit(1, 10_000, h.now)
    expect(l.consommer('k').autorise).toBe(true)
    expect(l.consommer('k').autorise).toBe(false)
  })

  it('calcule retryAfterSeconds depuis le début de la fenêtre, arrondi au-dessus', () => {
    const h = horloge()
    const l = new LimiteurDebit(1, 60_000, h.now)
    l.consommer('ip')
    h.aller(30_500)
    expect(l.consommer('ip')).toEqual({ autorise: false, retryAfterSeconds: 30 })
    h.aller(30_000)
    expect(l.consommer('ip').retryAfterSeconds).toBe(30)
    h.aller(29_999)
    expect(l.consommer('ip').retryAfterSeconds).toBe(31)
    h.aller(59_001)
    expect(l.consommer('ip').retryAfterSeconds).toBe(1)
    h.aller(59_999)
    expect(l.consommer('ip').retryAfterSeconds).toBe(1)
  })

  it('arrondit une fenêtre fractionnaire au-dessus (1,5 s → 2 s)', () => {
    const h = horloge()
    const l = new LimiteurDebit(1, 1_500, h.now)
    l.consommer('ip')
    expect(l.consommer('ip')).toEqual({ autorise: false, retryAfterSeconds: 2 })
  })

  it('annonce toujours au moins 1 seconde quand il refuse', () => {
    const h = horloge()
    const l = new LimiteurDebit(2, 250, h.now)
    l.consommer('ip')
    l.consommer('ip')
    for (let ms = 0; ms < 250; ms += 10) {
      h.aller(ms)
      const r = l.consommer('ip')
      expect(r.autorise).toBe(false)
      expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(1)
    }
  })

  it('repart à zéro quand la fenêtre est écoulée (borne incluse)', () => {
    const h = horloge()
    const l = new LimiteurDebit(2, 60_000, h.now)
    l.consommer('ip')
    l.consommer('ip')
    h.aller(59_999)
    expect(l.consommer('ip').autorise).toBe(false)
    h.aller(60_000)
    expect(l.consommer('ip').autorise).toBe(true)
    expect(l.consommer('ip').autorise).toBe(true)
    expect(l.consommer('ip')).toEqual({ autorise: false, retryAfterSeconds: 60 })
  })

  it('la nouvelle fenêtre commence à la première requête après expiration', () => {
    const h = horloge()
    const l = new LimiteurDebit(1, 60_000, h.now)
    l.consommer('ip')
    h.aller(100_000)
    expect(l.consommer('ip').autorise).toBe(true)
    h.aller(130_000)
    expect(l.consommer('ip')).toEqual({ autorise: false, retryAfterSeconds: 30 })
  })

  it('compte chaque clé séparément', () => {
    const h = horloge()
    const l = new LimiteurDebit(2, 60_000, h.now)
    l.consommer('1.1.1.1')
    l.consommer('1.1.1.1')
    expect(l.consommer('1.1.1.1').autorise).toBe(false)
    expect(l.consommer('2.2.2.2').autorise).toBe(true)
    expect(l.consommer('2.2.2.2').autorise).toBe(true)
    expect(l.consommer('2.2.2.2').autorise).toBe(false)
    expect(l.consommer('').autorise).toBe(true)
  })

  it('utilise Date.now par défaut', () => {
    const l = new LimiteurDebit(1, 60_000)
    expect(l.consommer('x').autorise).toBe(true)
    const r = l.consommer('x')
    expect(r.autorise).toBe(false)
    expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(59)
    expect(r.retryAfterSeconds).toBeLessThanOrEqual(60)
  })

  describe('purge au-delà de 50 000 clés', () => {
    it('ne libère pas une clé dont la fenêtre est encore ouverte', () => {
      const h = horloge()
      const l = new LimiteurDebit(2, 60_000, h.now)
      l.consommer('cible')
      l.consommer('cible')
      for (let i = 0; i <= 50_001; i++) l.consommer(`autre-${i}`)
      h.aller(10_000)
      expect(l.consommer('cible')).toEqual({ autorise: false, retryAfterSeconds: 50 })
      expect(l.consommer('autre-0').autorise).toBe(true)
      expect(l.consommer('autre-0').autorise).toBe(false)
    })

    it('continue de compter correctement après avoir purgé les fenêtres expirées', () => {
      const h = horloge()
      const l = new LimiteurDebit(2, 60_000, h.now)
      for (let i = 0; i <= 50_001; i++) l.consommer(`ip-${i}`)
      l.consommer('cible')
      l.consommer('cible')
      expect(l.consommer('cible').autorise).toBe(false)
      h.aller(60_000)
      expect(l.consommer('cible').autorise).toBe(true)
      expect(l.consommer('cible').autorise).toBe(true)
      expect(l.consommer('cible')).toEqual({ autorise: false, retryAfterSeconds: 60 })
      expect(l.consommer('ip-1').autorise).toBe(true)
    })
  })
})
