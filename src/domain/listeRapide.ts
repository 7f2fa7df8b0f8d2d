import { estIsoCanonique } from './dates'
/**
 * Lecture rapide des listes REST (`GET /api/<collection>?depth=0…`) : ce que Payload ferait, sans
 * sa marche générique champ par champ (bench/README.md « Liste des dossiers : où passe le temps »).
 *
 * Pur : décrit la collection à partir de sa configuration assainie (les `flattenedFields` de
 * Payload, forme minimale ci-dessous), décide si une requête a la forme courante que la lecture
 * rapide sait servir, et sinon répond `null` : la requête passe alors par Payload, inchangée.
 * Tout ce que la lecture rapide ne sait pas reproduire (accès par champ, hooks `afterRead`, champ
 * caché ou virtuel, tableaux, localisation…) est un **obstacle** : tant qu'il en reste un, la
 * collection n'a pas de lecture rapide du tout (tests/unit/domain/listeRapide.test.ts).
 */

export interface ChampConfig {
  name?: string
  type: string
  hidden?: boolean
  virtual?: unknown
  localized?: boolean
  hasMany?: boolean
  relationTo?: string | string[]
  access?: { read?: unknown }
  hooks?: { afterRead?: unknown[] }
  flattenedFields?: ChampConfig[]
}

type Hook = (...args: never[]) => unknown

export interface CollectionConfigDecrite {
  slug: string
  flattenedFields: ChampConfig[]
  hooks?: Partial<Record<'beforeOperation' | 'beforeRead' | 'afterRead' | 'afterOperation', Hook[] | undefined>>
  versions?: unknown
  trash?: unknown
  auth?: unknown
  upload?: unknown
  defaultSort?: unknown
}

/** Un champ stocké dans une colonne de la table principale : son chemin d'API et sa clé drizzle. */
export interface ChampListe {
  /** `beneficiaire.nom` */
  chemin: string
  /** `beneficiaire_nom` : la clé de la colonne dans la table drizzle de Payload. */
  cle: string
  type: string
}

/** Ce qu'un document de la liste contient, dans l'ordre de Payload : groupes imbriqués, colonnes. */
export type Gabarit = Array<{ nom: string; champ: ChampListe } | { nom: string; groupe: Gabarit }>

export interface DescriptionListe {
  champs: ChampListe[]
  gabarit: Gabarit
  /** Vide : la lecture rapide reproduit Payload pour cette collection. Sinon, pourquoi pas. */
  obstacles: string[]
}

const TYPES_COLONNE = new Set(['text', 'textarea', 'email', 'select', 'number', 'checkbox', 'date', 'json', 'richText', 'relationship', 'code', 'radio'])
const HOOKS_DE_LECTURE = ['beforeRead', 'afterRead', 'afterOperation'] as const

const SANS_EFFET_EN_LECTURE = new WeakSet<object>()

/**
 * Marque un hook `beforeOperation` qui rend ses arguments inchangés pour une lecture (il ne
 * regarde que les écritures) : la lecture rapide peut s'en passer. Un hook non marqué est un obstacle.
 */
export function sansEffetEnLecture<H extends object>(hook: H): H {
  SANS_EFFET_EN_LECTURE.add(hook)
  return hook
}

export function decrireCollection(collection: CollectionConfigDecrite): DescriptionListe {
  const obstacles: string[] = []
  const champs: ChampListe[] = [{ chemin: 'id', cle: 'id', type: 'id' }]
  const parcourir = (fields: ChampConfig[], prefixeChemin: string, prefixeCle: string): Gabarit => {
    const gabarit: Gabarit = []
    for (const f of fields) {
      if (!f.name) continue
      const chemin = `${prefixeChemin}${f.name}`
      if (f.access?.read) obstacles.push(`${chemin} : accès en lecture par champ`)
      if (f.hooks?.afterRead?.length) obstacles.push(`${chemin} : hook afterRead`)
      if (f.hidden) obstacles.push(`${chemin} : champ caché`)
      if (f.virtual) obstacles.push(`${chemin} : champ virtuel`)
      if (f.localized) obstacles.push(`${chemin} : champ localisé`)
      if (f.hasMany) obstacles.push(`${chemin} : valeurs multiples`)
      if (f.type === 'group' && f.flattenedFields) {
        gabarit.push({ nom: f.name, groupe: parcourir(f.flattenedFields, `${chemin}.`, `${prefixeCle}${f.name}_`) })
        continue
      }
      if (!TYPES_COLONNE.has(f.type)) {
        obstacles.push(`${chemin} : type « ${f.type} » hors de la table principale ou non pris en charge`)
        continue
      }
      if (f.type === 'relationship' && typeof f.relationTo !== 'string') obstacles.push(`${chemin} : relation polymorphe`)
      const champ = { chemin, cle: `${prefixeCle}${f.name}`, type: f.type }
      if (chemin !== 'id') champs.push(champ)
      gabarit.push({ nom: f.name, champ })
    }
    return gabarit
  }
  const gabarit = parcourir(collection.flattenedFields, '', '')
  if (!gabarit.some((g) => g.nom === 'id')) gabarit.unshift({ nom: 'id', champ: champs[0]! })
  for (const nom of HOOKS_DE_LECTURE) {
    if (collection.hooks?.[nom]?.length) obstacles.push(`hooks ${nom} de la collection`)
  }
  for (const hook of collection.hooks?.beforeOperation ?? []) {
    if (!SANS_EFFET_EN_LECTURE.has(hook)) obstacles.push(`hook beforeOperation non marqué sansEffetEnLecture (${hook.name || 'anonyme'})`)
  }
  if (collection.versions) obstacles.push('versions / brouillons')
  if (collection.trash) obstacles.push('corbeille')
  if (collection.auth) obstacles.push('collection d’authentification')
  if (collection.upload) obstacles.push('collection de fichiers')
  if (!champs.some((c) => c.chemin === 'createdAt')) obstacles.push('pas de createdAt (tri par défaut de Payload)')
  return { champs, gabarit, obstacles }
}

