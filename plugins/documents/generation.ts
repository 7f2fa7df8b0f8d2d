import { createLocalReq, type PayloadRequest, type TaskConfig } from 'payload'
import { idOf } from '@/src/access/roles'
import { configurationDocuments } from '@/src/config/documents'
import { construireModele, empreinteDocument } from '@/src/domain/documents'
import { STATUT_GENERATION, type StatutGeneration } from '@/src/domain/documents/generations'
import type { Dossier, Generation } from '@/src/payload-types'
import { chargerEntrees } from '@/src/services/documents'
import { facturXDeLaPiece } from '@/src/services/factureElectronique'
import { TACHE_GENERER_DOCUMENT } from '@/src/services/generation'
import { genererPdfDocument, type TypeDocumentGenere } from '@/src/pdf/renderer'
import { webhookDocumentGenere } from '@/src/services/evenementsWebhooks'

type Id = number

const systeme = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

function nomFichier(dossier: Dossier, generation: Generation, facture: { numero?: string | null } | null): string {
  if (facture?.numero) return `${String(facture.numero)}.pdf`
  return `${String(dossier.reference ?? `dossier-${String(dossier.id)}`)}-${String(generation.documentType)}-v${String(generation.version)}.pdf`
}

async function marquer(req: PayloadRequest, id: Id, statut: StatutGeneration, data: Partial<Generation>): Promise<void> {
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
  if (generation.statut === STATUT_GENERATION.genere && generation.document != null) return { document: Number(idOf(generation.document)) }
  const tentatives = Number(generation.tentatives ?? 0) + 1
  try {
    const entrees = await chargerEntrees(req, generation)
    const config = configurationDocuments()
    // What this version prints, to tell later whether a changed record makes it untrue.
    const empreinte = empreinteDocument(construireModele(generation.documentType as TypeDocumentGenere, entrees, config))
    const nom = nomFichier(entrees.dossier, generation, entrees.facture)
    let pdf: Uint8Array = await genererPdfDocument(generation.documentType as TypeDocumentGenere, entrees, config)
    // Invoices and credit notes are kept as Factur-X: Chromium's PDF + factur-x.xml, PDF/A-3
    // metadata (src/services/factureElectronique.ts), the XML built from the record, not the PDF.
    const facture = idOf(generation.facture)
    if (facture !== null && (generation.documentType === 'facture' || generation.documentType === 'avoir')) pdf = await facturXDeLaPiece(req, Number(facture), pdf, nom)
    const data = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
    const file = { data, mimetype: 'application/pdf', name: nom, size: data.byteLength }
    const existant = await req.payload.find({ collection: 'documents', where: { generation: { equals: generation.id } }, limit: 1, pagination: false, ...systeme(req) })
    const precedent = existant.docs[0]
    const document = precedent
      ? await req.payload.update({ collection: 'documents', id: precedent.id, data: {}, file, overwriteExistingFiles: true, ...systeme(req) })
      : await req.payload.create({
          collection: 'documents',
          data: { dossier: entrees.dossier.id, documentType: generation.documentType, origin: 'generated', version: generation.version, generation: generation.id },
          file,
          overwriteExistingFiles: true,
          ...systeme(req),
        })
    await marquer(req, generation.id, STATUT_GENERATION.genere, { document: document.id, genereLe: new Date().toISOString(), erreur: null, tentatives, empreinte })
    await webhookDocumentGenere(req, document, generation.id)
    return { document: document.id }
  } catch (err) {
    // Shown on the dossier until a retry succeeds; the job rethrows so the queue retries it.
    const message = err instanceof Error ? err.message : String(err)
    await marquer(req, generation.id, STATUT_GENERATION.echec, { erreur: message.slice(0, 2000), tentatives }).catch(() => undefined)
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
