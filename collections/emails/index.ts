import type { CollectionConfig } from 'payload'
import { adminSeulement, personne } from '../../src/access/roles'
import { selectAvecDefaut } from '../champs'

/** The outbox: every notification is a record first, then sent by a job (notifications plugin). */
export const Emails: CollectionConfig = {
  slug: 'emails',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Email', pluralName: 'Emails' },
  labels: { singular: 'E-mail', plural: 'E-mails' },
  admin: { useAsTitle: 'subject', defaultColumns: ['subject', 'to', 'template', 'status', 'createdAt'], group: 'Communication' },
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  fields: [
    { name: 'to', label: 'Destinataire', type: 'email', required: true },
    { name: 'template', label: 'Modèle', type: 'text', required: true },
    { name: 'subject', label: 'Objet', type: 'text', required: true },
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', index: true },
    { name: 'html', label: 'Contenu HTML', type: 'textarea', admin: { readOnly: true } },
    { name: 'text', label: 'Contenu texte', type: 'textarea' },
    selectAvecDefaut({
      name: 'status',
      label: 'Statut',
      defaultValue: 'queued',
      index: true,
      options: [
        { value: 'queued', label: 'En file d’attente' },
        { value: 'sent', label: 'Envoyé' },
        { value: 'delivered', label: 'Délivré' },
        { value: 'bounced', label: 'Rejeté' },
        { value: 'complained', label: 'Signalé comme spam' },
        { value: 'failed', label: 'Échec' },
      ],
    }),
    { name: 'providerId', label: 'Identifiant fournisseur', type: 'text' },
    { name: 'attempts', label: 'Tentatives', type: 'number', defaultValue: 0 },
    { name: 'lastError', label: 'Dernière erreur', type: 'textarea' },
    { name: 'sentAt', label: 'Envoyé le', type: 'date' },
  ],
}
