import type { Payload, PayloadRequest } from 'payload'
import { colonnesStockees, type TablesBrutes } from '@/src/db/colonnesStockees'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import {
  aDecider,
  anomalie,
  formaterRapport,
  type Anomalie,
  type ColonneStockee,
  type Dialecte,
  type TypeStockage,
} from '@/src/domain/donneesStockees'

/**
 * Vérification et réparation des valeurs déjà stockées (issue 12, « réparer ce qui est déjà en
 * base ») : on lit les colonnes en SQL brut, en texte, parce que l'API Payload ne sait justement
 * pas relire ces lignes ; les règles de classement sont dans src/domain/donneesStockees.ts.
 */
export interface RapportDonnees {
  base: Dialecte
  anomalies: Anomalie[]
  /** Champs de la configuration sans colonne en base (schéma en retard sur le code) : non vérifiés. */
  nonVerifies: string[]
}

const PAGE = 2000

const dialecteDe = (payload: Payload): Dialecte => {
  if (payload.db.name === 'sqlite') return 'sqlite'
  if (payload.db.name === 'postgres') return 'postgres'
  throw new Error(`Vérification des données : adaptateur ${payload.db.name} non pris en charge (SQLite et PostgreSQL seulement).`)
}

const id = (nom: string) => sql.identifier(nom)
const enTexte = (d: Dialecte, expr: SQL) => (d === 'sqlite' ? sql`CAST(${expr} AS TEXT)` : sql`${expr}::text`)

/** Colonnes présentes en base, par table : une migration plus récente que ce code peut en ajouter. */
async function colonnesEnBase(payload: Payload, req: Partial<PayloadRequest> | undefined, d: Dialecte, tables: string[]): Promise<Map<string, Set<string>>> {
  const resultat = new Map<string, Set<string>>()
  for (const table of tables) {
    const lignes =
      d === 'sqlite'
        ? await requeteSql<{ name: string }>(payload, req, sql`SELECT name FROM pragma_table_info(${table})`)
        : await requeteSql<{ name: string }>(payload, req, sql`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`)
    if (lignes.length > 0) resultat.set(table, new Set(lignes.map((l) => String(l.name))))
  }
  return resultat
}

/** Les colonnes à vérifier, d'après la configuration et le schéma de l'adaptateur. */
export function colonnesAVerifier(payload: Payload): { colonnes: ColonneStockee[]; introuvables: string[] } {
  const tables = (payload.db as unknown as { rawTables?: TablesBrutes }).rawTables ?? {}
  return colonnesStockees(payload.config.collections, tables)
}

/** A raw SQL row of any table, read without Payload's decoding: that is what is being checked. */
type Ligne = Record<string, unknown>
const texte = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

export async function verifierDonneesStockees(payload: Payload, req?: Partial<PayloadRequest>): Promise<RapportDonnees> {
  const d = dialecteDe(payload)
  const { colonnes, introuvables } = colonnesAVerifier(payload)
  const parTable = new Map<string, ColonneStockee[]>()
  for (const c of colonnes) parTable.set(c.table, [...(parTable.get(c.table) ?? []), c])
  const presentes = await colonnesEnBase(payload, req, d, [...parTable.keys()])
  const nonVerifies = [...introuvables]
  const anomalies: Anomalie[] = []

  for (const [table, toutes] of parTable) {
    const enBase = presentes.get(table)
    const cols = toutes.filter((c) => {
      const ok = enBase?.has(c.colonne) ?? false
      if (!ok) nonVerifies.push(`${c.collection}.${c.champ}`)
      return ok
    })
    if (cols.length === 0) continue
    const tableau = cols[0]!.tableau === true
    const parent = tableau ? enTexte(d, sql`t._parent_id`) : enTexte(d, sql`t.id`)
    const ids = (l: Ligne) => ({ id: String(l._parent), ligne: String(l._ligne) })

    // Dates, nombres, listes : toutes les lignes où l'une des colonnes est renseignée, par pages.
    const simples = cols.filter((c) => c.genre !== 'relation')
    if (simples.length > 0) {
      const champs = simples.map((c, i) =>
        d === 'sqlite'
          ? sql`, ${enTexte(d, sql`t.${id(c.colonne)}`)} AS ${id(`v${i}`)}, typeof(t.${id(c.colonne)}) AS ${id(`t${i}`)}`
          : sql`, ${enTexte(d, sql`t.${id(c.colonne)}`)} AS ${id(`v${i}`)}`,
      )
      const renseignee = sql.join(simples.map((c) => sql`t.${id(c.colonne)} IS NOT NULL`), sql` OR `)
      let dernier: unknown = undefined
      for (;;) {
        const apres = dernier === undefined ? sql`` : sql` AND t.id > ${dernier}`
        const lignes = await requeteSql<Ligne>(
          payload,
          req,
          sql`SELECT t.id AS _cle, ${enTexte(d, sql`t.id`)} AS _ligne, ${parent} AS _parent${sql.join(champs, sql``)} FROM ${id(table)} t WHERE (${renseignee})${apres} ORDER BY t.id LIMIT ${PAGE}`,
        )
        for (const l of lignes) {
          simples.forEach((c, i) => {
            const a = anomalie(c, ids(l), { texte: texte(l[`v${i}`]), ...(d === 'sqlite' ? { typeStockage: l[`t${i}`] as TypeStockage } : {}) }, d)
            if (a) anomalies.push(a)
          })
        }
        if (lignes.length < PAGE) break
        dernier = lignes[lignes.length - 1]!._cle
      }
    }

    // Relations : seulement les suspectes (identifiant non entier, ou document visé absent).
    for (const c of cols.filter((x) => x.genre === 'relation')) {
      if (!c.tableCible || !presentes.has(c.tableCible)) {
        const cible = c.tableCible ? await colonnesEnBase(payload, req, d, [c.tableCible]) : new Map()
        if (cible.size === 0) continue
      }
      const col = sql`t.${id(c.colonne)}`
      const lignes =
        d === 'sqlite'
          ? await requeteSql<Ligne>(
              payload,
              req,
              sql`SELECT ${enTexte(d, sql`t.id`)} AS _ligne, ${parent} AS _parent, ${enTexte(d, col)} AS v, typeof(${col}) AS typ, CASE WHEN u.id IS NULL THEN 0 ELSE 1 END AS existe
                  FROM ${id(table)} t LEFT JOIN ${id(c.tableCible!)} u ON u.id = ${col}
                  WHERE ${col} IS NOT NULL AND (u.id IS NULL OR typeof(${col}) <> 'integer')`,
            )
          : await requeteSql<Ligne>(
              payload,
              req,
              sql`SELECT ${enTexte(d, sql`t.id`)} AS _ligne, ${parent} AS _parent, ${enTexte(d, col)} AS v, CASE WHEN u.id IS NULL THEN 0 ELSE 1 END AS existe
                  FROM ${id(table)} t LEFT JOIN ${id(c.tableCible!)} u ON u.id = ${col}
                  WHERE ${col} IS NOT NULL AND u.id IS NULL`,
            )
      for (const l of lignes) {
        const a = anomalie(c, ids(l), { texte: texte(l.v), ...(d === 'sqlite' ? { typeStockage: l.typ as TypeStockage } : {}) }, d, Number(l.existe) === 1)
        if (a) anomalies.push(a)
      }
    }
  }
  return { base: d, anomalies, nonVerifies }
}

