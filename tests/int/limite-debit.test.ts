/**
 * The rate limit on PostgreSQL: counts shared through the `limites_debit` table the migration
 * creates (two pools here stand for two app processes), atomic under concurrent attempts, and
 * the in-memory fallback when the database cannot be reached. On SQLite the limiter is the
 * in-memory one (tests/unit/security/rateLimit.test.ts); two real processes: tests/http/rate-limit-partage.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import pg from 'pg'
import { LimiteurDebit, poolLimiteur, TABLE_LIMITES_DEBIT } from '@/src/security/rateLimit'
import { baseCible } from '@/tests/helpers/database'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { portLibre } from '@/tests/helpers/serveur'

const siPostgres = baseCible() === 'postgres' ? describe : describe.skip

siPostgres('limitation de débit partagée par PostgreSQL', () => {
  let ctx: ContexteTest
  const pools: pg.Pool[] = []
  const pool = (url: string) => {
    const p = poolLimiteur(url)
    pools.push(p)
    return p
  }

  beforeAll(async () => {
    ctx = await demarrerPayload('limite-debit')
  })
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)))
    await ctx?.fermer()
  })

  it('la migration crée la table que le limiteur attend', async () => {
    const p = pool(ctx.base.url)
    const { rows } = await p.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
      [TABLE_LIMITES_DEBIT],
    )
    expect(rows).toEqual([
      { column_name: 'key', data_type: 'character varying' },
      { column_name: 'points', data_type: 'integer' },
      { column_name: 'expire', data_type: 'bigint' },
    ])
  })

  it('deux processus comptent dans la même fenêtre : la 21e tentative répartie sur les deux est refusée', async () => {
    const avertissements: string[] = []
    const options = { max: 20, fenetreSecondes: 60, prefixe: 'partage', avertir: (m: string) => avertissements.push(m) }
    const instances = [new LimiteurDebit({ ...options, pool: pool(ctx.base.url) }), new LimiteurDebit({ ...options, pool: pool(ctx.base.url) })]
    for (let i = 0; i < 20; i++) expect((await instances[i % 2]!.consommer('203.0.113.7')).autorise).toBe(true)
    const refus = await instances[0]!.consommer('203.0.113.7')
    expect(refus.autorise).toBe(false)
    expect(refus.retryAfterSeconds).toBeGreaterThanOrEqual(1)
    expect(refus.retryAfterSeconds).toBeLessThanOrEqual(60)
    expect((await instances[1]!.consommer('203.0.113.7')).autorise).toBe(false)
    // Another IP has its own count.
    expect((await instances[1]!.consommer('203.0.113.8')).autorise).toBe(true)
    expect(avertissements).toEqual([])
    const { rows } = await pools[0]!.query<{ points: number }>(`SELECT points FROM ${TABLE_LIMITES_DEBIT} WHERE key = $1`, ['partage:203.0.113.7'])
    expect(rows).toEqual([{ points: 22 }])
  })

  it('des tentatives simultanées sur les deux processus n’en laissent passer que max', async () => {
    const options = { max: 5, fenetreSecondes: 60, prefixe: 'simultane' }
    const instances = [new LimiteurDebit({ ...options, pool: pool(ctx.base.url) }), new LimiteurDebit({ ...options, pool: pool(ctx.base.url) })]
    const resultats = await Promise.all(Array.from({ length: 16 }, (_, i) => instances[i % 2]!.consommer('198.51.100.1')))
    expect(resultats.filter((r) => r.autorise)).toHaveLength(5)
  })

  it('base injoignable : le limiteur compte en mémoire, avertit, et ne lève jamais d’erreur', async () => {
    const injoignable = `postgres://postgres@127.0.0.1:${await portLibre()}/rien`
    const avertissements: string[] = []
    const l = new LimiteurDebit({ max: 3, fenetreSecondes: 60, prefixe: 'secours', pool: pool(injoignable), avertir: (m) => avertissements.push(m) })
    for (let i = 0; i < 3; i++) expect((await l.consommer('192.0.2.1')).autorise).toBe(true)
    const refus = await l.consommer('192.0.2.1')
    expect(refus.autorise).toBe(false)
    expect(refus.retryAfterSeconds).toBeGreaterThanOrEqual(1)
    expect((await l.consommer('192.0.2.2')).autorise).toBe(true)
    // Said once, not once per attempt.
    expect(avertissements).toEqual(['Limitation de débit : PostgreSQL injoignable, les tentatives sont comptées dans la mémoire de ce processus.'])
  })

  it('table absente : même repli en mémoire', async () => {
    const p = pool(ctx.base.url)
    const l = new LimiteurDebit({ max: 2, fenetreSecondes: 60, prefixe: 'sans-table', pool: p, avertir: () => undefined })
    await p.query(`DROP TABLE ${TABLE_LIMITES_DEBIT}`)
    expect((await l.consommer('192.0.2.9')).autorise).toBe(true)
    expect((await l.consommer('192.0.2.9')).autorise).toBe(true)
    expect((await l.consommer('192.0.2.9')).autorise).toBe(false)
  })
})
