import type { CollectionConfig, Field } from 'payload'
import type { ColonneStockee, OptionSelect } from '@/src/domain/donneesStockees'

/** Ce que l'adaptateur SQL de Payload (drizzle) a construit : `payload.db.rawTables`. */
export type TablesBrutes = Record<string, { name?: string; columns: Record<string, { name: string; notNull?: boolean; reference?: { table: string } }> }>

/** `to-snake-case` comme drizzle nomme les tables de tableaux (`reglesFinancement` → `regles_financement`). */
const enSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/^_/, '')

const optionsDe = (options: unknown[]): OptionSelect[] =>
  options.map((o) => (typeof o === 'string' ? { value: o } : { value: String((o as { value: unknown }).value), label: typeof (o as { label?: unknown }).label === 'string' ? ((o as { label: string }).label) : undefined }))

interface Parcours {
  collection: string
  table: string
  /** Préfixe des noms de tables filles (groupes compris) : `dossiers_formation`. */
  prefixeTable: string
  /** Préfixe des clés de colonnes (chemin Payload) : `formation_`. */
  prefixeColonne: string
  prefixeChamp: string
  tableau: boolean
}

/**
 * Les colonnes de date, nombre, liste et relation de chaque collection, avec leur table et leur
 * nom SQL tels que l'adaptateur les a créés (`formation.dateFin` → `dossiers.formation_date_fin`).
 * On parcourt les champs de la configuration (pour leur sens : obligatoire, défaut, options,
 * bornes) et on prend le nom SQL dans le schéma construit par l'adaptateur plutôt que de refaire
 * sa règle de nommage : une colonne absente de ce schéma est ignorée (rangée dans `introuvables`).
 */
export function colonnesStockees(collections: readonly CollectionConfig[], tables: TablesBrutes): { colonnes: ColonneStockee[]; introuvables: string[] } {
  const colonnes: ColonneStockee[] = []
  const introuvables: string[] = []
  const tableDeCollection = new Map<string, string>()
  for (const c of collections) tableDeCollection.set(c.slug, typeof c.dbName === 'string' ? c.dbName : enSnake(c.slug.replace(/-/g, '_')))

  const parcourir = (fields: readonly Field[], p: Parcours) => {
    for (const field of fields) {
      switch (field.type) {
        case 'row':
        case 'collapsible':
          parcourir(field.fields, p)
          continue
        case 'tabs':
          for (const tab of field.tabs) {
            if ('name' in tab && tab.name) {
              parcourir(tab.fields, { ...p, prefixeTable: `${p.prefixeTable}_${enSnake(tab.name)}`, prefixeColonne: `${p.prefixeColonne}${tab.name}_`, prefixeChamp: `${p.prefixeChamp}${tab.name}.` })
            } else parcourir(tab.fields, p)
          }
          continue
        case 'group':
          if ('name' in field && field.name) {
            parcourir(field.fields, { ...p, prefixeTable: `${p.prefixeTable}_${enSnake(field.name)}`, prefixeColonne: `${p.prefixeColonne}${field.name}_`, prefixeChamp: `${p.prefixeChamp}${field.name}.` })
          } else parcourir(field.fields, p)
          continue
        case 'array': {
          const table = typeof field.dbName === 'string' ? field.dbName : `${p.prefixeTable}_${enSnake(field.name)}`
          if (!tables[table]) {
            introuvables.push(`${p.collection}.${p.prefixeChamp}${field.name} (table ${table})`)
            continue
          }
          parcourir(field.fields, { collection: p.collection, table, prefixeTable: table, prefixeColonne: '', prefixeChamp: `${p.prefixeChamp}${field.name}.`, tableau: true })
          continue
        }
        case 'date':
        case 'number':
        case 'select':
        case 'relationship':
        case 'upload': {
          // Plusieurs valeurs (hasMany, relations polymorphes) vivent dans des tables annexes
          // (`_rels`, `_numbers`) qu'aucune collection de MonOPCO n'utilise : non vérifiées.
          if ('hasMany' in field && field.hasMany) continue
          if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo !== 'string') continue
          const cle = `${p.prefixeColonne}${field.name}`
          const col = tables[p.table]?.columns[cle]
          const champ = `${p.prefixeChamp}${field.name}`
          if (!col) {
            introuvables.push(`${p.collection}.${champ}`)
            continue
          }
          const base = {
            collection: p.collection,
            champ,
            table: p.table,
            colonne: col.name,
            requis: Boolean(field.required) || Boolean(col.notNull),
            aUnDefaut: 'defaultValue' in field && field.defaultValue !== undefined && field.defaultValue !== null,
            ...(p.tableau ? { tableau: true } : {}),
          }
          if (field.type === 'date') colonnes.push({ ...base, genre: 'date' })
          else if (field.type === 'number') {
            colonnes.push({
              ...base,
              genre: 'nombre',
              // Marque posée par champMontant (centimes) et les champs qui comptent (effectif…).
              entier: (field.custom as { entier?: unknown } | undefined)?.entier === true,
              ...(typeof field.min === 'number' ? { min: field.min } : {}),
              ...(typeof field.max === 'number' ? { max: field.max } : {}),
            })
          } else if (field.type === 'select') colonnes.push({ ...base, genre: 'select', options: optionsDe(field.options as unknown[]) })
          else {
            const cible = tableDeCollection.get(field.relationTo as string) ?? col.reference?.table
            if (cible) colonnes.push({ ...base, genre: 'relation', tableCible: cible })
          }
          continue
        }
        default:
          continue
      }
    }
  }

  for (const c of collections) {
    const table = tableDeCollection.get(c.slug)!
    if (!tables[table]) {
      introuvables.push(`${c.slug} (table ${table})`)
      continue
    }
    parcourir(c.fields, { collection: c.slug, table, prefixeTable: table, prefixeColonne: '', prefixeChamp: '', tableau: false })
  }
  return { colonnes, introuvables }
}
