/**
 * Montants en centimes entiers.
 *
 * Les financements OPCO se rapprochent au centime près (prise en charge,
 * subrogation, règlements partiels) : un `0.1 + 0.2` flottant suffit à créer
 * un écart de rapprochement. Tout passe donc par des entiers de centimes, et
 * les conversions texte ⇄ centimes se font par manipulation de chaînes.
 */

const NBSP = '\u00a0'

// Espaces qu'on rencontre comme séparateur de milliers : saisie clavier,
// copier-coller depuis Word/PDF (U+00A0) ou depuis Intl/ICU récent (U+202F), fine (U+2009).
const ESPACES = ' \u00a0\u202f\u2009'

export const MESSAGE_MONTANT_CENTIMES_INVALIDE =
  'Le montant doit être un nombre entier de centimes, positif ou nul.'

export class MontantInvalideError extends Error {
  readonly saisie: unknown

  constructor(message: string, saisie: unknown) {
    super(message)
    this.name = 'MontantInvalideError'
    this.saisie = saisie
  }
}

export function estMontantCentimesValide(v: unknown): boolean {
  // isSafeInteger exclut NaN, Infinity, les décimaux et tout ce qui dépasse 2^53-1,
  // au-delà de quoi deux montants différents peuvent avoir la même représentation.
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
}

/** Validateur de champ Payload ; vide accepté car l'obligation est portée par `required`. */
export function validerMontantCentimes(v: unknown): true | string {
  if (v === null || v === undefined) return true
  return estMontantCentimesValide(v) ? true : MESSAGE_MONTANT_CENTIMES_INVALIDE
}

function exigerCentimes(cents: number): void {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) {
    throw new RangeError(`Montant en centimes invalide : ${String(cents)}.`)
  }
}

// Découpe un entier de centimes en signe / euros / centimes sans division
// flottante : String() d'un entier sûr ne produit jamais de notation exponentielle.
function decouper(cents: number): { negatif: boolean; euros: string; centimes: string } {
  exigerCentimes(cents)
  const negatif = cents < 0
  const chiffres = String(Math.abs(cents)).padStart(3, '0')
  return {
    negatif,
    euros: chiffres.slice(0, -2),
    centimes: chiffres.slice(-2),
  }
}

function grouperMilliers(euros: string, separateur: string): string {
  const groupes: string[] = []
  for (let fin = euros.length; fin > 0; fin -= 3) {
    groupes.unshift(euros.slice(Math.max(0, fin - 3), fin))
  }
  return groupes.join(separateur)
}

/**
 * Format français `1 234,56 €`, avec des espaces insécables U+00A0 (milliers et
 * avant `€`) pour qu'un montant ne soit jamais coupé en fin de ligne.
 * Pas d'Intl : selon la version d'ICU il produit U+202F ou U+00A0, ce qui rend
 * les documents générés (et les tests) instables d'un environnement à l'autre.
 */
export function formaterEuros(cents: number): string {
  const { negatif, euros, centimes } = decouper(cents)
  return `${negatif ? '-' : ''}${grouperMilliers(euros, NBSP)},${centimes}${NBSP}€`
}

/** Forme neutre pour les exports (CSV, tableurs, API) : `1234.56`, sans séparateur de milliers. */
export function centimesEnEuros(cents: number): string {
  const { negatif, euros, centimes } = decouper(cents)
  return `${negatif ? '-' : ''}${euros}.${centimes}`
}

export interface OptionsParserEuros {
  /** Les avoirs et régularisations peuvent être négatifs ; une saisie de prise en charge, jamais. */
  autoriserNegatif?: boolean
}

const ESP = `[${ESPACES}]`
// Milliers : soit aucun séparateur, soit des groupes réguliers de 3 — « 12 34 » est
// plus probablement une faute de frappe qu'un montant.
const REGEX_MONTANT = new RegExp(
  `^([-\u2212])?(\\d{1,3}(?:${ESP}\\d{3})+|\\d+)(?:[.,](\\d+))?(?:${ESP}*€)?$`,
)

const MAX_SURS = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * Lit un montant saisi en euros et renvoie des centimes entiers.
 * Accepte `1 234,56 €`, `1234.56`, `1234,5`, `1 234 €`. Un seul séparateur
 * décimal (virgule ou point) ; `1.234` est donc lu comme 1,234 € et refusé
 * (3 décimales) plutôt que deviné comme 1 234 €.
 */
export function parserEuros(text: string, options: OptionsParserEuros = {}): number {
  if (typeof text !== 'string') {
    throw new MontantInvalideError('Le montant doit être saisi sous forme de texte.', text)
  }
  const saisie = text.trim()
  if (saisie === '') throw new MontantInvalideError('Le montant est vide.', text)

  const m = REGEX_MONTANT.exec(saisie)
  if (!m) throw new MontantInvalideError(`« ${text} » n'est pas un montant valide.`, text)

  const [, signe, entier = '', decimales = ''] = m
  if (decimales.length > 2) {
    throw new MontantInvalideError(
      `Le montant « ${text} » a plus de 2 décimales : il doit être exact au centime.`,
      text,
    )
  }
  if (signe !== undefined && !options.autoriserNegatif) {
    throw new MontantInvalideError(`Le montant ne peut pas être négatif : « ${text} ».`, text)
  }

  const chiffres = entier.replace(new RegExp(ESP, 'g'), '') + decimales.padEnd(2, '0')
  const absolu = BigInt(chiffres)
  if (absolu > MAX_SURS) {
    throw new MontantInvalideError(`Le montant « ${text} » est trop grand.`, text)
  }
  const cents = Number(absolu)
  // « -0,00 » doit donner 0 et non -0, que Object.is et les sérialisations distinguent.
  return signe !== undefined && cents !== 0 ? -cents : cents
}

export type LectureSaisieEuros = { ok: true; centimes: number | null } | { ok: false; message: string }

/**
 * What a money input does with the text typed (admin field, portal forms): empty means no amount
 * (the field's `required` decides), anything else must read as euros — never as centimes, never
 * guessed. The message is the one shown next to the field.
 */
export function lireSaisieEuros(text: string): LectureSaisieEuros {
  if (typeof text !== 'string' || text.trim() === '') return { ok: true, centimes: null }
  try {
    return { ok: true, centimes: parserEuros(text) }
  } catch (e) {
    const detail = e instanceof MontantInvalideError ? e.message : `« ${text} » n'est pas un montant valide.`
    return { ok: false, message: `${detail} Saisissez un montant en euros, par exemple 1 260,00.` }
  }
}
