import type { NumberField } from 'payload'
import { validerMontantCentimes } from '../src/domain/money'

/** An amount field: integer cents in the database, euros (`1 234,56 €`) in the admin. */
export const champMontant = (name: string, label: string, options: { required?: boolean } = {}): NumberField => ({
  name,
  label,
  type: 'number',
  // Read by the stored-data check (src/db/colonnesStockees.ts): a decimal here is not a valid amount.
  custom: { entier: true },
  ...(options.required ? { required: true } : {}),
  validate: (v: unknown) => (options.required && v == null ? 'Le montant est obligatoire.' : validerMontantCentimes(v)),
  admin: {
    components: {
      Cell: '/src/components/admin/MontantCell#MontantCell',
      Description: '/src/components/admin/MontantDescription#MontantDescription',
    },
  },
})
