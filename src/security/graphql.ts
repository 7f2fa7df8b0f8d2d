import { Kind, Lexer, parse, Source, TokenKind, visit, type ASTNode, type DocumentNode } from 'graphql'

export interface AnalyseGraphql {
  erreur?: string
  introspection: boolean
  authentification: boolean
}

const MUTATIONS_AUTH = new Set(['loginUser', 'createUser', 'forgotPasswordUser', 'resetPasswordUser'])

/**
 * Bounds checked before GraphQL sees a document. graphql-js (and the complexity rule Payload
 * adds) walk documents recursively: a self-including fragment or thousands of nested braces
 * overflow the stack (a 500), and fragments spread twice at each level double the work at each
 * level. Integrators' real queries stay far below these numbers.
 */
export const LIMITES_GRAPHQL = {
  /** Characters of the `query` text. */
  longueurMax: 50_000,
  /** Lexical tokens (graphql-js `parse` would stop at `maxTokens` too). */
  jetonsMax: 5_000,
  /** Nested `{`, `[`, `(` anywhere in the text (selections, list and object literals). */
  imbricationMax: 40,
  /** Selection sets, once fragments are inlined (introspection sub-trees aside, see below). */
  profondeurMax: 12,
  /** Aliases, once fragments are inlined: each aliased root field is one more database query. */
  aliasMax: 50,
  /** Fields directly under the operation, once fragments are inlined. */
  champsRacineMax: 20,
  /** All fields, once fragments are inlined (the exponential fragment bomb). */
  champsMax: 2_000,
  /** Levels of nested arrays/objects in `variables` (graphql-js coerces them recursively). */
  imbricationVariablesMax: 40,
} as const

export type LimitesGraphql = { [K in keyof typeof LIMITES_GRAPHQL]: number }

const invalide = (detail: string) => `Requête GraphQL invalide : ${detail}`

/**
 * Looks inside a GraphQL request before it runs: is it a well-formed GraphQL-over-HTTP request
 * (a JSON object with a `query` text), within the bounds above, free of fragment cycles? Does it
 * read the schema (introspection), or log in / register (rate-limited like the REST routes)?
 * Syntax errors are left to GraphQL itself (the route gives them a 400 in French).
 */
export function analyserRequeteGraphql(body: Uint8Array, contentType: string | null, limites: LimitesGraphql = LIMITES_GRAPHQL): AnalyseGraphql {
  const resultat: AnalyseGraphql = { introspection: false, authentification: false }
  const refus = (erreur: string): AnalyseGraphql => ({ ...resultat, erreur })
  // The media type alone, as graphql-http reads it: parameters cannot smuggle another type.
  // graphql-http answers anything but JSON in UTF-8 with an empty 415: say it in French instead.
  const [mediaType, ...parametres] = (contentType ?? '').toLowerCase().replace(/\s/g, '').split(';')
  const charset = parametres.find((p) => p.startsWith('charset='))
  if (mediaType !== 'application/json' || (charset !== undefined && charset !== 'charset=utf-8')) {
    return refus(invalide('le type de contenu doit être « application/json » (UTF-8).'))
  }
  if (body.byteLength === 0) return refus(invalide('corps vide, un objet JSON { "query": … } est attendu.'))
  let corps: unknown
  try {
    corps = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch {
    return refus(invalide('JSON mal formé.'))
  }
  if (corps === null || typeof corps !== 'object' || Array.isArray(corps)) {
    return refus(invalide('le corps doit être un objet JSON { "query": … } (les lots de requêtes ne sont pas acceptés).'))
  }
  const { query, variables, operationName, extensions } = corps as Record<string, unknown>
  if (typeof query !== 'string' || query.trim() === '') return refus(invalide('« query » doit être un texte non vide.'))
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return refus(invalide('« variables » doit être un objet JSON.'))
  }
  if (operationName != null && typeof operationName !== 'string') return refus(invalide('« operationName » doit être un texte.'))
  if (extensions != null && (typeof extensions !== 'object' || Array.isArray(extensions))) {
    return refus(invalide('« extensions » doit être un objet JSON.'))
  }
  if (variables != null && imbricationJson(variables) > limites.imbricationVariablesMax) {
    return refus(`Requête GraphQL refusée : « variables » trop imbriquées (${limites.imbricationVariablesMax} niveaux au plus).`)
  }
  const erreurTexte = verifierTexte(query, limites)
  if (erreurTexte) return refus(erreurTexte)
  let doc: DocumentNode
  try {
    doc = parse(query, { maxTokens: limites.jetonsMax })
  } catch {
    return resultat
  }
  const mesure = mesurerDocumentGraphql(doc)
  const erreurMesure = verifierMesure(mesure, limites)
  if (erreurMesure) return refus(erreurMesure)
  const erreurPagination = verifierPagination(doc, variables as Record<string, unknown> | null | undefined)
  if (erreurPagination) return refus(erreurPagination)
  visit(doc, {
    [Kind.FIELD](node) {
      const name = node.name.value
      if (name === '__schema' || name === '__type') resultat.introspection = true
      if (MUTATIONS_AUTH.has(name)) resultat.authentification = true
    },
  })
  return resultat
}

