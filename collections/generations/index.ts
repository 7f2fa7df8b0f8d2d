import type { CollectionConfig } from 'payload'
import { lectureParDossier, personne } from '@/src/access/roles'
import { selectAvecDefaut } from '@/collections/champs'
import { TYPES_DOCUMENT_DOSSIER } from '@/src/domain/documents/categories'
import { STATUT_GENERATION, STATUTS_GENERATION } from '@/src/domain/documents/generations'
import { regenerer } from './endpoints/regenerer'

/**
 * One row per document the product must produce (a convention on `validate`, a certificate on
 * `complete`, one PDF per invoice…), keyed by `cle` so that a re-run job or a replayed event
 * finds the same row and replaces the same document instead of adding a duplicate. Written only
 * by server code (src/services/generation.ts, the documents plugin's job); admins ask for a new
 * version through « régénérer » (POST /api/generations/:id/regenerer).
 */
export const Generations: CollectionConfig = {
  slug: 'generations',
  graphQL: { singularName: 'Generation', pluralName: 'Generations' },
  labels: { singular: 'Génération de document', plural: 'Générations de documents' },
  admin: { useAsTitle: 'cle', defaultColumns: ['dossier', 'documentType', 'version', 'statut', 'updatedAt'], group: 'Dossiers' },
  access: { read: lectureParDossier('dossier', { opco: false }), create: personne, update: personne, delete: personne },
  endpoints: [regenerer],
  fields: [
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    selectAvecDefaut({ name: 'documentType', label: 'Document', defaultValue: 'autre', options: [...TYPES_DOCUMENT_DOSSIER] }),
    { name: 'facture', label: 'Facture', type: 'relationship', relationTo: 'invoices', index: true },
    { name: 'cle', label: 'Clé d’idempotence', type: 'text', required: true, unique: true },
    { name: 'version', label: 'Version', type: 'number', required: true, min: 1 },
    selectAvecDefaut({
      name: 'statut',
      label: 'État',
      defaultValue: STATUT_GENERATION.en_attente,
      index: true,
      options: [...STATUTS_GENERATION],
    }),
    { name: 'erreur', label: 'Erreur', type: 'textarea' },
    { name: 'tentatives', label: 'Tentatives', type: 'number', defaultValue: 0 },
    { name: 'document', label: 'Document produit', type: 'relationship', relationTo: 'documents' },
    {
      name: 'empreinte',
      label: 'Empreinte des valeurs imprimées',
      type: 'text',
      maxLength: 64,
      admin: { readOnly: true, description: 'SHA-256 des valeurs que le document imprime : quand elles changent, une nouvelle version est produite.' },
    },
    { name: 'genereLe', label: 'Généré le', type: 'date', admin: { date: { displayFormat: 'dd/MM/yyyy HH:mm' } } },
  ],
}
