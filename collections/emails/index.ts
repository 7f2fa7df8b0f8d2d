import type { CollectionConfig } from 'payload'
import { adminSeulement, personne } from '@/src/access/roles'
import { selectAvecDefaut } from '@/collections/champs'
import { STATUTS_EMAIL } from '@/src/domain/notifications/statuts'
import { endpointRenvoyer } from './endpoints/renvoyer'

/**
 * The outbox: every notification is a row first (written in the transaction of what caused it),
 * then sent by the `envoyerEmails` job with retries and exponential backoff
 * (plugins/notifications); rows are written by src/services/emails/boiteEnvoi.ts. Nobody writes it
 * through the API; admins read it and may « renvoyer » (./endpoints/renvoyer.ts).
 */
export const Emails: CollectionConfig = {
  slug: 'emails',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Email', pluralName: 'Emails' },
  labels: { singular: 'E-mail', plural: 'E-mails' },
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['subject', 'to', 'template', 'status', 'attempts', 'dossier', 'createdAt'],
    listSearchableFields: ['to', 'subject', 'template'],
    group: 'Communication',
    description: 'Boîte d’envoi : chaque e-mail est enregistré ici avant d’être envoyé, puis suivi (délivré, rejeté…).',
    components: { beforeList: ['/src/components/admin/EmailsEtat#EmailsEtat'] },
  },
  defaultSort: '-createdAt',
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  endpoints: [endpointRenvoyer],
  // The sender's sweep: rows still to send whose next attempt is due.
  indexes: [{ fields: ['status', 'prochainEssai'] }],
  fields: [
    { name: 'to', label: 'Destinataire', type: 'email', required: true, index: true },
    { name: 'template', label: 'Modèle', type: 'text', required: true, index: true },
    { name: 'subject', label: 'Objet', type: 'text', required: true },
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', index: true },
    { name: 'html', label: 'Contenu HTML', type: 'textarea', admin: { readOnly: true } },
    { name: 'text', label: 'Contenu texte', type: 'textarea', admin: { readOnly: true } },
    selectAvecDefaut({
      name: 'status',
      label: 'Statut',
      defaultValue: 'queued',
      index: true,
      options: [...STATUTS_EMAIL],
      admin: { position: 'sidebar', readOnly: true },
    }),
    { name: 'renvoyer', type: 'ui', admin: { position: 'sidebar', disableListColumn: true, components: { Field: '/src/components/admin/RenvoyerEmail#RenvoyerEmail' } } },
    {
      name: 'cle',
      label: 'Clé d’idempotence',
      type: 'text',
      unique: true,
      index: true,
      admin: { readOnly: true, position: 'sidebar', description: 'Un événement rejoué ne crée jamais une deuxième ligne ; envoyée au fournisseur (Idempotency-Key).' },
    },
    { name: 'providerId', label: 'Identifiant fournisseur', type: 'text', index: true, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'fournisseur', label: 'Fournisseur', type: 'text', admin: { readOnly: true, position: 'sidebar' } },
    { name: 'attempts', label: 'Tentatives', type: 'number', defaultValue: 0, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'prochainEssai', label: 'Prochain essai', type: 'date', index: true, admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lastError', label: 'Dernière erreur', type: 'textarea', admin: { readOnly: true } },
    { name: 'sentAt', label: 'Envoyé le', type: 'date', admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'statusAt', label: 'Dernier suivi fournisseur', type: 'date', admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'pieceJointe',
      label: 'Pièce jointe prévue',
      type: 'relationship',
      relationTo: 'documents',
      admin: { readOnly: true, description: 'Document joint à l’envoi (demande de prise en charge pour l’OPCO).' },
    },
    { name: 'pieceJointeEnvoyee', label: 'Pièce jointe envoyée', type: 'text', admin: { readOnly: true, description: 'Nom et empreinte SHA-256 du fichier réellement joint.' } },
    { name: 'renvoiDe', label: 'Renvoi de', type: 'relationship', relationTo: 'emails', admin: { readOnly: true } },
  ],
}