// --- Requêtes ---------------------------------------------------------------------------------

/** Valeur comparée, déjà convertie comme Payload la convertit pour la colonne. */
export type Valeur = string | number | boolean

export type Condition =
  | { et: Condition[] }
  | { ou: Condition[] }
  | { cle: string; op: 'egal' | 'different'; valeur: Valeur }
  | { cle: string; op: 'parmi'; valeurs: Valeur[] }

export interface PlanListe {
  limit: number
  page: number
  tri: Array<{ cle: string; desc: boolean }>
  filtre: Condition | null
}

/** Filtrables et triables par la lecture rapide ; les autres (json, texte enrichi) passent par Payload. */
const TYPES_FILTRE = new Set(['id', 'select', 'relationship', 'text', 'email'])
const TYPES_TRI = new Set(['id', 'select', 'relationship', 'text', 'email', 'textarea', 'number', 'date', 'checkbox'])
const PARAMETRES_CONNUS = new Set(['depth', 'limit', 'page', 'sort', 'where'])
/** Au-delà, la lecture rapide ne gagne rien et l'offset pourrait dépasser les entiers sûrs. */
const LIMITE_MAX = 1000
const DECALAGE_MAX = 1_000_000_000

const chiffres = (v: unknown): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)

/**
 * La valeur comme Payload la passe au pilote : un identifiant devient un nombre (une chaîne non
 * numérique n'en est pas un : `undefined`, la requête retourne à Payload), un texte reste texte.
 */
function valeurPour(champ: ChampListe, v: unknown): Valeur | undefined {
  if (champ.type === 'id' || champ.type === 'relationship') {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v
    return typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : undefined
  }
  // `null` / 'null' ont une sémantique propre à Payload (IS NULL) : non pris en charge ici.
  if (typeof v !== 'string' || v === 'null' || v === '') return undefined
  return v
}

/** `where` en conditions, ou `undefined` dès qu'une partie sort de la forme prise en charge. */
export function lireFiltre(where: unknown, champs: Map<string, ChampListe>, profondeur = 0): Condition | undefined {
  if (profondeur > 8 || where === null || typeof where !== 'object' || Array.isArray(where)) return undefined
  const conditions: Condition[] = []
  for (const [cle, valeur] of Object.entries(where)) {
    // Exactly `and` / `or`, as Payload reads them (another case is a field name for it).
    if (cle === 'and' || cle === 'or') {
      if (!Array.isArray(valeur)) return undefined
      const enfants: Condition[] = []
      for (const w of valeur) {
        const c = lireFiltre(w, champs, profondeur + 1)
        if (!c) return undefined
        enfants.push(c)
      }
      if (enfants.length === 0) return undefined
      conditions.push(cle === 'and' ? { et: enfants } : { ou: enfants })
      continue
    }
    const champ = champs.get(cle)
    if (!champ || !TYPES_FILTRE.has(champ.type)) return undefined
    if (valeur === null || typeof valeur !== 'object' || Array.isArray(valeur)) return undefined
    const operateurs = Object.entries(valeur)
    if (operateurs.length === 0) return undefined
    for (const [op, v] of operateurs) {
      if (op === 'equals' || op === 'not_equals') {
        const x = valeurPour(champ, v)
        if (x === undefined) return undefined
        conditions.push({ cle: champ.cle, op: op === 'equals' ? 'egal' : 'different', valeur: x })
      } else if (op === 'in') {
        const liste = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : undefined
        if (!liste || liste.length === 0) return undefined
        const valeurs: Valeur[] = []
        for (const e of liste) {
          const x = valeurPour(champ, e)
          if (x === undefined) return undefined
          valeurs.push(x)
        }
        conditions.push({ cle: champ.cle, op: 'parmi', valeurs })
      } else {
        return undefined
      }
    }
  }
  if (conditions.length === 0) return undefined
  return conditions.length === 1 ? conditions[0]! : { et: conditions }
}