export interface ResultatCorrection {
  corrigees: Anomalie[]
  /** Ce qui reste : à décider par un administrateur, ou changé entre la lecture et l'écriture. */
  restantes: Anomalie[]
}

/**
 * Applique les décisions certaines (`remplacer`) et vide les champs facultatifs illisibles
 * (`vider`) ; rien d'autre. Chaque écriture ne touche la ligne que si elle a encore la valeur lue
 * (relancer ne fait rien de plus), et chaque document modifié reçoit une entrée du journal
 * d'audit avec l'ancienne valeur : rien n'est perdu, un administrateur peut la reprendre.
 */
export async function corrigerDonneesStockees(payload: Payload, req: Partial<PayloadRequest> | undefined, auteur: string): Promise<ResultatCorrection> {
  const d = dialecteDe(payload)
  const { anomalies } = await verifierDonneesStockees(payload, req)
  const corrigees: Anomalie[] = []
  const restantes: Anomalie[] = []
  for (const a of anomalies) {
    if (a.decision.action !== 'remplacer' && a.decision.action !== 'vider') {
      restantes.push(a)
      continue
    }
    const nouvelle = a.decision.action === 'remplacer' ? a.decision.valeur : null
    const col = sql`${id(a.colonne)}`
    const memeValeur = a.valeur === null ? sql`${col} IS NULL` : d === 'sqlite' ? sql`CAST(${col} AS TEXT) = ${a.valeur}` : sql`${col}::text = ${a.valeur}`
    const cle = d === 'sqlite' ? sql`CAST(id AS TEXT) = ${a.ligne}` : sql`id::text = ${a.ligne}`
    const modifiees = await requeteSql<{ id: unknown }>(payload, req, sql`UPDATE ${id(a.table)} SET ${col} = ${nouvelle} WHERE ${cle} AND ${memeValeur} RETURNING id`)
    ;(modifiees.length > 0 ? corrigees : restantes).push(a)
  }
  // Une entrée du journal par document : l'ancienne valeur, la nouvelle et pourquoi.
  const parDocument = new Map<string, Anomalie[]>()
  for (const a of corrigees) parDocument.set(`${a.collection}\u0000${a.id}`, [...(parDocument.get(`${a.collection}\u0000${a.id}`) ?? []), a])
  for (const liste of parDocument.values()) {
    const changes: Record<string, { avant: string | null; apres: string | number | null; motif: string }> = {}
    for (const a of liste) {
      const champ = a.ligne !== a.id ? `${a.champ} (ligne ${a.ligne})` : a.champ
      changes[champ] = { avant: a.valeur, apres: a.decision.action === 'remplacer' ? a.decision.valeur : null, motif: a.motif }
    }
    await payload.create({
      collection: 'logs',
      data: { action: 'update', collectionSlug: liste[0]!.collection, documentId: liste[0]!.id, actorLabel: auteur, changes },
      overrideAccess: true,
      ...(req ? { req } : {}),
    } as never)
  }
  return { corrigees, restantes }
}

/**
 * Contrôle au démarrage : avertit (sans empêcher de servir, la lecture tolérante garde les listes
 * en vie) quand des valeurs stockées sont illisibles ou invalides.
 */
export async function avertirDonneesStockees(payload: Payload): Promise<RapportDonnees | null> {
  if (payload.db.name !== 'sqlite' && payload.db.name !== 'postgres') return null
  const rapport = await verifierDonneesStockees(payload)
  if (rapport.anomalies.length > 0) {
    const decider = aDecider(rapport.anomalies).length
    payload.logger.warn(
      `${formaterRapport(rapport.anomalies, rapport.base)}\n` +
        `${decider > 0 ? 'Un administrateur doit décider des valeurs marquées « À DÉCIDER ». ' : ''}Détail et correction : \`npm run verifier-donnees\` (voir docs/exploitation.md).`,
    )
  }
  return rapport
}
