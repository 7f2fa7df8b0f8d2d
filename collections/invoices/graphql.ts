import { APIError, type GraphQLExtension, type PayloadRequest } from 'payload'
import { demanderAvoir, demanderEmission, type ResultatHttp } from './facturation'

const resultat = (r: ResultatHttp, attendu: number): unknown => {
  if (r.status !== attendu) {
    const erreur = (r.body.errors as { message: string }[] | undefined)?.[0]
    throw new APIError(erreur?.message ?? 'Opération refusée.', r.status, r.body.errors as never, true)
  }
  return r.body.doc
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
    resolve: async (_source: unknown, args: { id: string }, context: { req: PayloadRequest }) => resultat(await demanderEmission(context.req, args.id), 200),
  },
  emettreAvoir: {
    type: payload.collections.invoices!.graphQL!.type,
    args: { id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLID) }, motif: { type: GraphQL.GraphQLString } },
    resolve: async (_source: unknown, args: { id: string; motif?: string | null }, context: { req: PayloadRequest }) =>
      resultat(await demanderAvoir(context.req, args.id, args.motif === undefined || args.motif === null ? {} : { motif: args.motif }), 201),
  },
})
