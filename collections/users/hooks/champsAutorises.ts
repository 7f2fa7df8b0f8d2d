import { APIError, type CollectionBeforeOperationHook } from 'payload'
import { idOf, roleOf } from '@/src/access/roles'
import { CHAMPS_UTILISATEUR_ADMIN, champsUtilisateurRefuses, type Appelant } from '@/src/domain/comptes'

const memeValeur = (a: unknown, b: unknown): boolean => String(idOf(a) ?? a ?? '') === String(idOf(b) ?? b ?? '')

/**
 * The one gate for writes to accounts (REST, GraphQL, /api/auth/register, portal, admin panel):
 * src/domain/comptes.ts decides, this hook refuses with a 403 naming the fields, before anything
 * is written. Trusted server code (overrideAccess: true) passes: it attaches a company once the
 * person created it or once their attachment request is approved.
 */
export const filtrerChampsUtilisateur: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update' && operation !== 'updateByID') return args
  // The data as the caller sent it (before Payload's checks): its shape is what is being checked.
  const a = args as { data?: Record<string, unknown>; overrideAccess?: boolean; id?: number | string }
  if (a.overrideAccess === true || !a.data || typeof a.data !== 'object') return args
  const appelant: Appelant = req.user ? (roleOf(req.user) ?? 'user') : 'anonyme'
  let refuses = champsUtilisateurRefuses(appelant, operation === 'create' ? 'create' : 'update', a.data)
  // A form that sends back every field (the admin panel's account page) changes nothing by
  // repeating the stored value: only real changes are refused.
  if (refuses.length > 0 && operation !== 'create' && a.id !== undefined && req.user) {
    const actuel = await req.payload.findByID({ collection: 'users', id: a.id, depth: 0, overrideAccess: true, disableErrors: true, req })
    if (actuel) refuses = refuses.filter((c) => !(CHAMPS_UTILISATEUR_ADMIN as readonly string[]).includes(c) || !memeValeur(a.data![c], actuel[c as keyof typeof actuel]))
  }
  if (refuses.length > 0) {
    const message =
      appelant === 'anonyme'
        ? `À l'inscription, seuls l'e-mail, le mot de passe, le nom, le prénom et le téléphone se renseignent. Champs refusés : ${refuses.join(', ')}.`
        : `Vous n'avez pas le droit de modifier : ${refuses.join(', ')}.`
    throw new APIError(message, 403, { champs: refuses }, true)
  }
  return args
}
