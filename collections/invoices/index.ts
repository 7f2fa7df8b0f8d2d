import { APIError, type CollectionConfig } from 'payload'
import { adminSeulement, lectureParDossier } from '../../src/access/roles'
import { champMontant } from '../montant'
import { selectAvecDefaut } from '../champs'

export const Invoices: CollectionConfig = {
  slug: 'invoices',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Invoice', pluralName: 'Invoices' },
  labels: { singular: 'Facture', plural: 'Factures' },
  admin: { useAsTitle: 'numero', defaultColumns: ['numero', 'type', 'dossier', 'destinataire', 'totalTTC', 'statut'], group: 'Finances' },
  access: { read: lectureParDossier('dossier', { opco: true }), create: adminSeulement, update: adminSeulement, delete: adminSeulement },
  hooks: {
    beforeChange: [
      ({ originalDoc, operation }) => {
        // Legal rule (L441-9 C. com.): an issued invoice is never edited; a credit note corrects it.
        if (operation === 'update' && originalDoc && originalDoc.statut !== 'brouillon') {
          throw new APIError('Une facture émise ne peut plus être modifiée : émettez un avoir.', 403, undefined, true)
        }
      },
    ],
    beforeDelete: [
      async ({ id, req }) => {
        const doc = await req.payload.findByID({ collection: 'invoices', id, req, depth: 0 })
        if (doc.statut !== 'brouillon') throw new APIError('Une facture émise ne peut pas être supprimée.', 403, undefined, true)
      },
    ],
  },
  fields: [
    { name: 'numero', label: 'Numéro', type: 'text', unique: true, index: true, admin: { readOnly: true, description: 'Attribué à l’émission (F-AAAA-00001), sans trou.' } },
    selectAvecDefaut({
      name: 'type',
      label: 'Type',
      defaultValue: 'facture',
      options: [
        { value: 'facture', label: 'Facture' },
        { value: 'avoir', label: 'Avoir' },
      ],
    }),
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    { name: 'factureOrigine', label: 'Facture corrigée (avoir)', type: 'relationship', relationTo: 'invoices' },
    {
      name: 'destinataire',
      label: 'Destinataire',
      type: 'select',
      required: true,
      options: [
        { value: 'opco', label: 'OPCO (subrogation)' },
        { value: 'entreprise', label: 'Entreprise' },
      ],
    },
    {
      name: 'lignes',
      label: 'Lignes',
      type: 'array',
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
      defaultValue: 'brouillon',
      options: [
        { value: 'brouillon', label: 'Brouillon' },
        { value: 'emise', label: 'Émise' },
        { value: 'payee', label: 'Payée' },
        { value: 'annulee', label: 'Annulée par avoir' },
      ],
    }),
    { name: 'dateEmission', label: 'Date d’émission', type: 'date' },
    { name: 'dateEcheance', label: 'Date d’échéance', type: 'date' },
  ],
}
