import { APIError, type CollectionBeforeOperationHook, type CollectionConfig, type Field } from 'payload'

/**
 * A group field (beneficiaire, formation, adresse…) sent as a string or an array would be
 * silently replaced by an empty group: refuse it with a 400 naming the field instead. Checked
 * before the operation, on the data as received (field hooks normalise it afterwards).
 */
export const exigerObjetsPourGroupes =
  (fields: Field[]): CollectionBeforeOperationHook =>
  ({ args, operation }) => {
    if (operation !== 'create' && operation !== 'update' && operation !== 'updateByID') return args
    const data = (args as { data?: Record<string, unknown> }).data
    if (!data || typeof data !== 'object') return args
    const groupes = fields.flatMap((f) => (f.type === 'row' ? f.fields : [f])).filter((f) => f.type === 'group' && 'name' in f)
    for (const g of groupes) {
      const name = (g as { name: string }).name
      const v = data[name]
      if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
        throw new APIError(`Le champ « ${name} » doit être un objet.`, 400, undefined, true)
      }
    }
    return args
  }

/** Applied to every collection by payload.config.ts. */
export const avecControleDesGroupes = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [exigerObjetsPourGroupes(collection.fields), ...(collection.hooks?.beforeOperation ?? [])],
  },
})
