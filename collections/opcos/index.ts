import type { CollectionConfig, NumberField } from 'payload'
import { number as validationNombre } from 'payload/shared'
import { adminSeulement, authentifie } from '@/src/access/roles'
import { champMontant } from '@/collections/montant'
import { champAdresse } from '@/collections/champs'
import { normaliserSiret, validerSiret } from '@/src/domain/siret'
import { TYPES_FORMATION } from '@/src/domain/statuts'
import { verifierDocumentsApresModification } from '@/hooks/documentsAJour'
import { JOURS_ECHEANCE_MAX, validerJoursEcheance } from '@/src/domain/echeances'

/** A deadline in days (src/domain/echeances.ts): empty = the OPCO has no such rule. */
const champJours = (name: string, label: string, description: string): NumberField => ({
  name,
  label,
  type: 'number',
  min: 0,
  max: JOURS_ECHEANCE_MAX,
  // Read by the stored-data check (src/db/colonnesStockees.ts): a decimal is not a number of days.
  custom: { entier: true },
  admin: { description, step: 1 },
  // The number type's own check (type, min, max) first, then whole days.
  validate: (v, args) => {
    const base = validationNombre(v as number, args as Parameters<typeof validationNombre>[1])
    return base === true ? validerJoursEcheance(v) : base
  },
})


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
      // A collapsible, not a group: the four rules stay top-level fields (src/domain/echeances.ts reads them as they are).
      type: 'collapsible',
      label: 'Échéances',
      admin: {
        description:
          'Délais de l’OPCO en jours calendaires, lus par le calcul des échéances des dossiers, les relances et la conformité. Vide : l’OPCO n’a pas cette règle. Une échéance qui tombe un samedi, un dimanche ou un jour férié est avancée au jour ouvré précédent.',
      },
      fields: [
        champJours('delaiDepotAvantDebutJours', 'Dépôt de la demande avant le début (jours)', 'Nombre minimum de jours calendaires entre l’envoi de la demande à l’OPCO et le premier jour de formation (la demande doit de toute façon partir avant ce premier jour).'),
        champJours('delaiJustificatifsApresFinJours', 'Envoi des justificatifs après la fin (jours)', 'Jours après le dernier jour de formation pour envoyer les justificatifs de réalisation (attestation, facture).'),
        champJours('validiteAccordJours', 'Validité de l’accord (jours)', 'Jours de validité d’un accord de prise en charge : la formation doit commencer avant.'),
        champJours('delaiPaiementJours', 'Délai de paiement (jours)', 'Délai de paiement de l’OPCO après la facture ; sert aussi de valeur par défaut à la prévision de paiement.'),
        { name: 'echeancesAVerifier', label: 'Délais à vérifier', type: 'checkbox', defaultValue: true, admin: { description: 'Cochée : valeurs indicatives, non confirmées auprès de l’OPCO. Décochez quand les délais ont été vérifiés sur ses conditions générales.' } },
        { name: 'echeancesNote', label: 'Source ou remarque sur les délais', type: 'textarea', maxLength: 1000 },
      ],
    },
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
