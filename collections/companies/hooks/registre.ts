import type { CollectionBeforeChangeHook } from 'payload'
import { estAdmin } from '@/src/access/roles'
import { ficheEnCache } from '@/src/services/rechercheEntreprises'
import type { Company } from '@/src/payload-types'

type Registre = NonNullable<Company['registre']>
const VIDE: Registre = { etatAdministratif: null, trancheEffectif: null, consulteLe: null }

const memes = (a: Registre | null | undefined, b: Registre | null | undefined) =>
  (a?.etatAdministratif ?? null) === (b?.etatAdministratif ?? null) && (a?.trancheEffectif ?? null) === (b?.trancheEffectif ?? null) && String(a?.consulteLe ?? '') === String(b?.consulteLe ?? '')

/**
 * What the State's register says about the company's SIRET (administrative state, headcount band,
 * date read), written by the server from the lookup the form just made (the cache of
 * src/services/rechercheEntreprises.ts) — never a network call here, and never taken from a
 * beneficiary (refused with a 403 by `refuserChampsReserves`): a closed establishment is a
 * blocking conformity finding that the person filing must not be able to hide. An admin may set
 * it (the « Remplir depuis le SIRET » button of the form does). A new SIRET that was not looked up
 * leaves the state unknown rather than keeping the old establishment's.
 */
export const enregistrerRegistre: CollectionBeforeChangeHook<Company> = ({ data, originalDoc, operation, req }) => {
  const siret = typeof data.siret === 'string' ? data.siret : originalDoc?.siret
  const siretChange = operation === 'create' || (typeof data.siret === 'string' && data.siret !== originalDoc?.siret)
  const fourni = estAdmin(req.user) && data.registre != null && !memes(data.registre, originalDoc?.registre)
  if (fourni) return data
  const enCache = typeof siret === 'string' ? ficheEnCache(siret) : null
  if (enCache) {
    data.registre = { etatAdministratif: enCache.fiche.etatAdministratif, trancheEffectif: enCache.fiche.trancheEffectif, consulteLe: enCache.consulteLe }
  } else if (siretChange) {
    data.registre = VIDE
  }
  return data
}
