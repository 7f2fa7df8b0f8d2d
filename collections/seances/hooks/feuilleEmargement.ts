import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'
import { idOf } from '@/src/access/roles'
import { SANS_VERIFICATION_DOCUMENTS } from '@/hooks/documentsAJour'
import { demanderFeuilleEmargement } from '@/src/services/documents'

/** A session changed (signed, moved, cancelled, added, removed): its dossier's attendance sheet follows. */
export const feuilleEmargementApresModification: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (req.context?.[SANS_VERIFICATION_DOCUMENTS]) return doc
  const dossiers = new Set([idOf(doc.dossier), idOf(previousDoc?.dossier)].filter((d): d is number => d !== null))
  for (const d of dossiers) await demanderFeuilleEmargement(req, d)
  return doc
}

export const feuilleEmargementApresSuppression: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const d = idOf(doc.dossier)
  if (d !== null && !req.context?.[SANS_VERIFICATION_DOCUMENTS]) await demanderFeuilleEmargement(req, d)
  return doc
}

/**
 * A session deleted (re-planned before anyone signed) takes its signing links with it: they
 * would point to nothing, and would otherwise stop the deletion (hooks/references.ts). A
 * session with signatures is not deleted by the planning (it refuses first).
 */
export const liensAvantSuppression: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: 'jetons-emargement', where: { seance: { equals: id } }, overrideAccess: true, req })
}
