import type { Endpoint, PayloadRequest } from 'payload'
import { lireDossierAccessible, estIdentifiantDossier } from '@/src/access/dossier'
import { roleOf } from '@/src/access/roles'
import { ErreurMetier } from '@/src/domain/erreurs'
import type { ObjetJson } from '@/src/domain/valeursChamps'
import type { Dossier, User } from '@/src/payload-types'
import { lireCorpsJson, reponseErreur } from './http'

/**
 * The one wrapper of our custom endpoints. It does, in this order and always the same way:
 * authentication (401 « Authentification requise. » unless `public`), the dossier of `/:id/…`
 * read with the caller's own read rules (400 malformed id, 404 « Dossier introuvable ou vous n'y
 * avez pas accès. » for a dossier that does not exist or that the caller cannot see — the same
 * answer, so nobody learns which), the JSON body with the limits of src/security (400 on
 * anything but a JSON object), then the handler. A business refusal thrown by a service
 * (ErreurMetier, or Payload's APIError) becomes a French 4xx in Payload's error shape; anything
 * else is a 500 logged once.
 */

type Corps = 'aucun' | 'json' | 'json-facultatif'

interface Definition {
  path: string
  method: Endpoint['method']
  /** `json`: a JSON object is required; `json-facultatif`: an empty body reads as `{}`. */
  corps?: Corps
}

export interface ContexteEndpoint {
  req: PayloadRequest
  /** The JSON body (`{}` when `corps` is `aucun`). */
  corps: ObjetJson
}
export interface ContexteAuthentifie extends ContexteEndpoint {
  user: User
}
export interface ContexteDossier extends ContexteAuthentifie {
  dossier: Dossier
}

export const MESSAGE_DOSSIER_INACCESSIBLE = "Dossier introuvable ou vous n'y avez pas accès."

async function lireCorps(req: PayloadRequest, corps: Corps | undefined): Promise<ObjetJson> {
  if (corps === 'json') return lireCorpsJson(req)
  if (corps === 'json-facultatif') return lireCorpsJson(req, { facultatif: true })
  return {}
}

function utilisateur(req: PayloadRequest): User {
  if (!req.user || roleOf(req.user) === null) throw new ErreurMetier('Authentification requise.', 401)
  return req.user as User
}

/** The dossier named by the route's `:id`, as the signed-in caller may read it. */
export async function dossierDeLaRoute(req: PayloadRequest): Promise<Dossier> {
  const id = req.routeParams?.id
  if (!estIdentifiantDossier(req, id)) throw new ErreurMetier('Identifiant de dossier invalide.', 400)
  const dossier = await lireDossierAccessible(req, id)
  if (!dossier) throw new ErreurMetier(MESSAGE_DOSSIER_INACCESSIBLE, 404)
  return dossier
}

export function endpoint(def: Definition & { public: true; handler: (c: ContexteEndpoint) => Promise<Response> }): Endpoint
export function endpoint(def: Definition & { dossier: true; handler: (c: ContexteDossier) => Promise<Response> }): Endpoint
export function endpoint(def: Definition & { handler: (c: ContexteAuthentifie) => Promise<Response> }): Endpoint
export function endpoint(
  def: Definition & { public?: boolean; dossier?: boolean; handler: (c: ContexteDossier) => Promise<Response> },
): Endpoint {
  return {
    path: def.path,
    method: def.method,
    handler: async (req) => {
      try {
        if (def.public) return await (def.handler as (c: ContexteEndpoint) => Promise<Response>)({ req, corps: await lireCorps(req, def.corps) })
        const user = utilisateur(req)
        const dossier = def.dossier ? await dossierDeLaRoute(req) : undefined
        const corps = await lireCorps(req, def.corps)
        return await def.handler({ req, user, corps, dossier: dossier as Dossier })
      } catch (err) {
        return reponseErreur(req, err)
      }
    },
  }
}
