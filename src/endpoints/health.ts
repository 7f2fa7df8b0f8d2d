import type { Endpoint } from 'payload'
import { verifierDisponibilite } from '@/src/services/disponibilite'
import { json } from './http'

const demarrage = Date.now()

/** GET /api/health: app and database status, for load balancers and monitoring. */
export const endpointSante: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const t0 = performance.now()
    let database: { status: 'ok' | 'erreur'; adapter: string; latencyMs?: number; error?: string }
    try {
      await req.payload.count({ collection: 'opcos', overrideAccess: true })
      database = { status: 'ok', adapter: req.payload.db.name, latencyMs: Math.round((performance.now() - t0) * 100) / 100 }
    } catch {
      database = { status: 'erreur', adapter: req.payload.db.name, error: 'Base de données injoignable.' }
    }
    const ok = database.status === 'ok'
    return json({ status: ok ? 'ok' : 'degrade', app: { name: 'MonOPCO', uptimeSeconds: Math.round((Date.now() - demarrage) / 1000) }, database }, ok ? 200 : 503)
  },
}

/**
 * GET /api/health/ready: ready to serve a whole day — database, file storage (disk or S3), the
 * jobs backlog (a queued job older than 15 minutes: no worker is taking them) and the PDF
 * browser. 200 when everything is ok, 503 otherwise, each check in the body.
 */
export const endpointDisponibilite: Endpoint = {
  path: '/health/ready',
  method: 'get',
  handler: async (req) => {
    const { etat, verifications } = await verifierDisponibilite(req.payload)
    return json({ status: etat, verifications }, etat === 'ok' ? 200 : 503)
  },
}
