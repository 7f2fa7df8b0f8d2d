import type { Payload, PayloadRequest } from 'payload'
import type { Condition, PlanListe } from '@/src/domain/listeRapide'
import { sql, type SQL } from './sql'

type Colonne = object
type Requete = PromiseLike<Record<string, unknown>[]> & {
  where: (w: SQL) => Requete
  orderBy: (...o: SQL[]) => Requete
  limit: (n: number) => Requete
  offset: (n: number) => Requete
}
type Drizzle = { select: (colonnes: Record<string, unknown>) => { from: (table: unknown) => Requete } }
type AdaptateurSql = { name: string; drizzle: Drizzle; tables: Record<string, Record<string, Colonne>>; sessions?: Record<string | number, { db: Drizzle } | undefined> }

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
 * Une page de la liste et son total : un SELECT des colonnes de la table principale (décodées par
 * drizzle, donc par la lecture tolérante de src/db/lectureTolerante.ts) et un COUNT, avec le
 * même WHERE et le même ORDER BY que Payload. Les deux partent ensemble, comme chez Payload.
 */
export async function lirePageListe(
  payload: Payload,
  req: Partial<PayloadRequest> | undefined,
  collection: string,
  cles: string[],
  plan: PlanListe,
): Promise<{ lignes: Record<string, unknown>[]; total: number }> {
  const adaptateur = payload.db as unknown as AdaptateurSql
  const table = adaptateur.tables[collection]
  if (!table) throw new Error(`listeRapide : table inconnue ${collection}`)
  const transaction = req?.transactionID ? await req.transactionID : undefined
  const db = (transaction !== undefined && transaction !== null && adaptateur.sessions?.[transaction]?.db) || adaptateur.drizzle
  const colonnes: Record<string, unknown> = {}
  for (const cle of cles) colonnes[cle] = table[cle]
  const where = plan.filtre ? sqlDe(plan.filtre, table) : undefined
  let page = db.select(colonnes).from(table)
  let compte = db.select({ n: sql`count(*)` }).from(table)
  if (where) {
    page = page.where(where)
    compte = compte.where(where)
  }
  page = page
    .orderBy(...plan.tri.map((t) => (t.desc ? sql`${table[t.cle]} desc` : sql`${table[t.cle]} asc`)))
    .limit(plan.limit)
    .offset((plan.page - 1) * plan.limit)
  const [lignes, [n]] = await Promise.all([page, compte])
  return { lignes, total: Number(n?.n ?? 0) }
}
