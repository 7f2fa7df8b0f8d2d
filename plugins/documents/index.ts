import type { Config, Endpoint, PayloadRequest, Plugin } from 'payload'
import { estAdmin, idOf } from '@/src/access/roles'
import { facturerDossier } from '@/collections/invoices/facturation'
import { abonner } from '@/src/jobs/evenements'
import { erreur, json, reponseErreur } from '@/src/endpoints/http'
import { demanderGeneration, regenerer, tacheGenererDocument } from './generation'
import { verifierDocumentsApresModification } from './fraicheur'

export { demanderGeneration, produireDocument, TACHE_GENERER_DOCUMENT } from './generation'
export { verifierDocumentsAJour } from './fraicheur'

/** Collections whose values generated documents print: a change may call for a new version. */
const SOURCES_DOCUMENTS = ['dossiers', 'companies', 'training-providers', 'opcos']

let abonne = false

/** What each workflow event must produce (DESIGN.md, "Dossier workflow" table). */
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
          : (['certificat_realisation'] as const)
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

/** The PDF of an issued invoice or credit note: one per piece (its number never changes). */
export async function demanderPdfPiece(req: PayloadRequest, piece: { id: number; type?: unknown; dossier?: unknown }): Promise<void> {
  const dossier = idOf(piece.dossier)
  if (dossier === null) return
  await demanderGeneration(req, { dossier, documentType: piece.type === 'avoir' ? 'avoir' : 'facture', facture: piece.id, cle: `piece:${String(piece.id)}` })
}

const endpointRegenerer: Endpoint = {
  path: '/:id/regenerer',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    try {
      if (!req.user) return erreur(401, 'Authentification requise.')
      if (!estAdmin(req.user)) return erreur(403, 'Seule l’équipe MonOPCO peut régénérer un document.')
      const id = req.routeParams?.id
      if (typeof id !== 'string' || !/^\d{1,15}$/.test(id)) return erreur(400, 'Identifiant de génération invalide.')
      const generation = await regenerer(req, Number(id))
      return json({ message: 'Nouvelle version demandée : elle apparaîtra dès que le PDF sera produit.', generation }, 202)
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}

/**
 * Documents: the PDF generation job, its subscriptions to the workflow's events and the
 * « régénérer » endpoint. The renderer itself (warm Chromium, page pool, no network) is in
 * ./renderer.
 */
export const documentsPlugin =
  (): Plugin =>
  (config: Config): Config => {
    abonnerAuxEvenements()
    return {
      ...config,
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), tacheGenererDocument] },
      collections: (config.collections ?? []).map((c) => {
        if (c.slug === 'generations') return { ...c, endpoints: [...(c.endpoints || []), endpointRegenerer] }
        if (SOURCES_DOCUMENTS.includes(c.slug)) {
          return { ...c, hooks: { ...c.hooks, afterChange: [...(c.hooks?.afterChange ?? []), verifierDocumentsApresModification] } }
        }
        return c
      }),
    }
  }
