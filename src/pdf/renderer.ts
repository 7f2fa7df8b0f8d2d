/**
 * PDF renderer: one warm headless Chromium, a small pool of pages, no network, no JavaScript.
 *
 * Why this shape (STACK-NOTES, "PDF throughput"): launching Chromium costs ≈ 0.3 s, a render on a
 * warm page ≈ 50 ms; 2–3 pages in parallel saturate 2 cores. So the browser is launched once,
 * lazily, and kept; PDF_POOL_SIZE pages render at the same time, further renders wait their turn.
 *
 * Safety: templates escape every value, and the page can still load nothing — JavaScript is off,
 * every request except the document itself is aborted, the browser is started with a dead proxy
 * and no background services, and the HTML carries a CSP that forbids every fetch. A beneficiary
 * named `<img src=http://…>` prints as text and costs no request.
 *
 * Crashes: if Chromium dies (OOM killer, SIGKILL), the renders in flight reject with
 * ErreurRenduPdf (the calling job retries), and the next render launches a fresh browser.
 *
 * Server-only (child process, Node streams): never import it from a client component.
 */
import type { ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core'
import { configurationDocuments, type ConfigurationDocuments } from '@/src/config/documents'
import { env } from '@/src/config/env'
import type { EntreesDocument, TypeDocument } from '@/src/domain/documents/types'
import { rendreHtmlDocument } from '@/templates/pdf/index'
import { compterRenduPdf } from '@/src/services/metriques'

export type TypeDocumentGenere = TypeDocument

/** Flags of STACK-NOTES, plus everything that keeps Chromium off the network. */
export const ARGUMENTS_CHROMIUM: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--metrics-recording-only',
  '--no-pings',
  '--mute-audio',
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions',
  // Anything that slipped past request interception would go to a closed port (9, discard) —
  // loopback included (`<-loopback>` removes its implicit bypass) — and no name is ever resolved.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
]

/** A render that failed because of the browser (crash, closed page, timeout): retry the job. */
export class ErreurRenduPdf extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ErreurRenduPdf'
  }
}

/** One page of the pool, tied to the browser that created it. */
interface PagePool {
  page: Page
  navigateur: Browser
}

interface Etat {
  navigateur: Browser
  libres: PagePool[]
}

/**
 * `rendu` events ({ etape: 'contenu' | 'pdf', processus }) at each step of a render, and
 * `deconnexion` ({ processus }) when a browser goes away: let a test act at a known point (kill
 * the browser in the middle of a render, wait until a crash is noticed) without timing.
 */
export const evenementsRenderer = new EventEmitter()

let lancement: Promise<Etat> | null = null
let etat: Etat | null = null
let enCours = 0
const enAttente: (() => void)[] = []
/** Keeps the event loop alive while a render runs (the browser's own handles are unref'd). */
let maintien: NodeJS.Timeout | null = null
/** Requests aborted since start-up: observable proof that the page tried and got nothing. */
let requetesBloquees = 0

const DELAI_RENDU_MS = 60_000

/**
 * The browser: the system's Chromium (CHROMIUM_PATH or Debian's), else — on a machine with only
 * Node and npm — the Chromium binary shipped inside the npm package @sparticuz/chromium (extracted
 * to the temporary folder on first use, fonts included).
 */
export async function navigateurPdf(): Promise<{ chemin: string; origine: 'systeme' | 'embarque'; arguments: string[] }> {
  const { chromiumPath, pdfNavigateur } = env()
  if (pdfNavigateur !== 'embarque' && chromiumPath) return { chemin: chromiumPath, origine: 'systeme', arguments: [...ARGUMENTS_CHROMIUM] }
  if (pdfNavigateur === 'systeme') {
    throw new ErreurRenduPdf('Chromium introuvable : installez le paquet Debian `chromium` (/usr/lib/chromium/chromium) ou définissez CHROMIUM_PATH.')
  }
  const { default: chromium } = await import('@sparticuz/chromium')
  // Its own flags first (single process, no GPU…), then ours (no network, no sandbox).
  return { chemin: await chromium.executablePath(), origine: 'embarque', arguments: [...new Set([...chromium.args, ...ARGUMENTS_CHROMIUM, '--no-sandbox'])] }
}

