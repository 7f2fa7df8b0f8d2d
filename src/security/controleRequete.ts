import config from '@payload-config'
import { getPayload } from 'payload'
import { parse } from 'qs-esm'
import { verifierRequeteListe, type ChampDecrit } from './requeteListe'

type Handler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/**
 * Wraps a REST handler: the query string of a collection route (`/api/<collection>…`) is checked
 * against that collection's fields first (src/security/requeteListe.ts); a malformed one is a
 * French 400 in Payload's error shape. Other routes (globals, auth aliases…) pass untouched.
 */
export const controlerRequete =
  <H extends Handler>(handler: H): H =>
    (async (request: Request, args: { params: Promise<{ slug: string[] }> }) => {
      const recherche = new URL(request.url).search
      if (recherche.length > 1) {
        const { slug } = await args.params
        const payload = await getPayload({ config })
        const collection = slug[0] ? payload.collections[slug[0] as keyof typeof payload.collections] : undefined
        if (collection) {
          // Parsed exactly as Payload parses it (createPayloadRequest), so both see the same values.
          const query = parse(recherche, { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true }) as Record<string, unknown>
          const refus = verifierRequeteListe(query, {
            champs: collection.config.flattenedFields as unknown as ChampDecrit[],
            idNumerique: payload.db.defaultIDType === 'number',
            profondeurMax: payload.config.maxDepth ?? 10,
          })
          if (refus) return Response.json({ errors: [{ message: refus }] }, { status: 400, headers: { 'Cache-Control': 'no-store' } })
        }
      }
      return handler(request, args)
    }) as H
