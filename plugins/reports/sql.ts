import type { Payload } from 'payload'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import { bornesPeriode, mois, type FiltresDossiers, type FiltresRapport } from '@/src/domain/reports/filtres'
import type { LigneExportDossier } from '@/src/domain/reports/colonnes'
import { MONTANTS_VIDES, type MontantsDossier } from '@/src/domain/reports/montants'
import { STATUTS_A_INSTRUIRE, STATUTS_ACCORD, STATUTS_AVANT_ENVOI } from '@/src/domain/workflow/groupes'
import type { StatutDossier } from '@/src/domain/statuts'

/**
 * The one place where SQLite and PostgreSQL differ for reports: date arithmetic and month
 * buckets. SQLite stores dates as ISO-8601 text (UTC, `…Z`), PostgreSQL as timestamptz; ISO
 * parameters compare correctly with both.
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

/** PostgreSQL returns COUNT/SUM as text (bigint, numeric): every figure goes through this. */
const nombre = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))
const nombreOuNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

/** Amount requested: the estimate when there is one, else the declared total cost (montantDemande). */
const MONTANT_DEMANDE = sql`(CASE WHEN d.montant_estime > 0 THEN d.montant_estime ELSE COALESCE(d.cout_total_h_t, 0) END)`

/** Statuses in which the OPCO owes the validated amount (src/domain/reports/montants.ts). */
/** A group of statuses of src/domain as an SQL list: `d.status IN ${listeStatuts(…)}`. */
const listeStatuts = (statuts: readonly string[]) => sql`(${sql.join(statuts.map((st) => sql`${st}`), sql`, `)})`
const STATUTS_ACCORD_SQL = listeStatuts(STATUTS_ACCORD)

/** Sum of the received payments of one payer for dossier `d` (no status = received, the collection's default). */
const recuSql = (payeur: 'opco' | 'entreprise') =>
  sql`COALESCE((SELECT SUM(p.montant) FROM payments p WHERE p.dossier_id = d.id AND p.payeur = ${payeur} AND COALESCE(p.statut, 'recu') = 'recu' AND p.montant > 0), 0)`

/** Total TTC of the invoices issued to the OPCO for dossier `d`; NULL when none (then the OPCO owes the validated amount). */
const FACTURE_OPCO = sql`(SELECT SUM(i.total_t_t_c) FROM invoices i WHERE i.dossier_id = d.id AND COALESCE(i.type, 'facture') = 'facture' AND i.destinataire = 'opco' AND i.statut IN ('emise', 'payee') AND i.total_t_t_c >= 0)`

/**
 * The per-dossier money columns, SQL translation of src/domain/reports/montants.ts (the one
 * definition of each figure): demande, valide, recu_opco, recu_entreprise, facture_opco for every `d`.
 */
const COLONNES_MONTANTS = sql`CASE WHEN d.soumission_date IS NULL THEN 0 WHEN d.montant_estime > 0 THEN d.montant_estime WHEN d.cout_total_h_t > 0 THEN d.cout_total_h_t ELSE 0 END AS demande,
  CASE WHEN d.status IN ${STATUTS_ACCORD_SQL} AND d.montant_valide > 0 THEN d.montant_valide ELSE 0 END AS valide,
  ${recuSql('opco')} AS recu_opco, ${recuSql('entreprise')} AS recu_entreprise,
  ${FACTURE_OPCO} AS facture_opco`

/** Population of every money figure: dossiers created in the period, for the OPCO filter. */
const populationMontants = (f: FiltresRapport): SQL => sql`${filtreOpco(f)} AND ${dansPeriode(sql`d.created_at`, f)}`

/** The figures per OPCO (sums of per-dossier values: an overpayment never offsets a balance due). */
async function montantsParOpco(payload: Payload, f: FiltresRapport): Promise<Map<string, MontantsDossier>> {
  const rows = await requeteSql<Record<string, unknown>>(
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
      r.opco === null || r.opco === undefined ? '' : String(r.opco),
      { demande: nombre(r.demande), valide: nombre(r.valide), duOpco: nombre(r.du_opco), payeOpco: nombre(r.paye_opco), tropPercu: nombre(r.trop_percu), payeEntreprise: nombre(r.paye_entreprise), resteDu: nombre(r.reste_du) },
    ]),
  )
}

