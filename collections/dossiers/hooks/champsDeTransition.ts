import { APIError, type CollectionBeforeChangeHook } from 'payload'
import { idOf } from '@/src/access/roles'
import type { Dossier } from '@/src/payload-types'

/**
 * Written only by transitions (POST /api/dossiers/:id/transition): a plain update that changes
 * one of them is refused for everyone, admins included, so every step is dated and attributed.
 */
export const CHAMPS_DE_TRANSITION = [
  'status',
  'soumissionDate',
  'validationAdminDate',
  'validationAdminBy',
  'envoiOpcoDate',
  'reponseOpcoDate',
  'motifRefus',
  'numeroDossierOpco',
  'montantValide',
  'heuresRealisees',
  'motifHeures',
] as const satisfies readonly (keyof Dossier)[]

const memeValeur = (a: unknown, b: unknown): boolean => String(idOf(a) ?? a ?? '') === String(idOf(b) ?? b ?? '')

/** Server code (seed, imports) uses the Local API; every API caller goes through transitions. */
export const refuserChampsDeTransition: CollectionBeforeChangeHook<Dossier> = ({ data, originalDoc, operation, req }) => {
  if (req.payloadAPI === 'local') return data
  const changes = CHAMPS_DE_TRANSITION.filter((champ) =>
    operation === 'create'
      ? champ in data && data[champ] != null && !(champ === 'status' && data[champ] === 'brouillon')
      : champ in data && !memeValeur(data[champ], originalDoc?.[champ]),
  )
  if (changes.length > 0) {
    throw new APIError(
      `Ces champs ne changent que par une action du workflow (POST /api/dossiers/:id/transition) : ${changes.join(', ')}.`,
      403,
      { champs: changes },
      true,
    )
  }
  return data
}
