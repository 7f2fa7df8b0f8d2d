import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ecartsContenu, ecartsTables, ErreurSauvegarde, fichiersStockes, PREFIXE_FICHIERS, type Manifeste } from '@/src/domain/sauvegarde'
import { lireArchive } from './archive'
import { etatBase, restaurerBase, tablesNonVides, verifierFichierBase } from './base'
import { contenuStockage, empreintesStockage, restaurerFichiers, verifierPlacement } from './stockage'
import type { EnvSauvegarde } from './sauvegarder'

/**
 * `npm run restore -- ARCHIVE [--force]`. In this order, so that a bad archive writes nothing:
 * 1. the archive is read through into a temporary folder, every file checked against the
 *    manifest (gzip, tar, manifest, sizes, sha256), and the saved database opened;
 * 2. the target (DATABASE_URL, UPLOADS_DIR or the S3 bucket) must be empty, unless `force`;
 * 3. the database, then the files, are restored;
 * 4. the restored state is compared with the manifest: rows per table, every file's sha256.
 */

/** The target already holds data and `--force` was not given. */
export class CibleNonVide extends ErreurSauvegarde {
  constructor(readonly details: string[]) {
    super(`la cible n'est pas vide (${details.join(' ; ')}) : restauration refusée. Relancez avec --force pour l'écraser.`)
    this.name = 'CibleNonVide'
  }
}

export interface RapportRestauration {
  manifeste: Manifeste
  /** Differences between the restored state and the manifest; empty when everything matches. */
  ecarts: string[]
  tables: number
  lignes: number
  fichiers: number
}

export async function restaurer(e: EnvSauvegarde, archive: string, options: { force?: boolean; dossierTemporaire?: string } = {}): Promise<RapportRestauration> {
  const travail = fs.mkdtempSync(path.join(options.dossierTemporaire ?? os.tmpdir(), 'monopco-restauration-'))
  try {
    // 1. Nothing is touched until the whole archive has been checked.
    const manifeste = await lireArchive(archive, travail)
    if (manifeste.base.type !== e.databaseKind) {
      throw new ErreurSauvegarde(`sauvegarde d'une base ${manifeste.base.type}, cible ${e.databaseKind} (DATABASE_URL) : restaurez sur le même type de base`)
    }
    const fichierBase = path.join(travail, ...manifeste.base.fichier.split('/'))
    const etatSauve = await verifierFichierBase(e.databaseKind, fichierBase)
    if (etatSauve) {
      const ecarts = ecartsTables(manifeste.base.tables, etatSauve.tables)
      if (ecarts.length > 0) throw new ErreurSauvegarde(`base de l'archive différente du manifeste : ${ecarts.slice(0, 10).join(' ; ')}`)
    }
    const stockes = fichiersStockes(manifeste)
    verifierPlacement(e, stockes.map((f) => f.chemin))

    // 2. An empty target, or --force.
    if (!options.force) {
      const details: string[] = []
      const pleines = tablesNonVides(await etatBase(e.databaseKind, e.databaseUrl))
      if (pleines.length > 0) details.push(`base : ${pleines.length} table(s) avec des lignes, dont ${pleines.slice(0, 5).join(', ')}`)
      const presents = await contenuStockage(e)
      if (presents.length > 0) details.push(`${e.s3 ? `bucket ${e.s3.bucket}` : `dossier ${e.uploadsDir}`} : ${presents.length} fichier(s)`)
      if (details.length > 0) throw new CibleNonVide(details)
    }

    // 3. Restore.
    await restaurerBase(e.databaseKind, e.databaseUrl, fichierBase)
    await restaurerFichiers(e, path.join(travail, PREFIXE_FICHIERS), stockes)

    // 4. Check against the manifest.
    const apres = await etatBase(e.databaseKind, e.databaseUrl)
    const ecarts = [...ecartsTables(manifeste.base.tables, apres.tables), ...ecartsContenu({ ...manifeste, fichiers: stockes }, await empreintesStockage(e))]
    return {
      manifeste,
      ecarts,
      tables: Object.keys(apres.tables).length,
      lignes: Object.values(apres.tables).reduce((a, b) => a + b, 0),
      fichiers: stockes.length,
    }
  } finally {
    fs.rmSync(travail, { recursive: true, force: true })
  }
}
