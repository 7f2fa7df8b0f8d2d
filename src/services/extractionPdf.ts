import path from 'node:path'
import { pathToFileURL } from 'node:url'
import Tinypool from 'tinypool'

/**
 * The text of an uploaded PDF (issue 19 item 3), read by pdf.js in a worker thread: a hostile
 * file (a parser loop, a bomb of objects, a huge page tree) can block or bloat that thread only,
 * which is stopped at the deadline or at its memory cap. Whatever happens, the answer is a value —
 * text, no text (a scan), or « illisible » with a reason — never an exception: an unreadable
 * document is a finding for a person, not a 5xx.
 *
 * The threads are kept warm in a small pool (tinypool): starting a thread and loading pdf.js for
 * each upload cost ≈ 130 ms of CPU, most of an upload's price under load. A thread stopped at a
 * deadline or killed by its memory cap is replaced; the files queued behind it are read by the next.
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

/**
 * pdf.js inside the worker: a plain JavaScript module handed to the pool as a data: URL, opaque
 * to the bundler (pdf.js itself is loaded from node_modules at run time, by absolute URL).
 */
const CODE_TRAVAILLEUR = String.raw`
export default async function lire(entree) {
  try {
    const { getDocument } = await import(entree.module)
    const tache = getDocument({ data: entree.data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false })
    const doc = await tache.promise
    const lignes = []
    let taille = 0
    const pagesLues = Math.min(doc.numPages, entree.pagesMax)
    for (let i = 1; i <= pagesLues && taille < entree.caracteresMax; i++) {
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
    return { ok: true, texte: lignes.join('\n').slice(0, entree.caracteresMax), pages, pagesLues }
  } catch (e) {
    return { ok: false, nom: String((e && e.name) || 'Error'), message: String((e && e.message) || e).slice(0, 200) }
  }
}
`
const MODULE_TRAVAILLEUR = `data:text/javascript;base64,${Buffer.from(CODE_TRAVAILLEUR).toString('base64')}`

/** pdf.js's own build for Node, from the app's node_modules (the server runs from the project folder). */
const modulePdfJs = (): string => pathToFileURL(path.join(process.cwd(), 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.mjs')).href

type MessageTravailleur = { ok: true; texte: string; pages: number; pagesLues: number } | { ok: false; nom: string; message: string }

function raisonLisible(m: { nom: string; message: string }): string {
  if (m.nom === 'PasswordException') return 'document protégé par un mot de passe'
  if (m.nom === 'InvalidPDFException') return 'fichier PDF invalide ou endommagé'
  return 'fichier PDF impossible à lire'
}

/** One pool per memory cap (the cap is a thread's, fixed when it starts); two threads, so one hostile file never holds up every upload. */
const pools = new Map<number, Tinypool>()
function poolPour(memoireMo: number): Tinypool {
  let pool = pools.get(memoireMo)
  if (!pool) {
    pool = new Tinypool({
      filename: MODULE_TRAVAILLEUR,
      minThreads: 0,
      maxThreads: 2,
      // Warm between uploads, gone after a quiet minute (an idle thread is unref'd: it never keeps a process alive).
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: memoireMo, maxYoungGenerationSizeMb: 32 },
    })
    // A thread that dies before it takes a file (only with an absurdly low memory cap) is reported
    // by the pool as an 'error' event: unheard, it would take the whole process down. Its files end
    // at their deadline like any other.
    pool.on('error', () => undefined)
    pools.set(memoireMo, pool)
  }
  return pool
}

/** The text of a PDF, within the limits; never throws. */
export async function extraireTextePdf(octets: Uint8Array, limites: LimitesExtraction = LIMITES_EXTRACTION): Promise<ResultatExtraction> {
  if (octets.byteLength === 0) return { etat: 'illisible', raison: 'fichier vide' }
  if (octets.byteLength > limites.octetsMax) return { etat: 'illisible', raison: `fichier trop volumineux pour être lu (plus de ${Math.round(limites.octetsMax / 1024 / 1024)} Mo)` }
  // A copy: the worker owns (and pdf.js detaches) the bytes it is given.
  const data = new Uint8Array(octets)
  // The deadline runs from the request: a file waiting behind a hostile one waits at most that long too.
  const delai = AbortSignal.timeout(limites.delaiMs)
  let m: MessageTravailleur
  try {
    m = (await poolPour(limites.memoireMo).run(
      { module: modulePdfJs(), data, pagesMax: limites.pagesMax, caracteresMax: limites.caracteresMax },
      { signal: delai, transferList: [data.buffer] },
    )) as MessageTravailleur
  } catch (e) {
    if (delai.aborted) return { etat: 'illisible', raison: `lecture trop longue (plus de ${Math.round(limites.delaiMs / 1000)} s)` }
    return { etat: 'illisible', raison: /memory|heap/i.test(String((e as Error | undefined)?.message ?? e)) ? 'document trop lourd à lire' : 'fichier PDF impossible à lire' }
  }
  if (!m.ok) return { etat: 'illisible', raison: raisonLisible(m) }
  // A page of a few characters (a page number, a stamp) is not text one can compare.
  if (m.texte.replace(/\s+/g, '').length < 20) return { etat: 'sans_texte', pages: m.pages }
  return { etat: 'texte', texte: m.texte, pages: m.pages, pagesLues: m.pagesLues }
}
