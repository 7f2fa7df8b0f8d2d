import { APIError, type CollectionBeforeOperationHook } from 'payload'
import { estAdmin } from '@/src/access/roles'
import { controlerConnexion } from '@/src/services/authentification'
import { prevenirVerrouillage } from '@/src/services/emails/comptes'
import type { User } from '@/src/payload-types'

/** Every login route goes through Payload's login operation, hence through this check first. */
export const controleConnexion: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const data = (args as { data?: { email?: unknown; password?: unknown } }).data
  await controlerConnexion(req, data?.email, data?.password, prevenirVerrouillage)
  return args
}

/**
 * A password is changed by its owner only with the current one (POST /api/users/me/mot-de-passe):
 * a `password` in a plain update (REST PATCH, GraphQL updateUser, admin panel) is refused to
 * non-admins. Admins may set anyone's password (a reset); Payload then ends every session of
 * that account — except, when it is their own, the session making the change.
 */
export const refuserMotDePasseSansActuel: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'update' && operation !== 'updateByID') return args
  const a = args as { data?: Partial<User> & { password?: unknown }; overrideAccess?: boolean }
  if (a.overrideAccess === true || estAdmin(req.user)) return args
  const password = a.data?.password
  if (password !== undefined && password !== null && password !== '') {
    throw new APIError(
      'Pour changer votre mot de passe, indiquez votre mot de passe actuel : POST /api/users/me/mot-de-passe { "motDePasseActuel", "nouveauMotDePasse" }.',
      403,
      { champs: ['password'] },
      true,
    )
  }
  return args
}
