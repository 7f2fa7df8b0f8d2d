/**
 * Mise en forme des valeurs imprimées sur les documents.
 *
 * Une donnée absente doit se voir (« non renseigné », « — ») : un document officiel qui porte
 * « undefined », « null » ou « NaN » part chez l'OPCO et revient refusé des semaines plus tard.
 * Chaque fonction accepte donc `unknown` (ce que renvoie la base) et ne lève jamais.
 */
import { estDateIsoValide, formaterDateFr } from '@/src/domain/dates'
import { formaterEuros } from '@/src/domain/money'

export const NON_RENSEIGNE = 'non renseigné'
export const TIRET = '—'

/** Espace insécable : « SIRET : … », « 21 heures » restent sur une ligne. */
export const NBSP = '\u00a0'

/** Texte saisi, espaces de bord retirés ; `repli` s'il est absent ou vide. */
export function texte(v: unknown, repli: string = NON_RENSEIGNE): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v !== 'string') return repli
  const t = v.trim()
  return t === '' ? repli : t
}

export function estRenseigne(v: unknown): boolean {
  return typeof v === 'string' ? v.trim() !== '' : typeof v === 'number' ? Number.isFinite(v) : v !== null && v !== undefined
}

/** Montant en centimes → `1 234,56 €` ; négatif accepté (avoirs) ; sinon « — ». */
export function euros(v: unknown): string {
  return typeof v === 'number' && Number.isSafeInteger(v) ? formaterEuros(v) : TIRET
}

/** Date ISO (ou Date) → `jj/mm/aaaa` ; sinon « — ». */
export function dateFr(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? TIRET : formaterDateFr(v)
  return estDateIsoValide(v) ? formaterDateFr(v as string) : TIRET
}

/** Nombre à la française, sans séparateur de milliers pour les petites valeurs (heures, effectif). */
export function nombreFr(n: number): string {
  return String(n).replace('.', ',')
}

/** `21 heures`, `1,5 heure` (le pluriel commence à 2 en français) ; sinon « non renseignée ». */
export function heures(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return 'non renseignée'
  return `${nombreFr(v)}${NBSP}${v >= 2 ? 'heures' : 'heure'}`
}

export interface AdresseEntree {
  rue?: string | null
  codePostal?: string | null
  ville?: string | null
}

/** `10 rue X, 75011 Paris` ; les morceaux absents sont omis, tout absent → « non renseignée ». */
export function adresse(a: AdresseEntree | null | undefined): string {
  const rue = texte(a?.rue, '')
  const ville = [texte(a?.codePostal, ''), texte(a?.ville, '')].filter(Boolean).join(' ')
  const lignes = [rue, ville].filter(Boolean)
  return lignes.length ? lignes.join(', ') : 'non renseignée'
}

/** SIREN d'un SIRET saisi (14 chiffres), sinon le SIREN fourni, sinon « non renseigné ». */
export function siren(siret: unknown, sirenFourni?: unknown): string {
  if (typeof sirenFourni === 'string' && /^\d{9}$/.test(sirenFourni.replace(/\s/g, ''))) return sirenFourni.replace(/\s/g, '')
  if (typeof siret === 'string') {
    const chiffres = siret.replace(/[\s.\-]/g, '')
    if (/^\d{14}$/.test(chiffres)) return chiffres.slice(0, 9)
  }
  return NON_RENSEIGNE
}

/** Remplace `{cle}` par sa valeur ; une clé sans valeur reste visible plutôt que « undefined ». */
export function remplir(gabarit: string, valeurs: Record<string, string>): string {
  return gabarit.replace(/\{(\w+)\}/g, (tout, cle: string) => valeurs[cle] ?? tout)
}

/**
 * « auprès du préfet de région de {region} » : élision devant voyelle ou h
 * (« d'Île-de-France », « d'Occitanie »), comme l'écrivent les conventions réelles.
 */
export function remplirAvecElision(gabarit: string, valeurs: Record<string, string>): string {
  const elide = gabarit.replace(/\bde \{(\w+)\}/g, (tout, cle: string) => {
    const v = valeurs[cle]
    return v !== undefined && /^[aeiouyhâàéèêëîïôöûüœ]/i.test(v) ? `d'${v}` : tout
  })
  return remplir(elide, valeurs)
}

/** Date ISO `aaaa-mm-jj` + n jours (UTC), pour l'échéance d'une facture. */
export function ajouterJours(iso: unknown, jours: number): string | null {
  if (!estDateIsoValide(iso)) return null
  const d = new Date(iso as string)
  d.setUTCDate(d.getUTCDate() + jours)
  return d.toISOString()
}
