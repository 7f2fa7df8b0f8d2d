import config from '@payload-config'
import { getPayload } from 'payload'

type Handler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/**
 * Payload mounts some endpoints on every collection whatever its configuration: `/versions…` on
 * collections without versions, `/verify/:token` without e-mail verification. Called, they fail
 * deep in the database layer with a 500. They do not exist here: a French 404, as for any
 * unknown route — whose answer Payload gives in English and outside its own error shape.
 */
export function routeSansObjet(segments: string[], collection: { versions?: unknown; auth?: { verify?: unknown } } | undefined): boolean {
  if (!collection) return false
  const [, sous] = segments
  if (sous === 'versions') return !collection.versions
  if (sous === 'verify') return !collection.auth?.verify
  return false
}

const introuvable = (chemin: string): Response =>
  Response.json({ errors: [{ message: `Route introuvable : ${chemin.slice(0, 200)}.` }] }, { status: 404, headers: { 'Cache-Control': 'no-store' } })

export const refuserRoutesInexistantes =
  <H extends Handler>(handler: H): H =>
    (async (request: Request, args: { params: Promise<{ slug: string[] }> }) => {
      const { slug } = await args.params
      const payload = await getPayload({ config })
      const collection = slug[0] ? payload.collections[slug[0] as keyof typeof payload.collections]?.config : undefined
      const chemin = new URL(request.url).pathname
      if (routeSansObjet(slug, collection)) return introuvable(chemin)
      const res = await handler(request, args)
      if (res.status === 404 && (res.headers.get('content-type') ?? '').includes('application/json')) {
        const corps = (await res.clone().json().catch(() => null)) as { message?: unknown; errors?: unknown } | null
        if (corps && !corps.errors && typeof corps.message === 'string' && corps.message.startsWith('Route not found')) return introuvable(chemin)
      }
      return res
    }) as H
