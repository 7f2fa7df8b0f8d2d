import { endpoint } from '@/src/endpoints/endpoint'
import { champTexte, json } from '@/src/endpoints/http'
import { changerMotDePasse } from '@/src/services/authentification'
import { prevenirVerrouillage } from '@/src/services/emails/comptes'

/**
 * POST /api/users/me/mot-de-passe { motDePasseActuel, nouveauMotDePasse }: the owner changes their
 * password with the current one (src/services/authentification.ts); a wrong one counts towards the lockout.
 */
export const endpointMotDePasse = endpoint({
  path: '/me/mot-de-passe',
  method: 'post',
  corps: 'json',
  handler: async ({ req, corps }) => {
    const motDePasseActuel = champTexte(corps, 'motDePasseActuel', { max: 128 })!
    const nouveauMotDePasse = champTexte(corps, 'nouveauMotDePasse', { max: 128 })!
    await changerMotDePasse(req, { motDePasseActuel, nouveauMotDePasse }, prevenirVerrouillage)
    return json({ message: 'Mot de passe modifié. Vos autres sessions sont fermées ; celle-ci reste ouverte.' })
  },
})
