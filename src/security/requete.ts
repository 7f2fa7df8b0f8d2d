import { env } from '../config/env'
import { TAILLE_MAX_DOCUMENT } from '../domain/fichiers'
import { adresseIp } from './ip'
import { LimiteurDebit } from './rateLimit'

/**
 * Guards applied by the API routes before Payload sees a request: body size and the per-IP
 * rate limit on register and login (REST, /api/auth aliases and GraphQL mutations alike).
 */

const erreurJson = (status: number, message: string, headers: Record<string, string> = {}): Response =>
  Response.json({ errors: [{ message }] }, { status, headers: { 'Cache-Control': 'no-store', ...headers } })

let limiteur: LimiteurDebit | undefined
const limiteurAuth = (): LimiteurDebit =>
  (limiteur ??= new LimiteurDebit(env().authRateLimitMax, env().authRateLimitWindowSeconds * 1000))

/** Consumes one register/login attempt for the caller's IP; a 429 with Retry-After when over. */
export function limiterAuth(request: Request): Response | null {
  const r = limiteurAuth().consommer(adresseIp(request.headers))
  if (r.autorise) return null
  return erreurJson(429, `Trop de tentatives. Réessayez dans ${r.retryAfterSeconds} secondes.`, {
    'Retry-After': String(r.retryAfterSeconds),
  })
}

const tailleMax = (request: Request): number =>
  (request.headers.get('content-type') ?? '').startsWith('multipart/form-data')
    ? TAILLE_MAX_DOCUMENT + 1024 * 1024
    : env().maxBodyBytes

/**
 * Reads the body with a hard cap (also when Content-Length is missing or lies) and returns a
 * replayable copy of the request, or a 413.
 */
export async function limiterCorps(request: Request): Promise<{ request: Request; body: Uint8Array } | Response> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' || !request.body) {
    return { request, body: new Uint8Array() }
  }
  const max = tailleMax(request)
  const tooLarge = () => erreurJson(413, `Requête trop volumineuse (${Math.round(max / 1024)} Ko au plus).`)
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > max) return tooLarge()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > max) {
      await reader.cancel().catch(() => undefined)
      return tooLarge()
    }
    chunks.push(value)
  }
  const body = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    body.set(c, offset)
    offset += c.byteLength
  }
  const copy = new Request(request.url, { method: request.method, headers: request.headers, body, duplex: 'half' } as RequestInit)
  return { request: copy, body }
}
