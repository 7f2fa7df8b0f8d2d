/**
 * Ce qu'une valeur reçue doit être, selon le type du champ, AVANT que Payload ne la convertisse
 * ou ne l'écrive. Payload convertit en silence (`"2026-01-01"` devient 2026 dans un champ
 * nombre, `true` passe pour une option de liste, `""` ou `0` pour une date absente) et la base
 * garde alors des valeurs qu'elle ne sait plus relire : chaque règle ici refuse au lieu de
 * deviner. Chaque fonction rend `true` ou le message français à montrer.
 */
import { estDateIsoValide } from './dates'

export type Verdict = true | string

/** Profondeur d'imbrication des objets et tableaux JSON acceptée dans une requête. */
export const PROFONDEUR_JSON_MAX = 64

const estVide = (v: unknown): boolean => v === null || v === undefined

/** Profondeur d'imbrication d'une valeur JSON, calculée sans récursion (une valeur très profonde ne fait pas déborder la pile). */
export function profondeurJson(valeur: unknown, arretAu = Number.POSITIVE_INFINITY): number {
  let max = 0
  const pile: [unknown, number][] = [[valeur, 1]]
  while (pile.length > 0) {
    const [v, p] = pile.pop()!
    if (v === null || typeof v !== 'object') continue
    if (p > max) max = p
    if (max > arretAu) return max
    for (const enfant of Array.isArray(v) ? v : Object.values(v)) pile.push([enfant, p + 1])
  }
  return max
}

export function verifierTexte(v: unknown, options: { hasMany?: boolean } = {}): Verdict {
  if (estVide(v)) return true
  if (options.hasMany) {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return 'Une liste de textes est attendue.'
    return true
  }
  return typeof v === 'string' ? true : 'Un texte est attendu.'
}

/** Jour réel du calendrier (pas de `2026-02-30` décalé au 2 mars), en ISO 8601 ; vide = absent. */
export function verifierDate(v: unknown): Verdict {
  if (estVide(v)) return true
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Date invalide.' : true
  if (typeof v !== 'string') return 'Une date au format AAAA-MM-JJ est attendue.'
  return estDateIsoValide(v) ? true : `« ${v.slice(0, 40)} » n'est pas une date valide (format AAAA-MM-JJ, jour existant).`
}

const NOMBRE_TEXTE = /^-?\d{1,16}(?:\.\d{1,16})?$/

/**
 * Nombre fini, entier sûr au plus (au-delà de 2^53 la base et JavaScript ne relisent plus la
 * même valeur), dans [min, max]. Un nombre écrit en texte canonique (`"12"`, `"3.5"`) est admis
 * puisque Payload le convertit sans perte ; une date ou `"12abc"` ne l'est pas.
 */
export function verifierNombre(v: unknown, options: { min?: number; max?: number; hasMany?: boolean } = {}): Verdict {
  if (estVide(v)) return true
  if (options.hasMany) {
    if (!Array.isArray(v)) return 'Une liste de nombres est attendue.'
    for (const x of v) {
      const r = verifierNombre(x, { ...options, hasMany: false })
      if (r !== true) return r
    }
    return true
  }
  let n: number
  if (typeof v === 'number') n = v
  else if (typeof v === 'string' && NOMBRE_TEXTE.test(v.trim())) n = Number(v.trim())
  else return 'Un nombre est attendu.'
  if (!Number.isFinite(n)) return 'Un nombre fini est attendu.'
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return 'Ce nombre est trop grand.'
  if (options.min !== undefined && n < options.min) return `La valeur doit être supérieure ou égale à ${options.min}.`
  if (options.max !== undefined && n > options.max) return `La valeur doit être inférieure ou égale à ${options.max}.`
  return true
}

export function verifierCaseACocher(v: unknown): Verdict {
  if (estVide(v)) return true
  return typeof v === 'boolean' ? true : 'Vrai ou faux (true / false) est attendu.'
}

/** Une valeur de la liste, en texte : ni `true`, ni un tableau, ni un objet. */
export function verifierSelect(v: unknown, valeurs: readonly string[], options: { hasMany?: boolean } = {}): Verdict {
  if (estVide(v)) return true
  const liste = valeurs.join(', ')
  if (options.hasMany) {
    if (!Array.isArray(v)) return `Une liste de valeurs parmi ${liste} est attendue.`
    const hors = v.filter((x) => typeof x !== 'string' || !valeurs.includes(x))
    return hors.length === 0 ? true : `Valeur non autorisée (attendu : ${liste}).`
  }
  if (typeof v !== 'string' || !valeurs.includes(v)) return `Valeur non autorisée (attendu : ${liste}).`
  return true
}

