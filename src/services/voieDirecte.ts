import type { IncomingMessage, ServerResponse } from 'node:http'
import { createLocalReq, executeAuthStrategies, headersWithCors, type Payload, type PayloadRequest } from 'payload'
import { lireRequete, refusRequete } from '@/src/security/controleRequete'
import { EN_TETE_LECTURE, executerListe, preparerListe } from './listeRapide'

/** Sert la requête et rend `true`, ou rend `false` sans avoir rien écrit : Next.js la sert alors. */
export type VoieDirecte = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>

/** Les collections dont la liste passe par la voie directe. */
const COLLECTIONS = ['dossiers']

function enTetes(req: IncomingMessage): Headers {
  const h = new Headers()
  const brut = req.rawHeaders
  for (let i = 0; i + 1 < brut.length; i += 2) h.append(brut[i]!, brut[i + 1]!)
  return h
}

/**
 * `GET /api/dossiers` servi par scripts/server.mjs sans passer par Next.js, quand la lecture rapide
 * (src/services/listeRapide.ts) y répond : une requête authentifiée de liste coûtait plus en
 * routage Next.js, flux web et préparation de requête de Payload que la base n'en demande
 * (bench/README.md, « Liste des dossiers »). Les mêmes étapes que par Next.js, avec les mêmes
 * fonctions : lecture et contrôle de la chaîne de requête (src/security/controleRequete.ts, comme
 * Payload la lit), stratégies d'authentification de Payload (executeAuthStrategies : JWT, clés
 * d'API, session ; l'utilisateur noté pour la ligne de journal), règle d'accès de la collection
 * (executeAccess), en-têtes CORS de Payload (headersWithCors).
 *
 * Tout ce que la lecture rapide ne sert pas en 200 — requête refusée (400), forme non prise en
 * charge, anonyme ou accès refusé (403), règle non traduisible, erreur — n'écrit rien et rend
 * `false` : la requête suit alors le chemin de Next.js et de Payload, qui répondent comme avant.
 */
export function creerVoieDirecte(payload: Payload): VoieDirecte {
  const api = payload.config.routes.api
  const collections = new Map(COLLECTIONS.map((slug) => [`${api}/${slug}`, slug]))
  return async (req, res) => {
    if (req.method !== 'GET') return false
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const slug = collections.get(q === -1 ? url : url.slice(0, q))
    if (!slug) return false
    try {
      const query = q === -1 ? {} : lireRequete(url.slice(q))
      const collection = payload.collections[slug as keyof typeof payload.collections]
      if (refusRequete(payload, collection.config, query)) return false
      const preparee = preparerListe(payload, slug, query)
      if (!preparee) return false
      const headers = enTetes(req)
      const { responseHeaders, user } = await executeAuthStrategies({ canSetHeaders: true, headers, isGraphQL: false, payload })
      if (!user) return false
      const requete = await createLocalReq({ req: { headers, payloadAPI: 'REST', query } as Partial<PayloadRequest>, user }, payload)
      const corps = await executerListe(requete, preparee)
      if (!corps) return false
      const octets = Buffer.from(JSON.stringify(corps))
      const reponse = headersWithCors({ headers: new Headers(responseHeaders), req: requete })
      reponse.set('Content-Type', 'application/json')
      reponse.set(EN_TETE_LECTURE, 'directe')
      for (const cookie of reponse.getSetCookie()) res.appendHeader('Set-Cookie', cookie)
      for (const [nom, valeur] of reponse) if (nom !== 'set-cookie') res.setHeader(nom, valeur)
      res.setHeader('Content-Length', octets.length)
      res.statusCode = 200
      res.end(octets)
      return true
    } catch (err) {
      if (res.headersSent) throw err
      payload.logger.warn({ err }, `Voie directe de ${slug} : la requête passe par Next.js.`)
      return false
    }
  }
}
