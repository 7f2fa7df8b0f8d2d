/**
 * Minimal valid Lexical document (the rich-text format of objectifs, justification, messages):
 * one paragraph per string. Used wherever plain text becomes rich text (seed, portal, tests).
 */
// A type, not an interface: it must fit the generated richText type and its index signature.
export type TexteRiche = {
  root: {
    type: 'root'
    format: ''
    indent: number
    version: number
    direction: 'ltr'
    children: {
      type: 'paragraph'
      format: ''
      indent: number
      version: number
      direction: 'ltr'
      textFormat: number
      children: { type: 'text'; text: string; format: number; detail: number; mode: 'normal'; style: ''; version: number }[]
    }[]
  }
}

export function texteRiche(...paragraphes: string[]): TexteRiche {
  return {
    root: {
      type: 'root',
      format: '',
      indent: 0,
      version: 1,
      direction: 'ltr',
      children: paragraphes.map((text) => ({
        type: 'paragraph',
        format: '',
        indent: 0,
        version: 1,
        direction: 'ltr',
        textFormat: 0,
        children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      })),
    },
  }
}

/** The plain text of a rich-text document (paragraphs separated by blank lines). */
export function texteBrut(doc: unknown): string {
  const root = (doc as { root?: { children?: unknown[] } } | null)?.root
  if (!root || !Array.isArray(root.children)) return ''
  const texte = (n: unknown): string => {
    const node = n as { text?: unknown; children?: unknown[] }
    if (typeof node?.text === 'string') return node.text
    return Array.isArray(node?.children) ? node.children.map(texte).join('') : ''
  }
  return root.children.map(texte).join('\n\n')
}
