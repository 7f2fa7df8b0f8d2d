/**
 * Balisage HTML sûr pour les documents générés (conventions, factures…).
 *
 * Les valeurs imprimées viennent de saisies libres (nom du bénéficiaire, intitulé, adresse…) :
 * une seule valeur non échappée suffirait à injecter une balise <img src=…> ou un <script> dans
 * un document officiel rendu par Chromium. D'où une seule façon de produire du HTML :
 * le gabarit étiqueté `html`, qui échappe chaque valeur interpolée. Seuls passent tels quels
 * les fragments produits par `html` lui-même (imbrication) et par `brut()`, réservé à du
 * balisage constant écrit dans le code (feuille de style du gabarit).
 *
 * Un fragment est une instance d'une classe à champ privé : un objet venu de la base ou d'un
 * JSON ne peut pas s'en faire passer pour un, quoi qu'il contienne.
 */

// Classe non exportée : seuls `html` et `brut` (ci-dessous) en créent des instances.
class Fragment {
  readonly #html: string

  constructor(balisage: string) {
    this.#html = balisage
  }

  static estFragment(v: unknown): v is Fragment {
    return typeof v === 'object' && v !== null && #html in v
  }

  toString(): string {
    return this.#html
  }
}

/** Un morceau de HTML sûr (produit par `html` ou `brut`). */
export type FragmentHtml = Fragment

export function estFragmentHtml(v: unknown): v is FragmentHtml {
  return Fragment.estFragment(v)
}

/** Ce qu'on peut interpoler : texte (échappé), nombre fini, fragment sûr, liste de ceux-ci. */
export type ValeurHtml = string | number | boolean | null | undefined | FragmentHtml | readonly ValeurHtml[]

const ENTITES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // Accent grave et « = » : ils ne ferment rien dans un attribut entre guillemets, mais un
  // gabarit qui oublierait les guillemets resterait sans injection possible.
  '`': '&#96;',
  '=': '&#61;',
}

/** Échappe un texte pour le contenu d'un élément ou la valeur d'un attribut entre guillemets. */
export function echapper(texte: string): string {
  return texte.replace(/[&<>"'`=]/g, (c) => ENTITES[c] ?? c)
}

function rendreValeur(v: ValeurHtml): string {
  // null/undefined/false : ce qu'on obtient avec `${condition && html`…`}` → rien.
  // Une valeur manquante *imprimée* doit être rendue visible par le modèle (« — »), pas ici.
  if (v === null || v === undefined || v === false) return ''
  if (Fragment.estFragment(v)) return v.toString()
  if (Array.isArray(v)) return v.map(rendreValeur).join('')
  if (typeof v === 'string') return echapper(v)
  if (typeof v === 'number') {
    // Un NaN imprimé sur une facture est pire qu'un rendu qui échoue : la tâche sera relancée
    // après correction plutôt que de produire un document faux.
    if (!Number.isFinite(v)) throw new TypeError(`Valeur numérique non imprimable dans un document : ${String(v)}`)
    return String(v)
  }
  // `true`, objets, fonctions, symboles : jamais de « [object Object] » ni de toString() étranger.
  throw new TypeError(`Valeur non imprimable dans un document (${v === true ? 'true' : typeof v}).`)
}

/** Gabarit étiqueté : les parties littérales sont du balisage, chaque `${valeur}` est échappée. */
export function html(parties: TemplateStringsArray, ...valeurs: readonly ValeurHtml[]): FragmentHtml {
  // Un appel direct `html([texteSaisi])` ferait d'une donnée du balisage : seul un vrai gabarit
  // littéral (tableau figé avec `raw`) est accepté.
  if (!Array.isArray(parties) || !Array.isArray((parties as { raw?: unknown }).raw) || !Object.isFrozen(parties)) {
    throw new TypeError('html doit être utilisé comme gabarit étiqueté : html`…`.')
  }
  let sortie = parties[0] ?? ''
  for (let i = 0; i < valeurs.length; i++) {
    sortie += rendreValeur(valeurs[i]) + (parties[i + 1] ?? '')
  }
  return new Fragment(sortie)
}

/**
 * Balisage de confiance, tel quel. Uniquement pour des constantes écrites dans le code
 * (feuille de style, glyphes) : jamais pour une donnée, même « validée ».
 */
export function brut(balisageConstant: string): FragmentHtml {
  return new Fragment(balisageConstant)
}

/** Assemble une liste de fragments (ou de textes, échappés) avec un séparateur de balisage. */
export function joindre(elements: readonly ValeurHtml[], separateur: FragmentHtml = brut('')): FragmentHtml {
  const rendus = elements.map(rendreValeur).filter((s) => s !== '')
  return new Fragment(rendus.join(separateur.toString()))
}

/** Le document final, en texte. */
export function versTexteHtml(fragment: FragmentHtml): string {
  return fragment.toString()
}
