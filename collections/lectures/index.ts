import type { CollectionConfig } from 'payload'
import { estAdmin, personne } from '@/src/access/roles'

/**
 * Read marks of the conversation: one row per reader and dossier, « lu jusqu'à » the last
 * message the reader was shown (src/domain/messagesNonLus.ts). Written only by
 * src/services/messagerie.ts when the reader opens the dossier's thread (admin panel or
 * portal), so nobody writes them through the API; each person reads their own marks.
 * Relations are optional in the schema so that deleting a dossier or an account is never
 * blocked by a read mark (hooks/references.ts does not count them).
 */
export const Lectures: CollectionConfig = {
  slug: 'lectures',
  graphQL: { singularName: 'Lecture', pluralName: 'Lectures' },
  labels: { singular: 'Lecture', plural: 'Lectures' },
  admin: { hidden: true },
  access: {
    read: ({ req }) => (estAdmin(req.user) ? true : req.user ? { lecteur: { equals: req.user.id } } : false),
    create: personne,
    update: personne,
    delete: personne,
  },
  indexes: [{ fields: ['lecteur', 'dossier'], unique: true }],
  fields: [
    { name: 'lecteur', label: 'Lecteur', type: 'relationship', relationTo: 'users', index: true },
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', index: true },
    { name: 'luJusqua', label: 'Lu jusqu’à', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
