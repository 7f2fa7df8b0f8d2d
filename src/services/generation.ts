import { randomUUID } from 'node:crypto'
import type { PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { ErreurMetier } from '@/src/domain/erreurs'
import { STATUT_GENERATION } from '@/src/domain/documents/generations'
import type { TypeDocument } from '@/src/domain/documents/types'
import { TYPE_PIECE } from '@/src/domain/facturation'
import type { Generation, Invoice } from '@/src/payload-types'
import { mettreEnFile } from '@/src/services/taches'

/**
 * Asking for a generated document: one `generations` row per document the product must produce
 * (a convention on `validate`, a certificate on `complete`, one PDF per invoice…), and the job
 * that renders it. The job and the renderer are the documents plugin's (plugins/documents); the
 * workflow's subscribers, the invoices and the admin's « régénérer » ask through here.
 */

/** Slug of the job that renders one generation row (registered by plugins/documents). */
export const TACHE_GENERER_DOCUMENT = 'genererDocument'

export interface DemandeGeneration {
  dossier: number
  documentType: TypeDocument
  /** Idempotency key: the same key (a replayed event, a retried job) finds the same row. */
  cle: string
  facture?: number | null
}

const systeme = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

async function generationParCle(req: PayloadRequest, cle: string): Promise<Generation | null> {
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
  return (r.docs[0]?.version ?? 0) + 1
}

/**
 * Records that a document must be produced and queues the job that renders it. Idempotent on
 * `cle`; a row not yet generated is queued again (its job may have been lost between the row
 * and the queue on SQLite, which has no transaction) — the job itself is idempotent.
 */
export async function demanderGeneration(req: PayloadRequest, demande: DemandeGeneration): Promise<Generation> {
  let generation = await generationParCle(req, demande.cle)
  if (!generation) {
    try {
      generation = await req.payload.create({
        collection: 'generations',
        data: {
          dossier: demande.dossier,
          documentType: demande.documentType,
          facture: demande.facture ?? null,
          cle: demande.cle,
          version: await prochaineVersion(req, demande),
          statut: STATUT_GENERATION.en_attente,
        },
        ...systeme(req),
      })
    } catch (err) {
      // Two runs of the same demand at once: the unique key lets one create, the other reads it.
      generation = await generationParCle(req, demande.cle)
      if (!generation) throw err
    }
  }
  if (generation.statut !== STATUT_GENERATION.genere) {
    // The job's slug is registered by the documents plugin, not known to Payload's generated types.
    await mettreEnFile(req.payload, req, { task: TACHE_GENERER_DOCUMENT, input: { generation: generation.id } })
  }
  return generation
}

/** The PDF of an issued invoice or credit note: one per piece (its number never changes). */
export async function demanderPdfPiece(req: PayloadRequest, piece: Pick<Invoice, 'id' | 'type' | 'dossier'>): Promise<void> {
  const dossier = idOf(piece.dossier)
  if (dossier === null) return
  const documentType = piece.type === TYPE_PIECE.avoir ? TYPE_PIECE.avoir : TYPE_PIECE.facture
  await demanderGeneration(req, { dossier, documentType, facture: piece.id, cle: `piece:${String(piece.id)}` })
}

/** « Régénérer » in the admin: a new version of the same document, the previous ones are kept. 404 unknown row. */
export async function regenerer(req: PayloadRequest, generationId: number): Promise<Generation> {
  const source = await req.payload.findByID({ collection: 'generations', id: generationId, ...systeme(req) }).catch(() => null)
  if (!source) throw new ErreurMetier('Génération introuvable.', 404)
  return demanderGeneration(req, {
    dossier: Number(idOf(source.dossier)),
    documentType: source.documentType as TypeDocument,
    facture: idOf(source.facture),
    cle: `regeneration:${source.id}:${randomUUID()}`,
  })
}
