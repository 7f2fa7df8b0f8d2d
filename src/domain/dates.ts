/**
 * Dates métier (début/fin de formation, date de facture…).
 *
 * Elles sont stockées en ISO 8601 UTC, à minuit ou à midi UTC selon l'origine
 * (saisie « jour seul » de l'admin, import). On lit donc les composantes UTC :
 * avec getDate() le résultat dépendrait du fuseau du serveur, et une date à
 * minuit UTC s'afficherait la veille sur une machine réglée en Amérique.
 */

// Une heure sans fuseau (`2026-03-15T10:00`) est interprétée par JS dans le fuseau
// local du serveur : ambiguë, donc refusée. Date seule = minuit UTC (norme ECMAScript).
const REGEX_DATE_ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2})))?$/

const JOURS_PAR_MOIS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

// Calendrier grégorien proleptique, comme `Date` : par le calcul, sans construire de Date (les
// listes en lisent des centaines par requête, et Next.js trace chaque `new Date`).
function joursDansLeMois(annee: number, mois: number): number {
  const bissextile = annee % 4 === 0 && (annee % 100 !== 0 || annee % 400 === 0)
  return mois === 2 && bissextile ? 29 : (JOURS_PAR_MOIS[mois - 1] ?? 0)
}

/** Ce que `Date.prototype.toISOString()` écrit pour les années 0000–9999 (ce que Payload stocke sous SQLite). */
const REGEX_ISO_CANONIQUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/

/**
 * Vrai si `texte` est exactement ce que `toISOString()` écrit pour un instant : même réponse que
 * l'aller-retour `new Date(texte).toISOString() === texte`, sans Date.
 */
export function estIsoCanonique(texte: string): boolean {
  const m = REGEX_ISO_CANONIQUE.exec(texte)
  if (!m) return false
  const mois = Number(m[2])
  const jour = Number(m[3])
  if (mois < 1 || mois > 12 || jour < 1 || jour > joursDansLeMois(Number(m[1]), mois)) return false
  return Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 59
}

function dansIntervalle(valeur: string | undefined, min: number, max: number): boolean {
  if (valeur === undefined) return true
  const n = Number(valeur)
  return n >= min && n <= max
}

/**
 * Chaîne ISO 8601 (date seule, ou date-heure avec `Z` ou décalage) désignant un
 * jour qui existe. `new Date('2026-02-30')` ne lève pas d'erreur et glisse au
 * 2 mars : d'où le contrôle explicite du calendrier.
 */
export function estDateIsoValide(v: unknown): boolean {
  if (typeof v !== 'string') return false
  const m = REGEX_DATE_ISO.exec(v)
  if (!m) return false
  const [, a, mo, j, h, mi, s, , dh, dm] = m
  const annee = Number(a)
  const mois = Number(mo)
  const jour = Number(j)
  if (mois < 1 || mois > 12) return false
  if (jour < 1 || jour > joursDansLeMois(annee, mois)) return false
  return (
    dansIntervalle(h, 0, 23) &&
    dansIntervalle(mi, 0, 59) &&
    dansIntervalle(s, 0, 59) &&
    dansIntervalle(dh, 0, 23) &&
    dansIntervalle(dm, 0, 59) &&
    !Number.isNaN(Date.parse(v))
  )
}

/** `jj/mm/aaaa`, format attendu sur les conventions, attestations et factures. */
export function formaterDateFr(d: Date | string): string {
  let date: Date
  if (d instanceof Date) {
    date = d
  } else if (estDateIsoValide(d)) {
    date = new Date(d)
  } else {
    throw new RangeError(`Date invalide : « ${String(d)} ».`)
  }
  if (Number.isNaN(date.getTime())) throw new RangeError('Date invalide.')
  const jour = String(date.getUTCDate()).padStart(2, '0')
  const mois = String(date.getUTCMonth() + 1).padStart(2, '0')
  const annee = String(date.getUTCFullYear()).padStart(4, '0')
  return `${jour}/${mois}/${annee}`
}
