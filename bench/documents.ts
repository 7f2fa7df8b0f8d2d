import fs from 'node:fs'
import { createLocalReq } from 'payload'
import { creerMonde, richText } from '@/tests/helpers/fixtures'
import { demarrerPayload } from '@/tests/helpers/payload'
import { chargerEntrees } from '@/src/services/documents'
import { demanderGeneration } from '@/src/services/generation'
import { fermerRenderer, htmlDocument, navigateurPartage, processusNavigateur } from '@/src/pdf/renderer'
import { env } from '@/src/config/env'

/**
 * Documents bench, in its own process (started by bench/run.ts, result as JSON in BENCH_OUT):
 * N conventions through the product pipeline (generation rows → jobs → model → template →
 * Chromium → stored document) against a raw loop of `setContent` + `pdf` on the same HTML, with
 * the same browser and as many pages at once as the pool, in the same run; then the memory of
 * Node and of Chromium before and after producing M more documents.
 */

export interface ResultatDocuments {
  n: number
  pages: number
  pipeline: { secondes: number; docsParSeconde: number }
  brut: { secondes: number; docsParSeconde: number }
  /** Pipeline throughput / raw throughput (1 = the pipeline costs nothing over Chromium). */
  ratio: number
  memoire: { documents: number; nodeAvantMo: number; nodeApresMo: number; chromiumAvantMo: number; chromiumApresMo: number }
}

const N = Number(process.env.BENCH_DOCUMENTS ?? 200)
const M = Number(process.env.BENCH_DOCUMENTS_MEMOIRE ?? 1000)
const sortie = process.env.BENCH_OUT

/** Resident memory of a process and all its descendants (Chromium's renderer, GPU… processes), in MB. */
function rssArbreMo(racine: number | undefined): number {
  if (!racine) return 0
  const enfants = new Map<number, number[]>()
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      enfants.set(ppid, [...(enfants.get(ppid) ?? []), Number(d)])
    } catch {
      /* process gone meanwhile */
    }
  }
  let total = 0
  const pile = [racine]
  while (pile.length > 0) {
    const pid = pile.pop()!
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
      total += m ? Number(m[1]) : 0
    } catch {
      /* gone */
    }
    pile.push(...(enfants.get(pid) ?? []))
  }
  return Math.round(total / 1024)
}

const rssNodeMo = () => Math.round(process.memoryUsage().rss / 1024 / 1024)

async function main(): Promise<void> {
  // Chromium's handles are unref'd by the renderer (a server must be able to exit): this script
  // holds the event loop itself while it works.
  const maintien = setInterval(() => undefined, 1 << 30)
  const ctx = await demarrerPayload('bench_documents')
  const { payload } = ctx
  try {
    const monde = await creerMonde(payload)
    const req = await createLocalReq({}, payload)
    const total = N + M + 1
    const dossiers: number[] = []
    for (let i = 0; i < total; i++) {
      const d = await payload.create({
        collection: 'dossiers',
        data: {
          typeFormation: 'formation',
          status: 'valide',
          owner: monde.userA.id,
          company: monde.companyA.id,
          opco: monde.opcoA.id,
          beneficiaire: { nom: `Nom${i}`, prenom: 'Prénom', email: `b${i}@exemple.fr` },
          formation: {
            titre: 'Excel avancé : tableaux croisés dynamiques',
            objectifs: richText('Construire des tableaux croisés dynamiques.', 'Automatiser les imports avec Power Query.'),
            programme: Array.from({ length: 12 }, (_, j) => `Séquence ${j + 1} : contenu détaillé de la séquence.`).join('\n'),
            organisme: monde.provider.id,
            dureeHeures: 21,
            dateDebut: '2027-03-01',
            dateFin: '2027-03-03',
            lieu: 'Lyon',
            modalite: 'presentiel',
          },
          coutTotalHT: 210000,
        } as never,
      })
      dossiers.push(d.id)
    }
    const produire = async (ids: number[], etiquette: string) => {
      for (const id of ids) await demanderGeneration(req, { dossier: id, documentType: 'convention', cle: `bench:${etiquette}:${String(id)}` })
      // Jobs of one run execute concurrently; the renderer's pool bounds the pages at work.
      const enAttente = { and: [{ completedAt: { exists: false } }, { hasError: { not_equals: true } }] }
      while ((await payload.count({ collection: 'payload-jobs' as never, where: enAttente as never })).totalDocs > 0) {
        await payload.jobs.run({ limit: 200 })
      }
    }

    // Warm-up: the browser, the pool's pages, the template code paths.
    await produire(dossiers.slice(0, 1), 'echauffement')
    const html = htmlDocument('convention', await chargerEntrees(req, { id: 0, dossier: dossiers[1]!, documentType: 'convention', cle: 'bench', version: 1, statut: 'en_attente', updatedAt: '', createdAt: '' }))
    const pages = env().pdfPoolSize
    const navigateur = await navigateurPartage()

    // Raw baseline: the same HTML, the same browser, as many pages at once as the pool.
    const brutes = await Promise.all(Array.from({ length: pages }, () => navigateur.newPage()))
    for (const p of brutes) {
      await p.setJavaScriptEnabled(false)
      await p.setContent(html, { waitUntil: 'load' })
      await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
    }
    let restant = N
    const t0 = performance.now()
    await Promise.all(
      brutes.map(async (p) => {
        while (restant > 0) {
          restant--
          await p.setContent(html, { waitUntil: 'load' })
          await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
        }
      }),
    )
    const brut = (performance.now() - t0) / 1000
    for (const p of brutes) await p.close()

    const t1 = performance.now()
    await produire(dossiers.slice(1, 1 + N), 'pipeline')
    const pipeline = (performance.now() - t1) / 1000
    const produits = await payload.count({ collection: 'documents', where: { origin: { equals: 'generated' } } })
    if (produits.totalDocs !== N + 1) throw new Error(`${produits.totalDocs} documents produits au lieu de ${N + 1} : la mesure ne vaut rien`)

    global.gc?.()
    const nodeAvantMo = rssNodeMo()
    const chromiumAvantMo = rssArbreMo(processusNavigateur()?.pid)
    for (let i = 1 + N; i < total; i += 100) await produire(dossiers.slice(i, Math.min(total, i + 100)), 'memoire')
    global.gc?.()
    const resultat: ResultatDocuments = {
      n: N,
      pages,
      pipeline: { secondes: pipeline, docsParSeconde: N / pipeline },
      brut: { secondes: brut, docsParSeconde: N / brut },
      ratio: N / pipeline / (N / brut),
      memoire: { documents: M, nodeAvantMo, nodeApresMo: rssNodeMo(), chromiumAvantMo, chromiumApresMo: rssArbreMo(processusNavigateur()?.pid) },
    }
    if (sortie) fs.writeFileSync(sortie, JSON.stringify(resultat))
    else console.log(JSON.stringify(resultat, null, 2))
  } finally {
    await fermerRenderer()
    await ctx.fermer()
    clearInterval(maintien)
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
