import { APIError, type Endpoint, type PayloadRequest } from 'payload'
import { ErreurMetier } from '@/src/domain/erreurs'
import type { ObjetJson } from '@/src/domain/valeursChamps'

/** JSON response with the French error shape every endpoint of ours uses. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } })

export const erreur = (status: number, message: string, extra: Record<string, unknown> = {}): Response =>
  json({ errors: [{ message, ...extra }] }, status)

export class RequeteInvalideError extends APIError {
  constructor(message: string, status = 400) {
    super(message, status, undefined, true)
  }
}

/** Reads a JSON object body; malformed or non-object bodies are a 400, never a 500. */
export async function lireCorpsJson(req: PayloadRequest, options: { facultatif?: boolean } = {}): Promise<ObjetJson> {
  let text: string
  try {
    text = req.text ? await req.text() : ''
  } catch {
    throw new RequeteInvalideError('Corps de requête illisible.')
  }
  if (text.trim() === '') {
    if (options.facultatif) return {}
    throw new RequeteInvalideError('Corps de requête vide : un objet JSON est attendu.')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new RequeteInvalideError('Corps de requête invalide : JSON mal formé.')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RequeteInvalideError('Corps de requête invalide : un objet JSON est attendu.')
  }
  return parsed as ObjetJson
}

export function champTexte(body: ObjetJson, name: string, { required = true, max = 500 } = {}): string | undefined {
  const v = body[name]
  if (v === undefined || v === null || v === '') {
    if (required) throw new RequeteInvalideError(`Le champ « ${name} » est obligatoire.`)
    return undefined
  }
  if (typeof v !== 'string') throw new RequeteInvalideError(`Le champ « ${name} » doit être une chaîne de caractères.`)
  if (v.length > max) throw new RequeteInvalideError(`Le champ « ${name} » est trop long (${max} caractères au plus).`)
  return v
}

/**
 * Turns any thrown error into a response: a business refusal (ErreurMetier) and APIErrors keep
 * their status and message, anything else is a 500 logged once.
 */
export function reponseErreur(req: PayloadRequest, err: unknown): Response {
  if (err instanceof ErreurMetier) return erreur(err.status, err.message, err.details ? { data: err.details } : {})
  if (err instanceof APIError) {
    const status = err.status ?? 500
    if (status >= 500) req.payload.logger.error({ err }, 'Erreur serveur')
    return erreur(status, status >= 500 && !err.isPublic ? 'Erreur interne.' : err.message, err.data ? { data: err.data } : {})
  }
  req.payload.logger.error({ err }, 'Erreur serveur')
  return erreur(500, 'Erreur interne.')
}

/** An endpoint handler whose thrown errors become our French error responses (APIErrors keep their status). */
export const avecReponseErreur =
  (fn: (req: PayloadRequest) => Promise<Response>): Endpoint['handler'] =>
  async (req) => {
    try {
      return await fn(req)
    } catch (err) {
      return reponseErreur(req, err)
    }
  }
