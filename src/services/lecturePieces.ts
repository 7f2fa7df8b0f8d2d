import type { PayloadRequest } from 'payload'
import { PIECE_DU_TYPE, type LectureDocument } from '@/src/domain/coherenceDocuments'
import { detecterTypeFichier } from '@/src/domain/fichiers'
import { extraireTextePdf, LIMITES_EXTRACTION, type LimitesExtraction } from '@/src/services/extractionPdf'
import { recalculerConformite } from '@/src/services/conformite'

/**
 * The text of the pieces a dossier is checked against (issue 19 item 3): a devis, programme,
 * convention or attendance sheet uploaded by a person is read once, when its file arrives
 * (documents' beforeChange hook), and what was read is kept on the document (`lecture`); the
 * conformity rules compare it with the dossier each time they run.
 */

/** Is this kind of document read? (the pieces src/domain/coherenceDocuments.ts compares) */
export const estPieceLue = (documentType: unknown): boolean => typeof documentType === 'string' && documentType in PIECE_DU_TYPE

/** What a file says, as stored on the document. Never throws: an unreadable file is a value. */
export async function lireFichierPiece(octets: Uint8Array, maintenant = new Date(), limites: LimitesExtraction = LIMITES_EXTRACTION): Promise<LectureDocument> {
  const lueLe = maintenant.toISOString()
  const type = detecterTypeFichier(octets)
  if (type === 'image/png' || type === 'image/jpeg') return { etat: 'sans_texte', pages: 1, lueLe }
  if (type !== 'application/pdf') return { etat: 'illisible', raison: 'ce n’est pas un PDF', lueLe }
  const r = await extraireTextePdf(octets, limites)
  switch (r.etat) {
    case 'texte':
      return { etat: 'texte', texte: r.texte, pages: r.pages, lueLe }
    case 'sans_texte':
      return { etat: 'sans_texte', pages: r.pages, lueLe }
    case 'illisible':
      return { etat: 'illisible', raison: r.raison, lueLe }
  }
}

/**
 * After a piece was read: the dossier's stored conformity report is computed again, so the
 * admin and the portal show the new findings at once. Derived data: a failure is logged, never
 * turned into a failed upload.
 */
export async function apresLecturePiece(req: PayloadRequest, dossierId: number): Promise<void> {
  try {
    const dossier = await req.payload.findByID({ collection: 'dossiers', id: dossierId, depth: 0, req, overrideAccess: true, disableErrors: true })
    if (dossier) await recalculerConformite(req, dossier)
  } catch (err) {
    req.payload.logger.warn(`Cohérence des pièces : rapport de conformité non recalculé pour le dossier ${dossierId} : ${err instanceof Error ? err.message : String(err)}`)
  }
}