/** Depth of nested arrays/objects, walked with an explicit stack (a deep value cannot overflow it). */
export function imbricationJson(valeur: unknown): number {
  let max = 0
  const pile: [unknown, number][] = [[valeur, 1]]
  while (pile.length > 0) {
    const [v, niveau] = pile.pop()!
    if (v === null || typeof v !== 'object') continue
    max = Math.max(max, niveau)
    for (const enfant of Object.values(v)) if (enfant !== null && typeof enfant === 'object') pile.push([enfant, niveau + 1])
  }
  return max
}

/**
 * Length, token count and bracket nesting, read with graphql-js's lexer (iterative) before the
 * recursive-descent parser runs: so the parser never meets a document deep enough to overflow.
 * Returns the French refusal, or undefined. Lexical errors are left to the parser's message.
 */
export function verifierTexte(query: string, limites: LimitesGraphql = LIMITES_GRAPHQL): string | undefined {
  if (query.length > limites.longueurMax) return `Requête GraphQL trop longue : ${limites.longueurMax} caractères au plus.`
  const lexer = new Lexer(new Source(query))
  let jetons = 0
  let imbrication = 0
  try {
    for (let t = lexer.advance(); t.kind !== TokenKind.EOF; t = lexer.advance()) {
      if (++jetons > limites.jetonsMax) return `Requête GraphQL trop longue : ${limites.jetonsMax} éléments au plus.`
      if (t.kind === TokenKind.BRACE_L || t.kind === TokenKind.BRACKET_L || t.kind === TokenKind.PAREN_L) {
        if (++imbrication > limites.imbricationMax) {
          return `Requête GraphQL trop imbriquée : ${limites.imbricationMax} niveaux d'accolades, de crochets ou de parenthèses au plus.`
        }
      } else if (t.kind === TokenKind.BRACE_R || t.kind === TokenKind.BRACKET_R || t.kind === TokenKind.PAREN_R) {
        imbrication = Math.max(0, imbrication - 1)
      }
    }
  } catch {
    return undefined
  }
  return undefined
}

export type MesureDocument =
  | { cycle: string[] }
  | { cycle?: undefined; profondeur: number; alias: number; champsRacine: number; champs: number }

interface Propre {
  profondeur: number
  alias: number
  champsRacine: number
  champs: number
  /** Fragment spreads, with the selection level they sit at, and whether under __schema/__type. */
  inclusions: { nom: string; niveau: number; introspection: boolean }[]
}

const INTROSPECTION = new Set(['__schema', '__type'])

/** One definition's own figures, fragments not followed (graphql-js `visit` is iterative). */
function mesurerDefinition(racine: ASTNode): Propre {
  const p: Propre = { profondeur: 0, alias: 0, champsRacine: 0, champs: 0, inclusions: [] }
  let niveau = 0
  let introspection = 0
  // Whether each entered selection set added a level (an inline fragment's does not: its fields
  // sit at its parent's level).
  const pile: boolean[] = []
  visit(racine, {
    SelectionSet: {
      enter(_node, _key, parent) {
        const ajoute = !(parent && !Array.isArray(parent) && (parent as ASTNode).kind === Kind.INLINE_FRAGMENT)
        pile.push(ajoute)
        if (ajoute) niveau++
      },
      leave() {
        if (pile.pop()) niveau--
      },
    },
    Field: {
      enter(node) {
        p.champs++
        if (node.alias) p.alias++
        if (niveau === 1) p.champsRacine++
        // The introspection query nests `ofType` ten levels deep; the schema bounds that answer,
        // not the database, so only the depth of ordinary fields is limited.
        if (introspection === 0) p.profondeur = Math.max(p.profondeur, niveau)
        if (INTROSPECTION.has(node.name.value)) introspection++
      },
      leave(node) {
        if (INTROSPECTION.has(node.name.value)) introspection--
      },
    },
    FragmentSpread(node) {
      p.inclusions.push({ nom: node.name.value, niveau, introspection: introspection > 0 })
    },
  })
  return p
}

/**
 * Figures of a whole document once fragments are inlined, or the first fragment cycle found.
 * Fragments are ordered by an iterative depth-first search (no recursion), and each fragment's
 * figures computed once: a fragment spread 2^n times costs n steps here, not 2^n.
 */
