/**
 * Plain-text version of an HTML e-mail that arrived without one (Payload's own sendEmail calls
 * pass HTML only): block elements become line breaks, links keep their address, entities are
 * decoded. Our templates render their text version themselves.
 */
const ENTITES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ', '#96': '`', '#61': '=' }

export function texteDepuisHtml(html: string): string {
  return html
    .replace(/<(head|style|script)[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, libelle: string) => `${libelle} : ${href}`)
    .replace(/<li[^>]*>/gi, '\n  - ')
    .replace(/<(br|\/p|\/div|\/h\d|\/tr|\/ul|\/table|\/blockquote)[^>]*>/gi, '\n')
    .replace(/<\/td>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#?\w+);/g, (m, e: string) => ENTITES[e] ?? (/^#\d{1,6}$/.test(e) && Number(e.slice(1)) <= 0x10ffff ? String.fromCodePoint(Number(e.slice(1))) : m))
    .split('\n')
    .map((l) => {
      const t = l.replace(/[ \t]+/g, ' ').trim()
      return t.startsWith('- ') ? `  ${t}` : t
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
