import { randomUUID } from 'node:crypto'
import { APIError, createLocalReq, type PayloadRequest, type TaskConfig } from 'payload'
import { idOf } from '@/src/access/roles'
import type { StatutGeneration } from '@/collections/generations/index'
import { configurationDocuments } from '@/src/config/documents'
import { construireModele, empreinteDocument, type EntreesDocument } from '@/src/domain/documents'
import type { Dossier, Generation } from '@/src/payload-types'
import { genererPdfDocument, type TypeDocumentGenere } from './renderer'

export const TACHE_GENERER_DOCUMENT = 'genererDocument'

/** Payload's ids are integers on both databases (generated `payload-types.ts`). */
type Id = number
type Ligne = Generation

export interface DemandeGeneration {
  dossier: Id
  documentType: TypeDocumentGenere
  /** Idempotency key: the same key (a replayed event, a retried job) finds the same row. */
  cle: string
  facture?: Id | null
}

const systeme = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

async function generationParCle(req: PayloadRequest, cle: string): Promise<Ligne | null> {
  const r = await req.payload.find({ collection: 'generations', where: { cle: { equals: cle } }, limit: 1, pagination: false, ...systeme(req) })
  return r.docs[0] ?? null
}

/** Next version of a document of this kind for this dossier (or this invoice). */
async function prochaineVersion(req: PayloadRequest, d: DemandeGeneration): Promise<number> {
  const r = await req.payload.find({
    collection: 'generations',
    where: {
      and: [
        { dossier: { equals: d.dossier } },
        { documentType: { equals: d.documentType } },
        ...(d.facture != null ? [{ facture: { equals: d.facture } }] : []),
      ],
    },
    sort: '-version',
    limit: 1,
    pagination: false,
    ...systeme(req),
  })
  return Number((r.docs[0] as { version?: number } | undefined)?.version ?? 0) + 1
}

/**
 * Records that a document must be produced and queues the job that renders it. Idempotent on
 * `cle`; a row not yet generated is queued again (its job may have been lost between the row
 * and the queue on SQLite, which has no transaction) — the job itself is idempotent.
 */
export async function demanderGeneration(req: PayloadRequest, demande: DemandeGeneration): Promise<Ligne> {
  let generation = await generationParCle(req, demande.cle)
  if (!generation) {
    try {
      generation = (await req.payload.create({
        collection: 'generations',
        data: {
          dossier: demande.dossier,
          documentType: demande.documentType,
          facture: demande.facture ?? null,
          cle: demande.cle,
          version: await prochaineVersion(req, demande),
          statut: 'en_attente',
        },
        ...systeme(req),
      }))
    } catch (err) {
      // Two runs of the same demand at once: the unique key lets one create, the other reads it.
      generation = await generationParCle(req, demande.cle)
      if (!generation) throw err
    }
  }
  if (generation.statut !== 'genere') {
    await req.payload.jobs.queue({ task: TACHE_GENERER_DOCUMENT as never, input: { generation: generation.id } as never, req })
  }
  return generation
}

/** « Régénérer » in the admin: a new version of the same document, the previous ones are kept. */
export async function regenerer(req: PayloadRequest, generationId: Id): Promise<Ligne> {
  const source = await req.payload.findByID({ collection: 'generations', id: generationId, ...systeme(req) }).catch(() => null)
  if (!source) throw new APIError('Génération introuvable.', 404, undefined, true)
  return demanderGeneration(req, {
    dossier: Number(idOf(source.dossier)),
    documentType: source.documentType as TypeDocumentGenere,
    facture: source.facture == null ? null : Number(idOf(source.facture)),
    cle: `regeneration:${source.id}:${randomUUID()}`,
  })
}

async function lire(req: PayloadRequest, collection: 'companies' | 'opcos' | 'training-providers' | 'invoices', id: unknown): Promise<Record<string, unknown> | null> {
  const i = idOf(id)
  if (i === null) return null
  return (await req.payload.findByID({ collection, id: i, ...systeme(req) }).catch(() => null)) as Record<string, unknown> | null
}

