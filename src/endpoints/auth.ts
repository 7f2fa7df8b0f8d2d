import { APIError, logoutOperation, type Endpoint, type PayloadRequest } from 'payload'
import { generateExpiredPayloadCookie, generatePayloadCookie } from 'payload/shared'
import { endpoint } from './endpoint'
import { champTexte, json, RequeteInvalideError } from './http'
import { CHAMPS_INSCRIPTION } from '@/src/domain/comptes'

/**
 * The seed's documented auth routes (/api/auth/*), as thin aliases of Payload's own auth on
 * `users`: same lockout, same tokens, same cookie. Rate limits are applied in front of them by
 * the API route (src/app/(payload)/api/[...slug]/route.ts), like for /api/users/login. Public
 * routes of endpoint(): the session is what they open or close, never a precondition.
 */

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/

const authConfig = (req: PayloadRequest) => req.payload.collections.users!.config.auth

export const register = endpoint({
  path: '/auth/register',
  method: 'post',
  public: true,
  corps: 'json',
  handler: async ({ req, corps }) => {
    const inconnus = Object.keys(corps).filter((k) => !(CHAMPS_INSCRIPTION as readonly string[]).includes(k))
    if (inconnus.includes('role')) throw new APIError("Le rôle ne peut pas être choisi à l'inscription.", 403, undefined, true)
    if (inconnus.length > 0) throw new RequeteInvalideError(`Champs non autorisés : ${inconnus.join(', ')}.`)
    const email = champTexte(corps, 'email', { max: 254 })!
    if (!EMAIL.test(email)) throw new RequeteInvalideError('Adresse e-mail invalide.')
    if (req.user) throw new APIError('Vous êtes déjà connecté : déconnectez-vous pour créer un compte.', 403, undefined, true)
    const user = await req.payload.create({
      collection: 'users',
      req,
      overrideAccess: false,
      data: {
        email,
        password: champTexte(corps, 'password', { max: 128 })!,
        nom: champTexte(corps, 'nom', { max: 100 })!,
        prenom: champTexte(corps, 'prenom', { max: 100 })!,
        telephone: champTexte(corps, 'telephone', { required: false, max: 30 }),
        role: 'user',
      },
    })
    return json({ message: 'Compte créé.', user: { id: user.id, email: user.email, role: user.role } }, 201)
  },
})

export const login = endpoint({
  path: '/auth/login',
  method: 'post',
  public: true,
  corps: 'json',
  handler: async ({ req, corps }) => {
    const email = champTexte(corps, 'email', { max: 254 })!
    const password = champTexte(corps, 'password', { max: 128 })!
    const result = await req.payload.login({ collection: 'users', data: { email, password }, req, overrideAccess: false })
    const cookie = generatePayloadCookie({ collectionAuthConfig: authConfig(req), cookiePrefix: req.payload.config.cookiePrefix, token: result.token! })
    return json({ message: 'Connexion réussie.', user: result.user, token: result.token, exp: result.exp }, 200, { 'Set-Cookie': cookie })
  },
})

export const logout = endpoint({
  path: '/auth/logout',
  method: 'post',
  public: true,
  handler: async ({ req }) => {
    // Expiring the cookie is not enough: the token would stay valid until it expires. Payload's
    // own logout removes this session from the account (the token's `sid`), like /api/users/logout.
    if (req.user?.collection === 'users') await logoutOperation({ collection: req.payload.collections.users!, req })
    const cookie = generateExpiredPayloadCookie({ collectionAuthConfig: authConfig(req), cookiePrefix: req.payload.config.cookiePrefix })
    return json({ message: 'Déconnexion réussie.' }, 200, { 'Set-Cookie': cookie })
  },
})

export const forgotPassword = endpoint({
  path: '/auth/forgot-password',
  method: 'post',
  public: true,
  corps: 'json',
  handler: async ({ req, corps }) => {
    const email = champTexte(corps, 'email', { max: 254 })!
    if (!EMAIL.test(email)) throw new RequeteInvalideError('Adresse e-mail invalide.')
    try {
      await req.payload.forgotPassword({ collection: 'users', data: { email }, req })
    } catch (err) {
      // Same answer whether the account exists or not: no account enumeration.
      req.payload.logger.warn({ err }, 'forgot-password')
    }
    return json({ message: 'Si un compte existe pour cette adresse, un e-mail de réinitialisation a été envoyé.' })
  },
})

export const resetPassword = endpoint({
  path: '/auth/reset-password',
  method: 'post',
  public: true,
  corps: 'json',
  handler: async ({ req, corps }) => {
    const token = champTexte(corps, 'token', { max: 200 })!
    const password = champTexte(corps, 'password', { max: 128 })!
    try {
      await req.payload.resetPassword({ collection: 'users', data: { token, password }, req, overrideAccess: true })
    } catch (err) {
      if (err instanceof APIError && (err.status ?? 500) < 500 && err.status !== 400) {
        throw new APIError('Lien de réinitialisation invalide ou expiré.', 403, undefined, true)
      }
      throw err
    }
    return json({ message: 'Mot de passe modifié. Vous pouvez vous connecter.' })
  },
})

export const endpointsAuth: Endpoint[] = [register, login, logout, forgotPassword, resetPassword]
