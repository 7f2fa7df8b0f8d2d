import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

/**
 * The text of an uploaded PDF (issue 19 item 3), read by pdf.js in a worker thread of its own:
 * a hostile file (a parser loop, a bomb of objects, a huge page tree) can block or bloat that
 * thread only, which is stopped at the deadline or at its memory cap. Whatever happens, the
 * answer is a value — text, no text (a scan), or « illisible » with a reason — never an exception:
 * an unreadable document is a finding for a person, not a 5xx.
 */

export interface LimitesExtraction {
  /** Larger files are not parsed at all. */
  octetsMax: number
  /** Only the first pages are read (a devis, a programme, a convention: a few pages). */
  pagesMax: number
  /** Text kept beyond this is dropped. */
  caracteresMax: number
  /** The worker is stopped after this. */
  delaiMs: number
  /** Heap cap of the worker (MB). */
  memoireMo: number
}

export const LIMITES_EXTRACTION: LimitesExtraction = { octetsMax: 10 * 1024 * 1024, pagesMax: 30, caracteresMax: 100_000, delaiMs: 10_000, memoireMo: 256 }

export type ResultatExtraction =
  | { etat: 'texte'; texte: string; pages: number; pagesLues: number }
  /** A PDF whose pages carry no text (a scan, an image), or an image file. */
  | { etat: 'sans_texte'; pages: number }
  | { etat: 'illisible'; raison: string }

/** pdf.js inside the worker: plain JavaScript, opaque to the bundler (the module is loaded from node_modules at run time). */
const CODE_TRAVAILLEUR = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
;(async () => {
  const { getDocument } = await import(workerData.module)
  const tache = getDocument({ data: workerData.data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false })
  const doc = await tache.promise
  const lignes = []
  let taille = 0
  const pagesLues = Math.min(doc.numPages, workerData.pagesMax)
  for (let i = 1; i <= pagesLues && taille < workerData.caracteresMax; i++) {
    const page = await doc.getPage(i)
    const contenu = await page.getTextContent()
    let ligne = ''
    let y = null
    let finX = null
    for (const item of contenu.items) {
      if (typeof item.str !== 'string') continue
      const x = item.transform[4]
      const yItem = item.transform[5]
      if (y !== null && Math.abs(yItem - y) > 2) {
        lignes.push(ligne)
        taille += ligne.length
        ligne = ''
        finX = null
      } else if (finX !== null && x - finX > 1 && ligne !== '' && !/\s$/.test(ligne) && !/^\s/.test(item.str)) {
        // Two pieces of text apart on the same line (table cells): a space between them.
        ligne += ' '
      }
      ligne += item.str
      y = yItem
      finX = x + (item.width || 0)
      if (item.hasEOL) {
        lignes.push(ligne)
        taille += ligne.length
        ligne = ''
        y = null
        finX = null
      }
    }
    if (ligne !== '') lignes.push(ligne)
    lignes.push('')
    page.cleanup()
  }
  const pages = doc.numPages
  await doc.destroy()
  return { ok: true, texte: lignes.join('\n').slice(0, workerData.caracteresMax), pages, pagesLues }
})().then(
  (r) => parentPort.postMessage(r),
  (e) => parentPort.postMessage({ ok: false, nom: String((e && e.name) || 'Error'), message: String((e && e.message) || e).slice(0, 200) }),
)
`

/** pdf.js's own build for Node, from the app's node_modules (the server runs from the project folder). */
const modulePdfJs = (): string => pathToFileURL(path.join(process.cwd(), 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.mjs')).href

type MessageTravailleur = { ok: true; texte: string; pages: number; pagesLues: number } | { ok: false; nom: string; message: string }

function raisonLisible(m: { nom: string; message: string }): string {
  if (m.nom === 'PasswordException') return 'document protégé par un mot de passe'
  if (m.nom === 'InvalidPDFException') return 'fichier PDF invalide ou endommagé'
  return 'fichier PDF impossible à lire'
}

/** The text of a PDF, within the limits; never throws. */
export function extraireTextePdf(octets: Uint8Array, limites: LimitesExtraction = LIMITES_EXTRACTION): Promise<ResultatExtraction> {
  if (octets.byteLength === 0) return Promise.resolve({ etat: 'illisible', raison: 'fichier vide' })
  if (octets.byteLength > limites.octetsMax) return Promise.resolve({ etat: 'illisible', raison: `fichier trop volumineux pour être lu (plus de ${Math.round(limites.octetsMax / 1024 / 1024)} Mo)` })
  return new Promise((resolve) => {
    let fini = false
    let travailleur: Worker
    const terminer = (r: ResultatExtraction) => {
      if (fini) return
      fini = true
      clearTimeout(minuteur)
      resolve(r)
      void travailleur?.terminate().catch(() => undefined)
    }
    const minuteur = setTimeout(() => terminer({ etat: 'illisible', raison: `lecture trop longue (plus de ${Math.round(limites.delaiMs / 1000)} s)` }), limites.delaiMs)
    try {
      // A copy: the worker owns (and pdf.js detaches) the bytes it is given.
      const data = new Uint8Array(octets)
      travailleur = new Worker(CODE_TRAVAILLEUR, {
        eval: true,
        workerData: { module: modulePdfJs(), data, pagesMax: limites.pagesMax, caracteresMax: limites.caracteresMax },
        transferList: [data.buffer],
        resourceLimits: { maxOldGenerationSizeMb: limites.memoireMo, maxYoungGenerationSizeMb: 32 },
        stdout: true,
        stderr: true,
      })
    } catch {
      terminer({ etat: 'illisible', raison: 'lecteur de PDF indisponible' })
      return
    }
    // pdf.js's warnings (missing canvas, fonts) are of no use here.
    travailleur.stdout.resume()
    travailleur.stderr.resume()
    travailleur.on('message', (m: MessageTravailleur) => {
      if (!m.ok) return terminer({ etat: 'illisible', raison: raisonLisible(m) })
      // A page of a few characters (a page number, a stamp) is not text one can compare.
      if (m.texte.replace(/\s+/g, '').length < 20) return terminer({ etat: 'sans_texte', pages: m.pages })
      terminer({ etat: 'texte', texte: m.texte, pages: m.pages, pagesLues: m.pagesLues })
    })
    travailleur.on('error', (e) => terminer({ etat: 'illisible', raison: /memory|heap/i.test(String(e?.message)) ? 'document trop lourd à lire' : 'fichier PDF impossible à lire' }))
    travailleur.on('exit', () => terminer({ etat: 'illisible', raison: 'fichier PDF impossible à lire' }))
  })
}
