import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local Resend-compatible HTTP server (POST /emails) for tests, on 127.0.0.1. It behaves like
 * Resend where it matters here:
 * - `Authorization: Bearer <key>` required (401 otherwise);
 * - `Idempotency-Key`: the first request with a key is delivered and its answer stored; a later
 *   request with the same key gets the same answer (same id) and delivers nothing;
 * - scripted failures (`programmer`) answer before anything is stored (429 with Retry-After,
 *   5xx, 422 validation errors), like an API that refused the request.
 * `surLivraison` runs after a delivery is stored and before the answer is written: tests use it
 * to kill the worker between "the provider accepted" and "the outbox recorded it".
 */
export interface RequeteRecue {
  cle: string | null
  autorisation: string | null
  corps: Record<string, unknown>
}

export interface ReponseProgrammee {
  status: number
  body: Record<string, unknown>
  headers?: Record<string, string>
}

export interface ResendFactice {
  url: string
  requetes: RequeteRecue[]
  livres: { id: string; cle: string | null; corps: Record<string, unknown> }[]
  programmer: (...reponses: ReponseProgrammee[]) => void
  surLivraison: ((livraison: { id: string; cle: string | null; corps: Record<string, unknown> }) => Promise<void> | void) | null
  fermer: () => Promise<void>
}

export async function demarrerResendFactice(cleApi: string): Promise<ResendFactice> {
  const stockees = new Map<string, { status: number; body: unknown }>()
  const programmees: ReponseProgrammee[] = []
  const etat: ResendFactice = {
    url: '',
    requetes: [],
    livres: [],
    programmer: (...r) => void programmees.push(...r),
    surLivraison: null,
    fermer: async () => {
      serveur.closeAllConnections()
      await new Promise<void>((r) => serveur.close(() => r()))
    },
  }
  const repondre = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const serveur = http.createServer((req, res) => {
    let brut = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (brut += c))
    req.on('end', async () => {
      if (req.method !== 'POST' || req.url !== '/emails') return repondre(res, 404, { statusCode: 404, name: 'not_found', message: 'Route inconnue.' })
      let corps: Record<string, unknown>
      try {
        corps = JSON.parse(brut) as Record<string, unknown>
      } catch {
        return repondre(res, 400, { statusCode: 400, name: 'invalid_json', message: 'JSON invalide.' })
      }
      const cle = (req.headers['idempotency-key'] as string | undefined) ?? null
      etat.requetes.push({ cle, autorisation: (req.headers.authorization as string | undefined) ?? null, corps })
      if (req.headers.authorization !== `Bearer ${cleApi}`) return repondre(res, 401, { statusCode: 401, name: 'missing_api_key', message: 'Clé API absente ou invalide.' })
      const programmee = programmees.shift()
      if (programmee) return repondre(res, programmee.status, programmee.body, programmee.headers)
      if (cle && stockees.has(cle)) {
        const s = stockees.get(cle)!
        return repondre(res, s.status, s.body)
      }
      const id = crypto.randomUUID()
      const livraison = { id, cle, corps }
      etat.livres.push(livraison)
      if (cle) stockees.set(cle, { status: 200, body: { id } })
      if (etat.surLivraison) await etat.surLivraison(livraison)
      repondre(res, 200, { id })
    })
  })
  await new Promise<void>((r) => serveur.listen(0, '127.0.0.1', () => r()))
  etat.url = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`
  return etat
}
