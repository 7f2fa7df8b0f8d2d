import type { Config, Plugin } from 'payload'
import { abonner } from '@/src/jobs/evenements'
import { facturerDossier } from '@/src/services/facturation'
import { demanderGeneration, demanderPdfPiece } from '@/src/services/generation'
import { tacheGenererDocument } from './generation'

let abonne = false

/** What each workflow event must produce (docs/architecture.md, « Dossier workflow »). */
function abonnerAuxEvenements(): void {
  if (abonne) return
  abonne = true
  abonner({
    nom: 'documents',
    types: ['dossier.validate', 'dossier.complete'],
    traiter: async (evenement, { req }) => {
      if (evenement.dossier === null) return
      const dossier = await req.payload.findByID({ collection: 'dossiers', id: evenement.dossier, depth: 0, overrideAccess: true, req, disableErrors: true })
      // Deleted since: nothing left to produce.
      if (!dossier) return
      const cle = (type: string) => `${String(evenement.dossier)}:${type}:${evenement.type}@${evenement.date}`
      const types =
        evenement.type === 'dossier.validate'
          ? ([dossier.typeFormation === 'bilan' ? 'convention_bilan' : 'convention', 'demande_prise_en_charge'] as const)
          : (['certificat_realisation', 'attestation_assiduite'] as const)
      for (const documentType of types) await demanderGeneration(req, { dossier: dossier.id, documentType, cle: cle(documentType) })
    },
  })
  abonner({
    nom: 'factures',
    types: ['dossier.invoice'],
    traiter: async (evenement, { req }) => {
      if (evenement.dossier === null) return
      const existe = await req.payload.count({ collection: 'dossiers', where: { id: { equals: evenement.dossier } }, overrideAccess: true, req })
      if (existe.totalDocs === 0) return
      // Idempotent: a replayed event finds the invoices already issued and their PDFs' rows.
      for (const facture of await facturerDossier(req, evenement.dossier)) await demanderPdfPiece(req, facture)
    },
  })
}

/**
 * Documents: the PDF generation job and its subscriptions to the workflow's events (asking
 * for a document: src/services/generation.ts, which the « régénérer » endpoint of
 * collections/generations uses too). The renderer itself (warm Chromium, page pool, no network) is
 * src/pdf/renderer.ts; the collections whose values documents print keep them true with
 * hooks/documentsAJour.ts.
 */
export const documentsPlugin =
  (): Plugin =>
  (config: Config): Config => {
    abonnerAuxEvenements()
    return {
      ...config,
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), tacheGenererDocument] },
    }
  }
