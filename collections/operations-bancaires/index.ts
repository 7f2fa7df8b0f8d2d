import type { CollectionConfig } from 'payload'
import { adminSeulement, personne } from '@/src/access/roles'
import { champMontant } from '@/collections/montant'
import { confirmerEndpoint, rejeterEndpoint } from './endpoints/decision'
import { SENS_OPERATION, SITUATIONS, STATUTS_OPERATION } from '@/src/domain/rapprochement/statuts'

/**
 * One line of an imported bank statement and what became of it: recorded automatically, to
 * confirm (candidates with their score), confirmed, rejected, unmatched, or a debit. Written by
 * the import and by the confirm/reject endpoints (src/services/rapprochementBancaire.ts) only.
 */
export const OperationsBancaires: CollectionConfig = {
  slug: 'operations-bancaires',
  graphQL: { singularName: 'OperationBancaire', pluralName: 'OperationsBancaires' },
  labels: { singular: 'Opération bancaire', plural: 'Opérations bancaires' },
  admin: {
    useAsTitle: 'libelle',
    defaultColumns: ['date', 'montant', 'sens', 'nomContrepartie', 'libelle', 'statut'],
    group: 'Finances',
    description: 'Les crédits à confirmer se traitent sur la page « Rapprochement bancaire ».',
  },
  defaultSort: '-date',
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  endpoints: [confirmerEndpoint, rejeterEndpoint],
  fields: [
    { name: 'releve', label: 'Relevé', type: 'relationship', relationTo: 'releves-bancaires', required: true, index: true, admin: { readOnly: true } },
    // The bank's own id of the transaction (or a stable fingerprint): importing a statement again adds nothing.
    { name: 'idTransaction', label: 'Identifiant bancaire', type: 'text', required: true, unique: true, index: true, admin: { readOnly: true } },
    { name: 'date', label: 'Date', type: 'date', required: true, index: true, admin: { readOnly: true, date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } } },
    champMontant('montant', 'Montant', { required: true }),
    { name: 'sens', label: 'Sens', type: 'select', required: true, options: [...SENS_OPERATION], admin: { readOnly: true } },
    { name: 'libelle', label: 'Libellé', type: 'textarea', admin: { readOnly: true } },
    { name: 'nomContrepartie', label: 'Donneur d’ordre', type: 'text', admin: { readOnly: true } },
    { name: 'reference', label: 'Référence', type: 'text', admin: { readOnly: true } },
    { name: 'statut', label: 'Statut', type: 'select', required: true, index: true, options: [...STATUTS_OPERATION], admin: { readOnly: true } },
    { name: 'candidats', label: 'Candidats', type: 'json', admin: { readOnly: true } },
    { name: 'candidatRetenu', label: 'Candidat retenu', type: 'number', admin: { readOnly: true } },
    { name: 'situation', label: 'Écart', type: 'select', options: [...SITUATIONS], admin: { readOnly: true } },
    { name: 'paiements', label: 'Paiements enregistrés', type: 'relationship', relationTo: 'payments', hasMany: true, admin: { readOnly: true } },
    { name: 'decidePar', label: 'Décidé par', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'decideLe', label: 'Décidé le', type: 'date', admin: { readOnly: true, date: { displayFormat: 'dd/MM/yyyy HH:mm' } } },
  ],
}
