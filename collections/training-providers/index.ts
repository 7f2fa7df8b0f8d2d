import type { CollectionConfig } from 'payload'
import { adminSeulement, authentifie } from '@/src/access/roles'
import { normaliserNda, validerNda } from '@/src/domain/nda'
import { normaliserSiret, validerSiret } from '@/src/domain/siret'
import { champAdresse, selectAvecDefaut } from '@/collections/champs'
import { verifierDocumentsApresModification } from '@/hooks/documentsAJour'

export const TrainingProviders: CollectionConfig = {
  slug: 'training-providers',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'TrainingProvider', pluralName: 'TrainingProviders' },
  labels: { singular: 'Organisme de formation', plural: 'Organismes de formation' },
  admin: { useAsTitle: 'nom', defaultColumns: ['nom', 'siret', 'nda', 'qualiopi.validiteFin'], group: 'Référentiel' },
  access: { read: authentifie, create: adminSeulement, update: adminSeulement, delete: adminSeulement },
  hooks: {
    // Generated documents that print this record are produced again when a printed value changes.
    afterChange: [verifierDocumentsApresModification],
    beforeValidate: [
      ({ data }) => {
        if (data && typeof data.siret === 'string') data.siret = normaliserSiret(data.siret)
        if (data && typeof data.nda === 'string') data.nda = normaliserNda(data.nda)
        return data
      },
    ],
  },
  fields: [
    { name: 'nom', label: 'Nom', type: 'text', required: true, maxLength: 200 },
    { name: 'siret', label: 'SIRET', type: 'text', required: true, unique: true, validate: (v: unknown) => validerSiret(v) },
    { name: 'nda', label: 'Numéro de déclaration d’activité (NDA)', type: 'text', required: true, validate: (v: unknown) => validerNda(v) },
    { name: 'regionNda', label: 'Région de déclaration (préfet de région)', type: 'text', maxLength: 100 },
    {
      name: 'qualiopi',
      label: 'Certification Qualiopi',
      type: 'group',
      fields: [
        { name: 'actionsFormation', label: 'Actions de formation', type: 'checkbox', defaultValue: false },
        { name: 'bilansCompetences', label: 'Bilans de compétences', type: 'checkbox', defaultValue: false },
        { name: 'validiteDebut', label: 'Valide du', type: 'date', admin: { date: { displayFormat: 'dd/MM/yyyy' } } },
        { name: 'validiteFin', label: 'Valide jusqu’au', type: 'date', admin: { date: { displayFormat: 'dd/MM/yyyy' } } },
      ],
    },
    champAdresse(),
    selectAvecDefaut({
      name: 'regimeTva',
      label: 'Régime de TVA',
      defaultValue: 'exoneration_261',
      options: [
        { value: 'exoneration_261', label: 'Exonération (art. 261-4-4°-a du CGI)' },
        { value: 'franchise_293B', label: 'Franchise en base (art. 293 B du CGI)' },
        { value: 'assujetti', label: 'Assujetti à la TVA' },
      ],
    }),
    { name: 'numeroTva', label: 'N° de TVA intracommunautaire', type: 'text', maxLength: 20 },
  ],
}
