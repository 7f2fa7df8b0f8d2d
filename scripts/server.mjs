/**
 * Production HTTP server: Next.js (admin, API, portal) behind a plain Node server whose only job
 * is to make the client IP trustworthy. `next start` keeps a client-sent X-Forwarded-For as is,
 * so anyone could dodge the per-IP rate limits by inventing one. Here the socket address is
 * always appended: without TRUST_PROXY only that last entry is used (src/security/ip.ts); with
 * TRUST_PROXY=true the entry your reverse proxy added just before it is.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import next from 'next'

const port = Number(process.env.PORT ?? 3000)
const hostname = process.env.HOSTNAME ?? '0.0.0.0'

const app = next({ dev: false, hostname, port })
const handle = app.getRequestHandler()
await app.prepare()

const ID_REQUETE = /^[A-Za-z0-9._-]{1,64}$/

// Each request runs in its own context, where the app notes the authenticated user for the log
// line (src/services/contexteRequete.ts reads it through this process-wide symbol).
const contexte = new AsyncLocalStorage()
globalThis[Symbol.for('monopco.contexteRequete')] = contexte

/**
 * Requests Node's HTTP parser refuses before any handler runs (an address or headers over
 * `--max-http-header-size`, 16 Ko by default; a malformed request) were answered with a bare
 * status and no body: the same refusal, with a French message in the API's error shape.
 */
function refuserRequeteIllisible(err, socket) {
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy()
  const [statut, raison, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'Adresse ou en-têtes trop longs (16 Ko au plus) : raccourcissez la requête, par exemple en envoyant moins de valeurs par filtre « in ».']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'Requête trop lente à arriver : réessayez.']
        : [400, 'Bad Request', 'Requête HTTP invalide.']
  const corps = JSON.stringify({ errors: [{ message }] })
  socket.end(`HTTP/1.1 ${statut} ${raison}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(corps)}\r\nConnection: close\r\n\r\n${corps}`)
}

createServer((req, res) => {
  const socketIp = req.socket.remoteAddress ?? ''
  const existing = req.headers['x-forwarded-for']
  const chain = (Array.isArray(existing) ? existing.join(',') : existing ?? '').trim()
  req.headers['x-forwarded-for'] = chain === '' ? socketIp : `${chain}, ${socketIp}`
  // Every answer carries a request id: the caller's when it is sane, else a new one.
  const recu = req.headers['x-request-id']
  const idRequete = typeof recu === 'string' && ID_REQUETE.test(recu) ? recu : randomUUID()
  req.headers['x-request-id'] = idRequete
  res.setHeader('X-Request-Id', idRequete)
  const debut = process.hrtime.bigint()
  const ctx = {}
  res.once('finish', () => {
    // One log line and the metrics per request, through the app's hook (src/instrumentation.ts).
    const terminee = globalThis[Symbol.for('monopco.requeteTerminee')]
    if (typeof terminee === 'function') terminee(req.method ?? 'GET', req.url ?? '/', res.statusCode, Number(process.hrtime.bigint() - debut) / 1e9, idRequete, ctx.utilisateur)
  })
  contexte.run(ctx, () => {
    // The dossier list, when the app's fast read answers it, skips Next.js (src/services/voieDirecte.ts);
    // anything it declines it has not touched, and Next.js serves it.
    const directe = globalThis[Symbol.for('monopco.voieDirecte')]
    if (typeof directe !== 'function') return handle(req, res)
    directe(req, res).then(
      (servie) => (servie ? undefined : handle(req, res)),
      (err) => res.destroy(err),
    )
  })
})
  .on('clientError', refuserRequeteIllisible)
  .listen(port, hostname, () => {
    console.log(`MonOPCO prêt sur http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`)
  })
