import { APIError, type GraphQLExtension, type PayloadRequest } from 'payload'
import { demanderAvoir, demanderEmission, ErreurFacturation } from '@/src/services/facturation'

/** The issued piece; a refusal keeps its status (`extensions.statusCode`) and its REST error as `data`. */
async function resultat(service: () => Promise<{ doc: unknown }>): Promise<unknown> {
  try {
    return (await service()).doc
  } catch (err) {
    if (err instanceof ErreurFacturation) {
      throw new APIError(err.message, err.status, [{ message: err.message, ...(err.manquants ? { manquants: err.manquants } : {}) }], true)
    }
    throw err
  }
}

/**
 * `emettreFacture(id)` and `emettreAvoir(id, motif)`: the REST endpoints as GraphQL mutations,
 * same rules and status codes (in `extensions.statusCode`). Both return the issued piece (for
 * `emettreAvoir`, the credit note; its `factureOrigine` is the cancelled invoice).
 */
export const mutationsFactures: GraphQLExtension = (GraphQL, payload) => ({
  emettreFacture: {
    type: payload.collections.invoices!.graphQL!.type,
    args: { id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLID) } },
    resolve: async (_source: unknown, args: { id: string }, context: { req: PayloadRequest }) => resultat(() => demanderEmission(context.req, args.id)),
  },
  emettreAvoir: {
    type: payload.collections.invoices!.graphQL!.type,
    args: { id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLID) }, motif: { type: GraphQL.GraphQLString } },
    resolve: async (_source: unknown, args: { id: string; motif?: string | null }, context: { req: PayloadRequest }) =>
      resultat(() => demanderAvoir(context.req, args.id, args.motif === undefined || args.motif === null ? {} : { motif: args.motif })),
  },
})
