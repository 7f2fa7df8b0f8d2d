import type { CollectionAfterChangeHook } from 'payload'
import { dossiersImprimant, verifierDocumentsAJour } from '@/src/services/documents'

/** Skips the check (server code that knows nothing printed changes, bulk imports). */
export const SANS_VERIFICATION_DOCUMENTS = 'sansVerificationDocuments'

/**
 * Fields of the parties that documents may print (src/domain/documents/modele): a change elsewhere
 * (an OPCO's funding rules, a company's suggested OPCO…) cannot make a document untrue, and
 * would otherwise rebuild the models of every dossier of that OPCO or company for nothing.
 * Dossiers print too much of themselves to list: every change of a dossier is checked.
 */
const CHAMPS_IMPRIMES: Record<string, readonly string[]> = {
  companies: ['raisonSociale', 'siret', 'siren', 'adresse', 'codeNaf', 'idcc', 'effectif', 'numeroTva', 'signataire'],
  opcos: ['code', 'nom', 'contactEmail', 'siret', 'adresse'],
  'training-providers': ['nom', 'siret', 'nda', 'regionNda', 'qualiopi', 'adresse', 'regimeTva', 'numeroTva'],
}

const memeValeur = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** afterChange on dossiers, companies, training providers and OPCOs: keeps generated documents true. */
export const verifierDocumentsApresModification: CollectionAfterChangeHook = async ({ collection, doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || req.context?.[SANS_VERIFICATION_DOCUMENTS]) return doc
  const champs = CHAMPS_IMPRIMES[collection.slug]
  if (champs && previousDoc && champs.every((c) => memeValeur(doc[c], previousDoc[c]))) return doc
  await verifierDocumentsAJour(req, await dossiersImprimant(req, collection.slug, Number(doc.id)))
  return doc
}
