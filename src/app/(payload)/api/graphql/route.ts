import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'
import { getPayload } from 'payload'
import { env } from '../../../../config/env'
import { analyserRequeteGraphql } from '../../../../security/graphql'
import { limiterAuth, limiterCorps } from '../../../../security/requete'

const graphql = GRAPHQL_POST(config)

export const POST = async (request: Request): Promise<Response> => {
  const lu = await limiterCorps(request)
  if (lu instanceof Response) return lu
  const analyse = analyserRequeteGraphql(lu.body, request.headers.get('content-type'))
  if (analyse.erreur) return Response.json({ errors: [{ message: analyse.erreur }] }, { status: 400 })
  if (analyse.authentification) {
    const refus = limiterAuth(request)
    if (refus) return refus
  }
  if (analyse.introspection && env().production) {
    // Integrators may read the schema once authenticated (API key or session); strangers may not.
    const payload = await getPayload({ config })
    const { user } = await payload.auth({ headers: request.headers })
    if (!user) {
      return Response.json({ errors: [{ message: "L'introspection du schéma GraphQL est réservée aux clients authentifiés." }] }, { status: 401 })
    }
  }
  return graphql(lu.request)
}

export const OPTIONS = REST_OPTIONS(config)
