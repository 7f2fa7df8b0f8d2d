import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { ResultatScenario } from './scenario'
import type { ResultatDocuments } from './documents'
import type { ResultatRapports } from './rapports'
import type { ResultatRapprochement } from './rapprochement'
import type { ResultatCoherence } from './coherence'
import type { ResultatArchive } from './archive'

/**
 * `npm run bench`: builds the app if needed (or waits for a build running elsewhere), then runs bench/scenario.ts once per database kind
 * and size, each in its own process, and prints the figures side by side with the raw SQL
 * baseline measured in the same run. It prints; it never fails on a duration.
 *
 * Environment: BENCH_SIZES (default 10000,100000), BENCH_DBS (default sqlite,postgres),
 * BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_REQUETES (200),
 * BENCH_ECHAUFFEMENT (20), BENCH_EXPLAIN=1 to print the query plans.
 */

const PG_PAR_DEFAUT = 'postgres://postgres@127.0.0.1:5432/postgres'

const tailles = (process.env.BENCH_SIZES ?? '10000,100000')
  .split(',')
  .map((t) => Number(t.trim()))
  .filter((t) => Number.isInteger(t) && t > 0)
const bases = (process.env.BENCH_DBS ?? 'sqlite,postgres').split(',').map((b) => b.trim()) as ('sqlite' | 'postgres')[]
const pgUrl = process.env.BENCH_PG_URL ?? PG_PAR_DEFAUT

