/**
 * Screenshots for the user guides (docs/captures/*.png, shown by /aide). The e2e tests take them
 * at 1280×800 (the visible window, not the whole page: small files that read like what a user
 * sees). They always go to test-results/captures-docs/ (CI artifacts); docs/captures/ is written
 * only with CAPTURES_DOCS=1 (`npm run docs:captures`), so a plain test run leaves the git tree
 * as it found it and the committed images change only when someone means to.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'puppeteer-core'
import { NOM_CAPTURE } from '@/src/domain/guides'

export const DOSSIER_CAPTURES_TESTS = path.resolve('test-results/captures-docs')
export const DOSSIER_CAPTURES_DOCS = path.resolve('docs/captures')

/** `nom` without extension (`admin-tableau-de-bord`); `voir` scrolls that element into view first. */
export async function captureDoc(page: Page, nom: string, voir?: string): Promise<void> {
  const fichier = `${nom}.png`
  if (!NOM_CAPTURE.test(fichier)) throw new Error(`nom de capture invalide : ${nom}`)
  const avant = page.viewport()
  // Same mobile/touch flags as before: changing them makes puppeteer reload the page.
  await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1, isMobile: avant?.isMobile ?? false, hasTouch: avant?.hasTouch ?? false })
  if (voir) await page.$eval(voir, (el) => el.scrollIntoView({ block: 'start' }))
  else await page.evaluate(() => window.scrollTo(0, 0))
  // Let the layout settle after the resize (fonts, client components measuring themselves).
  await page.waitForNetworkIdle({ idleTime: 300, timeout: 10_000 }).catch(() => undefined)
  const png = await page.screenshot({ type: 'png' })
  const dossiers = [DOSSIER_CAPTURES_TESTS, ...(process.env.CAPTURES_DOCS === '1' ? [DOSSIER_CAPTURES_DOCS] : [])]
  for (const dossier of dossiers) {
    fs.mkdirSync(dossier, { recursive: true })
    fs.writeFileSync(path.join(dossier, fichier), png)
  }
  if (avant) await page.setViewport(avant)
}