const totalMontants = (m: Iterable<MontantsDossier>): MontantsDossier => {
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

/** Anomaly list: dossiers of the population whose OPCO payments exceed the validated amount. */
export async function tropPercus(payload: Payload, f: FiltresRapport, limite = 100): Promise<TropPercu[]> {
  const rows = await requeteSql<Record<string, unknown>>(
    payload,
    undefined,
    sql`SELECT x.id AS id, x.reference AS reference, o.nom AS opco, x.valide AS valide, COALESCE(x.facture_opco, x.valide) AS du, x.recu_opco AS recu_opco FROM
        (SELECT d.id AS id, d.reference AS reference, d.opco_id AS opco_id, ${COLONNES_MONTANTS} FROM dossiers d WHERE ${populationMontants(f)}) x
        LEFT JOIN opcos o ON o.id = x.opco_id
      WHERE x.recu_opco > COALESCE(x.facture_opco, x.valide) ORDER BY x.id ASC LIMIT ${limite}`,
  )
  return rows.map((r) => ({
    dossier: Number(r.id),
    reference: (r.reference as string | null) ?? null,
    opco: (r.opco as string | null) ?? null,
    valide: nombre(r.valide),
    duOpco: nombre(r.du),
    recuOpco: nombre(r.recu_opco),
    tropPercu: nombre(r.recu_opco) - nombre(r.du),
  }))
}

/** `col` within the filter period, `[du 00:00, au+1 00:00)` UTC. */
function dansPeriode(col: SQL, f: FiltresRapport): SQL {
  const { debut, fin } = bornesPeriode(f)
  const c: SQL[] = [sql`${col} IS NOT NULL`]
  if (debut) c.push(sql`${col} >= ${debut}`)
  if (fin) c.push(sql`${col} < ${fin}`)
  return sql.join(c, sql` AND `)
}

const filtreOpco = (f: FiltresRapport): SQL => (f.opco ? sql`d.opco_id = ${f.opco}` : sql`1 = 1`)

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
    q<{ somme: unknown; n: unknown }>(sql`SELECT SUM(${dia.jours(depuis, jusqua)}) AS somme, COUNT(*) AS n FROM dossiers d
      WHERE ${o} AND ${depuis} IS NOT NULL AND ${dansPeriode(jusqua, filtres)}`)

  const [parStatut, soumisMois, opcoSoumis, opcoReponses, sv, ve, opcoMontants, premierPaiement, retards, opcos] = await Promise.all([
    q<{ status: StatutDossier; n: unknown }>(sql`SELECT d.status AS status, COUNT(*) AS n FROM dossiers d WHERE ${o} AND ${dansPeriode(sql`d.created_at`, filtres)} GROUP BY d.status`),
    q<{ courant: unknown; precedent: unknown }>(sql`SELECT
        SUM(CASE WHEN d.soumission_date >= ${courant.debut} THEN 1 ELSE 0 END) AS courant,
        SUM(CASE WHEN d.soumission_date < ${precedent.fin} THEN 1 ELSE 0 END) AS precedent
      FROM dossiers d WHERE ${o} AND d.soumission_date >= ${precedent.debut} AND d.soumission_date < ${courant.fin}`),
    // By OPCO and month in one pass: the per-OPCO table, the monthly chart and the totals.
    q<{ opco: unknown; mois: string; n: unknown; valides: unknown; demande: unknown }>(sql`SELECT d.opco_id AS opco, ${dia.moisDe(sql`d.soumission_date`)} AS mois, COUNT(*) AS n,
        SUM(CASE WHEN d.validation_admin_date IS NOT NULL THEN 1 ELSE 0 END) AS valides,
        SUM(${MONTANT_DEMANDE}) AS demande
      FROM dossiers d WHERE ${o} AND ${dansPeriode(sql`d.soumission_date`, filtres)} GROUP BY d.opco_id, ${dia.moisDe(sql`d.soumission_date`)}`),
    q<{ opco: unknown; acceptes: unknown; refuses: unknown; valide: unknown; somme: unknown; n: unknown }>(sql`SELECT d.opco_id AS opco,
        SUM(CASE WHEN d.montant_valide IS NOT NULL THEN 1 ELSE 0 END) AS acceptes,
        SUM(CASE WHEN d.montant_valide IS NULL AND d.status = 'refuse' THEN 1 ELSE 0 END) AS refuses,
        SUM(COALESCE(d.montant_valide, 0)) AS valide,
        SUM(CASE WHEN d.envoi_opco_date IS NOT NULL THEN ${dia.jours(sql`d.envoi_opco_date`, sql`d.reponse_opco_date`)} END) AS somme,
        SUM(CASE WHEN d.envoi_opco_date IS NOT NULL THEN 1 ELSE 0 END) AS n
      FROM dossiers d WHERE ${o} AND ${dansPeriode(sql`d.reponse_opco_date`, filtres)} GROUP BY d.opco_id`),
    moyenneDelai(sql`d.soumission_date`, sql`d.validation_admin_date`),
    moyenneDelai(sql`d.validation_admin_date`, sql`d.envoi_opco_date`),
    montantsParOpco(payload, filtres),
    q<{ moyenne: unknown; n: unknown }>(sql`SELECT AVG(${dia.jours(sql`x.reponse`, sql`x.premier`)}) AS moyenne, COUNT(*) AS n FROM (
        SELECT d.reponse_opco_date AS reponse, MIN(p.date) AS premier FROM dossiers d JOIN payments p ON p.dossier_id = d.id
        WHERE ${o} AND d.reponse_opco_date IS NOT NULL AND p.statut = 'recu' AND p.payeur = 'opco'
        GROUP BY d.id, d.reponse_opco_date) x
      WHERE ${dansPeriode(sql`x.premier`, filtres)}`),
    q<{ n: unknown; montant: unknown }>(sql`SELECT COUNT(*) AS n, SUM(i.total_t_t_c) AS montant FROM invoices i JOIN dossiers d ON d.id = i.dossier_id
      WHERE ${o} AND i.type = 'facture' AND i.statut = 'emise' AND i.date_echeance < ${maintenant.toISOString()}`),
    q<{ id: unknown; nom: string }>(sql`SELECT id, nom FROM opcos`),
  ])

  const statuts: Partial<Record<StatutDossier, number>> = {}
  for (const r of parStatut) statuts[r.status] = nombre(r.n)
  const taux = (num: number, den: number) => (den > 0 ? num / den : null)
  const somme = <T>(rows: T[], f: (r: T) => unknown) => rows.reduce((s, r) => s + nombre(f(r)), 0)
  const delai = (s: unknown, n: unknown): Delai => ({ moyenneJours: nombre(n) > 0 ? nombre(s) / nombre(n) : null, nombre: nombre(n) })

  const nomsOpco = new Map(opcos.map((r) => [String(r.id), r.nom]))
  const parOpco = new Map<string, Statistiques['parOpco'][number]>()
  const ligneOpco = (id: unknown) => {
    const cle = id === null || id === undefined ? '' : String(id)
    let l = parOpco.get(cle)
    if (!l) {
      l = { opco: cle === '' ? null : Number(cle), nom: cle === '' ? 'Sans OPCO' : (nomsOpco.get(cle) ?? `OPCO ${cle}`), soumis: 0, acceptes: 0, refuses: 0, ...MONTANTS_VIDES }
      parOpco.set(cle, l)
    }
    return l
  }
  const parMois = new Map<string, { mois: string; soumis: number; demande: number }>()
  for (const r of opcoSoumis) {
    ligneOpco(r.opco).soumis += nombre(r.n)
    const m = parMois.get(r.mois) ?? { mois: r.mois, soumis: 0, demande: 0 }
    m.soumis += nombre(r.n)
    m.demande += nombre(r.demande)
    parMois.set(r.mois, m)
  }
  for (const r of opcoReponses) Object.assign(ligneOpco(r.opco), { acceptes: nombre(r.acceptes), refuses: nombre(r.refuses) })
  for (const [cle, m] of opcoMontants) Object.assign(ligneOpco(cle === '' ? null : cle), m)

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

export interface DossierATraiter {
  id: number
  reference: string | null
  beneficiaire: string
  opco: string | null
  date: string | null
}

/** « À traiter aujourd'hui » : three short lists, oldest first, read by indexed SQL. */
export async function listesATraiter(
  payload: Payload,
  { opcoJours, debutJours, opco }: { opcoJours: number; debutJours: number; opco?: number },
  maintenant = new Date(),
  limite = 10,
): Promise<{ aRevoir: DossierATraiter[]; opcoEnRetard: DossierATraiter[]; debutProche: DossierATraiter[] }> {
  const o = opco ? sql`d.opco_id = ${opco}` : sql`1 = 1`
  const liste = async (where: SQL, colDate: SQL, ordre: SQL) => {
    const rows = await requeteSql<Record<string, unknown>>(
      payload,
      undefined,
      sql`SELECT d.id AS id, d.reference AS reference, d.beneficiaire_nom AS nom, d.beneficiaire_prenom AS prenom, o.nom AS opco, ${colDate} AS date
        FROM dossiers d LEFT JOIN opcos o ON o.id = d.opco_id WHERE ${o} AND ${where} ORDER BY ${ordre} LIMIT ${limite}`,
    )
    return rows.map((r) => ({
      id: Number(r.id),
      reference: (r.reference as string | null) ?? null,
      beneficiaire: [r.prenom, r.nom].filter(Boolean).join(' ') || '—',
      opco: (r.opco as string | null) ?? null,
      date: r.date instanceof Date ? r.date.toISOString() : ((r.date as string | null) ?? null),
    }))
  }
  const limiteOpco = new Date(maintenant.getTime() - opcoJours * 86_400_000).toISOString()
  const finDebut = new Date(maintenant.getTime() + debutJours * 86_400_000).toISOString()
  const [aRevoir, opcoEnRetard, debutProche] = await Promise.all([
    liste(sql`d.status IN ${listeStatuts(STATUTS_A_INSTRUIRE)}`, sql`d.soumission_date`, sql`d.soumission_date ASC, d.id ASC`),
    liste(sql`d.status = 'envoye_opco' AND d.envoi_opco_date < ${limiteOpco}`, sql`d.envoi_opco_date`, sql`d.envoi_opco_date ASC, d.id ASC`),
    liste(
      sql`d.status IN ${listeStatuts(STATUTS_AVANT_ENVOI)} AND d.formation_date_debut >= ${maintenant.toISOString().slice(0, 10)} AND d.formation_date_debut < ${finDebut}`,
      sql`d.formation_date_debut`,
      sql`d.formation_date_debut ASC, d.id ASC`,
    ),
  ])
  return { aRevoir, opcoEnRetard, debutProche }
}

export interface PaiementsParOpco {
  /** attendu = dû par l'OPCO, recu = payé par l'OPCO (plafonné au dû), ecart = reste dû (src/domain/reports/montants.ts). */
  parOpco: ({ opco: number | null; nom: string; attendu: number; recu: number; ecart: number } & MontantsDossier)[]
  total: MontantsDossier
  tropPercus: TropPercu[]
  enRetard: { facture: number; numero: string | null; dossier: number; reference: string | null; opco: string | null; montant: number; echeance: string | null; joursRetard: number }[]
}

/**
 * Payments view: per OPCO, the same figures as the dashboard on the same population (dossiers
 * created in the period): validated (expected), paid by the OPCO, balance due, overpayments
 * listed as anomalies; and the issued invoices past their due date (now, whatever the period).
 */
export async function paiementsParOpco(payload: Payload, filtres: FiltresRapport, maintenant = new Date(), limite = 100): Promise<PaiementsParOpco> {
  const o = filtreOpco(filtres)
  const [montants, trop, retard, opcos] = await Promise.all([
    montantsParOpco(payload, filtres),
    tropPercus(payload, filtres, limite),
    requeteSql<Record<string, unknown>>(payload, undefined, sql`SELECT i.id AS id, i.numero AS numero, d.id AS dossier, d.reference AS reference, o.nom AS opco,
        i.total_t_t_c AS montant, i.date_echeance AS echeance
      FROM invoices i JOIN dossiers d ON d.id = i.dossier_id LEFT JOIN opcos o ON o.id = d.opco_id
      WHERE ${o} AND i.type = 'facture' AND i.statut = 'emise' AND i.date_echeance < ${maintenant.toISOString()}
      ORDER BY i.date_echeance ASC, i.id ASC LIMIT ${limite}`),
    requeteSql<{ id: unknown; nom: string }>(payload, undefined, sql`SELECT id, nom FROM opcos`),
  ])
  const noms = new Map(opcos.map((r) => [String(r.id), r.nom]))
  const parOpco = [...montants].map(([cle, m]) => ({
    opco: cle === '' ? null : Number(cle),
    nom: cle === '' ? 'Sans OPCO' : (noms.get(cle) ?? `OPCO ${cle}`),
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
      const echeance = r.echeance instanceof Date ? r.echeance.toISOString() : ((r.echeance as string | null) ?? null)
      return {
        facture: Number(r.id),
        numero: (r.numero as string | null) ?? null,
        dossier: Number(r.dossier),
        reference: (r.reference as string | null) ?? null,
        opco: (r.opco as string | null) ?? null,
        montant: nombre(r.montant),
        echeance,
        joursRetard: echeance ? Math.floor((maintenant.getTime() - Date.parse(echeance)) / 86_400_000) : 0,
      }
    }),
  }
}

/** WHERE clause of the dossiers list/export filters (same meaning as the admin list filters). */
export function whereDossiers(f: FiltresDossiers): SQL {
  const c: SQL[] = [sql`1 = 1`]
  if (f.opco) c.push(sql`d.opco_id = ${f.opco}`)
  if (f.statuts && f.statuts.length > 0) c.push(sql`d.status IN (${sql.join(f.statuts.map((s) => sql`${s}`), sql`, `)})`)
  if (f.typeFormation) c.push(sql`d.type_formation = ${f.typeFormation}`)
  if (f.company) c.push(sql`d.company_id = ${f.company}`)
  if (f.organisme) c.push(sql`d.formation_organisme_id = ${f.organisme}`)
  const { debut, fin } = bornesPeriode(f)
  if (debut) c.push(sql`d.created_at >= ${debut}`)
  if (fin) c.push(sql`d.created_at < ${fin}`)
  if (f.recherche) {
    // LIKE with the wildcards of the user's text escaped: « 100% » is searched literally.
    const motif = `%${f.recherche.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    c.push(sql`(LOWER(d.reference) LIKE ${motif} ESCAPE '\\' OR LOWER(d.beneficiaire_nom) LIKE ${motif} ESCAPE '\\' OR LOWER(d.beneficiaire_prenom) LIKE ${motif} ESCAPE '\\' OR c.siret LIKE ${motif} ESCAPE '\\')`)
  }
  return sql.join(c, sql` AND `)
}

export async function compterDossiers(payload: Payload, f: FiltresDossiers): Promise<number> {
  const r = await requeteSql<{ n: unknown }>(payload, undefined, sql`SELECT COUNT(*) AS n FROM dossiers d LEFT JOIN companies c ON c.id = d.company_id WHERE ${whereDossiers(f)}`)
  return nombre(r[0]?.n)
}

/**
 * The export rows, page after page by keyset (`id > dernier`): constant memory and constant
 * time per page at 100k rows, where OFFSET would rescan everything already exported.
 */
export async function* lireDossiersExport(payload: Payload, f: FiltresDossiers, taillePage = 1000): AsyncGenerator<LigneExportDossier[]> {
  let dernier = 0
  for (;;) {
    const rows = await requeteSql<LigneExportDossier>(
      payload,
      undefined,
      sql`SELECT d.id AS id, d.reference AS reference, d.status AS status, d.type_formation AS type_formation,
          d.beneficiaire_nom AS beneficiaire_nom, d.beneficiaire_prenom AS beneficiaire_prenom,
          c.raison_sociale AS entreprise, c.siret AS siret, o.nom AS opco, t.nom AS organisme,
          d.formation_titre AS formation_titre, d.formation_date_debut AS formation_date_debut,
          d.cout_total_h_t AS cout_total_h_t, d.montant_valide AS montant_valide, d.montant_estime AS montant_estime,
          ${recuSql('opco')} AS recu_opco, ${recuSql('entreprise')} AS recu_entreprise, ${FACTURE_OPCO} AS facture_opco,
          d.soumission_date AS soumission_date, d.validation_admin_date AS validation_admin_date,
          d.envoi_opco_date AS envoi_opco_date, d.reponse_opco_date AS reponse_opco_date, d.created_at AS created_at
        FROM dossiers d
        LEFT JOIN companies c ON c.id = d.company_id
        LEFT JOIN opcos o ON o.id = d.opco_id
        LEFT JOIN training_providers t ON t.id = d.formation_organisme_id
        WHERE ${whereDossiers(f)} AND d.id > ${dernier}
        ORDER BY d.id ASC LIMIT ${taillePage}`,
    )
    if (rows.length === 0) return
    for (const r of rows) r.id = Number(r.id)
    yield rows
    dernier = rows[rows.length - 1]!.id
    if (rows.length < taillePage) return
  }
}
