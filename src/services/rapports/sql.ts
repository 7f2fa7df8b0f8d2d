import type { Payload } from 'payload'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import { bornesPeriode, type FiltresRapport } from '@/src/domain/reports/filtres'

/**
 * The SQL pieces every report query shares: the dialect (the one place where SQLite and
 * PostgreSQL differ), figures read back from the driver, status lists and period filters.
 * SQLite stores dates as ISO-8601 text (UTC, `…Z`), PostgreSQL as timestamptz; ISO parameters
 * compare correctly with both.
 */
export interface Dialecte {
  pg: boolean
  /** Days between two instants (b − a), as a float. */
  jours: (a: SQL, b: SQL) => SQL
  /** `AAAA-MM` of an instant, in UTC. */
  moisDe: (col: SQL) => SQL
}

export function dialecte(payload: Payload): Dialecte {
  const pg = payload.db.name === 'postgres'
  return pg
    ? { pg, jours: (a, b) => sql`(EXTRACT(EPOCH FROM (${b} - ${a})) / 86400.0)`, moisDe: (c) => sql`to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM')` }
    : { pg, jours: (a, b) => sql`(julianday(${b}) - julianday(${a}))`, moisDe: (c) => sql`substr(${c}, 1, 7)` }
}

/**
 * A figure as the driver returns it: PostgreSQL gives COUNT/SUM as text (bigint, numeric),
 * SQLite as numbers; NULL when nothing was summed. Every figure goes through `nombre`.
 */
export type ValeurSql = string | number | bigint | null | undefined
/** A date column as the driver returns it: text on SQLite, a Date from the PostgreSQL driver. */
export type DateSql = string | Date | null

export const nombre = (v: ValeurSql): number => (v === null || v === undefined ? 0 : Number(v))
export const nombreOuNull = (v: ValeurSql): number | null => (v === null || v === undefined ? null : Number(v))
export const dateIso = (v: DateSql | undefined): string | null => (v instanceof Date ? v.toISOString() : (v ?? null))

/** A group of statuses of src/domain as an SQL list: `d.status IN ${listeStatuts(…)}`. */
export const listeStatuts = (statuts: readonly string[]): SQL => sql`(${sql.join(statuts.map((st) => sql`${st}`), sql`, `)})`

/** `col` within the filter period, `[du 00:00, au+1 00:00)` UTC. */
export function dansPeriode(col: SQL, f: FiltresRapport): SQL {
  const { debut, fin } = bornesPeriode(f)
  const c: SQL[] = [sql`${col} IS NOT NULL`]
  if (debut) c.push(sql`${col} >= ${debut}`)
  if (fin) c.push(sql`${col} < ${fin}`)
  return sql.join(c, sql` AND `)
}

export const filtreOpco = (f: { opco?: number }): SQL => (f.opco ? sql`d.opco_id = ${f.opco}` : sql`1 = 1`)

/** Key of an OPCO in the per-OPCO maps: its id as text, '' for the dossiers without OPCO. */
export const cleOpco = (id: ValeurSql): string => (id === null || id === undefined ? '' : String(id))

/** Name of an OPCO in the tables: « Sans OPCO », its name, or `OPCO <id>` when it is gone. */
export const nomOpco = (cle: string, noms: Map<string, string>): string => (cle === '' ? 'Sans OPCO' : (noms.get(cle) ?? `OPCO ${cle}`))

/** Every OPCO's name by `cleOpco` (a short table: read whole). */
export async function nomsOpcos(payload: Payload): Promise<Map<string, string>> {
  const rows = await requeteSql<{ id: ValeurSql; nom: string }>(payload, undefined, sql`SELECT id, nom FROM opcos`)
  return new Map(rows.map((r) => [String(r.id), r.nom]))
}
