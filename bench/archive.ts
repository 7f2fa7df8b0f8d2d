/**
 * The dossier archive (GET /api/dossiers/:id/archive) of a dossier with BENCH_ARCHIVE_DOCUMENTS
 * documents (default 100) of BENCH_ARCHIVE_MO MB each (default 1): the built app on SQLite, the
 * ZIP read over HTTP into a sink that keeps nothing, while the server process's RSS is sampled
 * (/proc, every 10 ms). Compared, in the same run and on the same server, with the RSS while one
 * document is downloaded through GET /api/documents/file/:name, while all of them are, one
 * after the other, and while the archive of a dossier with a tenth of the documents is. Figures only, no assertion. Writes its JSON result to BENCH_OUT (bench/run.ts)
 * or prints it: `NODE_OPTIONS=--conditions=development npx tsx bench/archive.ts`.
 */
import fs from 'node:fs'
import { creerDossier, creerMonde, MOT_DE_PASSE } from '@/tests/helpers/fixtures'
import { pdfDeTaille } from '@/tests/helpers/fichiers'
import { connecter, demarrerServeur } from '@/tests/helpers/serveur'
import { avecServeur, lancerScenario } from './mesure'

export interface MesureTelechargement {
  octets: number
  secondes: number
  /** Server RSS just before the download, and its highest sample during it (MB). */
  rssAvantMo: number
  rssPicMo: number
  croissanceMo: number
}

export interface ResultatArchive {
  documents: number
  octetsDocuments: number
  unDocument: MesureTelechargement
  tousLesDocuments: MesureTelechargement
  archive: MesureTelechargement
  /** The archive of a dossier with a tenth of the documents: growth that does not follow the size. */
  petiteArchive: MesureTelechargement & { documents: number }
  /** Archive's RSS growth / total size of the documents. */
  ratioTaille: number
  /** Archive's RSS growth / one document's RSS growth. */
  ratioUnDocument: number
  /** Archive's RSS growth / the growth while the same documents are downloaded one by one. */
  ratioTousLesDocuments: number
}

const Mo = (octets: number): number => Math.round((octets / 2 ** 20) * 10) / 10

/** The server process serving `url` (scripts/server.mjs, started by tests/helpers/serveur.ts). */
function pidServeur(url: string): number {
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      if (!fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('scripts/server.mjs')) continue
      if (fs.readFileSync(`/proc/${d}/environ`, 'utf8').split('\0').includes(`SERVER_URL=${url}`)) return Number(d)
    } catch {
      /* gone, or not ours */
    }
  }
  throw new Error(`processus du serveur ${url} introuvable dans /proc`)
}

const rss = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024

/** Reads each response into a sink that keeps nothing (counts bytes), sampling the server's RSS. */
async function mesurer(pid: number, urls: string[], headers: Record<string, string>): Promise<MesureTelechargement> {
  await new Promise((r) => setTimeout(r, 300))
  const avant = rss(pid)
  let pic = avant
  const echantillonneur = setInterval(() => (pic = Math.max(pic, rss(pid))), 10)
  let octets = 0
  const t0 = performance.now()
  try {
    for (const url of urls) {
      const res = await fetch(url, { headers })
      if (!res.ok || !res.body) throw new Error(`${url} : ${res.status} ${await res.text()}`)
      const lecteur = res.body.getReader()
      for (;;) {
        const { done, value } = await lecteur.read()
        if (done) break
        octets += value.byteLength
        pic = Math.max(pic, rss(pid))
      }
    }
  } finally {
    clearInterval(echantillonneur)
  }
  const secondes = (performance.now() - t0) / 1000
  pic = Math.max(pic, rss(pid))
  return { octets, secondes, rssAvantMo: Mo(avant), rssPicMo: Mo(pic), croissanceMo: Mo(pic - avant) }
}

async function main(): Promise<ResultatArchive> {
  delete process.env.TEST_DB
  const n = Number(process.env.BENCH_ARCHIVE_DOCUMENTS ?? 100)
  const taille = Math.round(Number(process.env.BENCH_ARCHIVE_MO ?? 1) * 2 ** 20)
  const s = await demarrerServeur('bench_archive')
  return avecServeur(s, async () => {
    const payload = s.payload
    const monde = await creerMonde(payload)
    const dossier = await creerDossier(payload, monde, 'A', 'envoye_opco')
    const dixieme = await creerDossier(payload, monde, 'A', 'envoye_opco')
    const petit = await creerDossier(payload, monde, 'A', 'envoye_opco')
    const deposer = async (dossierId: number, i: number) => {
      const contenu = pdfDeTaille(taille, `bench ${dossierId} ${i}`)
      const d = await payload.create({
        collection: 'documents',
        data: { dossier: dossierId, documentType: i % 3 === 0 ? 'feuille_emargement' : 'justificatif' } as never,
        file: { data: contenu, mimetype: 'application/pdf', name: `piece-${i}.pdf`, size: contenu.length },
      })
      return d.filename!
    }
    const noms: string[] = []
    for (let i = 0; i < n; i++) noms.push(await deposer(dossier.id, i))
    const nDixieme = Math.max(1, Math.round(n / 10))
    for (let i = 0; i < nDixieme; i++) await deposer(dixieme.id, i)
    await payload.create({
      collection: 'documents',
      data: { dossier: petit.id, documentType: 'devis' } as never,
      file: { data: pdfDeTaille(10_000, 'petit'), mimetype: 'application/pdf', name: 'devis.pdf', size: 10_000 },
    })
    const auth = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` }
    const pid = pidServeur(s.url)
    const fichier = (nom: string) => `${s.url}/api/documents/file/${encodeURIComponent(nom)}`
    // Warm-up: routes compiled, modules loaded, pools open — what is measured next is the streaming.
    await mesurer(pid, [fichier(noms[0]!), `${s.url}/api/dossiers/${petit.id}/archive`], auth)

    // The RSS a process reached is seldom given back: each row grows from the previous peak, so
    // the smaller measurements come first.
    const unDocument = await mesurer(pid, [fichier(noms[1]!)], auth)
    const petiteArchive = { documents: nDixieme, ...(await mesurer(pid, [`${s.url}/api/dossiers/${dixieme.id}/archive`], auth)) }
    const tousLesDocuments = await mesurer(pid, noms.map(fichier), auth)
    const archive = await mesurer(pid, [`${s.url}/api/dossiers/${dossier.id}/archive`], auth)
    const octetsDocuments = n * taille
    const resultat: ResultatArchive = {
      documents: n,
      octetsDocuments,
      unDocument,
      tousLesDocuments,
      archive,
      petiteArchive,
      ratioTaille: archive.croissanceMo / Mo(octetsDocuments),
      ratioUnDocument: unDocument.croissanceMo > 0 ? archive.croissanceMo / unDocument.croissanceMo : Number.NaN,
      ratioTousLesDocuments: tousLesDocuments.croissanceMo > 0 ? archive.croissanceMo / tousLesDocuments.croissanceMo : Number.NaN,
    }
    return resultat
  })
}

lancerScenario(main)
