import fs from 'node:fs'
import path from 'node:path'
import type { Environnement } from '@/src/config/env'
import {
  archivesASupprimer,
  CHEMIN_BASE,
  construireManifeste,
  nomArchiveLibre,
  PREFIXE_FICHIERS,
  type FichierManifeste,
  type Manifeste,
} from '@/src/domain/sauvegarde'
import { ecrireArchive, empreinteFichier, lireArchive } from './archive'
import { instantaneBase } from './base'
import { copierFichiers } from './stockage'

/**
 * `npm run backup` and the scheduled task: one archive holding a consistent snapshot of the
 * database (taken first), every stored file (copied after: a document whose row is in the
 * snapshot already has its file), and the manifest. The archive is read back and checked before
 * it gets its final name: an interrupted or unreadable backup never looks like a good one.
 */

export type EnvSauvegarde = Pick<Environnement, 'databaseKind' | 'databaseUrl' | 'uploadsDir' | 's3'>

export interface ResultatSauvegarde {
  chemin: string
  octets: number
  manifeste: Manifeste
}

export function versionApplication(): { nom: string; version: string } {
  try {
    const p = JSON.parse(fs.readFileSync(path.resolve(process.cwd(), 'package.json'), 'utf8')) as { name?: string; version?: string }
    return { nom: String(p.name ?? 'monopco'), version: String(p.version ?? 'inconnue') }
  } catch {
    return { nom: 'monopco', version: 'inconnue' }
  }
}

export async function sauvegarder(e: EnvSauvegarde, dossier: string, maintenant: Date = new Date()): Promise<ResultatSauvegarde> {
  fs.mkdirSync(dossier, { recursive: true })
  const travail = fs.mkdtempSync(path.join(dossier, '.sauvegarde-en-cours-'))
  try {
    const fichierBase = path.join(travail, ...CHEMIN_BASE[e.databaseKind].split('/'))
    fs.mkdirSync(path.dirname(fichierBase), { recursive: true })
    const etat = await instantaneBase(e.databaseKind, e.databaseUrl, fichierBase)

    const racineFichiers = path.join(travail, PREFIXE_FICHIERS)
    fs.mkdirSync(racineFichiers, { recursive: true })
    const copies = await copierFichiers(e, racineFichiers)

    const fichiers: FichierManifeste[] = [{ chemin: CHEMIN_BASE[e.databaseKind], ...(await empreinteFichier(fichierBase)) }]
    for (const c of copies) {
      const chemin = `${PREFIXE_FICHIERS}${c.chemin}`
      fichiers.push({ chemin, ...(await empreinteFichier(path.join(travail, ...chemin.split('/')))), ...(c.type ? { type: c.type } : {}) })
    }
    const manifeste = construireManifeste({
      creeLe: maintenant,
      application: versionApplication(),
      base: { type: e.databaseKind, tables: etat.tables, migrations: etat.migrations },
      stockage: { type: e.s3 ? 's3' : 'local' },
      fichiers,
    })

    const nom = nomArchiveLibre(maintenant, (n) => fs.existsSync(path.join(dossier, n)))
    const partiel = path.join(travail, `${nom}.partiel`)
    await ecrireArchive(partiel, manifeste, travail)
    await lireArchive(partiel, null)
    const chemin = path.join(dossier, nom)
    fs.renameSync(partiel, chemin)
    return { chemin, octets: fs.statSync(chemin).size, manifeste }
  } finally {
    fs.rmSync(travail, { recursive: true, force: true })
  }
}

/** Retention: removes the archives of `dossier` beyond the `garder` newest; returns their names. */
export function appliquerRetention(dossier: string, garder: number): string[] {
  const supprimees = archivesASupprimer(fs.readdirSync(dossier), garder)
  for (const nom of supprimees) fs.rmSync(path.join(dossier, nom), { force: true })
  return supprimees
}
