import type { PayloadRequest } from 'payload'
import { requeteSql, sql } from './sql'
import { anneeDeFacturation, dateEcheance, LONGUEUR_PREFIXE_SERIE, numeroSuivant, prefixeSerie, SEQUENCE_FACTURE_MAX, type TypePiece } from '@/src/domain/facturation'
import { STATUT_FACTURE, TYPE_PIECE } from '@/src/domain/facturation/statuts'

/**
 * Gap-free invoice numbering (L441-9 C. com.: unique, chronological, no gap), per year and per
 * kind (F-… invoices, A-… credit notes).
 *
 * The number is not a counter: it is derived, at issue time, from the numbers already issued in
 * the series (max + 1), in the same atomic step that moves the draft to `emise` with a
 * compare-and-set (`… WHERE id = ? AND statut = 'brouillon'`). So:
 * - a draft has no number, and deleting one leaves no hole;
 * - a failed issue (draft deleted or issued by someone else meanwhile, transaction rolled back)
 *   writes nothing, hence consumes nothing — a counter incremented before a failure would burn
 *   a number, the one defect the law does not forgive;
 * - issued invoices can be neither deleted nor renumbered (collection hooks), so max + 1 is
 *   always the next free number.
 *
 * Concurrency:
 * - PostgreSQL: `pg_advisory_xact_lock(<series>)` serialises the issues of one series until the
 *   transaction ends (commit or rollback); under it, read max + 1, then the compare-and-set
 *   UPDATE. The lock is transaction-scoped, so the caller must hold a transaction on `req`
 *   (`initTransaction`) and write its audit entry in it: the number, the status and the log
 *   commit together. Two series never wait for each other.
 * - SQLite (no transactions in this project, see README): ONE `UPDATE … RETURNING` statement
 *   whose number is a sub-select max + 1. SQLite runs one writer at a time and a statement is
 *   atomic, so no other issue can slip between reading the max and writing it.
 * The unique index on `numero` backs both up.
 *
 * Chronology: an invoice is never dated before the last issued one of its series (numbers and
 * dates go up together even if two app servers' clocks disagree by a few milliseconds): the issue
 * date is max(now, last issue date of the series).
 */

/** Advisory-lock namespace (first key) of the invoice series: "MOFC" in ASCII. */
const VERROU_SERIES = 0x4d4f4643
/** Advisory-lock namespace of the per-dossier invoicing (facturerDossier). */
export const VERROU_FACTURATION_DOSSIER = 0x4d4f4644

export interface Emission {
  numero: string
  dateEmission: string
  dateEcheance: string | null
}

