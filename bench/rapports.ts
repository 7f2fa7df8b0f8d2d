import fs from 'node:fs'
import path from 'node:path'
import { createLocalReq } from 'payload'
import { requeteSql, sql } from '@/src/db/sql'
import { creerMonde } from '@/tests/helpers/fixtures'
import { demarrerPayload } from '@/tests/helpers/payload'
import { listesATraiter } from '@/src/services/rapports/aTraiter'
import { dossierExports, produireExport } from '@/src/services/rapports/exports'
import { dialecte } from '@/src/services/rapports/sql'
import { calculerStatistiques } from '@/src/services/rapports/statistiques'
import { chronometrerEntrelace, type Stats } from './mesure'
import { insererDossiersEnMasse } from './seed-bulk'

/**
 * Dashboard statistics and exports at scale, one database kind per process (started by
 * bench/run.ts). Prints figures, never fails on a duration.
 * - dashboard: calculerStatistiques + listesATraiter (what the admin home runs) vs the same
 *   aggregates written as raw SQL here, interleaved in the same run → ratio;
 * - exports: the `genererExport` job on every row, CSV then XLSX: rows/s and peak RSS growth
 *   (sampled every 20 ms) — streaming must keep it flat whatever the row count.
 */

export interface MesureExport {
  format: 'csv' | 'xlsx'
  lignes: number
  secondes: number
  lignesParSeconde: number
  octets: number
  rssAvantMo: number
  rssPicMo: number
  croissanceRssMo: number
}

export interface ResultatRapports {
  db: 'sqlite' | 'postgres'
  taille: number
  paiements: number
  tableauDeBord: Stats
  sqlBrut: Stats
  ratioP50: number
  exports: MesureExport[]
}

const kind = process.env.BENCH_KIND === 'postgres' ? 'postgres' : 'sqlite'
const taille = Number(process.env.BENCH_SIZE ?? 100_000)
const repetitions = Number(process.env.BENCH_RAPPORTS_REPETITIONS ?? 20)
const echauffement = Number(process.env.BENCH_RAPPORTS_ECHAUFFEMENT ?? 3)
const sortie = process.env.BENCH_OUT
const Mo = (octets: number) => Math.round((octets / 2 ** 20) * 10) / 10

