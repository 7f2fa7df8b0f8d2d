import type { GroupField, SelectField } from 'payload'

/**
 * A select with a default value that is never empty, without `required`: Payload turns a
 * required field into a mandatory GraphQL input even when it has a default, which would force
 * integrators to send `status` (a field they may not write) on every create.
 */
export function selectAvecDefaut(field: Omit<SelectField, 'required' | 'type'> & { defaultValue: string }): SelectField {
  return {
    ...field,
    type: 'select',
    hooks: {
      ...field.hooks,
      beforeChange: [
        ...(field.hooks?.beforeChange ?? []),
        ({ value, previousValue }) => value ?? previousValue ?? field.defaultValue,
      ],
    },
  } as SelectField
}

/** Postal address of a party (company, training provider, OPCO): printed on conventions and invoices. */
export function champAdresse(): GroupField {
  return {
    name: 'adresse',
    label: 'Adresse',
    type: 'group',
    fields: [
      { name: 'rue', label: 'Numéro et voie', type: 'text', maxLength: 200 },
      {
        name: 'codePostal',
        label: 'Code postal',
        type: 'text',
        maxLength: 10,
        validate: (v: unknown) => v == null || v === '' || (typeof v === 'string' && /^\d{5}$/.test(v)) || 'Le code postal doit comporter 5 chiffres.',
      },
      { name: 'ville', label: 'Ville', type: 'text', maxLength: 100 },
    ],
  }
}
