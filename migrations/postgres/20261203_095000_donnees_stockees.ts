import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'
import { formaterRapport } from '../../src/domain/donneesStockees'
import { corrigerDonneesStockees } from '../../src/services/donneesStockees'

/**
 * Hand-written data migration (issue 12, « réparer ce qui est déjà stocké »), no schema change.
 * Values stored before validation was fixed are classified by the same pure rules as
 * `npm run verifier-donnees` and the tolerant reads (src/domain/donneesStockees.ts); decisions,
 * rule by rule:
 * - dates: another ISO 8601 form, or a millisecond timestamp between 1990 and 2100 → the ISO
 *   string Payload writes (certain); "" → NULL (certain: no date); "not-a-date", 0/false (stored
 *   0.0), small numbers, impossible days (2026-02-30, which JS would shift), a time without zone,
 *   PostgreSQL's infinity → not certain.
 * - numbers: a safe number stored as text → that number (certain); a date or a word in a number
 *   column, NaN/infinity, beyond ±2^53, a decimal in an integer (cents) column, outside min/max →
 *   not certain (rounding or clamping would invent a value).
 * - selects: the same option up to case/spaces, or its label, when exactly one option matches →
 *   that option (certain); true/1/an option removed from the list → not certain: a select's
 *   default is what a new document gets, not what this one meant.
 * - relationships: an id that is not an integer, or points to no document → not certain.
 * Not certain: the field is emptied (NULL) only when it is optional and has no default, the old
 * value kept in the audit log (`logs`, one entry per document); required fields and fields with a
 * default are left as they are and reported for an admin to decide (the start-up check and
 * `npm run verifier-donnees` keep listing them). Every UPDATE only touches a row that still
 * holds the value read, so running it again changes nothing.
 *
 * It reads the current configuration: on a database created later, columns added by later
 * migrations are skipped (they do not exist yet) and there is nothing to repair anyway.
 */
export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  const { corrigees, restantes } = await corrigerDonneesStockees(payload, req, 'Migration 20261203_095000_donnees_stockees (réparation des données stockées)')
  if (corrigees.length > 0) payload.logger.info(`Données stockées : ${corrigees.length} valeur(s) corrigée(s), ancienne valeur au journal d'audit.`)
  if (restantes.length > 0) payload.logger.warn(formaterRapport(restantes, 'postgres'))
}

/** Nothing to undo: putting the unreadable values back would only break the reads again (they are in the audit log). */
export async function down(_args: MigrateDownArgs): Promise<void> {}