async function main(): Promise<void> {
  if (kind === 'postgres') {
    process.env.TEST_DB = 'postgres'
    process.env.TEST_DATABASE_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  } else {
    delete process.env.TEST_DB
  }
  const ctx = await demarrerPayload(`bench_${kind}_${taille}`)
  const { payload } = ctx
  try {
    const monde = await creerMonde(payload)
    await insererDossiersEnMasse(payload, monde, taille, { bavard: true })
    // OPCO payments for the paid dossiers, 30 days after the answer, in one statement.
    const plus30 = kind === 'postgres' ? sql`(d.reponse_opco_date + interval '30 days')` : sql`strftime('%Y-%m-%dT%H:%M:%fZ', d.reponse_opco_date, '+30 days')`
    await requeteSql(
      payload,
      undefined,
      sql`INSERT INTO payments (dossier_id, montant, date, payeur, reference, statut, updated_at, created_at)
        SELECT d.id, d.montant_valide, ${plus30}, 'opco', 'VIR-' || d.id, 'recu', d.updated_at, d.updated_at FROM dossiers d
        WHERE d.status IN ('paye', 'cloture') AND d.montant_valide IS NOT NULL AND d.reponse_opco_date IS NOT NULL`,
    )
    await requeteSql(payload, undefined, kind === 'postgres' ? sql`ANALYZE payments` : sql`ANALYZE`)
    const paiements = Number((await requeteSql<{ n: unknown }>(payload, undefined, sql`SELECT COUNT(*) AS n FROM payments`))[0]?.n ?? 0)

    // Last 12 months of the bulk window (it ends on 2026-11-01).
    const filtres = { du: '2025-11-01', au: '2026-10-31' }
    const maintenant = new Date('2026-11-01T00:00:00.000Z')
    const debut = '2025-11-01T00:00:00.000Z'
    const fin = '2026-11-01T00:00:00.000Z'
    const dia = dialecte(payload)
    const brut = (q: ReturnType<typeof sql>) => requeteSql(payload, undefined, q)
    const tableauDeBord = () =>
      Promise.all([calculerStatistiques(payload, filtres, maintenant), listesATraiter(payload, { opcoJours: 21, debutJours: 15 }, maintenant)])
    // The same figures, hand-written: one scan per date column, grouped where the dashboard groups.
    const sqlBrut = () =>
      Promise.all([
        brut(sql`SELECT status, COUNT(*) FROM dossiers WHERE created_at >= ${debut} AND created_at < ${fin} GROUP BY status`),
        brut(sql`SELECT opco_id, COUNT(*), SUM(CASE WHEN validation_admin_date IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN montant_estime > 0 THEN montant_estime ELSE COALESCE(cout_total_h_t, 0) END),
            ${dia.moisDe(sql`soumission_date`)} FROM dossiers WHERE soumission_date >= ${debut} AND soumission_date < ${fin} GROUP BY opco_id, ${dia.moisDe(sql`soumission_date`)}`),
        brut(sql`SELECT opco_id, SUM(CASE WHEN montant_valide IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'refuse' THEN 1 ELSE 0 END), SUM(montant_valide),
            AVG(${dia.jours(sql`envoi_opco_date`, sql`reponse_opco_date`)}) FROM dossiers WHERE reponse_opco_date >= ${debut} AND reponse_opco_date < ${fin} GROUP BY opco_id`),
        brut(sql`SELECT AVG(${dia.jours(sql`soumission_date`, sql`validation_admin_date`)}) FROM dossiers WHERE validation_admin_date >= ${debut} AND validation_admin_date < ${fin}`),
        brut(sql`SELECT AVG(${dia.jours(sql`validation_admin_date`, sql`envoi_opco_date`)}) FROM dossiers WHERE envoi_opco_date >= ${debut} AND envoi_opco_date < ${fin}`),
        brut(sql`SELECT d.opco_id, SUM(p.montant) FROM payments p JOIN dossiers d ON d.id = p.dossier_id WHERE p.statut = 'recu' AND p.date >= ${debut} AND p.date < ${fin} GROUP BY d.opco_id`),
        brut(sql`SELECT id FROM dossiers WHERE status IN ('soumis', 'en_revue') ORDER BY soumission_date LIMIT 10`),
      ])
    process.stdout.write(`  tableau de bord : ${repetitions} mesures entrelacées avec le SQL brut…\n`)
    const [tdb, sqlB] = (await chronometrerEntrelace([tableauDeBord, sqlBrut], repetitions, echauffement)) as [Stats, Stats]
    process.stdout.write(`  tableau de bord p50 ${tdb.p50.toFixed(1)} ms, SQL brut p50 ${sqlB.p50.toFixed(1)} ms\n`)

    const exports: MesureExport[] = []
    const req = await createLocalReq({ user: { ...monde.admin, collection: 'users' } as never }, payload)
    // Per format, a small export (dossiers created from August 2026, ~8 %) then every row: if
    // memory grows with the row count, the second growth is ~12 times the first.
    const series = (['csv', 'xlsx'] as const).flatMap((format) => [
      { format, filtres: { du: '2026-08-01' } },
      { format, filtres: {} },
    ])
    for (const { format, filtres: filtresExport } of series) {
      const ligne = await payload.create({ collection: 'exports', data: { format, filtres: filtresExport } as never, req, user: req.user, overrideAccess: false })
      const rssAvant = process.memoryUsage().rss
      let pic = rssAvant
      const echantillon = setInterval(() => {
        pic = Math.max(pic, process.memoryUsage().rss)
      }, 20)
      const t0 = performance.now()
      // The job's own function (what `payload.jobs.run()` calls), timed alone.
      await produireExport(req, ligne.id)
      const secondes = (performance.now() - t0) / 1000
      clearInterval(echantillon)
      pic = Math.max(pic, process.memoryUsage().rss)
      const fini = await payload.findByID({ collection: 'exports', id: ligne.id, depth: 0 })
      const m: MesureExport = {
        format,
        lignes: Number(fini.lignes),
        secondes,
        lignesParSeconde: Number(fini.lignes) / secondes,
        octets: fs.statSync(path.join(dossierExports(), `export-${String(ligne.id)}.${format}`)).size,
        rssAvantMo: Mo(rssAvant),
        rssPicMo: Mo(pic),
        croissanceRssMo: Mo(pic - rssAvant),
      }
      exports.push(m)
      process.stdout.write(`  export ${format} : ${m.lignes} lignes en ${secondes.toFixed(1)} s (${Math.round(m.lignesParSeconde)} lignes/s), RSS +${m.croissanceRssMo} Mo\n`)
    }
    const resultat: ResultatRapports = { db: kind, taille, paiements, tableauDeBord: tdb, sqlBrut: sqlB, ratioP50: Math.round((tdb.p50 / sqlB.p50) * 100) / 100, exports }
    if (sortie) fs.writeFileSync(sortie, JSON.stringify(resultat))
  } finally {
    await ctx.fermer()
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  },
)
