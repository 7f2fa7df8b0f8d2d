import crypto from 'node:crypto'
import type { Endpoint } from 'payload'
import { env } from '@/src/config/env'
import { jetonValide } from '@/src/domain/metriques'
import { mesurerBase, metriques } from '@/src/services/metriques'
import { erreur, reponseErreur } from './http'

/**
 * GET /api/metrics: Prometheus text format, for the operator's scraper only
 * (`Authorization: Bearer <METRICS_TOKEN>`). Without METRICS_TOKEN the route does not exist (404):
 * figures about the activity are not public.
 */
export const endpointMetriques: Endpoint = {
  path: '/metrics',
  method: 'get',
  handler: async (req) => {
    const attendu = env().metricsToken
    if (!attendu) return erreur(404, 'Route introuvable : /api/metrics.')
    if (!jetonValide(req.headers.get('authorization'), attendu, crypto.timingSafeEqual)) {
      return new Response(JSON.stringify({ errors: [{ message: 'Jeton de lecture des métriques absent ou invalide.' }] }), {
        status: 401,
        headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'WWW-Authenticate': 'Bearer' },
      })
    }
    try {
      await mesurerBase(req.payload)
      const { registre } = metriques()
      return new Response(await registre.metrics(), { status: 200, headers: { 'Content-Type': registre.contentType, 'Cache-Control': 'no-store' } })
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}