/**
 * The browser's process and pipes must not keep Node alive by themselves: a script that forgets
 * fermerRenderer() still exits, and puppeteer's exit hook then kills Chromium's process group.
 * During a render, `maintien` keeps the loop alive instead.
 */
function detacherDeLaBoucle(navigateur: Browser): void {
  const processus = navigateur.process()
  if (!processus) return
  processus.unref()
  for (const flux of processus.stdio) (flux as { unref?: () => void } | null)?.unref?.()
}

async function lancer(): Promise<Etat> {
  const { chemin: executablePath, arguments: args } = await navigateurPdf()
  let navigateur: Browser
  try {
    navigateur = await puppeteer.launch({
      executablePath,
      headless: true,
      // Pipes, not a WebSocket: no port is opened on the machine.
      pipe: true,
      args,
      // The server decides how it stops; puppeteer's exit hook still kills Chromium on exit.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      protocolTimeout: DELAI_RENDU_MS,
    })
  } catch (err) {
    throw new ErreurRenduPdf(`Impossible de lancer Chromium (${executablePath}) : ${(err as Error).message}`, { cause: err })
  }
  detacherDeLaBoucle(navigateur)
  const nouvelEtat: Etat = { navigateur, libres: [] }
  navigateur.once('disconnected', () => {
    // Crash or close: forget this browser; the next render launches another one.
    if (etat === nouvelEtat) etat = null
    evenementsRenderer.emit('deconnexion', { processus: navigateur.process() })
  })
  return nouvelEtat
}

async function navigateurCourant(): Promise<Etat> {
  if (etat && etat.navigateur.connected) return etat
  etat = null
  lancement ??= lancer().then(
    (e) => {
      etat = e
      lancement = null
      return e
    },
    (err: unknown) => {
      lancement = null
      throw err
    },
  )
  return lancement
}

function bloquerReseau(requete: HTTPRequest): void {
  if (requete.isInterceptResolutionHandled()) return
  const url = requete.url()
  // The document itself (setContent writes into about:blank) and embedded data: images only.
  if (url === 'about:blank' || url.startsWith('data:')) {
    void requete.continue().catch(() => undefined)
    return
  }
  requetesBloquees++
  void requete.abort('blockedbyclient').catch(() => undefined)
}

async function nouvellePage(e: Etat): Promise<PagePool> {
  const page = await e.navigateur.newPage()
  await page.setJavaScriptEnabled(false)
  await page.setRequestInterception(true)
  page.on('request', bloquerReseau)
  page.setDefaultTimeout(DELAI_RENDU_MS)
  return { page, navigateur: e.navigateur }
}

async function acquerirPlace(): Promise<void> {
  if (enCours < env().pdfPoolSize) {
    enCours++
    return
  }
  await new Promise<void>((resolve) => enAttente.push(resolve))
}

function libererPlace(): void {
  const suivant = enAttente.shift()
  // The slot passes directly to the next waiter: enCours stays the same.
  if (suivant) suivant()
  else enCours--
}

function tenirBoucle(): void {
  maintien ??= setInterval(() => undefined, 1 << 30)
}

function relacherBoucle(): void {
  if (enCours === 0 && enAttente.length === 0 && maintien) {
    clearInterval(maintien)
    maintien = null
  }
}

async function fermerPage(p: PagePool): Promise<void> {
  await p.page.close().catch(() => undefined)
}

