import { APIError, type CollectionBeforeChangeHook } from 'payload'
import { champsFigesModifies, estFigeApresEnvoi } from '@/src/domain/dossierFige'

/**
 * A sent dossier's OPCO, company, cost and training are refused to every API caller, admins
 * included (409): the OPCO's decision is on those terms, and an admin who needs other terms
 * cancels and files a new dossier. Transitions write their columns in SQL and never come here;
 * server code (seed, imports) uses the Local API and brings already-sent dossiers as they are.
 */
export const refuserChampsFiges: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  if (operation !== 'update' || req.payloadAPI === 'local' || !originalDoc) return data
  // `data` is what the caller sent (any subset, any shape): the domain rule compares values.
  if (!estFigeApresEnvoi(originalDoc)) return data
  const changes = champsFigesModifies(originalDoc, data)
  if (changes.length > 0) {
    throw new APIError(
      `Ce dossier a été envoyé à l'OPCO : son OPCO, son entreprise, son coût et sa formation ne changent plus (${changes.join(', ')}). Seules les actions du workflow le font évoluer.`,
      409,
      { champs: changes },
      true,
    )
  }
  return data
}
