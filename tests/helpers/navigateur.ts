import fs from 'node:fs'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'

/** Debian's Chromium (puppeteer's own download is unreachable here), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => fs.existsSync(p))

/** Headless Chromium with the flags that keep it off the (closed) network. */
export async function lancerChromium(): Promise<Browser> {
  fs.mkdirSync('test-results', { recursive: true })
  const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  if (CHROMIUM) return puppeteer.launch({ executablePath: CHROMIUM, headless: true, args })
  // A machine with only Node and npm: the Chromium shipped inside the npm package, as the app does.
  const { default: chromium } = await import('@sparticuz/chromium')
  return puppeteer.launch({ executablePath: await chromium.executablePath(), headless: true, args: [...new Set([...chromium.args, ...args])] })
}

/** Logs into the admin panel through its own login form. */
export async function connexionAdmin(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/admin/login`, { waitUntil: 'networkidle2' })
  await page.waitForSelector('input[name="email"]')
  await page.type('input[name="email"]', email)
  await page.type('input[name="password"]', password)
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle2' }).catch(() => undefined), page.click('button[type="submit"]')])
}

/**
 * Replaces the field's text as a user would (select all, erase, type). A triple-click's selection
 * was lost once under CI load and the typing landed in front of the old amount (« 1 260,00999,00 € »,
 * rightly refused by the server): the field is checked empty before typing and holding exactly the
 * typed text after, so a lost keystroke fails here, not as a puzzling save.
 */
export async function remplacerSaisie(page: Page, selecteur: string, texte: string): Promise<void> {
  const valeur = () => page.$eval(selecteur, (e) => (e as HTMLInputElement).value)
  for (let essai = 0; essai < 5 && (await valeur()) !== ''; essai++) {
    await page.focus(selecteur)
    await page.$eval(selecteur, (e) => (e as HTMLInputElement).select())
    await page.keyboard.press('Backspace')
  }
  if ((await valeur()) !== '') throw new Error(`Le champ ${selecteur} ne se vide pas : « ${await valeur()} »`)
  await page.type(selecteur, texte)
  await page.waitForFunction((sel, t) => (document.querySelector(sel) as HTMLInputElement | null)?.value === t, { timeout: 10_000 }, selecteur, texte)
}
