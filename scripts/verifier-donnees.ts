/**
 * `npm run verifier-donnees` : liste les valeurs stockées que l'application ne sait pas relire
 * (dates invalides ou impossibles, entiers hors plage sûre, valeurs hors liste, relations
 * cassées) par collection, identifiant et champ. Code de sortie 1 quand un administrateur doit
 * décider d'une valeur, 0 sinon.
 *
 * `npm run verifier-donnees -- --corriger` applique en plus les mêmes corrections que la
 * migration 20261203_095000_donnees_stockees (le certain, et les champs facultatifs vidés avec
 * l'ancienne valeur au journal d'audit), pour des valeurs arrivées après elle.
 */
import { getPayload } from 'payload'
import config from '@/payload.config'
import { aDecider, formaterRapport } from '@/src/domain/donneesStockees'
import { corrigerDonneesStockees, verifierDonneesStockees } from '@/src/services/donneesStockees'

async function main(): Promise<void> {
  const corriger = process.argv.includes('--corriger')
  const payload = await getPayload({ config })
  if (corriger) {
    const { corrigees } = await corrigerDonneesStockees(payload, undefined, 'npm run verifier-donnees -- --corriger')
    console.log(`${corrigees.length} valeur(s) corrigée(s) (ancienne valeur au journal d'audit).`)
  }
  const rapport = await verifierDonneesStockees(payload)
  console.log(formaterRapport(rapport.anomalies, rapport.base))
  if (rapport.nonVerifies.length > 0) console.log(`Non vérifiés (colonne absente de la base, migrations en retard ?) : ${rapport.nonVerifies.join(', ')}`)
  const decider = aDecider(rapport.anomalies)
  if (decider.length > 0) {
    console.log(
      `\n${decider.length} valeur(s) à décider : corrigez-les dans l'administration quand la fiche s'ouvre (la valeur y apparaît vide), ` +
        `sinon en SQL (docs/exploitation.md, « Vérifier les données stockées »), puis relancez cette commande.`,
    )
    process.exit(1)
  }
  process.exit(0)
}

main().catch((err) => {
  console.error('ÉCHEC de la vérification des données :', err)
  process.exit(2)
})
