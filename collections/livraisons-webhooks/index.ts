import type { CollectionConfig } from 'payload'
import { adminSeulement, personne } from '@/src/access/roles'
import { selectAvecDefaut } from '@/collections/champs'
import { EVENEMENTS_WEBHOOK, LIBELLES_EVENEMENT_WEBHOOK, STATUTS_LIVRAISON_WEBHOOK } from '@/src/domain/webhooks'
import { endpointRejouer } from './endpoints/rejouer'

/**
 * The delivery log of the webhooks: one row per (webhook, event), written in the transaction of
 * what caused the event, then delivered by the `livrerWebhooks` job with retries and backoff
 * (src/services/webhooks). Nobody writes it through the API; admins read it and may « Rejouer »
 * (./endpoints/rejouer.ts).
 */
export const LivraisonsWebhooks: CollectionConfig = {
  slug: 'livraisons-webhooks',
  graphQL: { singularName: 'LivraisonWebhook', pluralName: 'LivraisonsWebhooks' },
  labels: { singular: 'Livraison de webhook', plural: 'Livraisons de webhooks' },
  admin: {
    useAsTitle: 'cle',
    defaultColumns: ['evenement', 'webhook', 'statut', 'tentatives', 'dernierCodeHttp', 'prochainEssai', 'createdAt'],
    group: 'Administration',
    description: 'Journal des livraisons : chaque événement envoyé à chaque webhook, ses tentatives et son issue (« Échec » : voir « Rejouer »).',
  },
  defaultSort: '-createdAt',
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  endpoints: [endpointRejouer],
  // The sender's sweep: rows still to deliver whose next attempt is due.
  indexes: [{ fields: ['statut', 'prochainEssai'] }],
  fields: [
    { name: 'webhook', label: 'Webhook', type: 'relationship', relationTo: 'webhooks', required: true, index: true, admin: { readOnly: true } },
    { name: 'evenement', label: 'Événement', type: 'select', required: true, index: true, options: EVENEMENTS_WEBHOOK.map((value) => ({ value, label: LIBELLES_EVENEMENT_WEBHOOK[value] })), admin: { readOnly: true } },
    { name: 'idEvenement', label: 'Identifiant de l’événement', type: 'text', required: true, index: true, admin: { readOnly: true } },
    {
      name: 'cle',
      label: 'Clé d’idempotence',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      admin: { readOnly: true, position: 'sidebar', description: 'Webhook + événement : un événement rejoué ne crée jamais une deuxième livraison ; envoyée dans Idempotency-Key.' },
    },
    selectAvecDefaut({ name: 'statut', label: 'Statut', defaultValue: 'en_attente', index: true, options: [...STATUTS_LIVRAISON_WEBHOOK], admin: { position: 'sidebar', readOnly: true } }),
    { name: 'rejouer', type: 'ui', admin: { position: 'sidebar', disableListColumn: true, components: { Field: '/src/components/admin/RejouerWebhook#RejouerWebhook' } } },
    { name: 'tentatives', label: 'Tentatives', type: 'number', defaultValue: 0, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'prochainEssai', label: 'Prochain essai', type: 'date', index: true, admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'dernierCodeHttp', label: 'Dernier code HTTP', type: 'number', admin: { readOnly: true } },
    { name: 'derniereErreur', label: 'Dernière erreur', type: 'textarea', admin: { readOnly: true } },
    { name: 'livreLe', label: 'Livré le', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'corps', label: 'Corps envoyé (JSON)', type: 'textarea', required: true, admin: { readOnly: true } },
  ],
}
