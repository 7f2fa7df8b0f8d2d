import type { Config } from 'payload'
import { dateLisible, nombreLisible, relationLisible, selectLisible, type Dialecte } from '@/src/domain/donneesStockees'
import { colonnesStockees, type TablesBrutes } from './colonnesStockees'

type Colonne = { name?: unknown; mapFromDriverValue?: (v: unknown) => unknown }

/**
 * Une seule ligne mal stockée (une `dateFin` « not-a-date », `infinity`, une date dans un
 * montant, `true` dans une liste) faisait répondre 500 à toute liste qui la contenait : la
 * lecture de l'adaptateur Payload fait `new Date(valeur).toISOString()`, qui lève une erreur, avant
 * qu'aucun hook `afterRead` ne s'exécute. On corrige donc à l'endroit où la valeur sort de la
 * base : le décodeur de chaque colonne de date, nombre, liste et relation (drizzle), posé une fois
 * au démarrage (`afterSchemaInit`). Une valeur illisible s'y lit `null` (champ vide) ; le rapport
 * de `npm run verifier-donnees` la signale, et l'écriture reste validée comme avant : on ne
 * tolère rien en entrée.
 *
 * Limite : sur SQLite, un entier au-delà de 2^53 est refusé par le pilote libsql lui-même, avant
 * tout décodeur ; seule la migration de réparation (ou un administrateur) le rend lisible.
 */
// Generic so that it fits both adapters' hook types; Payload passes `adapter` to both at run time.
export function lectureTolerante<S>(args: { schema: S }): S {
  const schema = args.schema as unknown as { tables: Record<string, Record<string, unknown>> }
  const a = (args as { adapter?: unknown }).adapter as { name?: string; rawTables?: TablesBrutes; payload?: { config?: Config } }
  const dialecte: Dialecte = a.name === 'postgres' ? 'postgres' : 'sqlite'
  const collections = a.payload?.config?.collections ?? []
  const { colonnes } = colonnesStockees(collections as never, a.rawTables ?? {})
  for (const c of colonnes) {
    const table = schema.tables[c.table]
    if (!table) continue
    const colonne = Object.values(table).find((x): x is Colonne => typeof x === 'object' && x !== null && (x as Colonne).name === c.colonne && typeof (x as Colonne).mapFromDriverValue === 'function')
    if (!colonne) continue
    const origine = colonne.mapFromDriverValue!.bind(colonne)
    const options = c.options ?? []
    colonne.mapFromDriverValue = (brut: unknown) => {
      switch (c.genre) {
        case 'date':
          return dateLisible(brut, dialecte)
        case 'nombre': {
          const n = nombreLisible(brut)
          return n === null ? null : origine(n)
        }
        case 'select':
          return selectLisible(brut, options)
        case 'relation': {
          const id = relationLisible(brut)
          return id === null ? null : origine(typeof brut === 'number' ? brut : Number(id))
        }
      }
    }
  }
  return args.schema
}