/** Renders a self-contained HTML document to an A4 PDF. */
export async function rendrePdf(documentHtml: string): Promise<Uint8Array> {
  if (typeof documentHtml !== 'string' || documentHtml === '') throw new TypeError('rendrePdf attend un document HTML non vide.')
  tenirBoucle()
  await acquerirPlace()
  let p: PagePool | null = null
  let navigateur: Browser | null = null
  const debut = performance.now()
  let reussi = false
  try {
    const e = await navigateurCourant()
    navigateur = e.navigateur
    // A reused page keeps, through setContent's document.open(), the CSP of the documents it
    // rendered before. That can only forbid more (our templates all carry the same CSP), never
    // less; resetting the page with a navigation to about:blank would cost ≈ 25 ms a document.
    p = e.libres.pop() ?? (await nouvellePage(e))
    evenementsRenderer.emit('rendu', { etape: 'contenu', processus: p.navigateur.process() })
    await p.page.setContent(documentHtml, { waitUntil: 'load', timeout: DELAI_RENDU_MS })
    evenementsRenderer.emit('rendu', { etape: 'pdf', processus: p.navigateur.process() })
    const pdf = await p.page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      timeout: DELAI_RENDU_MS,
    })
    // Back to the pool only if its browser is still the current one.
    if (etat && etat.navigateur === p.navigateur && p.navigateur.connected && !p.page.isClosed()) {
      etat.libres.push(p)
    } else {
      await fermerPage(p)
    }
    p = null
    reussi = true
    return pdf
  } catch (err) {
    if (err instanceof ErreurRenduPdf) throw err
    const mort = navigateur !== null && !navigateur.connected
    throw new ErreurRenduPdf(
      mort
        ? 'Le navigateur Chromium s’est arrêté pendant le rendu du PDF ; la génération sera relancée sur un navigateur neuf.'
        : `Échec du rendu PDF : ${(err as Error)?.message ?? String(err)}`,
      { cause: err },
    )
  } finally {
    compterRenduPdf(reussi, (performance.now() - debut) / 1000)
    // A page that failed is never reused (its state is unknown).
    if (p) await fermerPage(p)
    libererPlace()
    relacherBoucle()
  }
}

/** Closes the browser (tests' afterAll, shutdown). A later render launches a new one. */
export async function fermerRenderer(): Promise<void> {
  const attente = lancement
  const e = etat ?? (attente ? await attente.catch(() => null) : null)
  etat = null
  if (!e) return
  await e.navigateur.close().catch(async () => {
    // Already dead or unresponsive: make sure the process is gone.
    e.navigateur.process()?.kill('SIGKILL')
  })
}

/** The current Chromium process, if a browser is running (tests kill it to simulate a crash). */
export function processusNavigateur(): ChildProcess | null {
  return etat?.navigateur.connected ? etat.navigateur.process() : null
}

/**
 * The warm browser itself (launched if needed): the bench renders the same HTML on it with raw
 * `setContent` + `pdf` calls, so pipeline and baseline share one Chromium.
 */
export async function navigateurPartage(): Promise<Browser> {
  return (await navigateurCourant()).navigateur
}

/** Requests the pages attempted and were refused, since start-up. */
export function nombreRequetesBloquees(): number {
  return requetesBloquees
}

// ---------------------------------------------------------------------------------------------
// Documents: model → template → PDF

/** Loose input as read from the Local API (plain records); the model checks every value. */
export interface EntreesBrutes {
  dossier: object
  entreprise?: object | null
  organisme?: object | null
  opco?: object | null
  facture?: object | null
  dateEdition?: string | null
}

function dateDuJour(): string {
  return new Date().toISOString()
}

/** The HTML of a document (no browser): the bench compares it with a raw rendering loop. */
export function htmlDocument(type: TypeDocumentGenere, entrees: EntreesBrutes | EntreesDocument, config: ConfigurationDocuments = configurationDocuments()): string {
  const e = entrees as EntreesDocument
  return rendreHtmlDocument(type, { ...e, dateEdition: e.dateEdition ?? dateDuJour() }, config)
}

/** The PDF of a document: what the generation job stores. */
export async function genererPdfDocument(
  type: TypeDocumentGenere,
  entrees: EntreesBrutes | EntreesDocument,
  config: ConfigurationDocuments = configurationDocuments(),
): Promise<Uint8Array> {
  return rendrePdf(htmlDocument(type, entrees, config))
}
