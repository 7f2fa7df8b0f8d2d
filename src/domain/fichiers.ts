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

/** Longest original name accepted (the multipart parser cuts at 255; beyond 200 it is no real name). */
export const LONGUEUR_MAX_NOM_FICHIER = 200

/** Device names Windows reserves, with or without extension: such a file cannot be saved there. */
const NOMS_RESERVES_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i

/**
 * The name as the client sent it (path included: the upload parser keeps it, see payload.config.ts)
 * is refused when it can only be an attack or a mistake — a path, control characters (NUL…),
 * characters no file system accepts, a Windows device name, an absurd length — with the French
 * reason, or null when it is acceptable. An acceptable name is then rebuilt by
 * nettoyerNomFichier: the original is never used as a path.
 */
export function verifierNomFichier(nom: string): string | null {
  const prefixe = 'Nom de fichier refusé'
  // eslint-disable-next-line no-control-regex
  // Bidirectional overrides too: « facture\u202Efdp.exe » displays as « factureexe.pdf ».
  if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(nom)) return `${prefixe} : il contient des caractères de contrôle. Renommez le fichier puis déposez-le à nouveau.`
  if (/[\\/]/.test(nom)) return `${prefixe} : il contient un chemin (« / » ou « \\ »). Déposez le fichier sous son seul nom.`
  if (nom.length > LONGUEUR_MAX_NOM_FICHIER) return `${prefixe} : il dépasse ${LONGUEUR_MAX_NOM_FICHIER} caractères. Raccourcissez-le puis déposez-le à nouveau.`
  if (/[<>:"|?*]/.test(nom)) return `${prefixe} : les caractères < > : " | ? * sont interdits. Renommez le fichier puis déposez-le à nouveau.`
  if (NOMS_RESERVES_WINDOWS.test(nom.trim())) return `${prefixe} : « ${nom.trim()} » est un nom réservé par Windows. Renommez le fichier puis déposez-le à nouveau.`
  return null
}

/**
 * Stored name of a file a person uploaded: the cleaned name plus a random suffix, so that two
 * uploads of « devis.pdf » at the same instant can never write the same file, and so that a file
 * name cannot be guessed from another dossier's documents.
 */
export function nomFichierStocke(nettoye: string, suffixe: string): string {
  const point = nettoye.lastIndexOf('.')
  return `${nettoye.slice(0, point)}-${suffixe}${nettoye.slice(point)}`
}
