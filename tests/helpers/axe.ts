import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'puppeteer-core'

const require = createRequire(import.meta.url)
// axe-core's own bundle, read from node_modules and injected into the page (no network).
const SOURCE_AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export interface Violation {
  id: string
  impact: string | null
  help: string
  cibles: string[]
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and returns the violations
 * whose impact is serious or critical, with the offending elements' selectors.
 */
export async function violationsGraves(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined'))) {
    await page.evaluate(SOURCE_AXE)
  }
  const resultats = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
  })) as { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string }[] }[] }
  return resultats.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, cibles: v.nodes.slice(0, 5).map((n) => `${n.target.map(String).join(' ')} ${n.html.slice(0, 160)}`) }))
}
