/**
 * « Aide » served by the built app: every guide of docs/ as a French HTML page with its title,
 * the screenshots it shows as PNG, a French 404 for an unknown guide or image, and the portal's
 * header linking to the beneficiary's guide (the admin's links: tests/e2e/admin.test.ts and
 * workflow.test.ts, the admin nav being rendered in the browser).
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { GUIDES, imagesDuMarkdown } from '@/src/domain/guides'

let s: ServeurDeTest

beforeAll(async () => {
  s = await demarrerServeur('http-aide')
})
afterAll(async () => s?.arreter())

const texteDe = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim()

describe('/aide', () => {
  it('la page d’index liste tous les guides', async () => {
    const res = await fetch(`${s.url}/aide`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain('<html lang="fr"')
    for (const g of GUIDES) expect(html).toContain(`href="/aide/${g.slug}"`)
  })

  it.each(GUIDES.map((g) => [g.slug, g.fichier]))('/aide/%s sert %s en HTML, avec son titre et ses images', async (slug, fichier) => {
    const markdown = fs.readFileSync(path.join('docs', fichier), 'utf8')
    const titre = /^# (.+)$/m.exec(markdown)![1]!.trim()
    const res = await fetch(`${s.url}/aide/${slug}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html.slice(html.indexOf(`data-guide="${slug}"`)))
    expect(texteDe(h1?.[1] ?? '')).toBe(titre)
    expect(html).toContain('<html lang="fr"')
    for (const cible of imagesDuMarkdown(markdown)) {
      const src = `/aide/${cible}`
      expect(html).toContain(`src="${src}"`)
      const image = await fetch(`${s.url}${src}`)
      expect({ src, status: image.status, type: image.headers.get('content-type') }).toEqual({ src, status: 200, type: 'image/png' })
      const octets = new Uint8Array(await image.arrayBuffer())
      expect(Array.from(octets.slice(1, 4))).toEqual([0x50, 0x4e, 0x47]) // « PNG »
    }
  })

  it('un guide inconnu : 404 en français', async () => {
    for (const chemin of ['/aide/inconnu', '/aide/guide-equipe.md', '/aide/..%2F.env']) {
      const res = await fetch(`${s.url}${chemin}`)
      expect({ chemin, status: res.status }).toEqual({ chemin, status: 404 })
      expect(await res.text()).toContain('Page introuvable')
    }
  })

  it('une image qui n’est pas une capture des guides : 404', async () => {
    for (const chemin of ['/aide/captures/inexistante.png', '/aide/captures/..%2F..%2Fpackage.json', '/aide/captures/%2E%2E%2Fguide-opco.md']) {
      const res = await fetch(`${s.url}${chemin}`)
      expect({ chemin, status: res.status }).toEqual({ chemin, status: 404 })
    }
  })

  it('l’en-tête du portail mène au guide du bénéficiaire', async () => {
    for (const chemin of ['/', '/connexion']) {
      const html = await (await fetch(`${s.url}${chemin}`)).text()
      expect(html).toMatch(/<a[^>]*href="\/aide\/beneficiaire"[^>]*>Aide<\/a>/)
    }
  })
})
