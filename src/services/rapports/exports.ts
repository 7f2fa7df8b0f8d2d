import fs from 'node:fs'
import path from 'node:path'
import type { PayloadRequest } from 'payload'
import { env } from '@/src/config/env'
import { ErreurMetier } from '@/src/domain/erreurs'
import { lireFiltresDossiers, type FiltresRapport } from '@/src/domain/reports/filtres'
import type { Export } from '@/src/payload-types'
import { adresseIp } from '@/src/security/ip'
import { compterDossiers } from './dossiers'
import { ecrireExport, type FormatExport } from './ecriture'

/** Slug of the job that writes an export's file. */
export const TACHE_EXPORT = 'genererExport'

export const dossierExports = (): string => path.join(env().uploadsDir, 'exports')
export const cheminFichierExport = (id: number | string, format: FormatExport): string => path.join(dossierExports(), `export-${String(id)}.${format}`)

/** What the audit entry of an export says: the step, the format and the filters asked for. */
export interface JournalExport {
  etape: 'demande' | 'telechargement'
  format: FormatExport | 'pdf'
  filtres?: Export['filtres'] | FiltresRapport
}

/** Audit entry of an export (requested, downloaded): who, what, with which filters. */
export const journaliserExport = (req: PayloadRequest, id: number | string, changes: JournalExport): Promise<void> => journaliserSortie(req, 'exports', id, { ...changes })

/** Audit entry (action `export`) of data leaving the platform: an export, a dossier's archive. */
export async function journaliserSortie(req: PayloadRequest, collectionSlug: string, id: number | string, changes: Record<string, unknown>): Promise<void> {
  await req.payload.create({
    collection: 'logs',
    req,
    overrideAccess: true,
    data: {
      action: 'export',
      collectionSlug,
      documentId: String(id),
      actor: req.user?.id ?? null,
      actorLabel: req.user ? `users:${req.user.id}` : 'systeme',
      ip: adresseIp(req.headers),
      changes,
    },
  })
}

const majExport = (req: PayloadRequest, id: number | string, data: Partial<Export>) =>
  req.payload.update({ collection: 'exports', id, data, overrideAccess: true, req, context: { export: true } })

/**
 * Writes the file of one export. Idempotent: a retry rewrites the file from the start. Progress
 * is saved every 5,000 rows (one small UPDATE), so the admin list shows it moving.
 */
export async function produireExport(req: PayloadRequest, id: number | string): Promise<void> {
  const ligne = await req.payload.findByID({ collection: 'exports', id, depth: 0, overrideAccess: true, req, disableErrors: true })
  if (!ligne || ligne.statut === 'termine') return
  const format = ligne.format
  const filtres = lireFiltresDossiers(ligne.filtres)
  const chemin = cheminFichierExport(id, format)
  try {
    fs.mkdirSync(dossierExports(), { recursive: true })
    const total = await compterDossiers(req.payload, filtres)
    await majExport(req, id, { statut: 'en_cours', progression: 0, total, lignes: 0, erreur: null })
    let dernierPalier = 0
    const lignes = await ecrireExport(format, req.payload, filtres, chemin, async (n) => {
      if (n - dernierPalier < 5000) return
      dernierPalier = n
      await majExport(req, id, { lignes: n, progression: total > 0 ? Math.min(99, Math.floor((n / total) * 100)) : 99 })
    })
    await majExport(req, id, { statut: 'termine', progression: 100, lignes, taille: fs.statSync(chemin).size })
  } catch (err) {
    fs.rmSync(chemin, { force: true })
    await majExport(req, id, { statut: 'echec', erreur: (err instanceof Error ? err.message : String(err)).slice(0, 2000) }).catch(() => undefined)
    throw err
  }
}

export interface FichierExport {
  chemin: string
  format: FormatExport
  /** File name offered to the browser: `dossiers-<creation day>-<id>.<format>`. */
  nom: string
  taille: number
}

/**
 * The file of a finished export, ready to stream, its download audit-logged. Refusals: malformed
 * id 400, unknown export 404, not ready 409, file gone 410.
 */
export async function fichierExportPret(req: PayloadRequest, id: unknown): Promise<FichierExport> {
  if (typeof id !== 'string' || !/^\d{1,15}$/.test(id)) throw new ErreurMetier("Identifiant d'export invalide.", 400)
  const ligne = await req.payload.findByID({ collection: 'exports', id, depth: 0, overrideAccess: true, req, disableErrors: true })
  if (!ligne) throw new ErreurMetier('Export introuvable.', 404)
  if (ligne.statut !== 'termine') throw new ErreurMetier(`L'export n'est pas prêt (état : ${String(ligne.statut)}).`, 409)
  const format = ligne.format
  const chemin = cheminFichierExport(ligne.id, format)
  if (!fs.existsSync(chemin)) throw new ErreurMetier("Le fichier de cet export n'existe plus : relancez l'export.", 410)
  await journaliserExport(req, ligne.id, { format, etape: 'telechargement' })
  const date = new Date(String(ligne.createdAt)).toISOString().slice(0, 10)
  return { chemin, format, nom: `dossiers-${date}-${String(ligne.id)}.${format}`, taille: fs.statSync(chemin).size }
}
