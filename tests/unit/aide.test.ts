/**
 * « Aide »: the guides of docs/ that the app serves (/aide), their screenshots, and the Markdown
 * rendering kept safe.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { GUIDES, guideDuRole, imagesDuMarkdown, NOM_CAPTURE } from '@/src/domain/guides'
import { markdownEnHtml } from '@/src/services/aide'

const DOCS = path.resolve('docs')
const lire = (fichier: string) => fs.readFileSync(path.join(DOCS, fichier), 'utf8')

describe('guides servis par /aide', () => {
  it('chaque guide existe dans docs/ et commence par son titre', () => {
    for (const g of GUIDES) expect({ guide: g.slug, titre: /^# .+/.test(lire(g.fichier)) }).toEqual({ guide: g.slug, titre: true })
  })

  it('chaque image citée par un guide existe dans docs/captures/, avec un texte de remplacement', () => {
    const fichiers = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md'))
    const manquantes: string[] = []
    let citees = 0
    for (const f of fichiers) {
      const md = lire(f)
      for (const cible of imagesDuMarkdown(md)) {
        citees++
        const nom = cible.replace(/^captures\//, '')
        if (!cible.startsWith('captures/') || !NOM_CAPTURE.test(nom) || !fs.existsSync(path.join(DOCS, 'captures', nom))) manquantes.push(`${f} → ${cible}`)
      }
      for (const m of md.matchAll(/!\[([^\]]*)\]\(/g)) expect({ fichier: f, alt: m[1]!.trim().length > 0 }).toEqual({ fichier: f, alt: true })
    }
    expect(manquantes).toEqual([])
    expect(citees).toBeGreaterThan(0)
  })

  it('le bon guide pour chaque rôle', () => {
    expect(guideDuRole('admin').slug).toBe('equipe')
    expect(guideDuRole('opco').slug).toBe('opco')
    expect(guideDuRole('user').slug).toBe('beneficiaire')
    expect(guideDuRole(undefined).slug).toBe('beneficiaire')
  })
})

describe('rendu Markdown des guides', () => {
  it('le HTML brut est affiché comme du texte, jamais injecté', () => {
    const html = markdownEnHtml('Bonjour <script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n')
    expect(html).not.toMatch(/<script|<img/i)
    expect(html).toContain('&lt;script&gt;')
  })

  it('liens : web, courriel, ancres et adresses du site ; les autres deviennent du texte', () => {
    const html = markdownEnHtml('[a](javascript:alert(1)) [b](https://exemple.fr) [c](/admin) [d](#montants) [e](//ailleurs.fr) [f](guide-opco.md#repondre)')
    expect(html).not.toMatch(/javascript:|\/\/ailleurs/)
    expect(html).toContain('href="https://exemple.fr"')
    expect(html).toContain('href="/admin"')
    expect(html).toContain('href="#montants"')
    expect(html).toContain('href="/aide/opco#repondre"')
    expect(html).toMatch(/>a<\/p>|>a </) // the text of a refused link stays
  })

  it('images : seulement docs/captures/, servies sous /aide/captures/', () => {
    const html = markdownEnHtml('![Le tableau de bord](captures/admin-tableau-de-bord.png) ![x](https://pisteur.example/x.png) ![y](captures/../../.env)')
    expect(html).toContain('<img src="/aide/captures/admin-tableau-de-bord.png" alt="Le tableau de bord"')
    expect(html.match(/<img/g)).toHaveLength(1)
  })

  it('un tableau défile dans une région atteignable au clavier', () => {
    expect(markdownEnHtml('| a | b |\n|---|---|\n| 1 | 2 |\n')).toMatch(/^<div class="tableau-defilant" tabindex="0" role="region" aria-label="Tableau"><table>[\s\S]*<\/table><\/div>$/m)
  })

  it('titres avec ancres lisibles', () => {
    expect(markdownEnHtml('## Répondre à un dossier')).toContain('<h2 id="repondre-a-un-dossier">Répondre à un dossier</h2>')
  })
})
