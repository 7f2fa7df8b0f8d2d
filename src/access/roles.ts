import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'
import { STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'

/**
 * Role helpers shared by every collection. The table they implement is in docs/architecture.md
 * ("Roles and access"); tests/http/access-matrix.test.ts asserts it cell by cell.
 */

export const ROLES = ['admin', 'user', 'opco'] as const
export type Role = (typeof ROLES)[number]

type MaybeUser = PayloadRequest['user']

export function roleOf(user: MaybeUser): Role | null {
  if (!user || user.collection !== 'users') return null
  const role = (user as { role?: unknown }).role
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role) ? (role as Role) : null
}

export const estAdmin = (user: MaybeUser): boolean => roleOf(user) === 'admin'

/**
 * The id of a relationship value, whether populated or not. Payload's ids are integers on both
 * databases (see the generated `payload-types.ts`); a string id (route parameter, form value)
 * counts only when it is all digits.
 */
export function idOf(value: unknown): number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null
  if (typeof value === 'string') return /^\d{1,15}$/.test(value) ? Number(value) : null
  if (typeof value === 'object' && 'id' in value) return idOf((value as { id: unknown }).id)
  return null
}

export function opcoDe(user: MaybeUser): number | null {
  return roleOf(user) === 'opco' ? idOf((user as { opco?: unknown }).opco) : null
}

export const adminSeulement: Access = ({ req }) => estAdmin(req.user)
export const authentifie: Access = ({ req }) => roleOf(req.user) !== null
export const personne: Access = () => false
export const champAdminSeulement: FieldAccess = ({ req }) => estAdmin(req.user)

/**
 * Read constraint on a collection that points to a dossier through `pathToDossier`
 * (`''` for the dossiers collection itself): admins see all, users their own dossiers',
 * OPCO users those of their OPCO once sent.
 */
export function lectureParDossier(pathToDossier: string, { opco }: { opco: boolean }): Access {
  const prefix = pathToDossier === '' ? '' : `${pathToDossier}.`
  return ({ req }) => {
    const role = roleOf(req.user)
    if (role === 'admin') return true
    if (role === 'user' && req.user) return { [`${prefix}owner`]: { equals: req.user.id } } as Where
    if (role === 'opco' && opco) {
      const opcoId = opcoDe(req.user)
      if (opcoId === null) return false
      return {
        and: [
          { [`${prefix}opco`]: { equals: opcoId } },
          // Only dossiers sent to their OPCO are visible to OPCO users.
          { [`${prefix}status`]: { in: [...STATUTS_ENVOYES_OPCO] } },
        ],
      } as Where
    }
    return false
  }
}
