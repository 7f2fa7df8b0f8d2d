import type { CollectionConfig } from 'payload'
import { adminSeulement, lectureParDossier } from '@/src/access/roles'
import { champMontant } from '@/collections/montant'
import { selectAvecDefaut } from '@/collections/champs'
import { PAYEURS_PAIEMENT, STATUT_PAIEMENT_PAR_DEFAUT, STATUTS_PAIEMENT } from '@/src/domain/paiements'
import { repondreDoublon, verifierDoublon } from './hooks/doublon'
import { apresEcriture, apresSuppression } from './hooks/rapprochement'
import { webhookPaiement } from './hooks/webhook'

export const Payments: CollectionConfig = {
  slug: 'payments',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Payment', pluralName: 'Payments' },
  labels: { singular: 'Paiement', plural: 'Paiements' },
  admin: { useAsTitle: 'reference', defaultColumns: ['reference', 'dossier', 'payeur', 'montant', 'date', 'statut'], group: 'Finances' },
  access: { read: lectureParDossier('dossier', { opco: true }), create: adminSeulement, update: adminSeulement, delete: adminSeulement },
  // Recording the same payment twice (same payer + reference) must be a no-op, never a second row.
  indexes: [{ fields: ['payeur', 'reference'], unique: true }],
  hooks: {
    beforeOperation: [verifierDoublon],
    afterChange: [apresEcriture, webhookPaiement],
    afterDelete: [apresSuppression],
    afterError: [repondreDoublon],
  },
  fields: [
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    champMontant('montant', 'Montant', { required: true }),
    { name: 'date', label: 'Date du paiement', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } } },
    {
      name: 'payeur',
      label: 'Payeur',
      type: 'select',
      required: true,
      options: [...PAYEURS_PAIEMENT],
    },
    { name: 'reference', label: 'Référence du virement', type: 'text', required: true, maxLength: 100 },
    selectAvecDefaut({
      name: 'statut',
      label: 'Statut',
      defaultValue: STATUT_PAIEMENT_PAR_DEFAUT,
      options: [...STATUTS_PAIEMENT],
    }),
  ],
}
