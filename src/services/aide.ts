/**
 * The user guides of docs/ rendered to HTML for /aide. The Markdown is ours, but the output is
 * still made safe: raw HTML in it is shown as text (never injected), links only go to web, mail,
 * in-page or same-site addresses, and images only to docs/captures/ as served by the app.
 * The files are read from the repository at request time (the server runs from its root), so a
 * corrected guide is online with the next deployment and needs no build step of its own.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { Marked, type Tokens } from 'marked'
import { echapper } from '@/src/domain/documents/html'
import { CHEMIN_CAPTURES_AIDE, DOSSIER_CAPTURES_MARKDOWN, GUIDES, guideParSlug, NOM_CAPTURE, type Guide } from '@/src/domain/guides'

export const dossierDocs = (): string => path.join(process.cwd(), 'docs')

const LIEN_SUR = /^(https?:\/\/|mailto:|#|\/(?!\/))/i

/** A link between guides (`guide-opco.md#…`) becomes the app's address for it. */
function lienGuide(href: string): string | null {
  const [fichier, ancre] = href.split('#', 2)
  const guide = GUIDES.find((g) => g.fichier === fichier || `docs/${g.fichier}` === fichier)
  return guide ? `/aide/${guide.slug}${ancre ? `#${encodeURIComponent(ancre)}` : ''}` : null
}

function imageCapture(href: string): string | null {
  if (!href.startsWith(DOSSIER_CAPTURES_MARKDOWN)) return null
  const nom = href.slice(DOSSIER_CAPTURES_MARKDOWN.length)
  return NOM_CAPTURE.test(nom) ? `${CHEMIN_CAPTURES_AIDE}${nom}` : null
}

/** Heading anchors in the guides' language: « Répondre à un dossier » → `repondre-a-un-dossier`. */
export function ancre(texte: string): string {
  return texte
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

const rendu = new Marked({
  gfm: true,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return echapper(text)
    },
    heading({ tokens, depth, text }: Tokens.Heading) {
      return `<h${depth} id="${echapper(ancre(text))}">${this.parser.parseInline(tokens)}</h${depth}>\n`
    },
    link({ href, title, tokens }: Tokens.Link) {
      const contenu = this.parser.parseInline(tokens)
      const cible = lienGuide(href) ?? (LIEN_SUR.test(href) ? href : null)
      if (cible === null) return contenu
      const externe = /^https?:/i.test(cible)
      return `<a href="${echapper(cible)}"${title ? ` title="${echapper(title)}"` : ''}${externe ? ' rel="noopener noreferrer"' : ''}>${contenu}</a>`
    },
    image({ href, title, text }: Tokens.Image) {
      const source = imageCapture(href)
      if (source === null) return echapper(text)
      return `<img src="${echapper(source)}" alt="${echapper(text)}"${title ? ` title="${echapper(title)}"` : ''} loading="lazy">`
    },
  },
})

/**
 * A guide's Markdown as safe HTML. A wide table scrolls inside its own region, which keyboard
 * users must be able to reach (focusable, named); raw HTML being escaped, every `<table>` here
 * is one of marked's.
 */
export function markdownEnHtml(markdown: string): string {
  return rendu
    .parse(markdown, { async: false })
    .replaceAll('<table>', '<div class="tableau-defilant" tabindex="0" role="region" aria-label="Tableau"><table>')
    .replaceAll('</table>', '</table></div>')
}

export interface GuideRendu {
  guide: Guide
  html: string
}

/** The guide at /aide/<slug>, or null for an address that names none. */
export async function guideRendu(slug: string): Promise<GuideRendu | null> {
  const guide = guideParSlug(slug)
  if (!guide) return null
  const markdown = await fs.readFile(path.join(dossierDocs(), guide.fichier), 'utf8')
  return { guide, html: markdownEnHtml(markdown) }
}

/** A screenshot of docs/captures/ (PNG bytes), or null when the name is not one or the file is missing. */
export async function capture(nom: string): Promise<Buffer | null> {
  if (!NOM_CAPTURE.test(nom)) return null
  return fs.readFile(path.join(dossierDocs(), 'captures', nom)).catch(() => null)
}
