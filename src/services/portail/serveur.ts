import type { User } from '@/src/payload-types'
/**
 * Server-side helpers of the portal. Reads go through the Local API **as the user**
 * (`user` + `overrideAccess: false`), writes through the REST API with the user's own session
 * token: every rule (ownership, workflow, reserved fields, file checks) stays the API's.
 */
import { cookies, headers } from 'next/headers'
import { getPayload, type Payload } from 'payload'
import config from '@payload-config'
import { env } from '@/src/config/env'

export const COOKIE_SESSION = 'monopco-token'

export type Utilisateur = User

export const payloadPortail = (): Promise<Payload> => getPayload({ config })

/** The signed-in user (cookie `monopco-token`), or null. */
export async function utilisateurCourant(): Promise<Utilisateur | null> {
  const payload = await payloadPortail()
  try {
    const { user } = await payload.auth({ headers: await headers() })
    return (user as Utilisateur | null) ?? null
  } catch {
    return null
  }
}

/** Origin the server reaches itself on (scripts/server.mjs listens on PORT, all interfaces or 127.0.0.1). */
const origineApi = (): string => env().portailApiUrl

/** The API's JSON answer; callers name its shape with `T` (a bare call reads it as an unchecked object). */
export interface ReponseApi<T = Record<string, unknown>> {
  status: number
  ok: boolean
  data: T
}

/** Calls the REST API with the session token of the current visitor. Never throws on HTTP errors. */
export async function api<T = Record<string, unknown>>(chemin: string, init: RequestInit = {}): Promise<ReponseApi<T>> {
  const jeton = (await cookies()).get(COOKIE_SESSION)?.value
  const entetes: Record<string, string> = { Accept: 'application/json', ...((init.headers as Record<string, string>) ?? {}) }
  if (jeton) entetes.Authorization = `JWT ${jeton}`
  if (typeof init.body === 'string') entetes['Content-Type'] = 'application/json'
  try {
    const res = await fetch(`${origineApi()}${chemin}`, { ...init, headers: entetes, cache: 'no-store' })
    const texte = await res.text()
    let data: unknown = {}
    try {
      data = texte ? JSON.parse(texte) : {}
    } catch {
      data = { errors: [{ message: texte.slice(0, 300) }] }
    }
    return { status: res.status, ok: res.ok, data: data as T }
  } catch {
    return { status: 503, ok: false, data: { errors: [{ message: 'Le service est momentanément indisponible. Réessayez dans un instant.' }] } as T }
  }
}

export interface ErreursApi {
  message: string
  champs: Record<string, string>
}

/** Payload's error bodies → a general message and per-field messages (field paths like `beneficiaire.nom`). */
export function lireErreurs(data: unknown, status: number): ErreursApi {
  const champs: Record<string, string> = {}
  const messages: string[] = []
  const errors = (data as { errors?: unknown })?.errors
  if (Array.isArray(errors)) {
    for (const e of errors as { message?: string; data?: { errors?: { path?: string; field?: string; message?: string }[] } }[]) {
      const details = e.data?.errors
      if (Array.isArray(details) && details.length > 0) {
        for (const d of details) {
          const chemin = d.path ?? d.field
          if (chemin && d.message) champs[chemin] = d.message
          else if (d.message) messages.push(d.message)
        }
        if (Object.keys(champs).length === 0 && e.message) messages.push(e.message)
      } else if (e.message) messages.push(e.message)
    }
  }
  if (messages.length === 0 && Object.keys(champs).length === 0) {
    messages.push(status === 401 ? 'Votre session a expiré : reconnectez-vous.' : status === 404 ? 'Dossier introuvable.' : `Une erreur est survenue (code ${status}). Réessayez.`)
  }
  if (messages.length === 0) messages.push('Certains champs sont à corriger.')
  return { message: messages.join(' '), champs }
}

/** A positive integer id from a URL segment, or null (never passed through unchecked). */
export function idDepuisUrl(brut: string): number | null {
  return /^[1-9]\d{0,15}$/.test(brut) ? Number(brut) : null
}
