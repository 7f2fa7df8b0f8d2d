import type { Payload, PayloadRequest } from 'payload'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import { ErreurMetier } from '@/src/domain/erreurs'
import { STATUT_FACTURE, TYPE_PIECE } from '@/src/domain/facturation/statuts'
import { STATUT_PAIEMENT, type PayeurPaiement } from '@/src/domain/paiements'
import { mois, type FiltresRapport } from '@/src/domain/reports/filtres'
import { MONTANTS_VIDES, type MontantsDossier } from '@/src/domain/reports/montants'
import type { StatutDossier } from '@/src/domain/statuts'
import { montantsParOpco, totalMontants } from './montants'
import { cleOpco, dansPeriode, dialecte, filtreOpco, nombre, nombreOuNull, nomOpco, nomsOpcos, type ValeurSql } from './sql'

/** Amount requested: the estimate when there is one, else the declared total cost (montantDemande). */
const MONTANT_DEMANDE = sql`(CASE WHEN d.montant_estime > 0 THEN d.montant_estime ELSE COALESCE(d.cout_total_h_t, 0) END)`

export interface Delai {
  moyenneJours: number | null
  nombre: number
}

export interface Statistiques {
  filtres: FiltresRapport
  parStatut: Partial<Record<StatutDossier, number>>
  totalDossiers: number
  soumis: { periode: number; moisCourant: number; moisPrecedent: number }
  validation: { soumis: number; valides: number; taux: number | null }
  acceptationOpco: { acceptes: number; refuses: number; taux: number | null }
  delais: { soumissionValidation: Delai; validationEnvoi: Delai; envoiReponse: Delai; reponsePaiement: Delai }
  /** src/domain/reports/montants.ts: dossiers created in the period. */
  montants: MontantsDossier
  retards: { nombre: number; montant: number }
  parMois: { mois: string; soumis: number; demande: number }[]
  parOpco: ({ opco: number | null; nom: string; soumis: number; acceptes: number; refuses: number } & MontantsDossier)[]
}

/**
 * Every dashboard and report figure, by GROUP BY aggregates in the database (one pass per
 * figure family, no document loaded). Definitions (README « Tableau de bord ») :
 * - by status: dossiers created in the period; submitted: `soumissionDate` in the period;
 * - validation rate: of the dossiers submitted in the period, those validated by the team;
 * - OPCO acceptance: final answers dated in the period, accepted (amount validated) vs refused;
 * - delays: average days between two stamps, for the dossiers whose later stamp is in the period;
 *   answer → payment uses the first OPCO payment received;
 * - amounts: one definition each (src/domain/reports/montants.ts), over the dossiers created in
 *   the period, as on the payments page and in the exports; overdue: issued invoices past their
 *   due date now.
 */
