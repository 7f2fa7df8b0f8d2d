import type { CollectionBeforeOperationHook, Endpoint, PayloadRequest } from 'payload'
import { APIError } from 'payload'
import { estAdmin } from '@/src/access/roles'
import { champTexte, json, lireCorpsJson, reponseErreur } from '@/src/endpoints/http'
import { changerMotDePasse, controlerConnexion, type PrevenirVerrouillage } from '@/src/services/authentification'
import { ajouterEmails } from '@/plugins/notifications/boiteEnvoi'
import { liens } from '@/plugins/notifications/donnees'
import { rendre } from '@/templates/email/layout'
import { compteVerrouille } from '@/templates/email/comptes'

/** Through the outbox, keyed by the lock's end: a replay never mails twice, a new lock does. */
const prevenirVerrouillage: PrevenirVerrouillage = async (req, compte, lockUntil) => {
  const minutes = Math.round((req.payload.collections.users!.config.auth.lockTime ?? 0) / 60000)
  const rendu = rendre(compteVerrouille(compte.prenom, minutes, `${liens().portail}mot-de-passe-oublie`))
  await ajouterEmails(req.payload, req, [{ to: compte.email, cle: `compte-verrouille:${String(compte.id)}:${lockUntil}`, rendu }])
}

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
  const a = args as { data?: Record<string, unknown>; overrideAccess?: boolean }
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

export const endpointMotDePasse: Endpoint = {
  path: '/me/mot-de-passe',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    try {
      if (!req.user) return json({ errors: [{ message: 'Authentification requise.' }] }, 401)
      const body = await lireCorpsJson(req)
      const motDePasseActuel = champTexte(body, 'motDePasseActuel', { max: 128 })!
      const nouveauMotDePasse = champTexte(body, 'nouveauMotDePasse', { max: 128 })!
      await changerMotDePasse(req, { motDePasseActuel, nouveauMotDePasse }, prevenirVerrouillage)
      return json({ message: 'Mot de passe modifié. Vos autres sessions sont fermées ; celle-ci reste ouverte.' })
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}