export function mesurerDocumentGraphql(doc: DocumentNode): MesureDocument {
  const fragments = new Map<string, Propre>()
  const operations: Propre[] = []
  for (const def of doc.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, mesurerDefinition(def))
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(mesurerDefinition(def))
  }

  // Post-order over the fragment graph; a grey node met again closes a cycle.
  const etat = new Map<string, 'gris' | 'noir'>()
  const ordre: string[] = []
  for (const depart of fragments.keys()) {
    if (etat.has(depart)) continue
    const pile: { nom: string; i: number }[] = [{ nom: depart, i: 0 }]
    etat.set(depart, 'gris')
    while (pile.length > 0) {
      const haut = pile[pile.length - 1]!
      const inclusions = fragments.get(haut.nom)!.inclusions
      if (haut.i < inclusions.length) {
        const suivant = inclusions[haut.i++]!.nom
        if (!fragments.has(suivant)) continue // unknown fragment: GraphQL's own validation names it
        const e = etat.get(suivant)
        if (e === 'gris') {
          const chemin = pile.map((c) => c.nom)
          return { cycle: [...chemin.slice(chemin.indexOf(suivant)), suivant] }
        }
        if (e === undefined) {
          etat.set(suivant, 'gris')
          pile.push({ nom: suivant, i: 0 })
        }
      } else {
        etat.set(haut.nom, 'noir')
        ordre.push(haut.nom)
        pile.pop()
      }
    }
  }

  // Capped so that a fragment bomb stays a finite number (and is refused by the field limit).
  const PLAFOND = 1e12
  const total = new Map<string, Omit<Propre, 'inclusions'>>()
  const deplier = (p: Propre) => {
    const r = { profondeur: p.profondeur, alias: p.alias, champsRacine: p.champsRacine, champs: p.champs }
    for (const inc of p.inclusions) {
      const f = total.get(inc.nom)
      if (!f) continue
      r.alias = Math.min(PLAFOND, r.alias + f.alias)
      r.champs = Math.min(PLAFOND, r.champs + f.champs)
      if (inc.niveau === 1) r.champsRacine = Math.min(PLAFOND, r.champsRacine + f.champsRacine)
      // The fragment's first selection set merges into the one the spread sits in.
      if (!inc.introspection) r.profondeur = Math.max(r.profondeur, inc.niveau - 1 + f.profondeur)
    }
    return r
  }
  for (const nom of ordre) total.set(nom, deplier(fragments.get(nom)!))
  const mesure = { profondeur: 0, alias: 0, champsRacine: 0, champs: 0 }
  for (const op of operations) {
    const r = deplier(op)
    mesure.profondeur = Math.max(mesure.profondeur, r.profondeur)
    mesure.alias = Math.min(PLAFOND, mesure.alias + r.alias)
    mesure.champsRacine = Math.min(PLAFOND, mesure.champsRacine + r.champsRacine)
    mesure.champs = Math.min(PLAFOND, mesure.champs + r.champs)
  }
  return mesure
}

/** The French refusal for a document's figures, or undefined when within bounds. */
export function verifierMesure(mesure: MesureDocument, limites: LimitesGraphql = LIMITES_GRAPHQL): string | undefined {
  if (mesure.cycle) {
    return `Requête GraphQL refusée : le fragment « ${mesure.cycle[0]} » s'inclut lui-même (${mesure.cycle.join(' → ')}).`
  }
  if (mesure.profondeur > limites.profondeurMax) {
    return `Requête GraphQL trop profonde : ${mesure.profondeur} niveaux de sélection, ${limites.profondeurMax} au plus.`
  }
  if (mesure.champs > limites.champsMax) {
    return `Requête GraphQL trop volumineuse : ${mesure.champs} champs une fois les fragments dépliés, ${limites.champsMax} au plus.`
  }
  if (mesure.champsRacine > limites.champsRacineMax) {
    return `Requête GraphQL refusée : ${mesure.champsRacine} champs à la racine, ${limites.champsRacineMax} au plus.`
  }
  if (mesure.alias > limites.aliasMax) return `Requête GraphQL refusée : ${mesure.alias} alias, ${limites.aliasMax} au plus.`
  return undefined
}

/**
 * `page` below 1 or `limit` below 0 on a list (literal or variable) reach the SQL as a negative
 * OFFSET/LIMIT, which the database rejects with a 500: refused here with a 400.
 */
export function verifierPagination(doc: DocumentNode, variables: Record<string, unknown> | null | undefined): string | undefined {
  let erreur: string | undefined
  visit(doc, {
    Argument(node) {
      const nom = node.name.value
      if (erreur || (nom !== 'page' && nom !== 'limit')) return
      const v = node.value
      const valeur = v.kind === Kind.INT ? Number(v.value) : v.kind === Kind.VARIABLE ? variables?.[v.name.value] : undefined
      if (typeof valeur !== 'number') return
      if (nom === 'page' && valeur < 1) erreur = `Requête GraphQL invalide : « page » doit valoir 1 ou plus (reçu ${valeur}).`
      if (nom === 'limit' && valeur < 0) erreur = `Requête GraphQL invalide : « limit » doit valoir 0 ou plus (reçu ${valeur}).`
    },
  })
  return erreur
}

