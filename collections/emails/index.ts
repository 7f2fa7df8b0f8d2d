import type { CollectionConfig, FieldAccess } from 'payload'
import { adminSeulement, personne } from '@/src/access/roles'
import { selectAvecDefaut } from '@/collections/champs'
import { STATUTS_EMAIL } from '@/src/domain/notifications/statuts'
import { expurgerSecrets, NOTE_CONTENU_MASQUE } from '@/src/domain/notifications/confidentiel'
import { endpointRenvoyer } from './endpoints/renvoyer'

/**
 * The content of a confidential row (a personal link or code, src/domain/notifications/
 * confidentiel.ts) is read by nobody through REST, GraphQL or the admin, admins included; the
 * sender and « renvoyer » read it with overrideAccess. Without a document (Payload asks when it
 * validates a `where` or a `sort`), the answer is no: filtering or sorting on the content would
 * let anyone guess a code or a token one character at a time. Closed by default: only a row known
 * to be ordinary (`confidentiel` false, always read: `forceSelect` below) shows its content.
 */
const contenuLisible: FieldAccess = ({ doc }) => (doc as { confidentiel?: unknown } | undefined)?.confidentiel === false

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
  // `?select[html]=true` alone would otherwise read the content without the flag that masks it.
  forceSelect: { confidentiel: true },
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  endpoints: [endpointRenvoyer],
  // The sender's sweep: rows still to send whose next attempt is due.
  indexes: [{ fields: ['status', 'prochainEssai'] }],
  fields: [
    { name: 'to', label: 'Destinataire', type: 'email', required: true, index: true },
    { name: 'template', label: 'Modèle', type: 'text', required: true, index: true },
    { name: 'subject', label: 'Objet', type: 'text', required: true },
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', index: true },
    {
      name: 'confidentiel',
      label: 'Contenu masqué',
      type: 'checkbox',
      defaultValue: false,
      // Set by the outbox from the template, never through the API (create/update: personne).
      admin: { readOnly: true, description: NOTE_CONTENU_MASQUE, condition: (data) => data?.confidentiel === true },
    },
    // Out of the audit log too (`custom.journal`): a resend's log entry would otherwise copy the content.
    { name: 'html', label: 'Contenu HTML', type: 'textarea', access: { read: contenuLisible }, custom: { journal: false }, admin: { readOnly: true } },
    { name: 'text', label: 'Contenu texte', type: 'textarea', access: { read: contenuLisible }, custom: { journal: false }, admin: { readOnly: true } },
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
    {
      name: 'lastError',
      label: 'Dernière erreur',
      type: 'textarea',
      admin: { readOnly: true },
      // Whoever writes it (sender, Resend webhook), a provider's text that echoes the message loses its secrets here.
      hooks: {
        beforeChange: [
          ({ value, siblingData, originalDoc }) =>
            typeof value === 'string' && (siblingData?.confidentiel ?? (originalDoc as { confidentiel?: unknown } | undefined)?.confidentiel) === true ? expurgerSecrets(value) : value,
        ],
      },
    },
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
