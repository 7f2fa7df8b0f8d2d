/**
 * Données déjà stockées : classer une valeur brute lue en SQL (date, nombre, liste de choix,
 * relation) en « lisible », « normalisable avec certitude » ou « invalide », et décider ce que la
 * migration de réparation en fait. Les mêmes règles servent à la vérification
 * (`npm run verifier-donnees`, contrôle au démarrage), à la migration et à la lecture tolérante
 * des colonnes (src/db/lectureTolerante.ts) : une valeur que l'une juge illisible, les autres
 * aussi.
 *
 * Aucune dépendance à Payload : la description des colonnes est fournie par l'appelant.
 */
import { estDateIsoValide, estIsoCanonique } from './dates'

export type Dialecte = 'sqlite' | 'postgres'

/** `typeof(col)` de SQLite ; absent sur PostgreSQL, où la colonne est typée. */
export type TypeStockage = 'integer' | 'real' | 'text' | 'blob' | 'null'

/** Une valeur telle que stockée, lue en texte (`CAST(col AS TEXT)` / `col::text`). */
export interface ValeurStockee {
  texte: string | null
  typeStockage?: TypeStockage
}

export type GenreColonne = 'date' | 'nombre' | 'select' | 'relation'

export interface OptionSelect {
  value: string
  label?: string
}

/** Une colonne à vérifier, décrite d'après la configuration Payload. */
export interface ColonneStockee {
  /** Slug de la collection. */
  collection: string
  /** Chemin du champ dans le document (`formation.dateFin`, `reglesFinancement.annee`). */
  champ: string
  table: string
  colonne: string
  genre: GenreColonne
  /** Obligatoire (`required`) ou NOT NULL en base : jamais vidé par la migration. */
  requis: boolean
  /** Un champ avec valeur par défaut n'est jamais vide par conception : jamais vidé non plus. */
  aUnDefaut: boolean
  /** Nombres : entier exigé (montants en centimes, effectifs…). */
  entier?: boolean
  min?: number
  max?: number
  options?: OptionSelect[]
  /** Relations : table visée. */
  tableCible?: string
  /** Colonnes d'un tableau (`opcos.reglesFinancement`) : la ligne est dans une table fille. */
  tableau?: boolean
}

export type Verdict =
  | { etat: 'ok' }
  /** La bonne valeur est certaine (`null` : « aucune valeur », par ex. une chaîne vide). */
  | { etat: 'normalisable'; valeur: string | number | null; motif: string }
  /** `illisible` : Payload ne peut pas relire la ligne (erreur 500) sans la lecture tolérante. */
  | { etat: 'invalide'; motif: string; illisible: boolean }

const OK: Verdict = { etat: 'ok' }

// --- Dates -------------------------------------------------------------------------------------

