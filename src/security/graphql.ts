import { Kind, parse, visit, type DocumentNode } from 'graphql'

export interface AnalyseGraphql {
  erreur?: string
  introspection: boolean
  authentification: boolean
}

const MUTATIONS_AUTH = new Set(['loginUser', 'createUser', 'forgotPasswordUser', 'resetPasswordUser'])

/**
 * Looks inside a GraphQL request before it runs: does it read the schema (introspection), or
 * log in / register (rate-limited like the REST routes)? Unparseable documents are left to
 * GraphQL itself, which answers them with its own 400.
 */
export function analyserRequeteGraphql(body: Uint8Array, contentType: string | null): AnalyseGraphql {
  const resultat: AnalyseGraphql = { introspection: false, authentification: false }
  if (body.byteLength === 0) return resultat
  // The media type alone, as graphql-http reads it: parameters cannot smuggle another type.
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  let query: unknown
  try {
    const text = new TextDecoder().decode(body)
    if (mediaType === 'application/graphql') query = text
    else {
      const parsed: unknown = JSON.parse(text)
      const ops = Array.isArray(parsed) ? parsed : [parsed]
      query = ops.map((op) => (op && typeof op === 'object' ? (op as { query?: unknown }).query : undefined)).join('\n')
    }
  } catch {
    if (mediaType.startsWith('multipart/')) return resultat
    return { ...resultat, erreur: 'Requête GraphQL invalide : JSON mal formé.' }
  }
  if (typeof query !== 'string' || query.trim() === '') return resultat
  let doc: DocumentNode
  try {
    doc = parse(query)
  } catch {
    return resultat
  }
  visit(doc, {
    [Kind.FIELD](node) {
      const name = node.name.value
      if (name === '__schema' || name === '__type') resultat.introspection = true
      if (MUTATIONS_AUTH.has(name)) resultat.authentification = true
    },
  })
  return resultat
}
