/**
 * "Call, and turn a refusal into a message": portal pages and actions read through the Local API
 * as the visitor, which throws Payload's APIErrors (Forbidden, NotFound, ValidationError…) when
 * the API refuses. A refusal is an answer to show in French, not an error page: only errors
 * that are not refusals (status ≥ 500 or none) are rethrown to Next's error boundary.
 */
import { notFound } from 'next/navigation'

export type Appel<T> = { ok: true; valeur: T } | { ok: false; status: number; message: string }

const MESSAGES: Record<number, string> = {
  400: 'La demande est invalide.',
  401: 'Votre session a expiré : reconnectez-vous.',
  403: 'Vous n’avez pas accès à cette information.',
  404: 'Introuvable : cet élément n’existe pas ou vous n’y avez pas accès.',
  409: 'Cette opération entre en conflit avec l’état actuel du dossier.',
  422: 'La demande ne peut pas être traitée en l’état.',
}

/** The refusal's status (4xx) and French message, or null if `err` is not a refusal. */
export function refusDe(err: unknown): { status: number; message: string } | null {
  const status = (err as { status?: unknown })?.status
  if (typeof status !== 'number' || status < 400 || status >= 500) return null
  // 401/403/404 get our wording (the same whether the thing exists or not); for 400/409/422
  // Payload's own message says what to fix (French: the config's i18n is fr).
  const brut = err instanceof Error ? err.message : ''
  const message = [401, 403, 404].includes(status) || !brut ? (MESSAGES[status] ?? 'La demande a été refusée.') : brut
  return { status, message }
}

export async function appeler<T>(appel: () => Promise<T>): Promise<Appel<T>> {
  try {
    return { ok: true, valeur: await appel() }
  } catch (err) {
    const refus = refusDe(err)
    if (!refus) throw err
    return { ok: false, ...refus }
  }
}

/** Like `appeler`, for a page's main read: a 404 (or 403, the same answer) shows Next's not-found page. */
export async function lireOuIntrouvable<T>(appel: () => Promise<T>): Promise<Appel<T>> {
  const r = await appeler(appel)
  if (!r.ok && (r.status === 404 || r.status === 403)) notFound()
  return r
}