/** Le tri de Payload : ses éléments, puis `-createdAt` s'il n'y figure pas (buildOrderBy de @payloadcms/drizzle). */
export function lireTri(sort: unknown, defaut: string, champs: Map<string, ChampListe>): PlanListe['tri'] | undefined {
  const liste = sort === undefined ? [defaut] : typeof sort === 'string' ? sort.split(',') : Array.isArray(sort) && sort.every((s) => typeof s === 'string') ? (sort as string[]) : undefined
  if (!liste || liste.length === 0) return undefined
  if (!liste.includes('-createdAt') && !liste.includes('createdAt')) liste.push('-createdAt')
  const tri: PlanListe['tri'] = []
  for (const element of liste) {
    const desc = element.startsWith('-')
    const champ = champs.get(desc ? element.slice(1) : element)
    if (!champ || !TYPES_TRI.has(champ.type)) return undefined
    tri.push({ cle: champ.cle, desc })
  }
  return tri
}

/**
 * La requête (`req.query`, analysée par qs comme Payload l'analyse) en plan de lecture rapide,
 * ou `null` : profondeur autre que 0, paramètre non pris en charge (`select`, `populate`,
 * `pagination`, `locale`…), `limit=0` (tout sans pagination), filtre ou tri hors forme.
 */
export function planListe(query: Record<string, unknown>, description: DescriptionListe, triParDefaut: string): PlanListe | null {
  if (description.obstacles.length > 0) return null
  for (const cle of Object.keys(query)) if (!PARAMETRES_CONNUS.has(cle)) return null
  if (query.depth !== '0') return null
  const limit = query.limit === undefined ? 10 : chiffres(query.limit) ? Number(query.limit) : NaN
  const page = query.page === undefined ? 1 : chiffres(query.page) ? Number(query.page) : NaN
  if (!(limit >= 1 && limit <= LIMITE_MAX) || !(page >= 1) || (page - 1) * limit > DECALAGE_MAX) return null
  const parChemin = new Map(description.champs.map((c) => [c.chemin, c]))
  const tri = lireTri(query.sort, triParDefaut, parChemin)
  if (!tri) return null
  let filtre: Condition | null = null
  if (query.where !== undefined) {
    const f = lireFiltre(query.where, parChemin)
    if (!f) return null
    filtre = f
  }
  return { limit, page, tri, filtre }
}

// --- Réponse ----------------------------------------------------------------------------------

export interface Pagination {
  hasNextPage: boolean
  hasPrevPage: boolean
  limit: number
  nextPage: number | null
  page: number
  pagingCounter: number
  prevPage: number | null
  totalDocs: number
  totalPages: number
}

/**
 * Les champs de pagination exactement comme `findMany` de @payloadcms/drizzle 3.90 les calcule,
 * cas limites compris : aucun résultat (totalPages 1, pagingCounter 1) et page au-delà de la dernière.
 */
export function paginer(totalDocs: number, lignes: number, limit: number, page: number): Pagination {
  if (totalDocs === 0) {
    return { hasNextPage: false, hasPrevPage: false, limit, nextPage: null, page, pagingCounter: 1, prevPage: null, totalDocs: lignes, totalPages: 1 }
  }
  const totalPages = Math.ceil(totalDocs / limit)
  const hasPrevPage = page > 1
  const hasNextPage = totalPages > page
  return {
    hasNextPage,
    hasPrevPage,
    limit,
    nextPage: hasNextPage ? page + 1 : null,
    page,
    pagingCounter: (page - 1) * limit + 1,
    prevPage: hasPrevPage ? page - 1 : null,
    totalDocs,
    totalPages,
  }
}

/**
 * Une ligne (valeurs déjà décodées par les colonnes drizzle, lecture tolérante comprise) en
 * document, comme la transformation de lecture de @payloadcms/drizzle : dates en ISO, nombres
 * lus en texte convertis, identifiants de relation en nombres, groupes imbriqués.
 */
export function documentDepuisLigne(ligne: Record<string, unknown>, gabarit: Gabarit): Record<string, unknown> {
  const doc: Record<string, unknown> = {}
  for (const g of gabarit) {
    if ('groupe' in g) {
      doc[g.nom] = documentDepuisLigne(ligne, g.groupe)
      continue
    }
    const v = ligne[g.champ.cle]
    switch (g.champ.type) {
      case 'date':
        // What the decoders give is already canonical (src/db/lectureTolerante.ts): no round trip then.
        doc[g.nom] = typeof v === 'string' && !estIsoCanonique(v) ? new Date(v).toISOString() : v
        break
      case 'number':
        doc[g.nom] = typeof v === 'string' ? Number.parseFloat(v) : v
        break
      case 'relationship':
        doc[g.nom] = v ? Number(v) : v
        break
      default:
        doc[g.nom] = v
    }
  }
  return doc
}
