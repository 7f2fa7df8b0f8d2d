import pg from 'pg'
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible'

/**
 * Fixed-window rate limiter (rate-limiter-flexible). On PostgreSQL the counts live in the
 * `limites_debit` table, so every instance of the app counts into the same window: 21 attempts
 * spread over two instances are 21 attempts. On SQLite there is a single instance, and its
 * memory is enough. If PostgreSQL cannot be reached, each process falls back to counting in its
 * own memory (the insurance limiter): a brute force is still slowed, and a login never answers
 * 500 because of the limiter.
 */

/** Created by migrations/postgres/20261203_171500_limites_debit.ts (RLF must not create it: `tableCreated`). */
export const TABLE_LIMITES_DEBIT = 'limites_debit'

export interface ResultatLimite {
  autorise: boolean
  retryAfterSeconds: number
}

export interface OptionsLimiteur {
  max: number
  fenetreSecondes: number
  /** Key prefix: one per kind of limit, so two limits never share a count. */
  prefixe: string
  /** Shared counts in PostgreSQL; absent, this process's memory only. */
  pool?: pg.Pool
  /** Told when PostgreSQL fails and the memory fallback counts instead (at most once a minute). */
  avertir?: (message: string) => void
}

/** The memory fallback, which says when it is used: a silent fallback would hide a database outage. */
class SecoursMemoire extends RateLimiterMemory {
  private dernierAvertissement = 0
  constructor(
    opts: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly avertir: (message: string) => void,
  ) {
    super(opts)
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): ReturnType<RateLimiterMemory['consume']> {
    const t = Date.now()
    if (t - this.dernierAvertissement >= 60_000) {
      this.dernierAvertissement = t
      this.avertir('Limitation de débit : PostgreSQL injoignable, les tentatives sont comptées dans la mémoire de ce processus.')
    }
    return super.consume(...args)
  }
}

export class LimiteurDebit {
  private readonly limiteur: RateLimiterAbstract

  constructor(o: OptionsLimiteur) {
    const base = { points: o.max, duration: o.fenetreSecondes, keyPrefix: o.prefixe }
    this.limiteur = o.pool
      ? new RateLimiterPostgres({
          ...base,
          storeClient: o.pool,
          storeType: 'pool',
          tableName: TABLE_LIMITES_DEBIT,
          tableCreated: true,
          insuranceLimiter: new SecoursMemoire(base, o.avertir ?? ((m) => console.warn(m))),
        })
      : new RateLimiterMemory(base)
  }

  /** Counts one attempt for `cle`; refused (with the seconds left in the window) beyond `max`. */
  async consommer(cle: string): Promise<ResultatLimite> {
    try {
      await this.limiteur.consume(cle)
      return { autorise: true, retryAfterSeconds: 0 }
    } catch (refus) {
      // A refusal is a RateLimiterRes; duck-typed (`instanceof` does not survive the production bundle).
      const ms = (refus as { msBeforeNext?: unknown } | null)?.msBeforeNext
      if (typeof ms !== 'number') throw refus
      return { autorise: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) }
    }
  }
}

/**
 * The limiter's own small pool: two connections are plenty for one upsert per login, and short
 * timeouts hand over to the memory fallback quickly instead of holding a login while the
 * database does not answer (Payload's pool waits without limit).
 */
export function poolLimiteur(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 2_000, query_timeout: 2_000, idleTimeoutMillis: 30_000, allowExitOnIdle: true })
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  pool.on('error', () => undefined)
  return pool
}
