import { PROFONDEUR_JSON_MAX, profondeurJson } from '@/src/domain/valeursChamps'

/**
 * What a write to the REST API may carry, checked before Payload parses it: a JSON object with
 * `Content-Type: application/json`, or a multipart form whose `_payload` is a JSON object (the
 * admin panel and uploads), or nothing at all. Payload itself would hand a string, a number,
 * `null` or an array to the collection's hooks as `data` (`[]` once created an orphan dossier),
 * ignore an unknown content type (then fail with a 500), and recurse into any depth of nesting.
 */
export type VerdictCorps = { ok: true; typeNormalise?: string } | { ok: false; message: string }

const JSON_ATTENDU = 'Corps de requête invalide : un objet JSON est attendu (Content-Type: application/json).'

export function typeDeMedia(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/** A JSON object, bounded in depth; the message says what is wrong. */
export function verifierObjetJson(texte: string): { ok: true; valeur: Record<string, unknown> } | { ok: false; message: string } {
  let valeur: unknown
  try {
    valeur = JSON.parse(texte)
  } catch {
    return { ok: false, message: 'Corps de requête invalide : JSON mal formé.' }
  }
  if (valeur === null || typeof valeur !== 'object' || Array.isArray(valeur)) return { ok: false, message: JSON_ATTENDU }
  if (profondeurJson(valeur, PROFONDEUR_JSON_MAX) > PROFONDEUR_JSON_MAX) {
    return { ok: false, message: `Corps de requête invalide : JSON imbriqué sur plus de ${PROFONDEUR_JSON_MAX} niveaux.` }
  }
  return { ok: true, valeur: valeur as Record<string, unknown> }
}

const decodeur = new TextDecoder('utf-8', { fatal: true })

export function decoderUtf8(corps: Uint8Array): string | null {
  try {
    return decodeur.decode(corps)
  } catch {
    return null
  }
}

/**
 * Checks a POST/PATCH/PUT body. `champsMultipart` reads a multipart body (done by the caller with
 * the platform's own parser); `remplacementGet` is Payload's `X-Payload-HTTP-Method-Override: GET`
 * (a long query sent as a form body by the admin's relationship fields).
 */
export async function verifierCorps(
  corps: Uint8Array,
  contentType: string | null,
  options: { remplacementGet: boolean; champsMultipart: () => Promise<Map<string, unknown>> },
): Promise<VerdictCorps> {
  const media = typeDeMedia(contentType)
  // Nothing to read: Payload then hands `{}` to the operation (only with the JSON type, else `undefined`).
  if (corps.byteLength === 0) return options.remplacementGet ? { ok: true } : { ok: true, typeNormalise: 'application/json' }
  if (options.remplacementGet && media === 'application/x-www-form-urlencoded') return { ok: true, typeNormalise: media }
  if (media === 'application/json') {
    const texte = decoderUtf8(corps)
    if (texte === null) return { ok: false, message: 'Corps de requête invalide : encodage UTF-8 attendu.' }
    if (texte.trim() === '') return { ok: true, typeNormalise: media }
    const r = verifierObjetJson(texte)
    return r.ok ? { ok: true, typeNormalise: media } : r
  }
  if (media === 'multipart/form-data') {
    let champs: Map<string, unknown>
    try {
      champs = await options.champsMultipart()
    } catch {
      return { ok: false, message: 'Formulaire multipart mal formé ou illisible.' }
    }
    const payload = champs.get('_payload')
    if (payload !== undefined) {
      if (typeof payload !== 'string') return { ok: false, message: 'Le champ « _payload » du formulaire doit être un texte JSON.' }
      const r = verifierObjetJson(payload)
      if (!r.ok) return { ok: false, message: r.message.replace('Corps de requête invalide', 'Champ « _payload » invalide') }
    }
    return { ok: true }
  }
  return {
    ok: false,
    message: media
      ? `Type de contenu « ${media.slice(0, 80)} » non pris en charge : envoyez un objet JSON (Content-Type: application/json) ou un formulaire multipart/form-data.`
      : 'Type de contenu manquant : envoyez un objet JSON avec Content-Type: application/json.',
  }
}
