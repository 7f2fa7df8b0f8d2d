/**
 * The query string of REST list and document reads (`where`, `sort`, `select`, `depth`,
 * `limit`, `page`), checked against the collection's fields before Payload runs it.
 *
 * Why: Payload hands malformed values on to the database driver, which throws (a 500): an invalid
 * date on a date field, an object where a scalar is expected, `near` on a non-point field,
 * `where=abc`, a negative page with a negative limit. Payload also accepts some silently
 * (`depth=abc`, `limit=abc`, a sort on an unknown field): integrators then get a default instead
 * of an error and never learn their query is wrong. Every case here answers a French 400.
 *
 * Pure: the fields are Payload's `flattenedFields`, described by the minimal shape below.
 */

export interface ChampDecrit {
  name: string
  type: string
  flattenedFields?: ChampDecrit[]
  hasMany?: boolean
  relationTo?: string | string[]
}

export interface ContexteRequete {
  champs: ChampDecrit[]
  /** Ids are numbers (SQLite and PostgreSQL serial ids): a non-numeric id can match nothing. */
  idNumerique: boolean
  profondeurMax: number
}

const OPERATEURS = new Set([
  'equals', 'not_equals', 'in', 'not_in', 'all', 'exists', 'greater_than', 'greater_than_equal', 'less_than',
  'less_than_equal', 'like', 'not_like', 'contains', 'near', 'within', 'intersects',
])
const OPERATEURS_LISTE = new Set(['in', 'not_in', 'all'])
const OPERATEURS_GEO = new Set(['near', 'within', 'intersects'])
const OPERATEURS_COMPARAISON = new Set(['equals', 'not_equals', 'in', 'not_in', 'all', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'])
const OPERATEURS_TEXTE = new Set(['like', 'not_like', 'contains'])
// Not select/radio: they are enums on PostgreSQL, which has no ILIKE on them (filter them with equals / in).
const TEXTUELS = new Set(['text', 'textarea', 'email', 'code', 'richText', 'json'])
const CONTENEURS = new Set(['group', 'array', 'tab', 'collapsible', 'row'])
/** Beyond these, the rest of the path belongs to another document or to free-form content. */
const OUVERTS = new Set(['relationship', 'upload', 'join', 'json', 'richText', 'blocks'])

const CHAMPS_SYSTEME: ChampDecrit[] = [
  { name: 'id', type: 'id' },
  { name: 'createdAt', type: 'date' },
  { name: 'updatedAt', type: 'date' },
]

type Resolution = { trouve: false } | { trouve: true; type: string; ouvert: boolean; champ?: ChampDecrit }

/** Follows a dotted path through groups, arrays and named tabs. */
export function resoudreChemin(chemin: string, champs: ChampDecrit[]): Resolution {
  const segments = chemin.split('.')
  let niveau: ChampDecrit[] = [...champs, ...CHAMPS_SYSTEME]
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!
    const champ = niveau.find((c) => c.name === seg)
    if (!champ) return { trouve: false }
    const dernier = i === segments.length - 1
    if (OUVERTS.has(champ.type)) return { trouve: true, type: champ.type, ouvert: !dernier, champ }
    if (dernier) return { trouve: true, type: champ.type, ouvert: false, champ }
    if (!CONTENEURS.has(champ.type) || !champ.flattenedFields) return { trouve: false }
    niveau = champ.flattenedFields
    // An array's rows may be addressed by index (`lignes.0.montant`).
    if (champ.type === 'array' && /^\d+$/.test(segments[i + 1] ?? '')) i++
  }
  return { trouve: false }
}

/** Types whose list filters (`in`, `not_in`, `all`) refuse a `null` element. */
const AVEC_NULL_REFUSE = new Set(['id', 'relationship', 'upload', 'number', 'date'])
const scalaire = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v)
const elements = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v) : typeof v === 'string' ? v.split(',') : [v]
const entierPositif = (v: unknown): boolean => typeof v === 'string' && /^\d{1,9}$/.test(v)
const dateValide = (v: unknown): boolean =>
  v === null || v === 'null' || (typeof v === 'string' && v !== '' && !Number.isNaN(Date.parse(v))) || (typeof v === 'number' && Number.isFinite(v))
const nombreValide = (v: unknown): boolean =>
  v === null || v === 'null' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))
const idValide = (v: unknown): boolean => v === null || v === 'null' || (typeof v === 'string' && /^\d{1,15}$/.test(v)) || Number.isSafeInteger(v)