// The server serves NEXT_DIST_DIR when it is set (next.config.mjs, tests/helpers/serveur.ts): check that build.
const BUILD_ID = path.join(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID')
const lireBuildId = (): string | null => (fs.existsSync(BUILD_ID) ? fs.readFileSync(BUILD_ID, 'utf8').trim() : null)

/**
 * Another `next build` on this checkout (Linux /proc; elsewhere we cannot tell and assume none).
 * next renames its process "next-build (vX)", and npm runs it through `sh -c "next build"`.
 */
function buildEnCoursAilleurs(): boolean {
  let pids: string[]
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d) && d !== String(process.pid))
  } catch {
    return false
  }
  const ici = fs.realpathSync(process.cwd())
  return pids.some((pid) => {
    try {
      const ligne = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')
      if (!/next-build \(|(^|[/\s'"])next['"]? build(\s|$)/.test(ligne)) return false
      return fs.realpathSync(`/proc/${pid}/cwd`) === ici
    } catch {
      return false
    }
  })
}

/**
 * The server runs the built app. A build started elsewhere on the same checkout empties .next
 * while it works: wait for it rather than start a second one, or build ourselves when nobody is.
 */
async function assurerBuild(): Promise<string> {
  const limite = Date.now() + 10 * 60_000
  let annonce = false
  for (;;) {
    const enCours = buildEnCoursAilleurs()
    const id = lireBuildId()
    if (id && !enCours) return id
    if (!enCours) {
      console.log(`Pas de build (${BUILD_ID} absent) : next build…`)
      const r = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { stdio: 'inherit' })
      // Refused because another build took the lock in between: wait for that one instead.
      if (r.status !== 0 && !buildEnCoursAilleurs()) throw new Error(`next build a échoué (code ${r.status})`)
      continue
    }
    if (Date.now() > limite) throw new Error('un next build lancé ailleurs dure depuis plus de 10 min')
    if (!annonce) console.log('Un next build est en cours ailleurs sur ce dépôt : attente de sa fin…')
    annonce = true
    await new Promise((r) => setTimeout(r, 3000))
  }
}

async function postgresJoignable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return null
  } catch (e) {
    return (e as Error).message || String(e)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * When the server fails to start, tests/helpers/serveur.ts throws before handing back the
 * database it already created. Its name is predictable (creerBaseDeTest: `<nom>_<pid>_<hex>`),
 * so drop what the dead scenario process left.
 */
async function nettoyerRestes(db: 'sqlite' | 'postgres', taille: number, pid: number | undefined): Promise<void> {
  if (pid === undefined) return
  const prefixe = `bench_${db}_${taille}_${pid}_`
  if (db === 'sqlite') {
    for (const d of fs.readdirSync(os.tmpdir())) {
      if (d.startsWith(`monopco-${prefixe}`)) fs.rmSync(path.join(os.tmpdir(), d), { recursive: true, force: true })
    }
    return
  }
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [`monopco_t_${prefixe}`])
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`)
  } catch {
    /* best effort: the run's own error matters more */
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Runs one bench script in its own process and reads the JSON it writes to BENCH_OUT. */
function lancerProcessus<T>(script: string, envScript: Record<string, string>, enEchec: (pid: number | undefined) => Promise<void>): Promise<T> {
  const sortie = path.join(os.tmpdir(), `monopco-bench-${process.pid}-${crypto.randomBytes(3).toString('hex')}.json`)
  return new Promise((resolve, reject) => {
    // `node --import tsx` rather than the tsx CLI, which runs the script in a grandchild: the pid
    // must be the scenario's own, since nettoyerRestes finds its leftovers by that pid.
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: 'inherit',
      env: {
        ...process.env,
        // Without it lexical's top-level await can make a tsx script exit 0 having done nothing.
        NODE_OPTIONS: '--conditions=development',
        ...envScript,
        BENCH_OUT: sortie,
      },
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      const ok = code === 0 && fs.existsSync(sortie)
      const resultat = ok ? (JSON.parse(fs.readFileSync(sortie, 'utf8')) as T) : null
      fs.rmSync(sortie, { force: true })
      if (resultat) return resolve(resultat)
      void enEchec(child.pid).finally(() => reject(new Error(`${script} ${JSON.stringify(envScript)} : code ${code}, pas de résultat`)))
    })
  })
}

const lancerScenario = (db: 'sqlite' | 'postgres', taille: number): Promise<ResultatScenario> =>
  lancerProcessus<ResultatScenario>('bench/scenario.ts', { BENCH_KIND: db, BENCH_SIZE: String(taille), BENCH_PG_URL: pgUrl }, (pid) => nettoyerRestes(db, taille, pid))

const ms = (x: number): string => x.toFixed(2)

function tableau(entetes: string[], lignes: string[][], aDroite: boolean[]): string {
  const largeurs = entetes.map((e, i) => Math.max(e.length, ...lignes.map((l) => (l[i] ?? '').length)))
  const fmt = (l: string[]) => l.map((c, i) => (aDroite[i] ? c.padStart(largeurs[i]!) : c.padEnd(largeurs[i]!))).join('  ')
  return [fmt(entetes), largeurs.map((l) => '-'.repeat(l)).join('  '), ...lignes.map(fmt)].join('\n')
}

/**
 * Documents (BENCH_DOCUMENTS conventions, default 200; 0 skips): the product pipeline against a
 * raw setContent + pdf loop on the same browser, then memory before/after BENCH_DOCUMENTS_MEMOIRE
 * more documents (default 1000). SQLite: the database is not what this measures.
 */
async function mesurerDocuments(): Promise<ResultatDocuments | null> {
  const n = Number(process.env.BENCH_DOCUMENTS ?? 200)
  if (!(n > 0)) return null
  console.log(`\n== Documents PDF : ${n} conventions ==`)
  const r = await lancerProcessus<ResultatDocuments>('bench/documents.ts', { BENCH_DOCUMENTS: String(n) }, async () => undefined)
  console.log(`\n${r.n} conventions, ${r.pages} pages Chromium en parallèle ; même HTML, même navigateur.\n`)
  console.log(
    tableau(
      ['chemin', 'secondes', 'docs/s'],
      [
        ['pipeline du produit (génération → job → PDF → document)', r.pipeline.secondes.toFixed(2), r.pipeline.docsParSeconde.toFixed(1)],
        ['boucle brute setContent + pdf', r.brut.secondes.toFixed(2), r.brut.docsParSeconde.toFixed(1)],
      ],
      [false, true, true],
    ),
  )
  console.log(`ratio pipeline / brut : ×${r.ratio.toFixed(2)}`)
  const m = r.memoire
  console.log(`\nMémoire avant → après ${m.documents} documents de plus : Node ${m.nodeAvantMo} → ${m.nodeApresMo} Mo, Chromium ${m.chromiumAvantMo} → ${m.chromiumApresMo} Mo (RSS)`)
  return r
}

interface ResultatConformite {
  dossiers: number
  conformes: number
  rappel: number
  precision: number
  attendus: number
  trouves: number
  leves: number
  manques: { cas: string; regle: string }[]
  enTrop: { cas: string; regle: string }[]
  conformesBloques: string[]
}

/** Conformity rules engine on the labelled set (tests/fixtures/conformite.ts): recall and precision. */
async function mesurerConformite(): Promise<ResultatConformite> {
  console.log('\n== Conformité : moteur de règles sur le jeu étiqueté ==')
  const r = await lancerProcessus<ResultatConformite>('bench/conformite.ts', {}, async () => undefined)
  const pc = (x: number) => `${(x * 100).toFixed(1)} %`
  console.log(`\n${r.dossiers} dossiers (${r.conformes} conformes) : ${r.attendus} défauts semés, ${r.trouves} trouvés, ${r.leves} constats levés.`)
  console.log(tableau(['mesure', 'valeur'], [['rappel', pc(r.rappel)], ['précision', pc(r.precision)], ['conformes avec un bloquant', String(r.conformesBloques.length)]], [false, true]))
  for (const x of r.manques) console.log(`  manqué : ${x.cas} → ${x.regle}`)
  for (const x of r.enTrop) console.log(`  en trop : ${x.cas} → ${x.regle}`)
  return r
}

/**
 * Consistency of the uploaded pieces (bench/coherence.ts): the labelled PDFs of
 * tests/helpers/jeuCoherence.ts read by the product's extraction and compared with their dossier;
 * precision, recall and extraction time per document. No database, no build.
 */
async function mesurerCoherence(): Promise<ResultatCoherence> {
  console.log('\n== Cohérence des pièces déposées : jeu étiqueté de PDF ==')
  const r = await lancerProcessus<ResultatCoherence>('bench/coherence.ts', {}, async () => undefined)
  const pc = (x: number) => `${(x * 100).toFixed(1)} %`
  console.log(`\n${r.documents} PDF (${r.conformes} conformes), ${r.ecartsSemes} écarts ou pièces illisibles semés.`)
  console.log(
    tableau(
      ['mesure', 'valeur'],
      [
        ['précision', `${pc(r.precision)} (${r.vraisPositifs}/${r.vraisPositifs + r.fauxPositifs})`],
        ['rappel', `${pc(r.rappel)} (${r.vraisPositifs}/${r.vraisPositifs + r.fauxNegatifs})`],
        ['extraction p50 / p95 / max', `${r.extractionMs.p50} / ${r.extractionMs.p95} / ${r.extractionMs.max} ms`],
      ],
      [false, true],
    ),
  )
  console.log(tableau(['document', 'extraction', 'attendus', 'trouvés'], r.parDocument.map((d) => [d.cas, `${d.ms} ms`, d.attendus.join(', ') || '—', d.trouves.join(', ') || '—']), [false, true, false, false]))
  for (const e of r.erreurs) console.log(`  ${e.cas} : manqués ${e.manques.join(', ') || '—'} ; en trop ${e.enTrop.join(', ') || '—'}`)
  return r
}

/**
 * Bank reconciliation (BENCH_RAPPROCHEMENT=0 skips): the 500-credit CAMT.053 statement of the
 * tests imported over HTTP on SQLite; precision and recall of the automatic matching.
 */
async function mesurerRapprochement(): Promise<ResultatRapprochement | null> {
  if (process.env.BENCH_RAPPROCHEMENT === '0') return null
  console.log('\n== Rapprochement bancaire : relevé CAMT.053 de 500 crédits (SQLite) ==')
  const r = await lancerProcessus<ResultatRapprochement>('bench/rapprochement.ts', {}, async () => undefined)
  const pc = (x: number) => `${(x * 100).toFixed(1)} %`
  console.log(`\n${r.credits} crédits, ${r.factures} factures émises ; import ${r.importSecondes.toFixed(1)} s, second import (rien ajouté) ${r.secondImportSecondes.toFixed(1)} s.`)
  console.log(
    tableau(
      ['mesure', 'valeur'],
      [
        ['précision (automatiques justes / automatiques)', `${pc(r.precision)} (${r.correctes}/${r.automatiques})`],
        ['rappel (automatiques justes / paiements sûrs)', `${pc(r.rappel)} (${r.correctes}/${r.attenduesAutomatiques})`],
        ['à confirmer, bon candidat en tête', `${r.aConfirmerBienClasses}/${r.aConfirmer}`],
      ],
      [false, true],
    ),
  )
  console.log(
    tableau(
      ['crédits', 'total', 'automatiques', 'à confirmer', 'sans correspondance'],
      Object.entries(r.parAttente).map(([k, v]) => [k, String(v.total), String(v.automatiques), String(v.aConfirmer), String(v.sansCorrespondance)]),
      [false, true, true, true, true],
    ),
  )
  return r
}

/**
 * Dossier archive (BENCH_ARCHIVE=0 skips): the ZIP of a dossier with BENCH_ARCHIVE_DOCUMENTS
 * documents of BENCH_ARCHIVE_MO MB streamed over HTTP on SQLite; the server's peak RSS growth
 * against the documents' total size and against downloading one of them (bench/archive.ts).
 */
async function mesurerArchive(): Promise<ResultatArchive | null> {
  if (process.env.BENCH_ARCHIVE === '0') return null
  const n = Number(process.env.BENCH_ARCHIVE_DOCUMENTS ?? 100)
  console.log(`\n== Archive du dossier : ${n} documents de ${process.env.BENCH_ARCHIVE_MO ?? 1} Mo, ZIP en flux (SQLite) ==`)
  const r = await lancerProcessus<ResultatArchive>('bench/archive.ts', {}, async () => undefined)
  const Mo = (o: number) => (o / 2 ** 20).toFixed(1)
  console.log(`\n${r.documents} documents, ${Mo(r.octetsDocuments)} Mo au total ; RSS du processus serveur échantillonné toutes les 10 ms.\n`)
  console.log(
    tableau(
      ['téléchargement', 'Mo reçus', 'secondes', 'Mo/s', 'RSS avant', 'RSS pic', 'croissance RSS'],
      [
        ['un document (GET /api/documents/file/…)', r.unDocument],
        [`archive ZIP de ${r.petiteArchive.documents} documents`, r.petiteArchive],
        [`les ${r.documents} documents, l’un après l’autre`, r.tousLesDocuments],
        [`archive ZIP de ${r.documents} documents (GET /api/dossiers/:id/archive)`, r.archive],
      ].map(([nom, m]) => {
        const x = m as ResultatArchive['archive']
        return [nom as string, Mo(x.octets), x.secondes.toFixed(2), (x.octets / 2 ** 20 / x.secondes).toFixed(1), `${x.rssAvantMo} Mo`, `${x.rssPicMo} Mo`, `+${x.croissanceMo} Mo`]
      }),
      [false, true, true, true, true, true, true],
    ),
  )
  console.log(
    `croissance RSS de l’archive / taille des documents : ${(r.ratioTaille * 100).toFixed(1)} % ; / croissance pour les mêmes documents un par un : ×${r.ratioTousLesDocuments.toFixed(2)} ; / croissance pour un document : ×${r.ratioUnDocument.toFixed(1)}`,
  )
  console.log('(le RSS atteint est rarement rendu au système : chaque ligne croît depuis le pic de la précédente, les plus petites mesures passent d’abord)')
  return r
}

/**
 * Dashboard statistics vs the same aggregates in raw SQL (ratio), and CSV/XLSX exports of every
 * row (rows/s, peak RSS growth), at the largest BENCH_SIZES on each database (bench/rapports.ts).
 */
async function mesurerRapports(aLancer: ('sqlite' | 'postgres')[]): Promise<ResultatRapports[]> {
  const taille = Math.max(...tailles)
  const resultats: ResultatRapports[] = []
  for (const db of aLancer) {
    console.log(`\n== Rapports et exports : ${db}, ${taille} dossiers ==`)
    resultats.push(await lancerProcessus<ResultatRapports>('bench/rapports.ts', { BENCH_KIND: db, BENCH_SIZE: String(taille), BENCH_PG_URL: pgUrl }, (pid) => nettoyerRestes(db, taille, pid)))
  }
  console.log('\nTableau de bord (statistiques + listes « à traiter ») vs les mêmes agrégats en SQL brut, mesures entrelacées ; temps en ms.\n')
  console.log(
    tableau(
      ['db', 'dossiers', 'paiements', 'tableau p50', 'tableau p95', 'SQL p50', 'SQL p95', 'ratio p50'],
      resultats.map((r) => [r.db, String(r.taille), String(r.paiements), ms(r.tableauDeBord.p50), ms(r.tableauDeBord.p95), ms(r.sqlBrut.p50), ms(r.sqlBrut.p95), `×${r.ratioP50.toFixed(2)}`]),
      [false, true, true, true, true, true, true, true],
    ),
  )
  console.log('\nExports de toutes les lignes (tâche genererExport, écriture en flux) :\n')
  console.log(
    tableau(
      ['db', 'format', 'lignes', 'secondes', 'lignes/s', 'Mo', 'RSS avant', 'RSS pic', 'croissance RSS'],
      resultats.flatMap((r) =>
        r.exports.map((e) => [r.db, e.format, String(e.lignes), e.secondes.toFixed(1), String(Math.round(e.lignesParSeconde)), (e.octets / 2 ** 20).toFixed(1), `${e.rssAvantMo} Mo`, `${e.rssPicMo} Mo`, `+${e.croissanceRssMo} Mo`]),
      ),
      [false, false, true, true, true, true, true, true, true],
    ),
  )
  return resultats
}

/**
 * « Charge » (bench/charge.ts, PostgreSQL only): 64 clients on 1 web instance then on the
 * 2-instance cluster, and the mixed writes with an instance killed; prints its own table.
 */
async function mesurerCharge(): Promise<void> {
  const erreur = await postgresJoignable(pgUrl)
  if (erreur) return void console.log(`\nCharge ignorée : PostgreSQL injoignable (${erreur}).`)
  console.log('\n== Charge : 64 clients, 1 instance web puis cluster de 2 (PostgreSQL) ==')
  await lancerProcessus<unknown>('bench/charge.ts', { BENCH_PG_URL: pgUrl }, async () => undefined)
}

async function main(): Promise<void> {
  const debut = performance.now()
  // `npm run bench -- coherence`: that section alone (no database, no build).
  if (process.argv.slice(2).includes('coherence')) return void (await mesurerCoherence())
  const buildIds = new Set<string>([await assurerBuild()])
  // `npm run bench -- charge`: that section alone.
  if (process.argv.slice(2).includes('charge')) return mesurerCharge()
  // `npm run bench -- rapprochement`: that section alone.
  if (process.argv.slice(2).includes('rapprochement')) return void (await mesurerRapprochement())
  // `npm run bench -- archive`: that section alone.
  if (process.argv.slice(2).includes('archive')) return void (await mesurerArchive())

  const aLancer: ('sqlite' | 'postgres')[] = []
  const notes: string[] = []
  if (bases.includes('sqlite')) aLancer.push('sqlite')
  if (bases.includes('postgres')) {
    const erreur = await postgresJoignable(pgUrl)
    if (erreur) notes.push(`PostgreSQL ignoré : ${pgUrl.replace(/\/\/[^@/]*@/, '//…@')} injoignable (${erreur}).`)
    else aLancer.push('postgres')
  }
  for (const n of notes) console.log(n)

  const resultats: ResultatScenario[] = []
  for (const db of aLancer) {
    for (const taille of tailles) {
      console.log(`\n== ${db}, ${taille} dossiers ==`)
      const avant = await assurerBuild()
      buildIds.add(avant)
      try {
        resultats.push(await lancerScenario(db, taille))
      } catch (e) {
        // Rebuilt under our feet (shared checkout): once more on the new build, else give up.
        if (lireBuildId() === avant && !buildEnCoursAilleurs()) throw e
        console.log('Le build a changé pendant la mesure : nouvel essai sur le nouveau build.')
        buildIds.add(await assurerBuild())
        resultats.push(await lancerScenario(db, taille))
      }
    }
  }
  const dureeSecondes = (performance.now() - debut) / 1000

  const requetes = Number(process.env.BENCH_REQUETES ?? 200)
  console.log(`\n== Liste des dossiers : GET /api/dossiers (limit 50, depth 0) contre le SQL qu'elle exige ==`)
  console.log(`GET /api/dossiers?where[status][equals]=envoye_opco&where[opco][equals]=<OPCO A>&sort=-createdAt&limit=50&depth=0`)
  console.log(`${requetes} requêtes séquentielles par ligne après échauffement ; temps en ms ; ratio liste = API p50 / (SELECT + COUNT) p50, même base, même passage.\n`)
  console.log(
    tableau(
      ['db', 'taille', 'rôle', 'lignes', 'lecture', 'API p50', 'API p95', 'SQL p50', 'SQL p95', 'SQL+count p50', 'SQL+count p95', 'ratio liste', 'API/SQL', 'Payload p50', 'ratio Payload'],
      resultats.flatMap((r) =>
        r.roles.map((x) => [
          r.db,
          String(r.taille),
          x.role,
          String(x.totalDocs),
          x.lecture,
          ms(x.api.p50),
          ms(x.api.p95),
          ms(x.sql.p50),
          ms(x.sql.p95),
          ms(x.sqlAvecCount.p50),
          ms(x.sqlAvecCount.p95),
          `×${x.ratioP50.toFixed(1)}`,
          `×${x.ratioP50RequeteSeule.toFixed(1)}`,
          ms(x.apiPayload.p50),
          `×${x.ratioP50Payload.toFixed(1)}`,
        ]),
      ),
      [false, true, false, true, false, true, true, true, true, true, true, true, true, true, true],
    ),
  )
  // The target (≤ ×3 at the largest size on each database), stated for each row rather than judged by the bench.
  const plusGrande = Math.max(...tailles)
  for (const r of resultats.filter((x) => x.taille === plusGrande)) {
    const pire = r.roles.reduce((a, b) => (b.ratioP50 > a.ratioP50 ? b : a))
    const surcout = r.roles.map((x) => `${x.role} ${ms(x.api.p50 - x.sqlAvecCount.p50)}`).join(', ')
    console.log(`ratio liste ${r.db} ${r.taille} : ×${pire.ratioP50.toFixed(1)} au pire (${pire.role}) ; objectif ≤ ×3 ; surcoût API − SQL p50 en ms : ${surcout}`)
  }
  console.log('\nInsertion en masse (INSERT multi-lignes, hors ANALYZE) :\n')
  console.log(
    tableau(
      ['db', 'lignes', 'secondes', 'lignes/s', 'ANALYZE s'],
      resultats.map((r) => [r.db, String(r.insertion.lignes), r.insertion.secondes.toFixed(2), String(Math.round(r.insertion.lignesParSeconde)), r.insertion.analyseSecondes.toFixed(2)]),
      [false, true, true, true, true],
    ),
  )
  const documents = await mesurerDocuments()
  const conformite = await mesurerConformite()
  const coherence = await mesurerCoherence()
  const rapprochement = await mesurerRapprochement()
  const archive = await mesurerArchive()
  const rapports = await mesurerRapports(aLancer)
  if (aLancer.includes('postgres') && process.env.BENCH_CHARGE !== '0') await mesurerCharge()
  for (const n of notes) console.log(`\n${n}`)

  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || null
  const fichier = path.resolve('bench/results/latest.json')
  fs.mkdirSync(path.dirname(fichier), { recursive: true })
  fs.writeFileSync(
    fichier,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        commit,
        // Several ids: the checkout was rebuilt during the run, so rows may come from different builds.
        buildIds: [...buildIds],
        node: process.version,
        machine: { plateforme: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, memoireGo: Math.round(os.totalmem() / 2 ** 30) },
        parametres: { tailles, bases: aLancer, requetes, echauffement: Number(process.env.BENCH_ECHAUFFEMENT ?? 20) },
        notes,
        dureeSecondes,
        resultats,
        documents,
        conformite,
        coherence,
        rapprochement,
        archive,
        rapports,
      },
      null,
      2,
    ) + '\n',
  )
  console.log(`\nRésultats : ${path.relative(process.cwd(), fichier)} — durée totale ${Math.round(dureeSecondes)} s`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
