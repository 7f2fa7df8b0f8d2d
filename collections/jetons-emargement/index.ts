import type { CollectionConfig } from 'payload'
import { adminSeulement, personne } from '@/src/access/roles'
import { ROLES_SIGNATAIRE_SEANCE } from '@/src/domain/seances'

/**
 * Personal attendance-signing links (issue 17, item 2): one row per link sent, holding only the
 * sha256 of its random token — the database never holds a usable link. Written by the server
 * only (src/services/emargement.ts); nobody creates, edits or deletes them over the API; admins
 * may read when a link was sent and used, never its hash.
 */
export const JetonsEmargement: CollectionConfig = {
  slug: 'jetons-emargement',
  labels: { singular: 'Lien d’émargement', plural: 'Liens d’émargement' },
  admin: { hidden: true },
  graphQL: false,
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  indexes: [{ fields: ['seance', 'role'] }],
  fields: [
    { name: 'seance', type: 'relationship', relationTo: 'seances', required: true, index: true },
    { name: 'role', type: 'select', required: true, options: [...ROLES_SIGNATAIRE_SEANCE] },
    // sha256 (hex) of the token in the link.
    { name: 'hash', type: 'text', required: true, unique: true, maxLength: 64, access: { read: () => false } },
    // Idempotency: `jour:<seance>:<role>` for the link of the day, `renvoi:<seance>:<role>:<uuid>` for a resend.
    { name: 'cle', type: 'text', required: true, unique: true, maxLength: 120 },
    { name: 'email', type: 'text', maxLength: 320 },
    { name: 'sentAt', type: 'date' },
    { name: 'usedAt', type: 'date', index: true },
    // Replaced by a newer link (« Renvoyer le lien »): refused as used.
    { name: 'invalideLe', type: 'date' },
  ],
}
