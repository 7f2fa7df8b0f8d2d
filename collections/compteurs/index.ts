import type { CollectionConfig } from 'payload'
import { adminSeulement, personne } from '@/src/access/roles'

/** Named sequences (dossier references, invoice numbers), incremented atomically by src/db/compteurs.ts. */
export const Compteurs: CollectionConfig = {
  slug: 'compteurs',
  labels: { singular: 'Compteur', plural: 'Compteurs' },
  admin: { hidden: true },
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  graphQL: false,
  fields: [
    { name: 'cle', type: 'text', required: true, unique: true },
    { name: 'valeur', type: 'number', required: true, defaultValue: 0 },
  ],
}
