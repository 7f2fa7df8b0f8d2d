import { describe, expect, it } from '@jest/globals'
import { texteBrut, texteRiche } from '@/src/domain/texteRiche'

describe('texteRiche / texteBrut', () => {
  it('un paragraphe par chaîne, et le texte brut revient à l’identique', () => {
    const doc = texteRiche('Objectif 1 : maîtriser les tableaux croisés.', '<script>alert(1)</script>')
    expect(doc.root.children).toHaveLength(2)
    expect(doc.root.children[1]!.children[0]!.text).toBe('<script>alert(1)</script>')
    expect(texteBrut(doc)).toBe('Objectif 1 : maîtriser les tableaux croisés.\n\n<script>alert(1)</script>')
  })
  it('rend une chaîne vide pour ce qui n’est pas un document Lexical', () => {
    for (const v of [null, undefined, 'texte', 42, {}, { root: {} }, { root: { children: 'x' } }]) expect(texteBrut(v)).toBe('')
  })
})
