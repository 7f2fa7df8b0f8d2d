/**
 * Production HTTP server: Next.js (admin, API, portal) behind a plain Node server whose only job
 * is to make the client IP trustworthy. `next start` keeps a client-sent X-Forwarded-For as is,
 * so anyone could dodge the per-IP rate limits by inventing one. Here the socket address is
 * always appended: without TRUST_PROXY only that last entry is used (src/security/ip.ts); with
 * TRUST_PROXY=true the entry your reverse proxy added just before it is.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { createServer, IncomingMessage } from 'node:http'
import path from 'node:path'
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

/**
 * Methods the app answers. Next.js answered any other (LOCK, PROPFIND, PURGE…) with a bare 400
 * and no body: a 405 naming the allowed methods, with a French message in the API's error shape.
 */
const METHODES = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
const ALLOW = [...METHODES].join(', ')

function refuserMethode(req, res) {
  const corps = JSON.stringify({ errors: [{ message: `Méthode HTTP « ${String(req.method).slice(0, 20)} » non prise en charge : utilisez ${ALLOW}.` }] })
  res.writeHead(405, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(corps), Allow: ALLOW, 'Cache-Control': 'no-store' })
  res.end(corps)
}

/**
 * Portal forms posted without JavaScript (Next.js « progressive enhancement »: a multipart POST to
 * the page, naming its server action in `$ACTION_…` fields). Next.js throws on a form whose action
 * fields are missing, malformed or unknown (« Failed to find Server Action ») and on a body it
 * cannot parse, and answers 500. The same checks as Next.js (action-handler `areAllActionIdsValid`,
 * against the build's server-reference manifest), made here first: a French 400 instead, and the
 * request, body replayed untouched, goes to Next.js otherwise. Calls from the page's JavaScript
 * (`Next-Action` header) are left to Next.js, which answers unknown ones with a 404.
 */
const ACTIONS = (() => {
  try {
    const manifeste = JSON.parse(fs.readFileSync(path.resolve(process.env.NEXT_DIST_DIR || '.next', 'server/server-reference-manifest.json'), 'utf8'))
    return new Set([...Object.keys(manifeste.node ?? {}), ...Object.keys(manifeste.edge ?? {})])
  } catch {
    return null
  }
})()
// Next.js's default `serverActions.bodySizeLimit`.
const TAILLE_MAX_FORMULAIRE = 1024 * 1024

const estFormulaireSansJs = (req) =>
  ACTIONS !== null &&
  req.method === 'POST' &&
  !req.headers['next-action'] &&
  /^multipart\/form-data\b/i.test(String(req.headers['content-type'] ?? '')) &&
  !/^\/(api|_next)(\/|$|\?)/.test(req.url ?? '')

function actionsValides(donnees) {
  let references = 0
  let uneAction = false
  for (const cle of new Set(donnees.keys())) {
    if (!cle.startsWith('$ACTION_')) continue
    // The action's descriptor and its bound arguments, as React encodes them: JSON each (React's
    // decodeAction JSON.parses them; a tampered one was a SyntaxError, a 500).
    if (/^\$ACTION_\d+:\d+$/.test(cle)) {
      for (const v of donnees.getAll(cle)) {
        if (typeof v !== 'string') return false
        try {
          JSON.parse(v)
        } catch {
          return false
        }
      }
      continue
    }
    if (cle.startsWith('$ACTION_ID_')) {
      if (!ACTIONS.has(cle.slice('$ACTION_ID_'.length))) return false
      uneAction = true
    } else if (cle.startsWith('$ACTION_REF_')) {
      if (++references > 2) return false
      const descripteurs = donnees.getAll(`$ACTION_${cle.slice('$ACTION_REF_'.length)}:0`)
      if (descripteurs.length !== 1 || typeof descripteurs[0] !== 'string') return false
      const id = /^\{"id":"([^"]*)"/.exec(descripteurs[0])?.[1]
      if (!id || !ACTIONS.has(id)) return false
      uneAction = true
    }
  }
  return uneAction
}

function refuserFormulaire(res, statut, message) {
  const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Formulaire refusé</title></head><body><h1>Formulaire refusé</h1><p>${message}</p><p><a href="javascript:history.back()">Revenir au formulaire</a></p></body></html>`
  res.writeHead(statut, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page), 'Cache-Control': 'no-store' })
  res.end(page)
}

/** Reads the form, checks it; calls `suite` with a request Next.js can read again, or answers the refusal. */
function controlerFormulaire(req, res, suite) {
  const morceaux = []
  let taille = 0
  let trop = false
  req.on('data', (m) => {
    taille += m.length
    if (taille > TAILLE_MAX_FORMULAIRE) trop = true
    else morceaux.push(m)
  })
  req.on('error', () => res.destroy())
  req.on('end', async () => {
    if (trop) return refuserFormulaire(res, 413, 'Formulaire trop volumineux : 1 Mo au plus.')
    const corps = Buffer.concat(morceaux)
    let donnees
    try {
      // The parser Next.js uses for these forms (undici's FormData).
      donnees = await new Request('http://localhost/', { method: 'POST', headers: { 'Content-Type': String(req.headers['content-type']) }, body: corps }).formData()
    } catch {
      return refuserFormulaire(res, 400, 'Formulaire illisible : rechargez la page et envoyez-le à nouveau.')
    }
    if (!actionsValides(donnees)) return refuserFormulaire(res, 400, 'Formulaire invalide ou périmé (action inconnue) : rechargez la page et envoyez-le à nouveau.')
    const copie = new IncomingMessage(req.socket)
    Object.assign(copie, { method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders, httpVersion: req.httpVersion, httpVersionMajor: req.httpVersionMajor, httpVersionMinor: req.httpVersionMinor, complete: true })
    copie.push(corps)
    copie.push(null)
    suite(copie)
  })
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
    if (!METHODES.has(req.method ?? '')) return refuserMethode(req, res)
    // The form is read in stream events, outside this context: entered again for Next.js.
    if (estFormulaireSansJs(req)) return controlerFormulaire(req, res, (copie) => contexte.run(ctx, () => handle(copie, res)))
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