/** Texte d'un `timestamptz` PostgreSQL (DateStyle ISO) : `2027-03-01 00:00:00+00`. */
const TIMESTAMP_PG = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d{1,6})?([+-]\d{2})(?::?(\d{2}))?$/
const NOMBRE_DECIMAL = /^[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i

/**
 * Un nombre stocké dans une colonne de date n'est pris pour un horodatage (millisecondes, ce que
 * donne `Date.getTime()`) que s'il tombe entre 1990 et 2100 : `0`, `1` ou `false` (stocké `0.0`)
 * ne sont pas des dates, seulement des saisies invalides.
 */
const HORODATAGE_MIN = Date.UTC(1990, 0, 1)
const HORODATAGE_MAX = Date.UTC(2100, 0, 1)

const illisiblePourJs = (texte: string): boolean => Number.isNaN(new Date(texte).getTime())

/** Le texte PostgreSQL d'un timestamptz, en ISO 8601 (null s'il n'a pas cette forme). */
function isoDepuisPostgres(texte: string): string | null {
  const m = TIMESTAMP_PG.exec(texte)
  if (!m) return null
  const [, jour, heure, fraction, decalageH, decalageM] = m
  const ms = (fraction ?? '.000').slice(0, 4).padEnd(4, '0')
  return `${jour}T${heure}${ms}${decalageH}:${decalageM ?? '00'}`
}

export function classerDate(v: ValeurStockee, dialecte: Dialecte): Verdict {
  const { texte, typeStockage } = v
  if (texte === null || typeStockage === 'null') return OK
  if (typeStockage === 'blob') return { etat: 'invalide', motif: 'donnée binaire au lieu d’une date', illisible: true }
  if (dialecte === 'postgres') {
    // Colonne typée : seule une date que JavaScript ne sait pas représenter peut s'y trouver
    // (`infinity`, années au-delà de 9999 ou avant notre ère). Le texte JSON d'un timestamptz
    // (tableaux lus en JSON) est déjà en ISO.
    const iso = isoDepuisPostgres(texte) ?? texte
    if (estDateIsoValide(iso)) return OK
    return { etat: 'invalide', motif: /infinity/i.test(texte) ? 'date infinie' : 'date hors de ce que l’application sait lire', illisible: illisiblePourJs(iso) }
  }
  const t = texte.trim()
  if (t === '') return { etat: 'normalisable', valeur: null, motif: 'chaîne vide : aucune date' }
  if (typeStockage === 'integer' || typeStockage === 'real' || NOMBRE_DECIMAL.test(t)) {
    const n = Number(t)
    if (Number.isInteger(n) && n >= HORODATAGE_MIN && n <= HORODATAGE_MAX) {
      return { etat: 'normalisable', valeur: new Date(n).toISOString(), motif: 'horodatage en millisecondes' }
    }
    return { etat: 'invalide', motif: 'nombre au lieu d’une date', illisible: illisiblePourJs(texte) }
  }
  // Payload garde la chaîne reçue (`2027-03-01`, `…T10:00:00+02:00`) : toute date ISO 8601 réelle se relit.
  if (estDateIsoValide(texte)) return OK
  if (estDateIsoValide(t)) return { etat: 'normalisable', valeur: new Date(t).toISOString(), motif: 'date ISO entourée d’espaces' }
  if (/^\d{4}-\d{2}-\d{2}/.test(t) && !illisiblePourJs(t)) {
    // `2026-02-30` : JavaScript la décale en silence au 2 mars ; on ne devine pas ce qui était voulu.
    // Idem pour une heure sans fuseau, lue dans le fuseau du serveur.
    return { etat: 'invalide', motif: 'date impossible ou ambiguë (jour inexistant, heure sans fuseau)', illisible: false }
  }
  return { etat: 'invalide', motif: 'texte qui n’est pas une date', illisible: illisiblePourJs(texte) }
}

// --- Nombres -----------------------------------------------------------------------------------

export interface ContraintesNombre {
  entier?: boolean
  min?: number
  max?: number
}

/** Nombre fini lu depuis son texte stocké, ou null. */
export function nombreDepuisTexte(texte: string): number | null {
  const t = texte.trim()
  if (!NOMBRE_DECIMAL.test(t)) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}

/** Hors de ±(2^53 − 1), en comparant le texte exact (un entier de 64 bits ne tient pas dans un double). */
function horsPlageSure(texte: string, n: number): boolean {
  const t = texte.trim()
  if (/^[+-]?\d+$/.test(t)) {
    const b = BigInt(t)
    return b > BigInt(Number.MAX_SAFE_INTEGER) || b < -BigInt(Number.MAX_SAFE_INTEGER)
  }
  return Math.abs(n) > Number.MAX_SAFE_INTEGER
}

function controlerNombre(texte: string, n: number, c: ContraintesNombre, typeStockage?: TypeStockage): Verdict | null {
  // SQLite : le pilote libsql refuse de lire un INTEGER au-delà de 2^53 (erreur sur toute la requête).
  if (horsPlageSure(texte, n)) return { etat: 'invalide', motif: 'nombre hors de la plage sûre (±2^53)', illisible: typeStockage === 'integer' }
  if (c.entier && !Number.isInteger(n)) return { etat: 'invalide', motif: 'nombre décimal là où un entier est attendu', illisible: false }
  if (c.min !== undefined && n < c.min) return { etat: 'invalide', motif: `nombre inférieur au minimum (${c.min})`, illisible: false }
  if (c.max !== undefined && n > c.max) return { etat: 'invalide', motif: `nombre supérieur au maximum (${c.max})`, illisible: false }
  return null
}

export function classerNombre(v: ValeurStockee, c: ContraintesNombre = {}): Verdict {
  const { texte, typeStockage } = v
  if (texte === null || typeStockage === 'null') return OK
  if (typeStockage === 'blob') return { etat: 'invalide', motif: 'donnée binaire au lieu d’un nombre', illisible: true }
  const n = nombreDepuisTexte(texte)
  if (typeStockage === 'text') {
    // Colonne numérique de SQLite : un texte qui ressemblait à un nombre aurait été converti,
    // il reste donc du texte « à côté » (espaces, date, mot).
    if (texte.trim() === '') return { etat: 'normalisable', valeur: null, motif: 'chaîne vide : aucun nombre' }
    if (n === null) return { etat: 'invalide', motif: 'texte qui n’est pas un nombre', illisible: true }
    const refus = controlerNombre(texte, n, c, 'text')
    if (refus) return refus
    return { etat: 'normalisable', valeur: n, motif: 'nombre enregistré comme texte' }
  }
  if (n === null) return { etat: 'invalide', motif: 'valeur qui n’est pas un nombre fini (NaN, infini)', illisible: true }
  return controlerNombre(texte, n, c, typeStockage) ?? OK
}

/**
 * Lecture tolérante : le nombre à montrer pour une valeur brute du pilote, null si ce n'est pas
 * un nombre fini (une date dans un montant se lirait sinon `parseFloat('2027-03-01')` = 2027).
 * Les valeurs lisibles mais hors règles (décimal, hors bornes) restent visibles : le rapport les signale.
 */
export function nombreLisible(brut: unknown): number | string | null {
  if (brut === null || brut === undefined) return null
  if (typeof brut === 'number') return Number.isFinite(brut) ? brut : null
  if (typeof brut === 'bigint') return brut.toString()
  if (typeof brut === 'string') return nombreDepuisTexte(brut) === null ? null : brut.trim()
  return null
}

// --- Listes de choix ---------------------------------------------------------------------------

const simplifier = (s: string) => s.trim().toLocaleLowerCase('fr')

export function classerSelect(v: ValeurStockee, options: readonly OptionSelect[]): Verdict {
  const { texte, typeStockage } = v
  if (texte === null || typeStockage === 'null') return OK
  if (typeStockage !== undefined && typeStockage !== 'text') {
    // `true` envoyé à une liste : SQLite le garde en nombre (1 ou 1.0).
    return { etat: 'invalide', motif: 'valeur non textuelle dans une liste de choix', illisible: true }
  }
  if (options.some((o) => o.value === texte)) return OK
  if (texte.trim() === '') return { etat: 'normalisable', valeur: null, motif: 'chaîne vide : aucun choix' }
  // Même valeur à la casse ou aux espaces près, ou le libellé affiché au lieu de la valeur :
  // certain seulement si une seule option correspond.
  const cible = simplifier(texte)
  const candidates = options.filter((o) => simplifier(o.value) === cible || (o.label !== undefined && simplifier(o.label) === cible))
  if (candidates.length === 1) return { etat: 'normalisable', valeur: candidates[0]!.value, motif: 'valeur de la liste écrite autrement' }
  // `true`, `1`, une option retirée de la liste… La valeur par défaut n'est pas une réponse
  // certaine : c'est ce que reçoit un nouveau document, pas ce que celui-ci voulait dire.
  return { etat: 'invalide', motif: 'valeur absente de la liste de choix', illisible: true }
}

/** Lecture tolérante : la valeur si elle est dans la liste (ou certaine), sinon null. */
export function selectLisible(brut: unknown, options: readonly OptionSelect[]): string | null {
  if (brut === null || brut === undefined) return null
  if (typeof brut !== 'string') return null
  const verdict = classerSelect({ texte: brut, typeStockage: 'text' }, options)
  if (verdict.etat === 'ok') return brut
  return verdict.etat === 'normalisable' && typeof verdict.valeur === 'string' ? verdict.valeur : null
}

// --- Relations ---------------------------------------------------------------------------------

export function classerRelation(v: ValeurStockee, cibleExiste: boolean): Verdict {
  const { texte, typeStockage } = v
  if (texte === null || typeStockage === 'null') return OK
  if ((typeStockage !== undefined && typeStockage !== 'integer') || !/^\d+$/.test(texte.trim())) {
    return { etat: 'invalide', motif: 'identifiant de document invalide', illisible: true }
  }
  if (!cibleExiste) return { etat: 'invalide', motif: 'désigne un document qui n’existe pas', illisible: false }
  return OK
}

/** Lecture tolérante : un identifiant entier, sinon null (Payload ferait `Number('abc')`). */
export function relationLisible(brut: unknown): number | string | null {
  if (typeof brut === 'number') return Number.isSafeInteger(brut) ? brut : null
  if (typeof brut === 'string') return /^\d+$/.test(brut.trim()) ? brut.trim() : null
  return null
}

/** A UTC `timestamptz` as the pg driver hands it over (milliseconds at most): `2027-03-01 10:00:00.123+00`. */
const TIMESTAMP_PG_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?\+00$/

/** That text as `toISOString()` would write the same instant, or null. */
function isoUtcDepuisPostgres(texte: string): string | null {
  const m = TIMESTAMP_PG_UTC.exec(texte)
  return m ? `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0')}Z` : null
}

/** Lecture tolérante des dates : la date ISO à montrer, ou null. */
export function dateLisible(brut: unknown, dialecte: Dialecte): string | null {
  if (brut === null || brut === undefined) return null
  // Every date of every row read goes through here (a list of 50 dossiers: 500 dates): what
  // Payload writes is recognised first, without the full classification below. Same answer:
  // such a text is a valid ISO date, returned as the slow path does.
  if (typeof brut === 'string') {
    const rapide = dialecte === 'sqlite' ? brut : isoUtcDepuisPostgres(brut)
    // A day JavaScript would shift (`02-30`) is not canonical and takes the slow path.
    if (rapide !== null && estIsoCanonique(rapide)) return rapide
  }
  if (brut instanceof Date) return Number.isNaN(brut.getTime()) ? null : brut.toISOString()
  const texte = String(brut)
  const verdict = classerDate({ texte, typeStockage: typeof brut === 'number' ? 'real' : 'text' }, dialecte)
  if (verdict.etat === 'ok') return dialecte === 'postgres' ? new Date(isoDepuisPostgres(texte) ?? texte).toISOString() : texte
  return verdict.etat === 'normalisable' && typeof verdict.valeur === 'string' ? verdict.valeur : null
}

// --- Classement et décision --------------------------------------------------------------------

export function classer(colonne: ColonneStockee, v: ValeurStockee, dialecte: Dialecte, cibleExiste = true): Verdict {
  switch (colonne.genre) {
    case 'date':
      return classerDate(v, dialecte)
    case 'nombre':
      return classerNombre(v, { entier: colonne.entier, min: colonne.min, max: colonne.max })
    case 'select':
      return classerSelect(v, colonne.options ?? [])
    case 'relation':
      return classerRelation(v, cibleExiste)
  }
}

export type Decision =
  | { action: 'garder' }
  /** Valeur certaine : la migration l'écrit. */
  | { action: 'remplacer'; valeur: string | number | null }
  /** Incertaine, champ facultatif : la migration vide le champ et garde l'ancienne valeur au journal d'audit. */
  | { action: 'vider' }
  /** Incertaine, champ obligatoire ou avec défaut : rien n'est écrit, un administrateur décide. */
  | { action: 'signaler' }

export function decider(colonne: ColonneStockee, verdict: Verdict): Decision {
  if (verdict.etat === 'ok') return { action: 'garder' }
  const peutEtreVide = !colonne.requis && !colonne.aUnDefaut
  if (verdict.etat === 'normalisable') {
    if (verdict.valeur !== null) return { action: 'remplacer', valeur: verdict.valeur }
    return peutEtreVide ? { action: 'remplacer', valeur: null } : { action: 'signaler' }
  }
  return peutEtreVide ? { action: 'vider' } : { action: 'signaler' }
}

/** Une valeur stockée qui n'est pas lisible telle quelle, avec ce qu'on en fait. */
export interface Anomalie {
  collection: string
  /** Identifiant du document (du parent pour une ligne de tableau). */
  id: string
  champ: string
  table: string
  colonne: string
  /** Identifiant de la ligne dans sa table (différent de `id` pour une ligne de tableau). */
  ligne: string
  valeur: string | null
  typeStockage?: TypeStockage
  motif: string
  illisible: boolean
  decision: Decision
}

export function anomalie(
  colonne: ColonneStockee,
  ids: { id: string; ligne: string },
  v: ValeurStockee,
  dialecte: Dialecte,
  cibleExiste = true,
): Anomalie | null {
  const verdict = classer(colonne, v, dialecte, cibleExiste)
  if (verdict.etat === 'ok') return null
  return {
    collection: colonne.collection,
    id: ids.id,
    champ: colonne.champ,
    table: colonne.table,
    colonne: colonne.colonne,
    ligne: ids.ligne,
    valeur: v.texte,
    ...(v.typeStockage ? { typeStockage: v.typeStockage } : {}),
    motif: verdict.motif,
    illisible: verdict.etat === 'invalide' && verdict.illisible,
    decision: decider(colonne, verdict),
  }
}

export const aDecider = (anomalies: readonly Anomalie[]): Anomalie[] => anomalies.filter((a) => a.decision.action === 'signaler')

const citer = (v: string | null, type?: TypeStockage): string => {
  if (v === null) return 'NULL'
  const court = v.length > 80 ? `${v.slice(0, 77)}…` : v
  return type && type !== 'text' ? `${court} (${type === 'integer' ? 'entier' : type === 'real' ? 'réel' : type})` : `« ${court} »`
}

const LIBELLE_DECISION = (d: Decision): string => {
  switch (d.action) {
    case 'remplacer':
      return d.valeur === null ? 'correction certaine : vider le champ' : `correction certaine : ${typeof d.valeur === 'string' ? `« ${d.valeur} »` : d.valeur}`
    case 'vider':
      return 'champ facultatif : vidé par la correction, ancienne valeur gardée au journal d’audit'
    case 'signaler':
      return 'À DÉCIDER par un administrateur (champ obligatoire ou avec valeur par défaut : rien n’est modifié)'
    case 'garder':
      return 'rien à faire'
  }
}

/** Le rapport en français, une ligne par valeur, regroupé par collection. */
export function formaterRapport(anomalies: readonly Anomalie[], base: Dialecte): string {
  if (anomalies.length === 0) return `Données stockées (${base}) : aucune valeur illisible ou invalide.`
  const lignes: string[] = []
  const decider = aDecider(anomalies).length
  lignes.push(
    `Données stockées (${base}) : ${anomalies.length} valeur${anomalies.length > 1 ? 's' : ''} illisible${anomalies.length > 1 ? 's' : ''} ou invalide${anomalies.length > 1 ? 's' : ''}` +
      `, dont ${decider} à décider par un administrateur.`,
  )
  const parCollection = new Map<string, Anomalie[]>()
  for (const a of anomalies) parCollection.set(a.collection, [...(parCollection.get(a.collection) ?? []), a])
  for (const [collection, liste] of parCollection) {
    lignes.push(`  ${collection} :`)
    for (const a of liste) {
      const ligneTableau = a.ligne !== a.id ? ` (ligne ${a.ligne})` : ''
      lignes.push(
        `    - n° ${a.id}${ligneTableau}, ${a.champ} = ${citer(a.valeur, a.typeStockage)} : ${a.motif}${a.illisible ? ' (l’application la lit vide)' : ''}. ${LIBELLE_DECISION(a.decision)}.`,
      )
    }
  }
  const corrigeables = anomalies.length - decider
  if (corrigeables > 0) lignes.push(`  ${corrigeables} valeur${corrigeables > 1 ? 's' : ''} corrigeable${corrigeables > 1 ? 's' : ''} sans décision : \`npm run verifier-donnees -- --corriger\`.`)
  return lignes.join('\n')
}
