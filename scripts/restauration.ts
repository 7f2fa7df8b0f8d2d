/**
 * `npm run restore -- ARCHIVE [--force]` : restaure une archive de `npm run backup` dans la base
 * (DATABASE_URL) et le stockage (UPLOADS_DIR ou S3_*) configurés, qui doivent être vides
 * (`--force` les écrase). L'archive est entièrement vérifiée avant toute écriture ; une archive
 * abîmée ou modifiée est refusée sans rien écrire. Arrêtez l'application pendant la restauration.
 * Codes de sortie : 0 restauré et conforme au manifeste, 1 refusé ou échoué, 2 restauré mais
 * différent du manifeste.
 */
import { env } from '@/src/config/env'
import { ErreurSauvegarde } from '@/src/domain/sauvegarde'
import { restaurer } from '@/src/services/sauvegarde/restaurer'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const force = args.includes('--force')
  const archives = args.filter((a) => !a.startsWith('--'))
  const inconnues = args.filter((a) => a.startsWith('--') && a !== '--force')
  if (archives.length !== 1 || inconnues.length > 0) {
    console.error('Usage : npm run restore -- ARCHIVE.tar.gz [--force]')
    process.exit(1)
  }
  const r = await restaurer(env(), archives[0]!, { force })
  const m = r.manifeste
  console.log(`Archive du ${m.creeLe} (MonOPCO ${m.application.version}, base ${m.base.type}, stockage ${m.stockage.type}) restaurée.`)
  console.log(`  ${r.tables} tables, ${r.lignes} lignes ; ${r.fichiers} fichier(s) ; ${m.base.migrations.length} migrations (dernière : ${m.base.migrations.at(-1) ?? 'aucune'}).`)
  if (r.ecarts.length > 0) {
    console.error(`ATTENTION : l'état restauré diffère du manifeste (${r.ecarts.length}) :`)
    for (const e of r.ecarts.slice(0, 50)) console.error(`  - ${e}`)
    process.exit(2)
  }
  console.log('Vérification : nombres de lignes et empreintes des fichiers identiques au manifeste.')
  console.log("Démarrez l'application (npm start applique les migrations manquantes si la version est plus récente).")
  process.exit(0)
}

main().catch((err) => {
  if (err instanceof ErreurSauvegarde) console.error(`ÉCHEC de la restauration : ${err.message}`)
  else console.error('ÉCHEC de la restauration :', err)
  process.exit(1)
})
