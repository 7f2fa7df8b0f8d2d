import fs from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import { STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import { creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { chronometrerEntrelace, type Stats } from './mesure'
import { insererDossiersEnMasse, type ResultatInsertion } from './seed-bulk'

/**
 * One database kind × one size, in its own process: payload.config reads DATABASE_URL once at
 * import and getPayload caches its instance, so a process can only ever talk to one database.
 * Started by bench/run.ts, which passes its parameters through the environment and reads the
 * JSON written to BENCH_OUT.
 */

export type Role = 'admin' | 'user' | 'opco'

export interface MesureRole {
  role: Role
  compte: string
  chemin: string
  totalDocs: number
  docsRenvoyes: number
  octetsReponse: number
  api: Stats
  /** The same request through Payload's own list route (`&pagination=true` turns the fast path off). */
  apiPayload: Stats
  /** Which path answered the measured request (`X-Lecture-Liste`, src/services/listeRapide.ts). */
  lecture: 'directe' | 'rapide' | 'payload'
  sql: Stats
  sqlAvecCount: Stats
  /** API p50 / (SELECT + COUNT) p50: what Payload costs over the database work it really does. */
  ratioP50: number
  /** API p50 / SELECT p50 alone. */
  ratioP50RequeteSeule: number
  /** Payload's route p50 / (SELECT + COUNT) p50 of its own pass: the ratio without the fast path, same run. */
  ratioP50Payload: number
  /** The planner's choice for the SELECT and the COUNT: the first thing to read when a figure moves. */
  plans: { requete: string[]; compte: string[] }
}

export interface ResultatScenario {
  db: 'sqlite' | 'postgres'
  taille: number
  demarrageSecondes: number
  insertion: ResultatInsertion
  roles: MesureRole[]
}

// Visible to every role (OPCO users only see dossiers once sent), so the three rows of the
// table differ only by the access predicate.
const STATUT = 'envoye_opco'

const kind = process.env.BENCH_KIND === 'postgres' ? 'postgres' : 'sqlite'
const taille = Number(process.env.BENCH_SIZE ?? 10_000)
const repetitions = Number(process.env.BENCH_REQUETES ?? 200)
const echauffement = Number(process.env.BENCH_ECHAUFFEMENT ?? 20)
const sortie = process.env.BENCH_OUT

function predicatAcces(role: Role, monde: Monde) {
  if (role === 'user') return sql` AND owner_id = ${monde.userA.id}`
  if (role === 'opco') {
    // opcoUserA belongs to opcoA (tests/helpers/fixtures.ts).
    return sql` AND (opco_id = ${monde.opcoA.id} AND status IN (${sql.join(
      STATUTS_ENVOYES_OPCO.map((s) => sql`${s}`),
      sql`, `,
    )}))`
  }
  return sql``
}

async function plan(s: ServeurDeTest, requete: SQL): Promise<string[]> {
  if (s.base.kind === 'postgres') {
    const lignes = await requeteSql<Record<string, string>>(s.payload, undefined, sql`EXPLAIN ${requete}`)
    return lignes.map((l) => String(l['QUERY PLAN']))
  }
  const lignes = await requeteSql<{ detail: string }>(s.payload, undefined, sql`EXPLAIN QUERY PLAN ${requete}`)
  return lignes.map((l) => l.detail)
}

async function mesurerRole(s: ServeurDeTest, monde: Monde, role: Role, email: string): Promise<MesureRole> {
  // After the bulk insert the server has been idle longer than its keep-alive: fetch may reuse a
  // socket the server is closing (ECONNRESET, « other side closed »). One more try on a new one.
  const token = await connecter(s.url, email, MOT_DE_PASSE).catch(() => connecter(s.url, email, MOT_DE_PASSE))
  const chemin = `/api/dossiers?where[status][equals]=${STATUT}&where[opco][equals]=${monde.opcoA.id}&sort=-createdAt&limit=50&depth=0`
  const url = s.url + encodeURI(chemin).replace(/\[/g, '%5B').replace(/\]/g, '%5D')
  const headers = { Authorization: `JWT ${token}` }
  let lecture: 'directe' | 'rapide' | 'payload' = 'payload'

  const appelSur = async (adresse: string): Promise<string> => {
    const res = await fetch(adresse, { headers })
    const texte = await res.text()
    if (res.status !== 200) throw new Error(`${role}: GET ${chemin} → ${res.status} ${texte.slice(0, 300)}`)
    if (adresse === url) lecture = (res.headers.get('x-lecture-liste') as 'directe' | 'rapide' | null) ?? 'payload'
    return texte
  }
  const appel = () => appelSur(url)
  // Without the fast path: an extra parameter it leaves to Payload, with no effect on the result.
  const appelPayload = () => appelSur(`${url}&pagination=true`)

  // The same WHERE Payload builds: the query's filters AND the collection's read-access
  // constraint (src/access/roles.ts, lectureParDossier), then its COUNT(*) for pagination.
  const filtre = sql`status = ${STATUT} AND opco_id = ${monde.opcoA.id}${predicatAcces(role, monde)}`
  const requete = sql`SELECT * FROM dossiers WHERE ${filtre} ORDER BY created_at DESC LIMIT 50`
  const compte = sql`SELECT count(*) AS total FROM dossiers WHERE ${filtre}`

  // The ratio only means something if both sides return the same rows: check once, up front.
  const premiere = JSON.parse(await appel()) as { docs: { id: number | string }[]; totalDocs: number }
  const lignes = await requeteSql<{ id: number | string }>(s.payload, undefined, requete)
  const [total] = await requeteSql<{ total: number | string }>(s.payload, undefined, compte)
  if (!isDeepStrictEqual(JSON.parse(await appelPayload()), premiere)) throw new Error(`${role}: la lecture rapide et la route de Payload ne répondent pas la même chose`)
  const idsApi = premiere.docs.map((d) => String(d.id)).join(',')
  const idsSql = lignes.map((l) => String(l.id)).join(',')
  if (idsApi !== idsSql || premiere.totalDocs !== Number(total?.total)) {
    throw new Error(
      `${role}: l'API et le SQL « équivalent » ne renvoient pas les mêmes dossiers ` +
        `(API ${premiere.docs.length} docs / total ${premiere.totalDocs}, SQL ${lignes.length} / ${total?.total})`,
    )
  }
  const octets = Buffer.byteLength(await appel())
  const plans = { requete: await plan(s, requete), compte: await plan(s, compte) }

  const sqlEtCount = async () => {
    // Sequential, as Payload does: its findMany awaits the COUNT before the SELECT.
    await requeteSql(s.payload, undefined, compte)
    await requeteSql(s.payload, undefined, requete)
  }
  // Two passes, each interleaved with its own SQL baseline: Payload's route leaves ten times more
  // garbage per request than the measured one, and interleaved with it the collections it
  // triggers landed on the requests measured next (+2 ms p50 on the SQLite list, bench/README.md).
  const [api, sqlSeul, sqlAvecCount] = (await chronometrerEntrelace(
    [appel, () => requeteSql(s.payload, undefined, requete), sqlEtCount],
    repetitions,
    echauffement,
  )) as [Stats, Stats, Stats]
  const [apiPayload, sqlAvecCountPayload] = (await chronometrerEntrelace([appelPayload, sqlEtCount], repetitions, echauffement)) as [Stats, Stats]

  const r: MesureRole = {
    role,
    compte: email,
    chemin,
    totalDocs: premiere.totalDocs,
    docsRenvoyes: premiere.docs.length,
    octetsReponse: octets,
    api,
    apiPayload,
    lecture,
    sql: sqlSeul,
    sqlAvecCount,
    ratioP50: Math.round((api.p50 / sqlAvecCount.p50) * 10) / 10,
    ratioP50RequeteSeule: Math.round((api.p50 / sqlSeul.p50) * 10) / 10,
    ratioP50Payload: Math.round((apiPayload.p50 / sqlAvecCountPayload.p50) * 10) / 10,
    plans,
  }
  process.stdout.write(
    `  ${role.padEnd(5)} ${String(r.totalDocs).padStart(6)} lignes  API p50 ${api.p50.toFixed(2)} ms  SQL+count p50 ${sqlAvecCount.p50.toFixed(2)} ms  ×${r.ratioP50} (${lecture}) ; route de Payload p50 ${apiPayload.p50.toFixed(2)} ms ×${r.ratioP50Payload}\n`,
  )
  if (process.env.BENCH_EXPLAIN) {
    process.stdout.write(`    SELECT: ${plans.requete.join(' | ')}\n    COUNT:  ${plans.compte.join(' | ')}\n`)
  }
  return r
}

async function main(): Promise<void> {
  if (kind === 'postgres') {
    process.env.TEST_DB = 'postgres'
    process.env.TEST_DATABASE_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  } else {
    delete process.env.TEST_DB
  }
  const t0 = performance.now()
  const s = await demarrerServeur(`bench_${kind}_${taille}`)
  const demarrageSecondes = (performance.now() - t0) / 1000
  process.stdout.write(`  serveur prêt en ${demarrageSecondes.toFixed(1)} s sur ${s.url} (${s.base.kind})\n`)

  let arrete = false
  const arreter = async () => {
    if (arrete) return
    arrete = true
    await s.arreter()
  }
  // Ctrl-C must not leave a `next start` running nor a bench database behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void arreter().finally(() => process.exit(130)))
  }

  try {
    const monde = await creerMonde(s.payload)
    const insertion = await insererDossiersEnMasse(s.payload, monde, taille, { bavard: true })
    const roles: MesureRole[] = []
    roles.push(await mesurerRole(s, monde, 'admin', monde.admin.email))
    roles.push(await mesurerRole(s, monde, 'user', monde.userA.email))
    roles.push(await mesurerRole(s, monde, 'opco', monde.opcoUserA.email))
    const resultat: ResultatScenario = { db: kind, taille, demarrageSecondes, insertion, roles }
    if (sortie) fs.writeFileSync(sortie, JSON.stringify(resultat))
  } catch (e) {
    process.stderr.write(`\n--- journal du serveur ---\n${s.journal().slice(-4000)}\n`)
    throw e
  } finally {
    await arreter()
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  },
)
