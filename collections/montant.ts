import type { NumberField } from 'payload'
import { validerMontantCentimes } from '@/src/domain/money'

/** An amount field: integer cents in the database and the API, typed and shown in euros (`1 234,56 €`) in the admin. */
export const champMontant = (name: string, label: string, options: { required?: boolean } = {}): NumberField => ({
  name,
  label,
  type: 'number',
  // Read by the stored-data check (src/db/colonnesStockees.ts): a decimal here is not a valid amount.
  custom: { entier: true },
  ...(options.required ? { required: true } : {}),
  // Still cents here (API, Local API, imports): the admin's euros are converted by MontantChamp.
  // Text reaches this check only from that field when the typing could not be read as euros.
  validate: (v: unknown) =>
    options.required && v == null
      ? 'Le montant est obligatoire.'
      : typeof v === 'string'
        ? `« ${v} » n'est pas un montant en euros valide : saisissez par exemple 1 260,00.`
        : validerMontantCentimes(v),
  admin: {
    components: {
      Cell: '/src/components/admin/MontantCell#MontantCell',
      Field: '/src/components/admin/MontantChamp#MontantChamp',
    },
  },
})
