import { APIError, type CollectionConfig } from 'payload'
import { adminSeulement, personne } from '@/src/access/roles'

const immuable = () => {
  throw new APIError("Le journal d'audit est en ajout seul : aucune entrée ne peut être modifiée ni supprimée.", 403, undefined, true)
}

/**
 * Append-only audit log. Access refuses writes over every API, and the hooks refuse update and
 * delete even for trusted server code (overrideAccess), so no path can rewrite history.
 */
export const Logs: CollectionConfig = {
  slug: 'logs',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Log', pluralName: 'Logs' },
  labels: { singular: 'Entrée du journal', plural: "Journal d'audit" },
  admin: { defaultColumns: ['createdAt', 'action', 'collectionSlug', 'documentId', 'actor', 'ip'], group: 'Administration' },
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  hooks: {
    beforeChange: [({ operation, data }) => (operation === 'update' ? immuable() : data)],
    beforeDelete: [immuable],
  },
  fields: [
    {
      name: 'action',
      label: 'Action',
      type: 'select',
      required: true,
      index: true,
      options: [
        { value: 'create', label: 'Création' },
        { value: 'update', label: 'Modification' },
        { value: 'delete', label: 'Suppression' },
        { value: 'transition', label: 'Transition' },
        { value: 'emission', label: 'Émission de facture' },
        { value: 'annulation', label: 'Annulation par avoir' },
        { value: 'export', label: 'Export' },
      ],
    },
    { name: 'collectionSlug', label: 'Collection', type: 'text', required: true, index: true },
    { name: 'documentId', label: 'Document', type: 'text', required: true, index: true },
    { name: 'actor', label: 'Auteur', type: 'relationship', relationTo: 'users' },
    { name: 'actorLabel', label: 'Auteur (libellé)', type: 'text' },
    { name: 'changes', label: 'Modifications (avant → après)', type: 'json', admin: { components: { Field: '/src/components/admin/JsonLecture#JsonLecture' } } },
    { name: 'ip', label: 'Adresse IP', type: 'text' },
  ],
}