const enIso = (v: unknown): string | null => {
  if (v === null || v === undefined) return null
  const d = v instanceof Date ? v : new Date(String(v))
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** Second key of a series' advisory lock: year × 10 + kind. */
const cleSerie = (type: TypePiece, annee: number): number => annee * 10 + (type === 'facture' ? 1 : 2)

/** Takes a transaction-scoped advisory lock (PostgreSQL only): `cle` within namespace `espace`. */
export async function verrouillerTransaction(req: PayloadRequest, espace: number, cle: number): Promise<void> {
  if (req.payload.db.name !== 'postgres') return
  if (!(await req.transactionID)) throw new Error('verrouillerTransaction : une transaction est requise sur PostgreSQL (initTransaction).')
  await requeteSql(req.payload, req, sql`SELECT pg_advisory_xact_lock(${espace}::int4, ${cle}::int4)`)
}

/**
 * Issues draft `id` of kind `type`: next number of the series, status `emise`, issue date and due
 * date (`delaiPaiementJours` days later; null for a credit note, which is not paid). Returns null
 * when the row is no longer a draft of that kind (or no longer exists): nothing was written.
 * On PostgreSQL, call inside a transaction held by `req`.
 */
export async function attribuerNumero(req: PayloadRequest, id: number, type: TypePiece, delaiPaiementJours: number | null): Promise<Emission | null> {
  const payload = req.payload
  if (payload.db.name === 'postgres') {
    if (!(await req.transactionID)) throw new Error('attribuerNumero : une transaction est requise sur PostgreSQL (initTransaction).')
    // Number year and issue date come from the same clock reading: an issue requested just
    // before midnight on 31 December is numbered and dated in the old year, even if it waits.
    const maintenant = new Date()
    const annee = anneeDeFacturation(maintenant)
    const prefixe = prefixeSerie(type, annee)
    await verrouillerTransaction(req, VERROU_SERIES, cleSerie(type, annee))
    const [serie] = await requeteSql<{ dernier: number | string | null; derniere_date: unknown }>(
      payload,
      req,
      sql`SELECT COALESCE(MAX(CAST(substr(numero, ${LONGUEUR_PREFIXE_SERIE + 1}) AS INTEGER)), 0) AS dernier, to_char(MAX(date_emission) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS derniere_date
          FROM invoices WHERE numero LIKE ${`${prefixe}%`}`,
    )
    const numero = numeroSuivant(type, annee, Number(serie?.dernier ?? 0))
    const derniere = enIso(serie?.derniere_date)
    const date = derniere !== null && derniere > maintenant.toISOString() ? derniere : maintenant.toISOString()
    const echeance = delaiPaiementJours === null ? null : dateEcheance(date, delaiPaiementJours)
    const lignes = await requeteSql<{ id: unknown }>(
      payload,
      req,
      sql`UPDATE invoices SET numero = ${numero}, statut = ${STATUT_FACTURE.emise}, date_emission = ${date}, date_echeance = ${echeance}, updated_at = ${maintenant.toISOString()}
          WHERE id = ${id} AND statut = ${STATUT_FACTURE.brouillon} AND numero IS NULL AND type = ${type}
          RETURNING id`,
    )
    return lignes.length === 1 ? { numero, dateEmission: date, dateEcheance: echeance } : null
  }

  // SQLite: everything in one statement (see above). `serie` reads the series once; the issue
  // date is max(now, last date) and the due date is computed from it by SQLite itself.
  const maintenant = new Date()
  const annee = anneeDeFacturation(maintenant)
  const prefixe = prefixeSerie(type, annee)
  // Byte-wise range on the unique index: every number of the series, and only them ('.' follows '-').
  const borne = `${prefixe.slice(0, -1)}.`
  const iso = maintenant.toISOString()
  const echeance = delaiPaiementJours === null ? sql`NULL` : sql`strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT date_e FROM emission), ${`+${delaiPaiementJours} days`})`
  const lignes = await requeteSql<{ numero: string; date_emission: string; date_echeance: string | null }>(
    payload,
    req,
    sql`WITH serie AS (
          SELECT COALESCE(MAX(CAST(substr(numero, ${LONGUEUR_PREFIXE_SERIE + 1}) AS INTEGER)), 0) AS dernier, MAX(date_emission) AS derniere_date
          FROM invoices WHERE numero >= ${prefixe} AND numero < ${borne}
        ),
        emission AS (
          SELECT dernier, CASE WHEN derniere_date IS NOT NULL AND derniere_date > ${iso} THEN derniere_date ELSE ${iso} END AS date_e FROM serie
        )
        UPDATE invoices SET
          numero = printf('%s%05d', ${prefixe}, (SELECT dernier FROM emission) + 1),
          statut = ${STATUT_FACTURE.emise},
          date_emission = (SELECT date_e FROM emission),
          date_echeance = ${echeance},
          updated_at = ${iso}
        WHERE id = ${id} AND statut = ${STATUT_FACTURE.brouillon} AND numero IS NULL AND type = ${type}
          AND (SELECT dernier FROM emission) < ${SEQUENCE_FACTURE_MAX}
        RETURNING numero, date_emission, date_echeance`,
  )
  const ligne = lignes[0]
  if (!ligne) {
    // Not a draft any more — or a full series, which must say so rather than look like a race.
    const [serie] = await requeteSql<{ dernier: number | null }>(
      payload,
      req,
      sql`SELECT COALESCE(MAX(CAST(substr(numero, ${LONGUEUR_PREFIXE_SERIE + 1}) AS INTEGER)), 0) AS dernier FROM invoices WHERE numero >= ${prefixe} AND numero < ${borne}`,
    )
    numeroSuivant(type, annee, Number(serie?.dernier ?? 0))
    return null
  }
  return { numero: ligne.numero, dateEmission: ligne.date_emission, dateEcheance: ligne.date_echeance }
}

/**
 * The compare-and-set that cancels an issued invoice when its credit note is issued:
 * `emise` → `annulee`, nothing else. True when this call made the change.
 */
export async function annulerFactureEmise(req: PayloadRequest, id: number): Promise<boolean> {
  const lignes = await requeteSql<{ id: unknown }>(
    req.payload,
    req,
    sql`UPDATE invoices SET statut = ${STATUT_FACTURE.annulee}, updated_at = ${new Date().toISOString()} WHERE id = ${id} AND statut = ${STATUT_FACTURE.emise} AND type = ${TYPE_PIECE.facture} RETURNING id`,
  )
  return lignes.length === 1
}

/** Undoes `annulerFactureEmise` (SQLite only, which has no transaction to roll back). */
export async function retablirFactureEmise(req: PayloadRequest, id: number): Promise<void> {
  await requeteSql(req.payload, req, sql`UPDATE invoices SET statut = ${STATUT_FACTURE.emise}, updated_at = ${new Date().toISOString()} WHERE id = ${id} AND statut = ${STATUT_FACTURE.annulee} AND type = ${TYPE_PIECE.facture}`)
}
