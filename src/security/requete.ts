import { env } from '@/src/config/env'
import { TAILLE_MAX_DOCUMENT } from '@/src/domain/fichiers'
import { TAILLE_MAX_RELEVE } from '@/src/domain/rapprochement/releve'
import Busboy from 'busboy'
import { verifierCorps } from './corps'
import { adresseIp } from './ip'
import { LimiteurDebit, poolLimiteur } from './rateLimit'

/**
 * Guards applied by the API routes before Payload sees a request: body size and the per-IP
 * rate limit on register and login (REST, /api/auth aliases and GraphQL mutations alike).
 */

const erreurJson = (status: number, message: string, headers: Record<string, string> = {}): Response =>
  Response.json({ errors: [{ message }] }, { status, headers: { 'Cache-Control': 'no-store', ...headers } })

// One limiter (and one PostgreSQL pool) per process: Next.js bundles each route with its own copy
// of this module, and REST, GraphQL and the portal must count into the same window.
const CLE_LIMITEUR = Symbol.for('monopco.limiteurAuth')
function limiteurAuth(): LimiteurDebit {
  const g = globalThis as unknown as Record<symbol, LimiteurDebit | undefined>
  const e = env()
  return (g[CLE_LIMITEUR] ??= new LimiteurDebit({
    max: e.authRateLimitMax,
    fenetreSecondes: e.authRateLimitWindowSeconds,
    prefixe: 'auth',
    pool: e.databaseKind === 'postgres' ? poolLimiteur(e.databaseUrl) : undefined,
  }))
}

/** Consumes one register/login attempt for the caller's IP; a 429 with Retry-After when over. */
export async function limiterAuth(request: Request): Promise<Response | null> {
  const r = await limiteurAuth().consommer(adresseIp(request.headers))
  if (r.autorise) return null
  return erreurJson(429, `Trop de tentatives. Réessayez dans ${r.retryAfterSeconds} secondes.`, {
    'Retry-After': String(r.retryAfterSeconds),
  })
}

/**
 * Routes whose file has its own, smaller limit: an oversized body is refused as that file being
 * too big (400, the route's own message, as for a file just under the cap), not as a 413 of the
 * transport — the bank statement import promises « 50 Mo → 400 » (README « Rapprochement bancaire »).
 */
const LIMITES_PAR_ROUTE: Record<string, { max: number; message: string }> = {
  '/api/rapprochements/releves': {
    max: TAILLE_MAX_RELEVE + 1024 * 1024,
    message: `Le relevé dépasse la taille maximale de ${TAILLE_MAX_RELEVE / 1024 / 1024} Mo.`,
  },
}

const limitePropre = (request: Request): { max: number; message: string } | undefined => {
  try {
    return LIMITES_PAR_ROUTE[new URL(request.url).pathname.replace(/\/+$/, '')]
  } catch {
    return undefined
  }
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
  const propre = limitePropre(request)
  const max = propre?.max ?? tailleMax(request)
  const tooLarge = () => (propre ? erreurJson(400, propre.message) : erreurJson(413, `Requête trop volumineuse (${Math.round(max / 1024)} Ko au plus).`))
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

/**
 * The body of a REST write must be a JSON object or the documented multipart form (src/security/corps.ts):
 * anything else is a French 400 before Payload or any hook sees it. Returns the request to hand
 * on (its content type normalised to what Payload compares literally), or the refusal.
 */
export async function controlerCorps(request: Request, body: Uint8Array): Promise<Request | Response> {
  if (request.method !== 'POST' && request.method !== 'PATCH' && request.method !== 'PUT') return request
  const contentType = request.headers.get('content-type')
  const remplacementGet = request.method === 'POST' && [request.headers.get('x-payload-http-method-override'), request.headers.get('x-http-method-override')].includes('GET')
  const verdict = await verifierCorps(body, contentType, {
    remplacementGet,
    champsMultipart: () => lireChampsMultipart(body, contentType ?? ''),
  })
  if (!verdict.ok) return erreurJson(400, verdict.message)
  if (verdict.typeNormalise && (contentType ?? '').split(';')[0] !== verdict.typeNormalise) {
    const headers = new Headers(request.headers)
    headers.set('content-type', verdict.typeNormalise)
    return new Request(request.url, { method: request.method, headers, body, duplex: 'half' } as RequestInit)
  }
  return request
}

/**
 * The text fields of a multipart body, read by busboy — the parser Payload itself uses, so a body
 * is refused here exactly when Payload could not read it (a stricter parser refused file names
 * that our documents collection answers with a precise message). Files are skipped; a file sent
 * under a text field's name is returned as a Blob, so the caller can tell.
 */
export function lireChampsMultipart(body: Uint8Array, contentType: string): Promise<Map<string, unknown>> {
  return new Promise((resolve, reject) => {
    const champs = new Map<string, unknown>()
    let analyseur: Busboy.Busboy
    try {
      analyseur = Busboy({ headers: { 'content-type': contentType } })
    } catch (err) {
      reject(err)
      return
    }
    analyseur.on('field', (nom, valeur) => champs.set(nom, valeur))
    analyseur.on('file', (nom, flux) => {
      champs.set(nom, new Blob([]))
      flux.resume()
    })
    analyseur.on('error', reject)
    analyseur.on('close', () => resolve(champs))
    analyseur.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength))
  })
}
