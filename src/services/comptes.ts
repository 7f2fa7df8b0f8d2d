import type { PayloadRequest } from 'payload'
import { formaterDateFr } from '@/src/domain/dates'
import { ErreurMetier } from '@/src/domain/erreurs'
import { annoncerDemandeSuppression } from './emails/comptes'

/**
 * RGPD erasure request by the signed-in person: recorded on their account (dated, audited like
 * any change of a user) and announced to every admin through the outbox, once — asking again
 * answers with the date already recorded. Nothing is erased here: retention duties (docs/domaine.md §8)
 * need a person to decide what goes.
 */
export interface DemandeSuppression {
  /** Already recorded by an earlier request. */
  deja: boolean
  /** ISO date of the request. */
  suppressionDemandeeLe: string
}

export async function demanderSuppression(req: PayloadRequest): Promise<DemandeSuppression> {
  if (!req.user) throw new ErreurMetier('Authentification requise.', 401)
  const moi = await req.payload.findByID({ collection: 'users', id: req.user.id, depth: 0, overrideAccess: true, req })
  if (moi.suppressionDemandeeLe) return { deja: true, suppressionDemandeeLe: moi.suppressionDemandeeLe }
  const maintenant = new Date().toISOString()
  await req.payload.update({ collection: 'users', id: moi.id, data: { suppressionDemandeeLe: maintenant }, overrideAccess: true, req })
  await annoncerDemandeSuppression(req, moi, maintenant, formaterDateFr(maintenant))
  return { deja: false, suppressionDemandeeLe: maintenant }
}
