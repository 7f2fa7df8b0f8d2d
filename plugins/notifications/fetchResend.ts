import { contexteEnvoi } from './contexte'

/**
 * `@payloadcms/email-resend` posts to the hard-coded https://api.resend.com/emails with only
 * Authorization and Content-Type. This narrow wrapper around the global fetch, installed once
 * when Resend is the provider, touches requests to that origin only:
 * - sends them to RESEND_BASE_URL instead (a local Resend-compatible server in tests, a proxy);
 * - adds `Idempotency-Key` (the outbox row's key) when the sender set one, so a send retried
 *   after a crash between "provider accepted" and "row recorded" is deduplicated by Resend;
 * - bounds the call with a 30 s timeout and reports the HTTP status back to the sender.
 * Every other request goes through untouched.
 */
export const ORIGINE_RESEND = 'https://api.resend.com'
const DELAI_MAX_MS = 30_000

const MARQUE = Symbol.for('monopco.fetchResend')
type FetchMarque = typeof fetch & { [MARQUE]?: { baseUrl: string } }

export function installerRoutageResend(baseUrl: string): void {
  const actuel = globalThis.fetch as FetchMarque
  if (actuel[MARQUE]) {
    actuel[MARQUE].baseUrl = baseUrl
    return
  }
  const original = actuel
  const etat = { baseUrl }
  const enveloppe = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (!url.startsWith(`${ORIGINE_RESEND}/`)) return original(input, init)
    const cible = etat.baseUrl + url.slice(ORIGINE_RESEND.length)
    const ctx = contexteEnvoi.getStore()
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    if (ctx) headers.set('Idempotency-Key', ctx.cleIdempotence)
    const reponse = await original(cible, {
      ...init,
      ...(input instanceof Request && !init?.body ? { method: input.method, body: await input.text() } : {}),
      headers,
      signal: init?.signal ?? AbortSignal.timeout(DELAI_MAX_MS),
    })
    if (ctx) {
      ctx.statutHttp = reponse.status
      ctx.retryAfter = reponse.headers.get('retry-after')
    }
    return reponse
  }) as FetchMarque
  enveloppe[MARQUE] = etat
  globalThis.fetch = enveloppe
}