const ID_TEXTE = /^[1-9]\d{0,15}$/

/** Identifiant d'un document lié : entier positif (ou son écriture décimale), ou objet `{ id }`. */
export function identifiantLie(v: unknown): number | null | 'invalide' {
  if (estVide(v)) return null
  if (typeof v === 'object' && !Array.isArray(v) && v !== null && 'id' in v) return identifiantLie((v as { id: unknown }).id)
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? v : 'invalide'
  if (typeof v === 'string' && ID_TEXTE.test(v)) {
    const n = Number(v)
    return Number.isSafeInteger(n) ? n : 'invalide'
  }
  return 'invalide'
}

export function verifierRelation(v: unknown, options: { hasMany?: boolean } = {}): Verdict {
  if (estVide(v)) return true
  if (options.hasMany) {
    if (!Array.isArray(v)) return 'Une liste d’identifiants est attendue.'
    return v.every((x) => typeof identifiantLie(x) === 'number') ? true : 'Identifiant invalide dans la liste.'
  }
  return identifiantLie(v) === 'invalide' ? 'Identifiant invalide : un nombre entier positif est attendu.' : true
}

export function verifierGroupe(v: unknown): Verdict {
  if (estVide(v)) return true
  return typeof v === 'object' && !Array.isArray(v) ? true : 'Un objet est attendu.'
}

export function verifierTableau(v: unknown): Verdict {
  if (estVide(v)) return true
  if (!Array.isArray(v)) return 'Une liste est attendue.'
  return v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x)) ? true : 'Chaque élément de la liste doit être un objet.'
}

const NOEUDS_MAX_TEXTE_RICHE = 20_000

/**
 * Les nœuds d'un texte : pas d'upload, de relation ni de bloc, qui feraient lire un autre
 * document à la relecture (et dont nos textes — objectifs, justification, messages — n'ont pas besoin).
 */
export const NOEUDS_TEXTE_RICHE = new Set(['root', 'paragraph', 'text', 'heading', 'list', 'listitem', 'quote', 'link', 'autolink', 'linebreak', 'tab', 'horizontalrule'])

/**
 * Forme d'un état Lexical : `{ root: { type: 'root', children: [...] } }`, chaque nœud un objet
 * avec un `type` textuel, des `children` en tableau, un `text` textuel. Parcours itératif borné.
 */
export function verifierTexteRiche(v: unknown): Verdict {
  if (estVide(v)) return true
  const invalide = 'Texte enrichi invalide : un état Lexical { root: { type: "root", children: [...] } } est attendu.'
  if (typeof v !== 'object' || Array.isArray(v)) return invalide
  const root = (v as { root?: unknown }).root
  if (!root || typeof root !== 'object' || Array.isArray(root) || (root as { type?: unknown }).type !== 'root') return invalide
  if (profondeurJson(v, PROFONDEUR_JSON_MAX) > PROFONDEUR_JSON_MAX) return 'Texte enrichi trop imbriqué.'
  const pile: unknown[] = [root]
  let vus = 0
  while (pile.length > 0) {
    const noeud = pile.pop()
    if (++vus > NOEUDS_MAX_TEXTE_RICHE) return 'Texte enrichi trop long.'
    if (!noeud || typeof noeud !== 'object' || Array.isArray(noeud)) return invalide
    const n = noeud as { type?: unknown; children?: unknown; text?: unknown; version?: unknown }
    if (typeof n.type !== 'string' || n.type === '') return invalide
    if (!NOEUDS_TEXTE_RICHE.has(n.type)) return `Texte enrichi : élément « ${n.type.slice(0, 40)} » non autorisé.`
    if (n.text !== undefined && typeof n.text !== 'string') return invalide
    if (n.version !== undefined && typeof n.version !== 'number') return invalide
    if (n.children !== undefined) {
      if (!Array.isArray(n.children)) return invalide
      pile.push(...n.children)
    }
  }
  return Array.isArray((root as { children?: unknown }).children) ? true : invalide
}

export function verifierJson(v: unknown): Verdict {
  if (v === undefined) return true
  return profondeurJson(v, PROFONDEUR_JSON_MAX) > PROFONDEUR_JSON_MAX ? 'Valeur JSON trop imbriquée.' : true
}

/** A JSON object as a client sent it (a request body): keys and values stay unknown until a rule checks them. */
export type ObjetJson = Record<string, unknown>
