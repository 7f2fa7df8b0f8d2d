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
