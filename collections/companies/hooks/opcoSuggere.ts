import type { CollectionBeforeChangeHook } from 'payload'
import { idOf } from '@/src/access/roles'
import { normaliserIdcc } from '@/src/domain/idcc'
import type { Company } from '@/src/payload-types'

/** OPCO suggested from the IDCC through the editable table; `opco` stays the human's choice. */
export const suggererOpco: CollectionBeforeChangeHook<Company> = async ({ data, originalDoc, req }) => {
  const idcc = normaliserIdcc('idcc' in data ? data.idcc : originalDoc?.idcc)
  let suggere: number | null = null
  if (idcc !== null) {
    const trouve = await req.payload.find({ collection: 'correspondances-idcc', where: { idcc: { equals: idcc } }, limit: 1, depth: 0, req, overrideAccess: true })
    suggere = idOf(trouve.docs[0]?.opco)
  }
  data.opcoSuggere = suggere
  return data
}
