import { APIError, type CollectionBeforeValidateHook } from 'payload'
import { idOf, roleOf } from '@/src/access/roles'
import { normaliserSiret } from '@/src/domain/siret'
import type { Company } from '@/src/payload-types'

/**
 * A beneficiary creates at most one company (it becomes theirs), and one not yet registered:
 * for an existing SIRET the answer says how to join it instead of « La valeur doit être unique ».
 */
export const verifierCreationEntreprise: CollectionBeforeValidateHook<Company> = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data || roleOf(req.user) !== 'user' || !req.user) return data
  const moi = await req.payload.findByID({ collection: 'users', id: req.user.id, depth: 0, overrideAccess: true, req })
  if (idOf(moi.company) !== null) {
    throw new APIError('Votre compte est déjà rattaché à une entreprise : vos dossiers se déposent pour celle-ci.', 403, undefined, true)
  }
  if (typeof data.siret === 'string' && data.siret !== '') {
    const siret = normaliserSiret(data.siret)
    const existe = await req.payload.count({ collection: 'companies', where: { siret: { equals: siret } }, overrideAccess: true, req })
    if (existe.totalDocs > 0) {
      throw new APIError(
        'Cette entreprise est déjà inscrite sur MonOPCO : demandez à y être rattaché (une personne de l’entreprise ou l’équipe validera).',
        409,
        { siret, rattachement: 'POST /api/companies/rattachements' },
        true,
      )
    }
  }
  return data
}
