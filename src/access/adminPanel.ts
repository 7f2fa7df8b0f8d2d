import type { CollectionConfig } from 'payload'

/**
 * OPCO users enter the admin panel for their part of the workflow only: the dossiers (their read
 * rules already limit them to their OPCO's sent dossiers) and those dossiers' documents. Every
 * other collection — present or future — is hidden from them (nav and routes). API access rules
 * are unchanged: this is presentation only.
 */
export const COLLECTIONS_VISIBLES_OPCO = ['dossiers', 'documents'] as const

export const masquerHorsAdmin = (collection: CollectionConfig): CollectionConfig => {
  if ((COLLECTIONS_VISIBLES_OPCO as readonly string[]).includes(collection.slug) || collection.admin?.hidden === true) return collection
  const avant = collection.admin?.hidden
  return {
    ...collection,
    admin: {
      ...collection.admin,
      hidden: (args) => (args.user as { role?: unknown } | null | undefined)?.role !== 'admin' || (typeof avant === 'function' ? avant(args) : false),
    },
  }
}
