/**
 * Upload content checks: the type is read from the bytes, never from the file name or the
 * browser's Content-Type, so a `.pdf` that is really HTML is refused.
 */
export const TYPES_FICHIER_ACCEPTES = ['application/pdf', 'image/png', 'image/jpeg'] as const
export type TypeFichierAccepte = (typeof TYPES_FICHIER_ACCEPTES)[number]

export const TAILLE_MAX_DOCUMENT = 10 * 1024 * 1024

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)

export function detecterTypeFichier(bytes: Uint8Array): TypeFichierAccepte | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf' // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  return null
}

const EXTENSIONS: Record<TypeFichierAccepte, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
}

/**
 * A safe file name: ASCII letters, digits, dot, dash and underscore only, no path, at most 100
 * characters, and the extension that matches the detected content.
 */
export function nettoyerNomFichier(original: string, type: TypeFichierAccepte): string {
  const base = (original.split(/[\\/]/).pop() ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 90)
    .replace(/^[.-]+|[.-]+$/g, '')
  return `${base === '' ? 'document' : base}.${EXTENSIONS[type]}`
}

/** French message when the content is not accepted, or null when it is. */
export function verifierContenuFichier(bytes: Uint8Array, size: number): string | null {
  if (size === 0) return 'Le fichier est vide.'
  if (size > TAILLE_MAX_DOCUMENT) return 'Le fichier dépasse la taille maximale de 10 Mo.'
  if (detecterTypeFichier(bytes) === null) {
    return "Type de fichier refusé : seuls les PDF, PNG et JPEG sont acceptés (le contenu du fichier a été vérifié, pas seulement son nom)."
  }
  return null
}