type ErreurFormatee = { message?: unknown; extensions?: Record<string, unknown> & { statusCode?: unknown }; [k: string]: unknown }

/** graphql-js's request errors (syntax, validation, variables) in French; the original detail kept after it. */
export function traduireErreurGraphql(message: string): string {
  const regles: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^Syntax Error: (.*)$/s, (m) => `Syntaxe GraphQL invalide : ${m[1]}`],
    [/^Cannot query field "([^"]+)" on type "([^"]+)"/, (m) => `Le champ « ${m[1]} » n'existe pas sur le type « ${m[2]} ».`],
    [/^Unknown argument "([^"]+)" on field "([^"]+)"/, (m) => `L'argument « ${m[1]} » n'existe pas sur le champ « ${m[2]} ».`],
    [/^Field "([^"]+)" is not defined by type "([^"]+)"/, (m) => `Le champ « ${m[1]} » n'existe pas dans le type d'entrée « ${m[2]} ».`],
    [/^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required/, (m) => `L'argument « ${m[2]} » du champ « ${m[1]} » est obligatoire (type ${m[3]}).`],
    [/^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields/, (m) => `Le champ « ${m[1]} » (type ${m[2]}) demande une sélection de sous-champs.`],
    [/^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields/, (m) => `Le champ « ${m[1]} » (type ${m[2]}) n'a pas de sous-champs.`],
    [/^Variable "([^"]+)" of required type "([^"]+)" was not provided/, (m) => `La variable « ${m[1]} » (type ${m[2]}) est obligatoire.`],
    [/^Variable "([^"]+)" of non-null type "([^"]+)" must not be null/, (m) => `La variable « ${m[1]} » (type ${m[2]}) ne peut pas être nulle.`],
    [/^Variable "([^"]+)" got invalid value (.*)$/s, (m) => `La variable « ${m[1]} » a une valeur invalide : ${m[2]}`],
    [/^Variable "([^"]+)" is not defined/, (m) => `La variable « ${m[1]} » n'est pas déclarée.`],
    [/^Variable "([^"]+)" is never used/, (m) => `La variable « ${m[1]} » est déclarée mais jamais utilisée.`],
    [/^Unknown fragment "([^"]+)"/, (m) => `Le fragment « ${m[1]} » n'existe pas.`],
    [/^Fragment "([^"]+)" is never used/, (m) => `Le fragment « ${m[1]} » n'est jamais utilisé.`],
    [/^Unknown type "([^"]+)"/, (m) => `Le type « ${m[1]} » n'existe pas.`],
    [/^Unknown operation named "([^"]+)"/, (m) => `L'opération « ${m[1]} » n'existe pas dans le document.`],
    [/^Must provide operation name/, () => "Le document contient plusieurs opérations : précisez « operationName »."],
    [/^The query exceeds the maximum complexity of (\d+)\. Actual complexity is (\d+)/, (m) => `Requête GraphQL trop coûteuse : complexité ${m[2]}, ${m[1]} au plus.`],
    [/^(Argument "[^"]+" has invalid value|Expected value of type|.* cannot represent)/s, () => `Valeur d'argument invalide : ${message}`],
  ]
  for (const [motif, francais] of regles) {
    const m = message.match(motif)
    if (m) return francais(m)
  }
  return `Requête GraphQL invalide : ${message}`
}

/**
 * Gives every error of a GraphQL answer a 4xx-class `extensions.statusCode`, in French:
 * graphql-http answers syntax, validation and variable errors without one (and with HTTP 200),
 * while Payload's resolver errors already carry theirs. An answer without `data` is a request
 * refused before execution: HTTP 400, like the route's own refusals. Answers with `data` keep
 * GraphQL's 200 (each field error carries its own status).
 */
export function normaliserReponseGraphql(corps: unknown, statut: number): { corps: unknown; statut: number } {
  if (!corps || typeof corps !== 'object' || !Array.isArray((corps as { errors?: unknown }).errors)) return { corps, statut }
  const c = corps as { errors: ErreurFormatee[]; data?: unknown }
  const errors = c.errors.map((e) => {
    if (typeof e?.extensions?.statusCode === 'number') return e
    const message = typeof e?.message === 'string' ? e.message : ''
    return { ...e, message: traduireErreurGraphql(message), extensions: { ...(e?.extensions ?? {}), statusCode: 400 } }
  })
  const avecDonnees = c.data !== undefined
  return { corps: { ...c, errors }, statut: avecDonnees || statut >= 500 ? statut : 400 }
}
