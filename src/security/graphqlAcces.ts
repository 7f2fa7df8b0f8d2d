import type { GraphQLInfo } from 'payload'

type ChampGraphql = { type: unknown; resolve?: (...args: unknown[]) => unknown }

/**
 * GraphQL `Access { canAccessAdmin }` answered a 500 to everybody but admins and OPCO agents:
 * Payload drops `false` permissions from its access results, and the schema declares
 * `canAccessAdmin` non-null. The same query, with `false` restored.
 */
export function requetesGraphql(schema: GraphQLInfo): Record<string, ChampGraphql> {
  const acces = (schema as unknown as { Query: { fields: Record<string, ChampGraphql> } }).Query.fields.Access
  if (!acces?.resolve) return {}
  const resoudre = acces.resolve
  return {
    Access: {
      ...acces,
      resolve: async (...args: unknown[]) => {
        const r = (await resoudre(...args)) as Record<string, unknown> | null
        return r ? { ...r, canAccessAdmin: r.canAccessAdmin === true } : r
      },
    },
  }
}
