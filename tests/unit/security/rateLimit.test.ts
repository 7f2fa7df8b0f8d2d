import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { LimiteurDebit } from '@/src/security/rateLimit'

// Without a pool: the in-memory limiter SQLite uses (PostgreSQL's shared one: tests/int/limite-debit.test.ts).
describe('LimiteurDebit en mémoire', () => {
  const DEBUT = 1_700_000_000_000
  beforeEach(() => {
    jest.useFakeTimers({ now: DEBUT })
  })
  afterEach(() => {
    jest.useRealTimers()
  })
  const aller = (ms: number) => jest.setSystemTime(DEBUT + ms)
  const limiteur = (max: number, fenetreSecondes: number) => new LimiteurDebit({ max, fenetreSecondes, prefixe: 'test' })

  it('autorise exactement max requêtes par fenêtre, puis refuse avec la fenêtre restante', async () => {
    const l = limiteur(3, 60)
    for (let i = 0; i < 3; i++) expect(await l.consommer('ip')).toEqual({ autorise: true, retryAfterSeconds: 0 })
    expect(await l.consommer('ip')).toEqual({ autorise: false, retryAfterSeconds: 60 })
    expect((await l.consommer('ip')).autorise).toBe(false)
  })

  it('avec max = 1, refuse dès la deuxième requête', async () => {
    const l = limiteur(1, 10)
    expect((await l.consommer('k')).autorise).toBe(true)
    expect((await l.consommer('k')).autorise).toBe(false)
  })

  it('calcule Retry-After depuis le début de la fenêtre, arrondi au-dessus, jamais moins de 1 s', async () => {
    const l = limiteur(1, 60)
    await l.consommer('ip')
    aller(30_500)
    expect(await l.consommer('ip')).toEqual({ autorise: false, retryAfterSeconds: 30 })
    aller(29_999)
    expect((await l.consommer('ip')).retryAfterSeconds).toBe(31)
    aller(59_999)
    expect(await l.consommer('ip')).toEqual({ autorise: false, retryAfterSeconds: 1 })
  })

  it('repart à zéro quand la fenêtre est écoulée ; la nouvelle commence à la requête suivante', async () => {
    const l = limiteur(2, 60)
    await l.consommer('ip')
    await l.consommer('ip')
    aller(59_999)
    expect((await l.consommer('ip')).autorise).toBe(false)
    aller(100_000)
    expect((await l.consommer('ip')).autorise).toBe(true)
    expect((await l.consommer('ip')).autorise).toBe(true)
    aller(130_000)
    expect(await l.consommer('ip')).toEqual({ autorise: false, retryAfterSeconds: 30 })
  })

  it('compte chaque clé séparément', async () => {
    const l = limiteur(2, 60)
    await l.consommer('1.1.1.1')
    await l.consommer('1.1.1.1')
    expect((await l.consommer('1.1.1.1')).autorise).toBe(false)
    expect((await l.consommer('2.2.2.2')).autorise).toBe(true)
    expect((await l.consommer('2.2.2.2')).autorise).toBe(true)
    expect((await l.consommer('2.2.2.2')).autorise).toBe(false)
    expect((await l.consommer('')).autorise).toBe(true)
  })

  it('deux limiteurs de préfixes différents ne partagent pas leurs comptes', async () => {
    const a = new LimiteurDebit({ max: 1, fenetreSecondes: 60, prefixe: 'a' })
    const b = new LimiteurDebit({ max: 1, fenetreSecondes: 60, prefixe: 'b' })
    expect((await a.consommer('ip')).autorise).toBe(true)
    expect((await b.consommer('ip')).autorise).toBe(true)
    expect((await a.consommer('ip')).autorise).toBe(false)
  })
})
