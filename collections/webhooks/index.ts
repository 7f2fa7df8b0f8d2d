import { randomBytes } from 'node:crypto'
import type { CollectionConfig, TextFieldSingleValidation } from 'payload'
import { text as validationTexte } from 'payload/shared'
import { adminSeulement } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { EVENEMENTS_WEBHOOK, LIBELLES_EVENEMENT_WEBHOOK, verifierUrlWebhook } from '@/src/domain/webhooks'

/** The text field's own checks (type, length), then ours: in production https only, never a local or private network. */
const validerUrl: TextFieldSingleValidation = (valeur, args) => {
  const base = validationTexte(valeur, args)
  if (base !== true) return base
  const r = verifierUrlWebhook(valeur, { production: env().production })
  return r.ok ? true : r.erreur
}

const validerSecret: TextFieldSingleValidation = (valeur, args) => {
  const base = validationTexte(valeur, args)
  if (base !== true) return base
  if (valeur == null || valeur === '') return true
  return valeur.length >= 24 ? true : 'Le secret doit comporter au moins 24 caractères (laissez vide pour qu’il soit généré).'
}

/**
 * Endpoints of integrators (issue 19, item 5): each event they subscribe to is delivered as
 * signed JSON by the `livrerWebhooks` job (src/services/webhooks, docs/guide-integration.md).
 * Admins only. The secret is generated here when left empty, readable by admins only (the whole
 * collection is), and never written to the audit log (src/domain/audit.ts leaves `secret` out).
 */
export const Webhooks: CollectionConfig = {
  slug: 'webhooks',
  graphQL: { singularName: 'Webhook', pluralName: 'Webhooks' },
  labels: { singular: 'Webhook', plural: 'Webhooks' },
  admin: {
    useAsTitle: 'url',
    defaultColumns: ['url', 'evenements', 'actif', 'updatedAt'],
    group: 'Administration',
    description: 'Adresses des intégrateurs qui reçoivent les événements signés (guide d’intégration, section « Webhooks »).',
  },
  access: { read: adminSeulement, create: adminSeulement, update: adminSeulement, delete: adminSeulement },
  fields: [
    { name: 'url', label: 'Adresse (URL)', type: 'text', required: true, maxLength: 2000, validate: validerUrl, admin: { description: 'https:// obligatoire en production ; jamais une adresse locale ou privée.' } },
    {
      name: 'evenements',
      label: 'Événements',
      type: 'select',
      hasMany: true,
      required: true,
      options: EVENEMENTS_WEBHOOK.map((value) => ({ value, label: LIBELLES_EVENEMENT_WEBHOOK[value] })),
    },
    {
      name: 'secret',
      label: 'Secret de signature',
      type: 'text',
      maxLength: 200,
      validate: validerSecret,
      admin: { description: 'Laissé vide : généré à l’enregistrement. Sert à vérifier l’en-tête X-MonOPCO-Signature (HMAC-SHA256).' },
      hooks: {
        beforeChange: [({ value, previousValue }) => (typeof value === 'string' && value !== '' ? value : typeof previousValue === 'string' && previousValue !== '' ? previousValue : `whsec_${randomBytes(32).toString('hex')}`)],
      },
    },
    { name: 'actif', label: 'Actif', type: 'checkbox', defaultValue: true, admin: { position: 'sidebar' } },
    { name: 'description', label: 'Description', type: 'text', maxLength: 200 },
  ],
}
