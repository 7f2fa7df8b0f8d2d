import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'
import { configurationDocuments } from '@/src/config/documents'
import { construireModele, empreinteDocument, valeursImprimeesChangees, type TypeDocument } from '@/src/domain/documents'
import type { Generation } from '@/src/payload-types'
import { idOf } from '@/src/access/roles'
import { STATUT_GENERATION } from '@/src/domain/documents/generations'
import { demanderGeneration } from '@/src/services/generation'
import { chargerEntrees } from './generation'

type Id = number

/**
 * Documents that describe a dossier as it is and may be produced again. Invoices and credit
 * notes are not: an issued invoice never changes (a credit note corrects it).
 */
const DOCUMENTS_VIVANTS: readonly TypeDocument[] = ['convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation']

const systeme = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

/** Skips the check (server code that knows nothing printed changes, bulk imports). */
export const SANS_VERIFICATION_DOCUMENTS = 'sansVerificationDocuments'

/**
 * For each dossier, compares the latest generated version of each living document with what it
 * would print now; when a printed value changed, asks for a new version (the previous ones are
 * kept). The key carries the new fingerprint: the same change seen twice (two hooks, a replay)
 * asks once. Returns the generation rows asked for.
 */
export async function verifierDocumentsAJour(req: PayloadRequest, dossiers: readonly Id[]): Promise<Generation[]> {
  if (dossiers.length === 0) return []
  const r = await req.payload.find({
    collection: 'generations',
    where: { and: [{ dossier: { in: [...dossiers] } }, { documentType: { in: [...DOCUMENTS_VIVANTS] } }] },
    sort: '-version',
    pagination: false,
    ...systeme(req),
  })
  // The latest version of each (dossier, document): an older one is already superseded.
  const dernieres = new Map<string, Generation>()
  for (const g of r.docs) {
    const cle = `${String(idOf(g.dossier))}:${String(g.documentType)}`
    if (!dernieres.has(cle)) dernieres.set(cle, g)
  }
  const config = configurationDocuments()
  const demandes: Generation[] = []
  for (const g of dernieres.values()) {
    // Not rendered yet (or failed and retried): it will print the current values anyway.
    if (g.statut !== STATUT_GENERATION.genere) continue
    const entrees = await chargerEntrees(req, g)
    if (entrees.dossier.status === 'annule') continue
    let empreinte: string
    try {
      const vue = construireModele(g.documentType as TypeDocument, entrees, config)
      if (!valeursImprimeesChangees(g.empreinte, vue)) continue
      empreinte = empreinteDocument(vue)
    } catch {
      // The dossier no longer fits this document (a training turned into a bilan…): nothing to refresh.
      continue
    }
    demandes.push(
      await demanderGeneration(req, {
        dossier: entrees.dossier.id,
        documentType: g.documentType as TypeDocument,
        cle: `mise-a-jour:${String(g.id)}:${empreinte}`,
      }),
    )
  }
  return demandes
}

/** Dossiers whose documents print values of this record. */
async function dossiersConcernes(req: PayloadRequest, collection: string, id: Id): Promise<Id[]> {
  if (collection === 'dossiers') return [id]
  const champ = collection === 'companies' ? 'company' : collection === 'opcos' ? 'opco' : collection === 'training-providers' ? 'formation.organisme' : null
  if (champ === null) return []
  const r = await req.payload.find({ collection: 'dossiers', where: { [champ]: { equals: id } }, pagination: false, select: { status: true }, ...systeme(req) })
  return r.docs.map((d) => d.id)
}

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
  await verifierDocumentsAJour(req, await dossiersConcernes(req, collection.slug, Number(doc.id)))
  return doc
}
