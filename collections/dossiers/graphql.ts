import { APIError, type PayloadRequest } from 'payload'
import type { GraphQLExtension } from 'payload'
import { GraphQLJSON } from '@payloadcms/graphql/types'
import { appliquerTransition } from './transition'

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
      const r = await appliquerTransition(context.req, args.id, args.action, args.parametres ?? {})
      if (r.status !== 200) {
        const erreur = (r.body.errors as { message: string }[] | undefined)?.[0]
        throw new APIError(erreur?.message ?? 'Transition refusée.', r.status, r.body.errors as never, true)
      }
      return r.body.doc
    },
  },
})
