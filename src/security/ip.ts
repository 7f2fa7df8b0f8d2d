import { env } from '@/src/config/env'

/**
 * The client's IP for rate limits and the audit log. Our server (scripts/server.mjs) always
 * appends the socket address to X-Forwarded-For, so the last entry cannot be forged. Behind a
 * reverse proxy (TRUST_PROXY=true) the socket is the proxy, and the entry it appended just
 * before is the client's.
 */
export function adresseIp(headers: Headers | undefined | null): string {
  const forwarded = headers?.get('x-forwarded-for')
  if (forwarded) {
    const parts = forwarded.split(',').map((p) => p.trim()).filter(Boolean)
    const ip = env().trustProxy && parts.length >= 2 ? parts[parts.length - 2] : parts[parts.length - 1]
    if (ip) return ip.slice(0, 64)
  }
  return 'inconnue'
}
