import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'
import { getPayload } from 'payload'
import { env } from '@/src/config/env'
import { analyserRequeteGraphql, normaliserReponseGraphql } from '@/src/security/graphql'
import { limiterAuth, limiterCorps } from '@/src/security/requete'
import { lireRequete } from '@/src/security/controleRequete'
import { verifierParametresJson } from '@/src/security/requeteListe'

const graphql = GRAPHQL_POST(config)

export const POST = async (request: Request): Promise<Response> => {
  const lu = await limiterCorps(request)
  if (lu instanceof Response) return lu
  // Payload parses `?where=` / `?data=` as JSON on this route too (src/security/requeteListe.ts).
  const recherche = new URL(request.url).search
  const refusParametres = recherche.length > 1 ? verifierParametresJson(lireRequete(recherche)) : undefined
  if (refusParametres) return Response.json({ errors: [{ message: refusParametres, extensions: { statusCode: 400 } }] }, { status: 400 })
  const analyse = analyserRequeteGraphql(lu.body, request.headers.get('content-type'))
  if (analyse.erreur) return Response.json({ errors: [{ message: analyse.erreur, extensions: { statusCode: 400 } }] }, { status: 400 })
  if (analyse.authentification) {
    const refus = await limiterAuth(request)
    if (refus) return refus
  }
  if (analyse.introspection && env().production) {
    // Integrators may read the schema once authenticated (API key or session); strangers may not.
    const payload = await getPayload({ config })
    const { user } = await payload.auth({ headers: request.headers })
    if (!user) {
      return Response.json({ errors: [{ message: "L'introspection du schéma GraphQL est réservée aux clients authentifiés.", extensions: { statusCode: 401 } }] }, { status: 401 })
    }
  }
  let reponse: Response
  try {
    reponse = await graphql(lu.request)
  } catch (err) {
    // Payload's handler rejects instead of answering when formatting an error fails itself:
    // logged, and answered in Payload's error shape rather than as Next's bare 500 page.
    console.error('GraphQL :', err)
    return Response.json({ errors: [{ message: 'Erreur interne du serveur.', extensions: { statusCode: 500 } }] }, { status: 500 })
  }
  return normaliser(reponse)
}

/** French 4xx statuses on every error of the answer (src/security/graphql.ts `normaliserReponseGraphql`). */
async function normaliser(reponse: Response): Promise<Response> {
  if (!(reponse.headers.get('content-type') ?? '').includes('json')) {
    // graphql-http's bare refusals (406, 415…) have no body: give them Payload's error shape.
    if (reponse.status >= 400 && reponse.status < 500) {
      return Response.json({ errors: [{ message: 'Requête GraphQL refusée.', extensions: { statusCode: reponse.status } }] }, { status: reponse.status, headers: reponse.headers })
    }
    return reponse
  }
  const texte = await reponse.text()
  let corps: unknown
  try {
    corps = JSON.parse(texte)
  } catch {
    return new Response(texte, { status: reponse.status, headers: reponse.headers })
  }
  const n = normaliserReponseGraphql(corps, reponse.status)
  const headers = new Headers(reponse.headers)
  headers.delete('content-length')
  return new Response(JSON.stringify(n.corps), { status: n.statut, headers })
}

export const OPTIONS = REST_OPTIONS(config)
