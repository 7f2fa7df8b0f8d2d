import { APIError, type CollectionBeforeOperationHook } from 'payload'
import { estAdmin } from '@/src/access/roles'
import { sansEffetEnLecture } from '@/src/domain/listeRapide'

/**
 * Refuses, with a 403 naming them, writes by non-admins to fields they may not set
 * (rather than silently dropping them, which hides mistakes and attacks alike).
 * Trusted Local API calls (overrideAccess: true) are system code and pass.
 */
export const refuserChampsReserves =
  (champs: readonly string[], autorise: (champ: string, valeur: unknown, operation: string) => boolean = () => false): CollectionBeforeOperationHook =>
  // Writes only: the list fast path may skip it (src/domain/listeRapide.ts).
  sansEffetEnLecture(({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update' && operation !== 'updateByID') return args
    // Any collection's data, as the caller sent it: its shape is what is being checked.
    const a = args as { data?: Record<string, unknown>; overrideAccess?: boolean }
    if (a.overrideAccess === true || estAdmin(req.user)) return args
    const interdits = champs.filter((c) => a.data && c in a.data && !autorise(c, a.data[c], operation))
    if (interdits.length > 0) {
      throw new APIError(`Vous n'avez pas le droit de modifier : ${interdits.join(', ')}.`, 403, { champs: interdits }, true)
    }
    return args
  })
