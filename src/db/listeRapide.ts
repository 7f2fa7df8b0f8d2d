import type { Payload, PayloadRequest } from 'payload'
import type { Condition, PlanListe } from '@/src/domain/listeRapide'
import { lireLignesSqlite } from './lectureDirecte'
import { requeteSql, sql, type SQL } from './sql'

type Colonne = { name: string; mapFromDriverValue: (v: unknown) => unknown }
type AdaptateurSql = { tables: Record<string, Record<string, Colonne>> }

/**
 * Le SQL d'un filtre, avec la sémantique de @payloadcms/drizzle 3.90 (queries/parseParams.js) :
 * `not_equals` garde les lignes où la colonne est vide (`IS NULL OR <>`), `in` est un `IN (…)`.
 */
function sqlDe(c: Condition, table: Record<string, Colonne>): SQL {
  if ('et' in c) return sql`(${sql.join(c.et.map((e) => sqlDe(e, table)), sql` and `)})`
  if ('ou' in c) return sql`(${sql.join(c.ou.map((e) => sqlDe(e, table)), sql` or `)})`
  const colonne = table[c.cle]
  if (!colonne) throw new Error(`listeRapide : colonne inconnue ${c.cle}`)
  if (c.op === 'parmi') return sql`${colonne} in (${sql.join(c.valeurs.map((v) => sql`${v}`), sql`, `)})`
  if (c.op === 'egal') return sql`${colonne} = ${c.valeur}`
  return sql`(${colonne} is null or ${colonne} <> ${c.valeur})`
}

/**
 * Une page de la liste et son total : un SELECT des colonnes de la table principale et un COUNT,
 * avec le même WHERE et le même ORDER BY que Payload. Les valeurs sont décodées par les colonnes
 * drizzle elles-mêmes (`mapFromDriverValue`, donc par la lecture tolérante de
 * src/db/lectureTolerante.ts), comme le fait drizzle pour un `select()` : `null` reste `null`.
 * Le SQL est écrit ici plutôt que par le constructeur de requêtes de drizzle, dont la
 * construction et le mappage des lignes coûtaient autant que la requête elle-même (bench/README.md).
 */
export async function lirePageListe(
  payload: Payload,
  req: Partial<PayloadRequest> | undefined,
  collection: string,
  cles: string[],
  plan: PlanListe,
): Promise<{ lignes: Record<string, unknown>[]; total: number }> {
  const table = (payload.db as unknown as AdaptateurSql).tables[collection]
  if (!table) throw new Error(`listeRapide : table inconnue ${collection}`)
  const colonnes = cles.map((cle) => {
    const colonne = table[cle]
    if (!colonne) throw new Error(`listeRapide : colonne inconnue ${cle}`)
    return { cle, colonne, alias: `c${cle}` }
  })
  const where = plan.filtre ? sql` where ${sqlDe(plan.filtre, table)}` : sql``
  const ordre = sql.join(plan.tri.map((t) => (t.desc ? sql`${table[t.cle]} desc` : sql`${table[t.cle]} asc`)), sql`, `)
  const liste = sql.join(colonnes.map((c) => sql`${c.colonne} as ${sql.identifier(c.alias)}`), sql`, `)
  const nomTable = sql.identifier(collection)
  const requeteCompte = sql`select count(*) as ${sql.identifier('n')} from ${nomTable}${where}`
  const requetePage = sql`select ${liste} from ${nomTable}${where} order by ${ordre} limit ${plan.limit} offset ${(plan.page - 1) * plan.limit}`
  const decoder = (valeurs: (i: number, alias: string) => unknown) => {
    const ligne: Record<string, unknown> = {}
    colonnes.forEach(({ cle, colonne, alias }, i) => {
      const v = valeurs(i, alias)
      ligne[cle] = v === null || v === undefined ? null : colonne.mapFromDriverValue(v)
    })
    return ligne
  }
  // One after the other, as Payload's findMany (COUNT, then the page). A local SQLite file outside
  // a transaction is read on the direct connection (./lectureDirecte.ts); anything else through the adapter.
  const transaction = req?.transactionID ? await req.transactionID : undefined
  const direct = transaction === undefined || transaction === null ? lireLignesSqlite(payload, requeteCompte) : null
  if (direct) {
    const brutes = lireLignesSqlite(payload, requetePage) ?? []
    return { lignes: brutes.map((b) => decoder((i) => b[i])), total: Number(direct[0]?.[0] ?? 0) }
  }
  const [compte] = await requeteSql<{ n: number | string }>(payload, req, requeteCompte)
  const brutes = await requeteSql<Record<string, unknown>>(payload, req, requetePage)
  const lignes = brutes.map((b) => decoder((_, alias) => b[alias]))
  return { lignes, total: Number(compte?.n ?? 0) }
}