/** Everything a template needs, read with the server's rights at generation time. */
export async function chargerEntrees(req: PayloadRequest, generation: Ligne) {
  // The templates read the dossier as loose data (EntreesDocument): a missing optional group is `{}`.
  const dossier: Dossier & Record<string, unknown> = { ...(await req.payload.findByID({ collection: 'dossiers', id: idOf(generation.dossier)!, ...systeme(req) })) }
  const formation = (dossier.formation ?? {}) as Record<string, unknown>
  const [entreprise, opco, organisme, factureBrute] = await Promise.all([
    lire(req, 'companies', dossier.company),
    lire(req, 'opcos', dossier.opco),
    lire(req, 'training-providers', formation.organisme),
    lire(req, 'invoices', generation.facture),
  ])
  let facture = factureBrute
  if (facture && facture.factureOrigine != null) {
    const origine = await lire(req, 'invoices', facture.factureOrigine)
    facture = { ...facture, factureOrigine: (origine?.numero as string | undefined) ?? null }
  }
  return { dossier, entreprise, opco, organisme, facture }
}

function nomFichier(dossier: Record<string, unknown>, generation: Ligne, facture: Record<string, unknown> | null): string {
  if (facture?.numero) return `${String(facture.numero)}.pdf`
  return `${String(dossier.reference ?? `dossier-${String(dossier.id)}`)}-${String(generation.documentType)}-v${String(generation.version)}.pdf`
}

async function marquer(req: PayloadRequest, id: Id, statut: StatutGeneration, data: Record<string, unknown>): Promise<void> {
  await req.payload.update({ collection: 'generations', id, data: { statut, ...data }, ...systeme(req) })
}

/**
 * Renders one generation row to PDF and stores it as its `documents` row. A re-run (retry after
 * a crash, a replayed job) replaces that same row's file: `documents.generation` is unique, so
 * two runs racing cannot add a second document either.
 */
export async function produireDocument(req: PayloadRequest, generationId: Id): Promise<{ document: Id | null; ignore?: string }> {
  const generation = await req.payload.findByID({ collection: 'generations', id: generationId, ...systeme(req) }).catch(() => null)
  if (!generation) return { document: null, ignore: 'génération supprimée' }
  if (generation.statut === 'genere' && generation.document != null) return { document: Number(idOf(generation.document)) }
  const tentatives = Number(generation.tentatives ?? 0) + 1
  try {
    const entrees = await chargerEntrees(req, generation)
    const config = configurationDocuments()
    // What this version prints, to tell later whether a changed record makes it untrue.
    const empreinte = empreinteDocument(construireModele(generation.documentType as TypeDocumentGenere, entrees as unknown as EntreesDocument, config))
    const pdf = await genererPdfDocument(generation.documentType as TypeDocumentGenere, entrees, config)
    const data = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
    const file = { data, mimetype: 'application/pdf', name: nomFichier(entrees.dossier, generation, entrees.facture), size: data.byteLength }
    const existant = await req.payload.find({ collection: 'documents', where: { generation: { equals: generation.id } }, limit: 1, pagination: false, ...systeme(req) })
    const precedent = existant.docs[0] as Ligne | undefined
    const document = precedent
      ? await req.payload.update({ collection: 'documents', id: precedent.id, data: {}, file, overwriteExistingFiles: true, ...systeme(req) })
      : await req.payload.create({
          collection: 'documents',
          data: { dossier: entrees.dossier.id, documentType: generation.documentType, origin: 'generated', version: generation.version, generation: generation.id },
          file,
          overwriteExistingFiles: true,
          ...systeme(req),
        })
    await marquer(req, generation.id, 'genere', { document: document.id, genereLe: new Date().toISOString(), erreur: null, tentatives, empreinte })
    return { document: document.id }
  } catch (err) {
    // Shown on the dossier until a retry succeeds; the job rethrows so the queue retries it.
    const message = err instanceof Error ? err.message : String(err)
    await marquer(req, generation.id, 'echec', { erreur: message.slice(0, 2000), tentatives }).catch(() => undefined)
    throw err
  }
}

export const tacheGenererDocument: TaskConfig = {
  slug: TACHE_GENERER_DOCUMENT,
  label: 'Génération d’un document PDF',
  retries: 4,
  inputSchema: [{ name: 'generation', type: 'json', required: true }],
  handler: async ({ input, req }) => {
    // A request of its own: a run executes its jobs concurrently on one shared `req`, and an
    // upload travels on `req.file` — two PDFs stored at once would swap their files.
    const reqDocument = await createLocalReq({ context: { ...req.context } }, req.payload)
    await produireDocument(reqDocument, (input as { generation: Id }).generation)
    return { output: {} }
  },
}
