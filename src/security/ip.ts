import { env } from '../config/env'

/**
 * The client's IP for rate limits and the audit log. Next.js sets `x-forwarded-for` from the
 * socket; behind a reverse proxy (TRUST_PROXY=true) the left-most entry is the client's, and
 * otherwise we keep the right-most one, the only one a client cannot forge.
 */
export function adresseIp(headers: Headers | undefined | null): string {
  const forwarded = headers?.get('x-forwarded-for')
  if (forwarded) {
    const parts = forwarded.split(',').map((p) => p.trim()).filter(Boolean)
    const ip = env().trustProxy ? parts[0] : parts[parts.length - 1]
    if (ip) return ip.slice(0, 64)
  }
  return headers?.get('x-real-ip')?.slice(0, 64) ?? 'inconnue'
}
