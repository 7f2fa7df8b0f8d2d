import type { CollectionConfig } from 'payload'
import { adminSeulement, personne } from '@/src/access/roles'
import { FORMATS_RELEVE } from '@/src/domain/rapprochement/statuts'

/**
 * Bank statements imported by POST /api/rapprochements/releves (README « Rapprochement
 * bancaire »). Written by the import only: admins read them, nobody edits or deletes them (the
 * payments recorded from them point back here).
 */
export const RelevesBancaires: CollectionConfig = {
  slug: 'releves-bancaires',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'ReleveBancaire', pluralName: 'RelevesBancaires' },
  labels: { singular: 'Relevé bancaire', plural: 'Relevés bancaires' },
  admin: {
    useAsTitle: 'identifiant',
    defaultColumns: ['identifiant', 'format', 'compte', 'nombreOperations', 'nouvellesOperations', 'createdAt'],
    group: 'Finances',
    description: 'Relevés importés depuis la page « Rapprochement bancaire » : chaque crédit y est rapproché des factures émises.',
  },
  defaultSort: '-createdAt',
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  fields: [
    // Idempotency of the import: bank account + statement id (CAMT.053) or the file's fingerprint (CSV).
    { name: 'cle', label: 'Clé d’import', type: 'text', required: true, unique: true, index: true, admin: { readOnly: true } },
    { name: 'identifiant', label: 'Relevé', type: 'text', admin: { readOnly: true } },
    { name: 'format', label: 'Format', type: 'select', required: true, options: [...FORMATS_RELEVE], admin: { readOnly: true } },
    { name: 'compte', label: 'Compte (IBAN)', type: 'text', admin: { readOnly: true } },
    { name: 'nomFichier', label: 'Fichier', type: 'text', admin: { readOnly: true } },
    { name: 'nombreOperations', label: 'Opérations lues', type: 'number', admin: { readOnly: true } },
    { name: 'nouvellesOperations', label: 'Opérations nouvelles', type: 'number', admin: { readOnly: true } },
    { name: 'importePar', label: 'Importé par', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
  ],
}
