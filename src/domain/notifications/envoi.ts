/**
 * Sending policy of the outbox, pure: how long to wait before the next attempt, and whether a
 * provider's error is worth retrying.
 */

export const DELAI_MAX_SECONDES = 6 * 3600

/** Exponential backoff: base, 2×base, 4×base… capped at 6 h; a provider's Retry-After wins when longer. */
export function delaiAvantReessai(tentatives: number, baseSecondes: number, retryAfterSecondes: number | null = null): number {
  const exp = baseSecondes * 2 ** Math.max(0, tentatives - 1)
  return Math.min(DELAI_MAX_SECONDES, Math.max(exp, retryAfterSecondes ?? 0))
}

export type Verdict = 'reessayer' | 'definitif'

/**
 * HTTP status of the provider (Resend): 429 (rate limit), 408, 409 (concurrent request with the
 * same idempotency key, still in flight) and 5xx are transient; any other 4xx (validation,
 * authentication, forbidden domain) will fail again identically. No status (network error,
 * timeout): transient. SMTP reply codes: 4xx transient, 5xx permanent.
 */
export function classerEchec(e: { statutHttp?: number | null; codeSmtp?: number | null }): Verdict {
  if (typeof e.statutHttp === 'number') {
    if (e.statutHttp === 429 || e.statutHttp === 408 || e.statutHttp === 409 || e.statutHttp >= 500) return 'reessayer'
    if (e.statutHttp >= 400) return 'definitif'
    return 'reessayer'
  }
  if (typeof e.codeSmtp === 'number') return e.codeSmtp >= 500 && e.codeSmtp < 600 ? 'definitif' : 'reessayer'
  return 'reessayer'
}

/** Retry-After header: seconds, or an HTTP date. */
export function lireRetryAfter(valeur: string | null | undefined, maintenant: Date = new Date()): number | null {
  if (!valeur) return null
  if (/^\d+$/.test(valeur.trim())) return Number(valeur.trim())
  const t = Date.parse(valeur)
  return Number.isNaN(t) ? null : Math.max(0, Math.ceil((t - maintenant.getTime()) / 1000))
}
