import type { Payload } from 'payload'
import { requeteSql, sql } from '@/src/db/sql'
import { STATUT_FACTURE, TYPE_PIECE } from '@/src/domain/facturation/statuts'
import type { FiltresRapport } from '@/src/domain/reports/filtres'
import type { MontantsDossier } from '@/src/domain/reports/montants'
import { montantsParOpco, totalMontants, tropPercus, type TropPercu } from './montants'
import { dateIso, filtreOpco, nombre, nomOpco, nomsOpcos, type DateSql, type ValeurSql } from './sql'

export interface FactureEnRetard {
  facture: number
  numero: string | null
  dossier: number
  reference: string | null
  opco: string | null
  montant: number
  echeance: string | null
  joursRetard: number
}

export interface PaiementsParOpco {
  /** attendu = dû par l'OPCO, recu = payé par l'OPCO (plafonné au dû), ecart = reste dû (src/domain/reports/montants.ts). */
  parOpco: ({ opco: number | null; nom: string; attendu: number; recu: number; ecart: number } & MontantsDossier)[]
  total: MontantsDossier
  tropPercus: TropPercu[]
  enRetard: FactureEnRetard[]
}

/** Raw row of an overdue invoice. */
interface LigneFactureEnRetard {
  id: ValeurSql
  numero: string | null
  dossier: ValeurSql
  reference: string | null
  opco: string | null
  montant: ValeurSql
  echeance: DateSql
}

/**
 * Payments view: per OPCO, the same figures as the dashboard on the same population (dossiers
 * created in the period): validated (expected), paid by the OPCO, balance due, overpayments
 * listed as anomalies; and the issued invoices past their due date (now, whatever the period).
 */
export async function paiementsParOpco(payload: Payload, filtres: FiltresRapport, maintenant = new Date(), limite = 100): Promise<PaiementsParOpco> {
  const o = filtreOpco(filtres)
  const [montants, trop, retard, noms] = await Promise.all([
    montantsParOpco(payload, filtres),
    tropPercus(payload, filtres, limite),
    requeteSql<LigneFactureEnRetard>(payload, undefined, sql`SELECT i.id AS id, i.numero AS numero, d.id AS dossier, d.reference AS reference, o.nom AS opco,
        i.total_t_t_c AS montant, i.date_echeance AS echeance
      FROM invoices i JOIN dossiers d ON d.id = i.dossier_id LEFT JOIN opcos o ON o.id = d.opco_id
      WHERE ${o} AND i.type = ${TYPE_PIECE.facture} AND i.statut = ${STATUT_FACTURE.emise} AND i.date_echeance < ${maintenant.toISOString()}
      ORDER BY i.date_echeance ASC, i.id ASC LIMIT ${limite}`),
    nomsOpcos(payload),
  ])
  const parOpco = [...montants].map(([cle, m]) => ({
    opco: cle === '' ? null : Number(cle),
    nom: nomOpco(cle, noms),
    attendu: m.duOpco,
    recu: m.payeOpco,
    ecart: m.resteDu,
    ...m,
  }))
  return {
    parOpco: parOpco.sort((a, b) => a.nom.localeCompare(b.nom, 'fr')),
    total: totalMontants(montants.values()),
    tropPercus: trop,
    enRetard: retard.map((r) => {
      const echeance = dateIso(r.echeance)
      return {
        facture: Number(r.id),
        numero: r.numero ?? null,
        dossier: Number(r.dossier),
        reference: r.reference ?? null,
        opco: r.opco ?? null,
        montant: nombre(r.montant),
        echeance,
        joursRetard: echeance ? Math.floor((maintenant.getTime() - Date.parse(echeance)) / 86_400_000) : 0,
      }
    }),
  }
}
