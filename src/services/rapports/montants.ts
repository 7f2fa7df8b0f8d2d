import type { Payload } from 'payload'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import type { FiltresRapport } from '@/src/domain/reports/filtres'
import { STATUT_PAIEMENT, STATUT_PAIEMENT_PAR_DEFAUT, type PayeurPaiement } from '@/src/domain/paiements'
import { STATUTS_FACTURE_EMISES, TYPE_PIECE, type Destinataire } from '@/src/domain/facturation/statuts'
import { MONTANTS_VIDES, type MontantsDossier } from '@/src/domain/reports/montants'
import { STATUTS_ACCORD } from '@/src/domain/workflow/groupes'
import { cleOpco, dansPeriode, filtreOpco, listeStatuts, nombre, type ValeurSql } from './sql'

/** Sum of the received payments of one payer for dossier `d` (no status = received, the collection's default). */
export const recuSql = (payeur: PayeurPaiement): SQL =>
  sql`COALESCE((SELECT SUM(p.montant) FROM payments p WHERE p.dossier_id = d.id AND p.payeur = ${payeur} AND COALESCE(p.statut, ${STATUT_PAIEMENT_PAR_DEFAUT}) = ${STATUT_PAIEMENT.recu} AND p.montant > 0), 0)`

/** Total TTC of the invoices issued to the OPCO for dossier `d`; NULL when none (then the OPCO owes the validated amount). */
export const FACTURE_OPCO = sql`(SELECT SUM(i.total_t_t_c) FROM invoices i WHERE i.dossier_id = d.id AND COALESCE(i.type, ${TYPE_PIECE.facture}) = ${TYPE_PIECE.facture}
  AND i.destinataire = ${'opco' satisfies Destinataire} AND i.statut IN ${listeStatuts(STATUTS_FACTURE_EMISES)} AND i.total_t_t_c >= 0)`

/**
 * The per-dossier money columns, SQL translation of src/domain/reports/montants.ts (the one
 * definition of each figure): demande, valide, recu_opco, recu_entreprise, facture_opco for every
 * `d`. `valide` counts in the statuses in which the OPCO owes the validated amount.
 */
const COLONNES_MONTANTS = sql`CASE WHEN d.soumission_date IS NULL THEN 0 WHEN d.montant_estime > 0 THEN d.montant_estime WHEN d.cout_total_h_t > 0 THEN d.cout_total_h_t ELSE 0 END AS demande,
  CASE WHEN d.status IN ${listeStatuts(STATUTS_ACCORD)} AND d.montant_valide > 0 THEN d.montant_valide ELSE 0 END AS valide,
  ${recuSql('opco')} AS recu_opco, ${recuSql('entreprise')} AS recu_entreprise,
  ${FACTURE_OPCO} AS facture_opco`

/** Population of every money figure: dossiers created in the period, for the OPCO filter. */
const populationMontants = (f: FiltresRapport): SQL => sql`${filtreOpco(f)} AND ${dansPeriode(sql`d.created_at`, f)}`

/** Raw row of the per-OPCO sums (figures as the driver returns them). */
interface LigneMontantsOpco {
  opco: ValeurSql
  demande: ValeurSql
  valide: ValeurSql
  du_opco: ValeurSql
  paye_opco: ValeurSql
  trop_percu: ValeurSql
  paye_entreprise: ValeurSql
  reste_du: ValeurSql
}

/**
 * The figures per OPCO, keyed by `cleOpco` (sums of per-dossier values: an overpayment never
 * offsets a balance due).
 */
export async function montantsParOpco(payload: Payload, f: FiltresRapport): Promise<Map<string, MontantsDossier>> {
  const rows = await requeteSql<LigneMontantsOpco>(
    payload,
    undefined,
    sql`SELECT y.opco AS opco, SUM(y.demande) AS demande, SUM(y.valide) AS valide, SUM(y.du) AS du_opco,
        SUM(CASE WHEN y.recu_opco < y.du THEN y.recu_opco ELSE y.du END) AS paye_opco,
        SUM(CASE WHEN y.recu_opco > y.du THEN y.recu_opco - y.du ELSE 0 END) AS trop_percu,
        SUM(y.recu_entreprise) AS paye_entreprise,
        SUM(CASE WHEN y.recu_opco < y.du THEN y.du - y.recu_opco ELSE 0 END) AS reste_du
      FROM (SELECT x.*, COALESCE(x.facture_opco, x.valide) AS du FROM
        (SELECT d.opco_id AS opco, ${COLONNES_MONTANTS} FROM dossiers d WHERE ${populationMontants(f)}) x) y
      GROUP BY y.opco`,
  )
  return new Map(
    rows.map((r) => [
      cleOpco(r.opco),
      { demande: nombre(r.demande), valide: nombre(r.valide), duOpco: nombre(r.du_opco), payeOpco: nombre(r.paye_opco), tropPercu: nombre(r.trop_percu), payeEntreprise: nombre(r.paye_entreprise), resteDu: nombre(r.reste_du) },
    ]),
  )
}

export const totalMontants = (m: Iterable<MontantsDossier>): MontantsDossier => {
  const t = { ...MONTANTS_VIDES }
  for (const x of m) for (const k of Object.keys(t) as (keyof MontantsDossier)[]) t[k] += x[k]
  return t
}

export interface TropPercu {
  dossier: number
  reference: string | null
  opco: string | null
  valide: number
  /** What the OPCO owes (issued OPCO invoices once invoiced, else validé). */
  duOpco: number
  recuOpco: number
  tropPercu: number
}

/** Raw row of an overpaid dossier. */
interface LigneTropPercu {
  id: ValeurSql
  reference: string | null
  opco: string | null
  valide: ValeurSql
  du: ValeurSql
  recu_opco: ValeurSql
}

/** Anomaly list: dossiers of the population whose OPCO payments exceed the validated amount. */
export async function tropPercus(payload: Payload, f: FiltresRapport, limite = 100): Promise<TropPercu[]> {
  const rows = await requeteSql<LigneTropPercu>(
    payload,
    undefined,
    sql`SELECT x.id AS id, x.reference AS reference, o.nom AS opco, x.valide AS valide, COALESCE(x.facture_opco, x.valide) AS du, x.recu_opco AS recu_opco FROM
        (SELECT d.id AS id, d.reference AS reference, d.opco_id AS opco_id, ${COLONNES_MONTANTS} FROM dossiers d WHERE ${populationMontants(f)}) x
        LEFT JOIN opcos o ON o.id = x.opco_id
      WHERE x.recu_opco > COALESCE(x.facture_opco, x.valide) ORDER BY x.id ASC LIMIT ${limite}`,
  )
  return rows.map((r) => ({
    dossier: Number(r.id),
    reference: r.reference ?? null,
    opco: r.opco ?? null,
    valide: nombre(r.valide),
    duOpco: nombre(r.du),
    recuOpco: nombre(r.recu_opco),
    tropPercu: nombre(r.recu_opco) - nombre(r.du),
  }))
}
