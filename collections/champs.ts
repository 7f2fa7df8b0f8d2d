import type { SelectField } from 'payload'

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
