import fc from 'fast-check'
import { estDateIsoValide, estIsoCanonique, formaterDateFr } from '@/src/domain/dates'

const allerRetour = (texte: string): boolean => {
  const d = new Date(texte)
  return !Number.isNaN(d.getTime()) && d.toISOString() === texte
}

describe('estIsoCanonique (ce que toISOString écrit, sans construire de Date)', () => {
  it('reconnaît tout instant écrit par toISOString (années 0000–9999)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), (ms) => estIsoCanonique(new Date(ms).toISOString())),
      { seed: 20261204, numRuns: 5000 },
    )
  })
  it('même réponse que l’aller-retour par Date pour des textes de la bonne forme aux chiffres quelconques', () => {
    const chiffres = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''))
    const texte = fc
      .tuple(chiffres(4), chiffres(2), chiffres(2), chiffres(2), chiffres(2), chiffres(2), chiffres(3))
      .map(([a, mo, j, h, mi, s, ms]) => `${a}-${mo}-${j}T${h}:${mi}:${s}.${ms}Z`)
    fc.assert(fc.property(texte, (t) => estIsoCanonique(t) === allerRetour(t)), { seed: 20261204, numRuns: 20000 })
  })
  it('refuse les jours qui n’existent pas et les autres écritures d’un même instant', () => {
    for (const t of ['2026-02-29T00:00:00.000Z', '2100-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000+00:00', '2026-01-01', ' 2026-01-01T00:00:00.000Z']) {
      expect([t, estIsoCanonique(t)]).toEqual([t, false])
    }
    for (const t of ['2024-02-29T23:59:59.999Z', '2000-02-29T00:00:00.000Z', '0000-01-01T00:00:00.000Z']) expect([t, estIsoCanonique(t)]).toEqual([t, true])
  })
})

describe('estDateIsoValide', () => {
  it('accepte une date seule et les date-heures avec fuseau', () => {
    for (const v of [
      '2026-03-15',
      '2026-03-15T00:00:00.000Z',
      '2026-03-15T12:00:00Z',
      '2026-03-15T12:00Z',
      '2026-03-15T23:59:59.999+02:00',
      '2026-03-15T00:30:00-05:30',
      '2024-02-29', // bissextile
      '2000-02-29', // bissextile séculaire
    ]) {
      expect([v, estDateIsoValide(v)]).toEqual([v, true])
    }
  })

  it('refuse les jours qui n’existent pas (que new Date fait glisser)', () => {
    for (const v of [
      '2026-02-29',
      '1900-02-29', // séculaire non bissextile
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-32',
    ]) {
      expect([v, estDateIsoValide(v)]).toEqual([v, false])
    }
  })

  it('refuse les heures et décalages hors bornes', () => {
    for (const v of [
      '2026-03-15T24:00:00Z',
      '2026-03-15T12:60:00Z',
      '2026-03-15T12:00:60Z',
      '2026-03-15T12:00:00+24:00',
      '2026-03-15T12:00:00+02:60',
    ]) {
      expect([v, estDateIsoValide(v)]).toEqual([v, false])
    }
  })

  it('refuse une heure sans fuseau, qui dépendrait du fuseau du serveur', () => {
    expect(estDateIsoValide('2026-03-15T12:00:00')).toBe(false)
    expect(estDateIsoValide('2026-03-15T12:00')).toBe(false)
  })

  it('refuse les autres formats et types', () => {
    for (const v of [
      '',
      '15/03/2026',
      '2026/03/15',
      '2026-3-15',
      '26-03-15',
      '2026-03-15 12:00:00Z',
      '2026-03-15t12:00:00z',
      ' 2026-03-15',
      'March 15, 2026',
      new Date('2026-03-15'),
      1773532800000,
      null,
      undefined,
      {},
    ]) {
      expect(estDateIsoValide(v)).toBe(false)
    }
  })
})

describe('formaterDateFr', () => {
  it('formate en jj/mm/aaaa avec zéros de tête', () => {
    expect(formaterDateFr('2026-03-05')).toBe('05/03/2026')
    expect(formaterDateFr('2026-12-31')).toBe('31/12/2026')
    expect(formaterDateFr(new Date(Date.UTC(2026, 0, 1)))).toBe('01/01/2026')
  })

  it('lit les composantes UTC : minuit et midi UTC donnent le même jour', () => {
    expect(formaterDateFr('2026-03-15T00:00:00.000Z')).toBe('15/03/2026')
    expect(formaterDateFr('2026-03-15T12:00:00.000Z')).toBe('15/03/2026')
    expect(formaterDateFr('2026-03-15T23:59:59.999Z')).toBe('15/03/2026')
    expect(formaterDateFr(new Date('2026-03-15T00:00:00.000Z'))).toBe('15/03/2026')
  })

  it('ramène les décalages horaires en UTC', () => {
    // 00:30 à Paris (UTC+2) = 22:30 UTC la veille.
    expect(formaterDateFr('2026-03-15T00:30:00+02:00')).toBe('14/03/2026')
    // 20:00 à New York (UTC-5) = 01:00 UTC le lendemain.
    expect(formaterDateFr('2026-03-15T20:00:00-05:00')).toBe('16/03/2026')
  })

  it('ne dépend pas du fuseau du processus (n’utilise pas les accesseurs locaux)', () => {
    // Le CI tourne en UTC, où getDate() et getUTCDate() coïncident : on simule un
    // serveur en UTC-5 en faussant les accesseurs locaux le temps du test.
    const proto = Date.prototype
    const originaux = { getDate: proto.getDate, getMonth: proto.getMonth, getFullYear: proto.getFullYear }
    proto.getDate = () => 14
    proto.getMonth = () => 1
    proto.getFullYear = () => 1999
    try {
      expect(formaterDateFr('2026-03-15T00:00:00.000Z')).toBe('15/03/2026')
      expect(formaterDateFr(new Date(Date.UTC(2026, 2, 15)))).toBe('15/03/2026')
    } finally {
      Object.assign(proto, originaux)
    }
  })

  it('lève une RangeError sur une date invalide', () => {
    expect(() => formaterDateFr('2026-02-30')).toThrow(RangeError)
    expect(() => formaterDateFr('15/03/2026')).toThrow(RangeError)
    expect(() => formaterDateFr('')).toThrow(RangeError)
    expect(() => formaterDateFr(new Date('nope'))).toThrow(RangeError)
    expect(() => formaterDateFr(null as unknown as string)).toThrow(RangeError)
  })
})
