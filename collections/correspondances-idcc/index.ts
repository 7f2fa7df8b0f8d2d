import type { CollectionConfig } from 'payload'
import { adminSeulement, authentifie } from '@/src/access/roles'
import { normaliserIdcc, validerIdcc } from '@/src/domain/idcc'

/**
 * IDCC → OPCO table (docs/domaine.md §2): the source of the OPCO suggested on a company. Reference
 * data an admin edits (official source: France compétences' open data); the seeded rows are
 * well-known examples, flagged as such.
 */
export const CorrespondancesIdcc: CollectionConfig = {
  slug: 'correspondances-idcc',
  graphQL: { singularName: 'CorrespondanceIdcc', pluralName: 'CorrespondancesIdcc' },
  labels: { singular: 'Correspondance IDCC → OPCO', plural: 'Correspondances IDCC → OPCO' },
  admin: { useAsTitle: 'idcc', defaultColumns: ['idcc', 'libelle', 'opco', 'exemple'], listSearchableFields: ['idcc', 'libelle'], group: 'Référentiel' },
  defaultSort: 'idcc',
  access: { read: authentifie, create: adminSeulement, update: adminSeulement, delete: adminSeulement },
  hooks: {
    beforeValidate: [
      ({ data }) => {
        // Stored on 4 digits (« 86 » → « 0086 ») so that a lookup finds it whatever the input form.
        if (data && data.idcc != null) data.idcc = normaliserIdcc(data.idcc) ?? data.idcc
        return data
      },
    ],
  },
  fields: [
    {
      name: 'idcc',
      label: 'IDCC',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 4,
      validate: (v: unknown) => (v == null || v === '' ? "L'IDCC est obligatoire." : validerIdcc(v)),
      admin: { description: 'Numéro de la convention collective (1 à 4 chiffres, enregistré sur 4).' },
    },
    { name: 'libelle', label: 'Convention collective', type: 'text', required: true, maxLength: 300 },
    { name: 'opco', label: 'OPCO', type: 'relationship', relationTo: 'opcos', required: true, index: true },
    { name: 'exemple', label: 'Exemple (à vérifier)', type: 'checkbox', defaultValue: false },
  ],
}
