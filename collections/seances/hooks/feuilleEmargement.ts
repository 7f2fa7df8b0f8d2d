import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'
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