export async function calculerStatistiques(payload: Payload, filtres: FiltresRapport, maintenant = new Date()): Promise<Statistiques> {
  const q = <T>(s: SQL) => requeteSql<T>(payload, undefined, s)
  const dia = dialecte(payload)
  const o = filtreOpco(filtres)
  const courant = mois(maintenant)
  const precedent = mois(maintenant, -1)
  // Each query reads one indexed date range (created_at, soumission, validation, envoi, réponse):
  // at 100k dossiers no figure scans the whole table. Per-OPCO rows are summed for the totals
  // rather than counted twice.
  const moyenneDelai = (depuis: SQL, jusqua: SQL) =>
    q<{ somme: ValeurSql; n: ValeurSql }>(sql`SELECT SUM(${dia.jours(depuis, jusqua)}) AS somme, COUNT(*) AS n FROM dossiers d
      WHERE ${o} AND ${depuis} IS NOT NULL AND ${dansPeriode(jusqua, filtres)}`)

  const [parStatut, soumisMois, opcoSoumis, opcoReponses, sv, ve, opcoMontants, premierPaiement, retards, noms] = await Promise.all([
    q<{ status: StatutDossier; n: ValeurSql }>(sql`SELECT d.status AS status, COUNT(*) AS n FROM dossiers d WHERE ${o} AND ${dansPeriode(sql`d.created_at`, filtres)} GROUP BY d.status`),
    q<{ courant: ValeurSql; precedent: ValeurSql }>(sql`SELECT
        SUM(CASE WHEN d.soumission_date >= ${courant.debut} THEN 1 ELSE 0 END) AS courant,
        SUM(CASE WHEN d.soumission_date < ${precedent.fin} THEN 1 ELSE 0 END) AS precedent
      FROM dossiers d WHERE ${o} AND d.soumission_date >= ${precedent.debut} AND d.soumission_date < ${courant.fin}`),
    // By OPCO and month in one pass: the per-OPCO table, the monthly chart and the totals.
    q<{ opco: ValeurSql; mois: string; n: ValeurSql; valides: ValeurSql; demande: ValeurSql }>(sql`SELECT d.opco_id AS opco, ${dia.moisDe(sql`d.soumission_date`)} AS mois, COUNT(*) AS n,
        SUM(CASE WHEN d.validation_admin_date IS NOT NULL THEN 1 ELSE 0 END) AS valides,
        SUM(${MONTANT_DEMANDE}) AS demande
      FROM dossiers d WHERE ${o} AND ${dansPeriode(sql`d.soumission_date`, filtres)} GROUP BY d.opco_id, ${dia.moisDe(sql`d.soumission_date`)}`),
    q<{ opco: ValeurSql; acceptes: ValeurSql; refuses: ValeurSql; valide: ValeurSql; somme: ValeurSql; n: ValeurSql }>(sql`SELECT d.opco_id AS opco,
        SUM(CASE WHEN d.montant_valide IS NOT NULL THEN 1 ELSE 0 END) AS acceptes,
        SUM(CASE WHEN d.montant_valide IS NULL AND d.status = ${'refuse' satisfies StatutDossier} THEN 1 ELSE 0 END) AS refuses,
        SUM(COALESCE(d.montant_valide, 0)) AS valide,
        SUM(CASE WHEN d.envoi_opco_date IS NOT NULL THEN ${dia.jours(sql`d.envoi_opco_date`, sql`d.reponse_opco_date`)} END) AS somme,
        SUM(CASE WHEN d.envoi_opco_date IS NOT NULL THEN 1 ELSE 0 END) AS n
      FROM dossiers d WHERE ${o} AND ${dansPeriode(sql`d.reponse_opco_date`, filtres)} GROUP BY d.opco_id`),
    moyenneDelai(sql`d.soumission_date`, sql`d.validation_admin_date`),
    moyenneDelai(sql`d.validation_admin_date`, sql`d.envoi_opco_date`),
    montantsParOpco(payload, filtres),
    q<{ moyenne: ValeurSql; n: ValeurSql }>(sql`SELECT AVG(${dia.jours(sql`x.reponse`, sql`x.premier`)}) AS moyenne, COUNT(*) AS n FROM (
        SELECT d.reponse_opco_date AS reponse, MIN(p.date) AS premier FROM dossiers d JOIN payments p ON p.dossier_id = d.id
        WHERE ${o} AND d.reponse_opco_date IS NOT NULL AND p.statut = ${STATUT_PAIEMENT.recu} AND p.payeur = ${'opco' satisfies PayeurPaiement}
        GROUP BY d.id, d.reponse_opco_date) x
      WHERE ${dansPeriode(sql`x.premier`, filtres)}`),
    q<{ n: ValeurSql; montant: ValeurSql }>(sql`SELECT COUNT(*) AS n, SUM(i.total_t_t_c) AS montant FROM invoices i JOIN dossiers d ON d.id = i.dossier_id
      WHERE ${o} AND i.type = ${TYPE_PIECE.facture} AND i.statut = ${STATUT_FACTURE.emise} AND i.date_echeance < ${maintenant.toISOString()}`),
    nomsOpcos(payload),
  ])

  const statuts: Partial<Record<StatutDossier, number>> = {}
  for (const r of parStatut) statuts[r.status] = nombre(r.n)
  const taux = (num: number, den: number) => (den > 0 ? num / den : null)
  const somme = <T>(rows: T[], f: (r: T) => ValeurSql) => rows.reduce((s, r) => s + nombre(f(r)), 0)
  const delai = (s: ValeurSql, n: ValeurSql): Delai => ({ moyenneJours: nombre(n) > 0 ? nombre(s) / nombre(n) : null, nombre: nombre(n) })

  const parOpco = new Map<string, Statistiques['parOpco'][number]>()
  const ligneOpco = (cle: string) => {
    let l = parOpco.get(cle)
    if (!l) {
      l = { opco: cle === '' ? null : Number(cle), nom: nomOpco(cle, noms), soumis: 0, acceptes: 0, refuses: 0, ...MONTANTS_VIDES }
      parOpco.set(cle, l)
    }
    return l
  }
  const parMois = new Map<string, { mois: string; soumis: number; demande: number }>()
  for (const r of opcoSoumis) {
    ligneOpco(cleOpco(r.opco)).soumis += nombre(r.n)
    const m = parMois.get(r.mois) ?? { mois: r.mois, soumis: 0, demande: 0 }
    m.soumis += nombre(r.n)
    m.demande += nombre(r.demande)
    parMois.set(r.mois, m)
  }
  for (const r of opcoReponses) Object.assign(ligneOpco(cleOpco(r.opco)), { acceptes: nombre(r.acceptes), refuses: nombre(r.refuses) })
  for (const [cle, m] of opcoMontants) Object.assign(ligneOpco(cle), m)

  const soumis = somme(opcoSoumis, (r) => r.n)
  const valides = somme(opcoSoumis, (r) => r.valides)
  const acceptes = somme(opcoReponses, (r) => r.acceptes)
  const refuses = somme(opcoReponses, (r) => r.refuses)
  return {
    filtres,
    parStatut: statuts,
    totalDossiers: Object.values(statuts).reduce((s, n) => s + (n ?? 0), 0),
    soumis: { periode: soumis, moisCourant: nombre(soumisMois[0]?.courant), moisPrecedent: nombre(soumisMois[0]?.precedent) },
    validation: { soumis, valides, taux: taux(valides, soumis) },
    acceptationOpco: { acceptes, refuses, taux: taux(acceptes, acceptes + refuses) },
    delais: {
      soumissionValidation: delai(sv[0]?.somme, sv[0]?.n),
      validationEnvoi: delai(ve[0]?.somme, ve[0]?.n),
      envoiReponse: delai(somme(opcoReponses, (r) => r.somme), somme(opcoReponses, (r) => r.n)),
      reponsePaiement: { moyenneJours: nombreOuNull(premierPaiement[0]?.moyenne), nombre: nombre(premierPaiement[0]?.n) },
    },
    montants: totalMontants(opcoMontants.values()),
    retards: { nombre: nombre(retards[0]?.n), montant: nombre(retards[0]?.montant) },
    parMois: [...parMois.values()].sort((a, b) => a.mois.localeCompare(b.mois)),
    parOpco: [...parOpco.values()].sort((x, y) => x.nom.localeCompare(y.nom, 'fr')),
  }
}

/** The figures of the PDF report and the name of its OPCO (404 when the filter names an OPCO that does not exist). */
export async function statistiquesDuRapport(req: PayloadRequest, filtres: FiltresRapport): Promise<{ statistiques: Statistiques; opco: string | null }> {
  const [statistiques, opco] = await Promise.all([
    calculerStatistiques(req.payload, filtres),
    filtres.opco ? req.payload.findByID({ collection: 'opcos', id: filtres.opco, depth: 0, overrideAccess: true, req, disableErrors: true }) : null,
  ])
  if (filtres.opco && !opco) throw new ErreurMetier('OPCO introuvable.', 404)
  return { statistiques, opco: opco ? opco.nom : null }
}
