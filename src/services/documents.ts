import type { PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { configurationDocuments } from '@/src/config/documents'
import { construireModele, empreinteDocument, valeursImprimeesChangees, type TypeDocument } from '@/src/domain/documents'
import { STATUT_GENERATION } from '@/src/domain/documents/generations'
import type { DocumentsSelect, Dossier, Generation, Invoice, User } from '@/src/payload-types'
import { demanderGeneration } from '@/src/services/generation'

/**
 * What generated documents print, read from the records: the inputs of a template (the
 * documents plugin's job renders them), and the check that keeps living documents true when a
 * printed value changes.
 */

type Id = number

const systeme = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

type Partie = 'companies' | 'opcos' | 'training-providers'

async function lire<C extends Partie | 'invoices'>(req: PayloadRequest, collection: C, id: unknown) {
  const i = idOf(id)
  if (i === null) return null
  return req.payload.findByID({ collection, id: i, ...systeme(req) }).catch(() => null)
}

/** The invoice as its PDF prints it: the cancelled invoice of a credit note by its number. */
type FactureImprimee = Omit<Invoice, 'factureOrigine'> & { factureOrigine?: string | null }

/** Everything a template needs, read with the server's rights at generation time. */
export async function chargerEntrees(req: PayloadRequest, generation: Generation) {
  // The templates read the dossier as loose data (EntreesDocument): a missing optional group is `{}`.
  const dossier: Dossier & Record<string, unknown> = { ...(await req.payload.findByID({ collection: 'dossiers', id: idOf(generation.dossier)!, ...systeme(req) })) }
  const [entreprise, opco, organisme, factureBrute] = await Promise.all([
    lire(req, 'companies', dossier.company),
    lire(req, 'opcos', dossier.opco),
    lire(req, 'training-providers', dossier.formation?.organisme),
    lire(req, 'invoices', generation.facture),
  ])
  const origine = factureBrute?.factureOrigine
  const facture: FactureImprimee | null =
    factureBrute && { ...factureBrute, factureOrigine: origine == null ? origine : ((await lire(req, 'invoices', origine))?.numero ?? null) }
  // The attendance sheet prints every half-day of the dossier and its signatures.
  const seances =
    generation.documentType === 'feuille_emargement'
      ? (await req.payload.find({ collection: 'seances', where: { dossier: { equals: dossier.id } }, sort: 'date', pagination: false, ...systeme(req) })).docs
      : null
  return { dossier, entreprise, opco, organisme, facture, seances }
}

/**
 * Documents that describe a dossier as it is and may be produced again. Invoices and credit
 * notes are not: an issued invoice never changes (a credit note corrects it).
 */
const DOCUMENTS_VIVANTS: readonly TypeDocument[] = ['convention', 'convention_bilan', 'demande_prise_en_charge', 'certificat_realisation', 'attestation_assiduite', 'feuille_emargement']

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

/**
 * The attendance sheet of a dossier after one of its sessions changed (a signature, a time, a
 * cancellation): the first version once somebody has signed, then a new version when what it
 * would print differs from the latest one; none while
 * a version is still waiting to be rendered (it will print the current values anyway — a
 * planning of 20 half-days asks once, not 20 times).
 */
export async function demanderFeuilleEmargement(req: PayloadRequest, dossierId: Id): Promise<Generation | null> {
  const r = await req.payload.find({
    collection: 'generations',
    where: { and: [{ dossier: { equals: dossierId } }, { documentType: { equals: 'feuille_emargement' } }] },
    sort: '-version',
    limit: 1,
    pagination: false,
    ...systeme(req),
  })
  const derniere = r.docs[0]
  if (derniere && derniere.statut !== STATUT_GENERATION.genere && derniere.statut !== STATUT_GENERATION.echec) return null
  const entrees = await chargerEntrees(req, { dossier: dossierId, documentType: 'feuille_emargement' } as Generation)
  if (entrees.dossier.status === 'annule') return null
  // A planning nobody has signed yet proves nothing: no sheet (it would pass for the uploaded
  // paper sheets the dossier's required pieces ask for).
  if (!derniere && !(entrees.seances ?? []).some((s) => (s.signatures ?? []).length > 0)) return null
  const empreinte = empreinteDocument(construireModele('feuille_emargement', entrees, configurationDocuments()))
  if (derniere?.empreinte === empreinte) return null
  return demanderGeneration(req, { dossier: dossierId, documentType: 'feuille_emargement', cle: `feuille-emargement:${dossierId}:${empreinte}` })
}

/** Dossiers whose documents print values of this record (a dossier, or a party of dossiers). */
export async function dossiersImprimant(req: PayloadRequest, collection: string, id: Id): Promise<Id[]> {
  if (collection === 'dossiers') return [id]
  const champ = collection === 'companies' ? 'company' : collection === 'opcos' ? 'opco' : collection === 'training-providers' ? 'formation.organisme' : null
  if (champ === null) return []
  const r = await req.payload.find({ collection: 'dossiers', where: { [champ]: { equals: id } }, pagination: false, select: { status: true }, ...systeme(req) })
  return r.docs.map((d) => d.id)
}

/**
 * The documents of a dossier, with the caller's own rights: whoever reads the dossier reads its
 * documents by the same rule (the pieces list and the archive both ask through here).
 */
export async function documentsLisiblesDuDossier<S extends DocumentsSelect<true>>(req: PayloadRequest, user: User, dossierId: Id, select: S) {
  const r = await req.payload.find({ collection: 'documents', where: { dossier: { equals: dossierId } }, pagination: false, depth: 0, req, user, overrideAccess: false, select })
  return r.docs
}
