import { APIError, type CollectionBeforeChangeHook, type JSONField } from 'payload'
import type { Dossier } from '@/src/payload-types'

/**
 * The dossier's conformity report (README « Conformité et IA »): computed by the server only
 * (src/services/conformite.ts) at submit, at validate and on POST /api/dossiers/:id/conformite.
 * The field and the hook that keeps API writes off it live together.
 */
export const champConformite: JSONField = {
  name: 'conformite',
  label: 'Rapport de conformité',
  type: 'json',
  admin: {
    position: 'sidebar',
    readOnly: true,
    description: 'Calculé par le serveur au dépôt, à la validation et à la demande.',
    components: { Field: '/src/components/admin/Conformite#Conformite' },
  },
}

/** Key order differs between SQLite (as written) and PostgreSQL jsonb (reordered): compare canonically. */
function canonique(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonique).join(',')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      // Any stored JSON value: canonical form for the comparison, whatever its shape.
      .map((k) => `${JSON.stringify(k)}:${canonique((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

/** Admins too: the report is the server's; an API write of it is a 403, not a silent change. */
export const protegerConformite: CollectionBeforeChangeHook<Dossier> = ({ data, originalDoc, operation, req }) => {
  if (req.payloadAPI === 'local' || !data || !('conformite' in data)) return data
  const avant = operation === 'create' ? null : (originalDoc?.conformite ?? null)
  if (canonique(data.conformite ?? null) !== canonique(avant)) {
    throw new APIError('Le rapport de conformité est calculé par le serveur : il ne se modifie pas (recalcul : POST /api/dossiers/:id/conformite).', 403, { champs: ['conformite'] }, true)
  }
  return data
}
