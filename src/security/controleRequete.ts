import config from '@payload-config'
import { getPayload, type Payload, type SanitizedCollectionConfig } from 'payload'
import { parse } from 'qs-esm'
import { verifierParametresJson, verifierRequeteListe, type ChampDecrit } from './requeteListe'

type Handler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/** A query string parsed exactly as Payload parses it (createPayloadRequest), so both see the same values. */
export function lireRequete(recherche: string): Record<string, unknown> {
  return parse(recherche, { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true }) as Record<string, unknown>
}

/** Why a collection route's query is refused (French, for a 400), or undefined (src/security/requeteListe.ts). */
export function refusRequete(payload: Payload, collection: SanitizedCollectionConfig, query: Record<string, unknown>): string | undefined {
  return verifierRequeteListe(query, {
    champs: collection.flattenedFields as unknown as ChampDecrit[],
    idNumerique: payload.db.defaultIDType === 'number',
    profondeurMax: payload.config.maxDepth ?? 10,
  })
}

const refuser = (message: string) => Response.json({ errors: [{ message }] }, { status: 400, headers: { 'Cache-Control': 'no-store' } })

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
        const query = lireRequete(recherche)
        const refus = collection ? refusRequete(payload, collection.config, query) : verifierParametresJson(query)
        if (refus) return refuser(refus)
      }
      return handler(request, args)
    }) as H

/**
 * Wraps the handlers of writes that take no list query (POST, PUT): only what Payload itself
 * parses on every route, `where` and `data` as JSON strings (src/security/requeteListe.ts).
 */
export const controlerParametresJson =
  <H extends Handler>(handler: H): H =>
    (async (request: Request, args: { params: Promise<{ slug: string[] }> }) => {
      const recherche = new URL(request.url).search
      if (recherche.length > 1) {
        const refus = verifierParametresJson(lireRequete(recherche))
        if (refus) return refuser(refus)
      }
      return handler(request, args)
    }) as H
