/**
 * Règles pures des métriques d'exploitation : des étiquettes de cardinalité bornée (un identifiant
 * dans une URL ne doit pas créer une série par dossier) et la comparaison du jeton de lecture.
 */

const SEGMENT_IDENTIFIANT = /^(\d+|[0-9a-f]{8}-[0-9a-f-]{27,}|[A-Za-z0-9_-]{32,})$/

/** `/api/dossiers/12/transition?x=1` → `/api/dossiers/:id/transition` ; au-delà de 6 segments, tronqué. */
export function routeNormalisee(chemin: string): string {
  const sansRequete = chemin.split('?')[0]!.split('#')[0]!
  const segments = sansRequete.split('/').filter((s) => s !== '')
  const normalises = segments.slice(0, 6).map((s) => (SEGMENT_IDENTIFIANT.test(s) ? ':id' : s.length > 40 ? ':long' : s))
  return `/${normalises.join('/')}${segments.length > 6 ? '/…' : ''}`
}

/** Classe de statut HTTP (`2xx`…) : l'étiquette reste bornée quel que soit le statut renvoyé. */
export function classeStatut(statut: number): string {
  return statut >= 100 && statut < 600 ? `${Math.floor(statut / 100)}xx` : 'autre'
}

/** Le jeton `Authorization: Bearer …` attendu, comparé en temps constant. */
export function jetonValide(entete: string | null, attendu: string, egal: (a: Buffer, b: Buffer) => boolean): boolean {
  const m = /^Bearer\s+(\S+)$/.exec(entete ?? '')
  if (!m) return false
  const a = Buffer.from(m[1]!)
  const b = Buffer.from(attendu)
  return a.length === b.length && egal(a, b)
}
