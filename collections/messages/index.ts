import type { CollectionConfig } from 'payload'
import { exigerDossierAccessible } from '@/src/access/dossier'
import { estAdmin, idOf, roleOf } from '@/src/access/roles'
import { refuserChampsReserves } from '@/hooks/champsReserves'
import { repondreRejeu, verifierIdempotence } from './hooks/idempotence'
import { notifierNouveauMessage } from './hooks/notifier'

/** The conversation between the beneficiary side and the MonOPCO team (OPCO users are not part of it). */
export const Messages: CollectionConfig = {
  slug: 'messages',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Message', pluralName: 'Messages' },
  labels: { singular: 'Message', plural: 'Messages' },
  // The list reads as a conversation log: who, when (date and time), what was said.
  admin: { defaultColumns: ['dossier', 'author', 'envoyeLe', 'body'], group: 'Communication' },
  defaultSort: '-createdAt',
  access: {
    read: ({ req }) => {
      if (estAdmin(req.user)) return true
      if (roleOf(req.user) === 'user' && req.user) return { 'dossier.owner': { equals: req.user.id } }
      return false
    },
    create: ({ req }) => estAdmin(req.user) || roleOf(req.user) === 'user',
    update: ({ req }) => estAdmin(req.user),
    delete: ({ req }) => estAdmin(req.user),
  },
  // One message per author and Idempotency-Key (./hooks/idempotence.ts); rows without a key never collide.
  indexes: [{ fields: ['author', 'cleIdempotence'], unique: true }],
  hooks: {
    beforeOperation: [refuserChampsReserves(['author']), verifierIdempotence],
    afterError: [repondreRejeu],
    beforeValidate: [
      async ({ data, req, operation }) => {
        if (!data || operation !== 'create') return data
        await exigerDossierAccessible(req, data.dossier)
        if (req.user && (!estAdmin(req.user) || idOf(data.author) === null)) data.author = req.user.id
        return data
      },
    ],
    // The other side is told by e-mail, in the message's transaction.
    afterChange: [notifierNouveauMessage],
  },
  fields: [
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    { name: 'author', label: 'Auteur', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'body', label: 'Message', type: 'richText', required: true, admin: { components: { Cell: '/src/components/admin/MessageCellules#TexteMessageCell' } } },
    { name: 'envoyeLe', label: 'Envoyé le', type: 'ui', admin: { components: { Cell: '/src/components/admin/MessageCellules#DateHeureMessageCell', Field: '/src/components/admin/Vide#Vide' } } },
    // Set from the request's Idempotency-Key header, never from the body.
    { name: 'cleIdempotence', label: 'Clé d’idempotence', type: 'text', maxLength: 200, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'empreinteRequete', type: 'text', maxLength: 64, admin: { hidden: true } },
  ],
}
