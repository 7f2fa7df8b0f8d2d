import type { CollectionConfig } from 'payload'
import { adminSeulement, authentifie } from '@/src/access/roles'
import { champMontant } from '@/collections/montant'
import { champAdresse } from '@/collections/champs'
import { normaliserSiret, validerSiret } from '@/src/domain/siret'
import { TYPES_FORMATION } from '@/src/domain/statuts'
import { verifierDocumentsApresModification } from '@/hooks/documentsAJour'


export const Opcos: CollectionConfig = {
  slug: 'opcos',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Opco', pluralName: 'Opcos' },
  labels: { singular: 'OPCO', plural: 'OPCO' },
  admin: { useAsTitle: 'nom', defaultColumns: ['code', 'nom', 'contactEmail', 'actif'], group: 'Référentiel' },
  access: { read: authentifie, create: adminSeulement, update: adminSeulement, delete: adminSeulement },
  hooks: {
    // Generated documents that print this record are produced again when a printed value changes.
    afterChange: [verifierDocumentsApresModification],
    beforeValidate: [
      ({ data }) => {
        if (data && typeof data.siret === 'string' && data.siret !== '') data.siret = normaliserSiret(data.siret)
        return data
      },
    ],
  },
  fields: [
    { name: 'code', label: 'Code', type: 'text', required: true, unique: true, maxLength: 20 },
    { name: 'nom', label: 'Nom', type: 'text', required: true, maxLength: 100 },
    { name: 'contactEmail', label: 'E-mail de contact', type: 'email' },
    // Printed on the invoices addressed to the OPCO under subrogation (parties' SIREN and address).
    { name: 'siret', label: 'SIRET', type: 'text', validate: (v: unknown) => v == null || v === '' || validerSiret(v) },
    champAdresse(),
    { name: 'secteurs', label: 'Secteurs principaux', type: 'textarea', maxLength: 1000 },
    { name: 'actif', label: 'Actif', type: 'checkbox', defaultValue: true },
    {
      name: 'reglesFinancement',
      label: 'Règles de financement',
      labels: { singular: 'Règle', plural: 'Règles' },
      type: 'array',
      admin: { description: 'Règles indicatives, modifiables : elles changent chaque année et par branche.' },
      fields: [
        { name: 'libelle', label: 'Libellé', type: 'text', required: true },
        { name: 'annee', label: 'Année', type: 'number', required: true, min: 2020, max: 2100 },
        { name: 'typeFormation', label: 'Type', type: 'select', options: TYPES_FORMATION.map((v) => ({ value: v, label: v === 'bilan' ? 'Bilan de compétences' : 'Formation' })) },
        { name: 'effectifMin', label: 'Effectif minimum', type: 'number', min: 0 },
        { name: 'effectifMax', label: 'Effectif maximum', type: 'number', min: 0 },
        champMontant('plafondHoraireHT', 'Plafond horaire HT'),
        champMontant('plafondActionHT', 'Plafond par action HT'),
        champMontant('plafondAnnuelHT', 'Plafond annuel entreprise HT'),
        { name: 'heuresMin', label: 'Heures minimum', type: 'number', min: 0 },
        { name: 'heuresMax', label: 'Heures maximum', type: 'number', min: 0 },
        { name: 'exemple', label: 'Exemple (à vérifier)', type: 'checkbox', defaultValue: true },
      ],
    },
  ],
}
