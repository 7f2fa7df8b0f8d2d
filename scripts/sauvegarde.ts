/**
 * `npm run backup -- [--out DOSSIER]` : une archive `monopco-AAAAMMJJ-HHMMSS.tar.gz` (heure UTC)
 * dans DOSSIER (BACKUP_DIR par défaut) : la base (copie cohérente, l'application peut tourner),
 * tous les fichiers déposés (disque ou bucket S3) et manifest.json. Même configuration que
 * l'application (DATABASE_URL, UPLOADS_DIR, S3_*). Code de sortie 0 si l'archive est écrite et
 * relue, 1 sinon. Voir docs/exploitation.md, « Sauvegardes et restauration ».
 */
import path from 'node:path'
import { env } from '@/src/config/env'
import { ErreurSauvegarde } from '@/src/domain/sauvegarde'
import { enregistrerDerniereSauvegarde } from '@/src/services/sauvegarde/etat'
import { sauvegarder } from '@/src/services/sauvegarde/sauvegarder'
import { ecrireCleValeur } from '@/src/services/sauvegarde/base'

function argument(nom: string): string | undefined {
  const i = process.argv.indexOf(nom)
  if (i < 0) return undefined
  const v = process.argv[i + 1]
  if (!v || v.startsWith('--')) throw new ErreurSauvegarde(`${nom} attend un dossier (ex. ${nom} /var/backups/monopco)`)
  return v
}

async function main(): Promise<void> {
  const e = env()
  const dossier = path.resolve(argument('--out') ?? e.sauvegarde.dossier)
  const debut = Date.now()
  const r = await sauvegarder(e, dossier)
  const lignes = Object.values(r.manifeste.base.tables).reduce((a, b) => a + b, 0)
  const fichiers = r.manifeste.fichiers.length - 1
  console.log(`Sauvegarde écrite : ${r.chemin}`)
  console.log(
    `  ${(r.octets / 1024 / 1024).toFixed(1)} Mo — base ${r.manifeste.base.type} : ${Object.keys(r.manifeste.base.tables).length} tables, ${lignes} lignes, ` +
      `${r.manifeste.base.migrations.length} migrations — ${fichiers} fichier(s) (${r.manifeste.stockage.type}) — ${((Date.now() - debut) / 1000).toFixed(1)} s`,
  )
  // The last success, for the metric and the admin: next to the archive and in the database.
  const derniere = { date: r.manifeste.creeLe, fichier: r.chemin, octets: r.octets }
  try {
    await enregistrerDerniereSauvegarde(dossier, derniere, { set: (cle, valeur) => ecrireCleValeur(e.databaseKind, e.databaseUrl, cle, valeur) })
  } catch (err) {
    console.warn(`Avertissement : date de la dernière sauvegarde non enregistrée en base (${(err as Error).message}).`)
  }
  process.exit(0)
}

main().catch((err) => {
  console.error(err instanceof ErreurSauvegarde ? `ÉCHEC de la sauvegarde : ${err.message}` : 'ÉCHEC de la sauvegarde :', err instanceof ErreurSauvegarde ? '' : err)
  process.exit(1)
})