/** The French refusal for one `operator → value` on a resolved field, or undefined. */
function verifierCondition(chemin: string, type: string, ouvert: boolean, champ: ChampDecrit | undefined, op: string, valeur: unknown, ctx: ContexteRequete): string | undefined {
  if (!OPERATEURS.has(op)) return `Filtre invalide sur « ${chemin} » : opérateur « ${op} » inconnu.`
  if (OPERATEURS_GEO.has(op)) {
    return type === 'point' ? undefined : `Filtre invalide sur « ${chemin} » : l'opérateur « ${op} » ne s'applique qu'aux coordonnées géographiques.`
  }
  // PostgreSQL has no ILIKE on numbers, dates or numeric ids (SQLite lets it through).
  if (OPERATEURS_TEXTE.has(op) && !ouvert && !TEXTUELS.has(type) && !(type === 'id' && !ctx.idNumerique)) {
    return `Filtre invalide sur « ${chemin} » : « ${op} » ne s'applique qu'aux champs texte.`
  }
  if (OPERATEURS_LISTE.has(op)) {
    // `all` (every value present) only means something on a field holding several values.
    if (op === 'all' && !ouvert && !champ?.hasMany) return `Filtre invalide sur « ${chemin} » : « all » ne s'applique qu'aux champs à valeurs multiples.`
    if (valeur === '' || (typeof valeur === 'object' && valeur !== null && Object.keys(valeur).length === 0)) {
      return `Filtre invalide sur « ${chemin} » : « ${op} » attend au moins une valeur.`
    }
    const liste = elements(valeur)
    if (!liste.every(scalaire)) return `Filtre invalide sur « ${chemin} » : « ${op} » attend une liste de valeurs simples.`
    // Payload drops `null` from the list of an id, number or date and then writes `IN ()`, a SQL
    // syntax error (500); `IN (NULL)` would match nothing anyway.
    if (!ouvert && AVEC_NULL_REFUSE.has(type) && liste.some((v) => v === null || v === 'null')) {
      return `Filtre invalide sur « ${chemin} » : « ${op} » attend des valeurs, pas « null » ; pour les documents sans « ${chemin} », utilisez where[${chemin}][exists]=false.`
    }
    return liste.map((v) => verifierValeur(chemin, type, ouvert, champ, op, v, ctx)).find(Boolean)
  }
  if (!scalaire(valeur)) return `Filtre invalide sur « ${chemin} » : « ${op} » attend une valeur simple, pas une liste ni un objet.`
  return verifierValeur(chemin, type, ouvert, champ, op, valeur, ctx)
}

function verifierValeur(chemin: string, type: string, ouvert: boolean, champ: ChampDecrit | undefined, op: string, v: unknown, ctx: ContexteRequete): string | undefined {
  if (!OPERATEURS_COMPARAISON.has(op) || ouvert) return undefined
  if (type === 'date' && !dateValide(v)) return `Filtre invalide sur « ${chemin} » : « ${String(v)} » n'est pas une date.`
  if (type === 'number' && !nombreValide(v)) return `Filtre invalide sur « ${chemin} » : « ${String(v)} » n'est pas un nombre.`
  const relationSimple = (type === 'relationship' || type === 'upload') && typeof champ?.relationTo === 'string'
  if (ctx.idNumerique && (type === 'id' || relationSimple) && !idValide(v)) {
    return `Filtre invalide sur « ${chemin} » : « ${String(v)} » n'est pas un identifiant.`
  }
  return undefined
}

/** `where` walked with an explicit stack: a deeply nested filter cannot overflow it. */
export function verifierWhere(where: unknown, ctx: ContexteRequete): string | undefined {
  const pile: unknown[] = [where]
  let noeuds = 0
  while (pile.length > 0) {
    const w = pile.pop()
    if (++noeuds > 1_000) return 'Filtre trop complexe : 1 000 conditions au plus.'
    if (w === null || typeof w !== 'object' || Array.isArray(w)) {
      return 'Le paramètre « where » doit être un objet : where[champ][opérateur]=valeur (ou where[or][0][champ][opérateur]=valeur).'
    }
    for (const [cle, valeur] of Object.entries(w)) {
      if (cle.toLowerCase() === 'and' || cle.toLowerCase() === 'or') {
        if (valeur === null || typeof valeur !== 'object') return `Filtre invalide : « ${cle} » attend une liste de conditions (where[${cle}][0][champ][opérateur]=valeur).`
        pile.push(...Object.values(valeur))
        continue
      }
      const r = resoudreChemin(cle, ctx.champs)
      if (!r.trouve) return `Filtre impossible : le champ « ${cle} » n'existe pas.`
      if (CONTENEURS.has(r.type)) return `Filtre impossible sur « ${cle} » : c'est un groupe de champs, filtrez sur l'un d'eux (« ${cle}.… »).`
      if (valeur === null || typeof valeur !== 'object' || Array.isArray(valeur)) {
        return `Filtre invalide sur « ${cle} » : précisez un opérateur (where[${cle}][equals]=valeur).`
      }
      for (const [op, v] of Object.entries(valeur)) {
        const refus = verifierCondition(cle, r.type, r.ouvert, r.champ, op, v, ctx)
        if (refus) return refus
      }
    }
  }
  return undefined
}

