import { APIError, type PayloadRequest } from 'payload'
import type { GraphQLExtension } from 'payload'
import { GraphQLJSON } from '@payloadcms/graphql/types'
import { ErreurTransition, transitionnerDossier } from '@/src/services/transition'

/**
 * `transitionDossier(id, action, parametres)`: the REST transition endpoint as a GraphQL
 * mutation, with the same rules and the same status codes (in `extensions.statusCode`).
 */
export const mutationsWorkflow: GraphQLExtension = (GraphQL, payload) => ({
  transitionDossier: {
    type: payload.collections.dossiers!.graphQL!.type,
    args: {
      id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLID) },
      action: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
      parametres: { type: GraphQLJSON },
    },
    resolve: async (_source: unknown, args: { id: string; action: string; parametres?: unknown }, context: { req: PayloadRequest }) => {
      try {
        return (await transitionnerDossier(context.req, args.id, args.action, args.parametres ?? {})).doc
      } catch (err) {
        if (!(err instanceof ErreurTransition)) throw err
        // The REST body's `errors` travel as the error's data.
        throw new APIError(err.message, err.status, [{ message: err.message, ...err.complements }], true)
      }
    },
  },
})
