import { APIError, type CollectionBeforeValidateHook } from 'payload'
import { estAdmin, idOf, roleOf } from '@/src/access/roles'
import type { Dossier } from '@/src/payload-types'

/**
 * Who files the dossier: a beneficiary files for their own company only (another company's id is
 * refused, 403), and the dossier created through the API is theirs (an admin may name the owner).
 */
export const proprietaireEtEntreprise: CollectionBeforeValidateHook<Dossier> = async ({ data, req, operation }) => {
  if (!data) return data
  if (req.user && roleOf(req.user) === 'user' && 'company' in data && data.company != null) {
    const own = idOf(req.user.company)
    if (own === null || String(idOf(data.company)) !== String(own)) {
      throw new APIError("Vous ne pouvez déposer un dossier que pour votre propre entreprise.", 403, undefined, true)
    }
  }
  if (operation === 'create' && req.user && (!estAdmin(req.user) || data.owner == null)) data.owner = req.user.id
  return data
}
