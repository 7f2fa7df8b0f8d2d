import type { CollectionConfig } from 'payload'
import { adminSeulement, lectureParDossier } from '@/src/access/roles'
import { DESTINATAIRES_FACTURE, MOTIF_AVOIR_MAX, STATUT_FACTURE, STATUTS_FACTURE, TYPE_PIECE, TYPES_PIECE, validerNumeroFacture } from '@/src/domain/facturation'
import { champMontant } from '@/collections/montant'
import { selectAvecDefaut } from '@/collections/champs'
import { avoir } from './endpoints/avoir'
import { emettre } from './endpoints/emettre'
import { xml } from './endpoints/xml'
import { endpointPrevision, endpointPrevisions } from './endpoints/prevision'
import { garderFactureEmiseImmuable, refuserSuppressionFactureEmise } from './hooks/immuable'
import { refuserEcrituresInterdites } from './hooks/refuserEcrituresInterdites'

export const Invoices: CollectionConfig = {
  slug: 'invoices',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Invoice', pluralName: 'Invoices' },
  labels: { singular: 'Facture', plural: 'Factures' },
  admin: {
    useAsTitle: 'numero',
    defaultColumns: ['numero', 'type', 'dossier', 'destinataire', 'totalTTC', 'statut', 'dateEmission', 'previsionPaiement'],
    group: 'Finances',
    description: 'Un brouillon se modifie ; une facture émise (numéro F-AAAA-00001 attribué à l’émission, sans trou) ne change plus : un avoir l’annule.',
  },
  access: { read: lectureParDossier('dossier', { opco: true }), create: adminSeulement, update: adminSeulement, delete: adminSeulement },
  // `/previsions` (literal) before the `/:id/…` routes.
  endpoints: [endpointPrevisions, emettre, avoir, endpointPrevision, xml],
  hooks: {
    beforeOperation: [refuserEcrituresInterdites],
    beforeChange: [garderFactureEmiseImmuable],
    beforeDelete: [refuserSuppressionFactureEmise],
  },
  fields: [
    {
      name: 'numero',
      label: 'Numéro',
      type: 'text',
      unique: true,
      index: true,
      validate: (v: unknown) => validerNumeroFacture(v),
      admin: { readOnly: true, description: 'Attribué à l’émission (F-AAAA-00001, A-AAAA-00001 pour un avoir), sans trou.' },
    },
    selectAvecDefaut({
      name: 'type',
      label: 'Type',
      defaultValue: TYPE_PIECE.facture,
      options: [...TYPES_PIECE],
      admin: { readOnly: true },
    }),
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    { name: 'factureOrigine', label: 'Facture annulée (avoir)', type: 'relationship', relationTo: 'invoices', admin: { readOnly: true, condition: (data) => data?.type === TYPE_PIECE.avoir } },
    {
      name: 'motif',
      label: 'Motif de l’avoir',
      type: 'textarea',
      maxLength: MOTIF_AVOIR_MAX,
      admin: { readOnly: true, condition: (data) => data?.type === TYPE_PIECE.avoir },
    },
    {
      name: 'destinataire',
      label: 'Destinataire',
      type: 'select',
      required: true,
      options: [...DESTINATAIRES_FACTURE],
    },
    {
      name: 'lignes',
      label: 'Lignes',
      type: 'array',
      admin: { description: 'Heures × prix unitaire HT ; le montant, le total HT et le TTC se calculent à l’enregistrement s’ils sont vides.' },
      fields: [
        { name: 'libelle', label: 'Désignation', type: 'text', required: true },
        { name: 'quantite', label: 'Quantité (heures)', type: 'number', required: true, min: 0 },
        champMontant('prixUnitaireHT', 'Prix unitaire HT', { required: true }),
        champMontant('montantHT', 'Montant HT'),
      ],
    },
    champMontant('totalHT', 'Total HT'),
    champMontant('totalTVA', 'TVA'),
    champMontant('totalTTC', 'Total TTC'),
    { name: 'mentionTva', label: 'Mention TVA', type: 'text' },
    selectAvecDefaut({
      name: 'statut',
      label: 'Statut',
      defaultValue: STATUT_FACTURE.brouillon,
      options: [...STATUTS_FACTURE],
      admin: { readOnly: true, position: 'sidebar' },
    }),
    { name: 'dateEmission', label: 'Date d’émission', type: 'date', admin: { readOnly: true, position: 'sidebar', date: { displayFormat: 'dd/MM/yyyy' } } },
    { name: 'dateEcheance', label: 'Date d’échéance', type: 'date', admin: { readOnly: true, position: 'sidebar', date: { displayFormat: 'dd/MM/yyyy' } } },
    {
      // Computed, never stored (src/services/previsionPaiement.ts): nothing to migrate.
      name: 'previsionPaiement',
      label: 'Paiement prévu',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '/src/components/admin/PrevisionPaiement#PrevisionPaiementChamp', Cell: '/src/components/admin/PrevisionPaiement#PrevisionPaiementCell' },
      },
    },
    {
      // Idempotency key of the invoices created by facturerDossier (dossier, recipient, round).
      name: 'cleFacturation',
      label: 'Clé de facturation',
      type: 'text',
      unique: true,
      index: true,
      admin: { hidden: true },
    },
  ],
}