export function verifierTri(sort: unknown, ctx: ContexteRequete): string | undefined {
  const liste = typeof sort === 'string' ? sort.split(',') : Array.isArray(sort) ? sort : undefined
  if (!liste || !liste.every((s) => typeof s === 'string')) return 'Le paramètre « sort » doit être un nom de champ (« -champ » pour un ordre décroissant).'
  for (const brut of liste as string[]) {
    const chemin = brut.trim().replace(/^-/, '')
    if (chemin === '') continue
    const r = resoudreChemin(chemin, ctx.champs)
    if (!r.trouve) return `Tri impossible : le champ « ${chemin} » n'existe pas.`
    if (CONTENEURS.has(r.type)) return `Tri impossible sur « ${chemin} » : c'est un groupe de champs, triez sur l'un d'eux.`
  }
  return undefined
}

/** `select[champ]=true|false`, nested for groups: leaves are booleans, nothing else. */
export function verifierSelection(select: unknown, nom = 'select'): string | undefined {
  const message = `Le paramètre « ${nom} » doit avoir la forme ${nom}[champ]=true (ou false).`
  const pile: unknown[] = [select]
  let noeuds = 0
  while (pile.length > 0) {
    const s = pile.pop()
    if (++noeuds > 1_000) return message
    if (s === null || typeof s !== 'object' || Array.isArray(s)) return message
    for (const v of Object.values(s)) {
      if (v === 'true' || v === 'false' || typeof v === 'boolean') continue
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) pile.push(v)
      else return message
    }
  }
  return undefined
}

/**
 * `where` and `data` given whole as a string (`?where=…`, `?data=…`): Payload parses them with
 * JSON.parse on every REST route, whatever the method, before any handler or hook — malformed
 * JSON was an uncaught SyntaxError (500). `where` goes by brackets (where[champ][opérateur]=…)
 * and `data` in the body; as a string, only well-formed JSON is let through.
 */
export function verifierParametresJson(query: Record<string, unknown>): string | undefined {
  for (const cle of ['where', 'data'] as const) {
    const v = query[cle]
    if (typeof v !== 'string' || v.length === 0) continue
    try {
      JSON.parse(v)
    } catch {
      return cle === 'where'
        ? 'Le paramètre « where » doit être un objet : where[champ][opérateur]=valeur (ou where[or][0][champ][opérateur]=valeur).'
        : 'Le paramètre « data » n’est pas un JSON valide : envoyez les données dans le corps de la requête.'
    }
  }
  return undefined
}

/** The French refusal for a REST query string (already parsed by `qs` as Payload does), or undefined. */
export function verifierRequeteListe(query: Record<string, unknown>, ctx: ContexteRequete): string | undefined {
  const { depth, limit, page, sort, where, select } = query
  const json = verifierParametresJson(query)
  if (json) return json
  if (depth !== undefined && depth !== '' && !(entierPositif(depth) && Number(depth) <= ctx.profondeurMax)) {
    return `Le paramètre « depth » doit être un entier entre 0 et ${ctx.profondeurMax}.`
  }
  if (limit !== undefined && limit !== '' && !entierPositif(limit)) return 'Le paramètre « limit » doit être un entier positif ou nul.'
  if (page !== undefined && page !== '' && !(entierPositif(page) && Number(page) >= 1)) return 'Le paramètre « page » doit être un entier à partir de 1.'
  if (sort !== undefined) {
    const refus = verifierTri(sort, ctx)
    if (refus) return refus
  }
  if (where !== undefined) {
    const refus = verifierWhere(where, ctx)
    if (refus) return refus
  }
  if (select !== undefined) {
    const refus = verifierSelection(select)
    if (refus) return refus
  }
  return undefined
}
