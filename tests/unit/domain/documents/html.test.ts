import { describe, expect, it } from '@jest/globals'
import { brut, echapper, estFragmentHtml, html, joindre } from '@/src/domain/documents/html'

const rendu = (f: unknown) => String(f)

describe('echapper', () => {
  it('échappe les 5 caractères HTML, l’accent grave et « = »', () => {
    expect(echapper(`& < > " ' \` =`)).toBe('&amp; &lt; &gt; &quot; &#39; &#96; &#61;')
  })

  it('laisse le reste intact (accents, insécables, €)', () => {
    expect(echapper('Élodie Durand – 1\u00a0234,56\u00a0€')).toBe('Élodie Durand – 1\u00a0234,56\u00a0€')
  })

  it('n’échappe pas deux fois ce qu’on lui donne : « &amp; » saisi reste visible comme tel', () => {
    expect(echapper('&amp;')).toBe('&amp;amp;')
  })
})

describe('html`…`', () => {
  const HOSTILES = [
    `<img src=http://127.0.0.1:9/x onerror=alert(1)>`,
    `<script>fetch('http://127.0.0.1:9/y')</script>`,
    `"><svg onload=alert(1)>`,
    `' onmouseover='alert(1)`,
    `</style><style>body{background:url(http://127.0.0.1:9/z)}</style>`,
    `<!-- commentaire --><![CDATA[x]]>`,
    `javascript:alert(1)`,
  ]

  it.each(HOSTILES)('aucune balise ni attribut ne passe : %s', (hostile) => {
    const sortie = rendu(html`<p class="nom" title="${hostile}">${hostile}</p>`)
    // Only the template's own tag survives; the value has no < or quote left to close anything.
    expect(sortie.match(/</g)).toHaveLength(2)
    expect(sortie).toMatch(/^<p class="nom" title="[^"<>]*">[^<>"]*<\/p>$/)
  })

  it('imbrique les fragments sans les échapper de nouveau', () => {
    const nom = html`<strong>${'A & B'}</strong>`
    expect(rendu(html`<p>${nom}</p>`)).toBe('<p><strong>A &amp; B</strong></p>')
  })

  it('rend les listes de fragments et de textes, chacun échappé à son niveau', () => {
    const lignes = ['<a>', 'b&c'].map((t) => html`<li>${t}</li>`)
    expect(rendu(html`<ul>${lignes}</ul>`)).toBe('<ul><li>&lt;a&gt;</li><li>b&amp;c</li></ul>')
    expect(rendu(html`${['<x>', html`<br>`, 3]}`)).toBe('&lt;x&gt;<br>3')
    expect(rendu(html`${[['<i>', [html`<b>`]]]}`)).toBe('&lt;i&gt;<b>')
  })

  it('null, undefined et false ne rendent rien (conditions `${a && html`…`}`)', () => {
    expect(rendu(html`[${null}${undefined}${false}]`)).toBe('[]')
  })

  it('rend les nombres finis, refuse NaN et l’infini plutôt que de les imprimer', () => {
    expect(rendu(html`${21}h${1.5}`)).toBe('21h1.5')
    expect(() => html`${Number.NaN}`).toThrow(TypeError)
    expect(() => html`${Number.POSITIVE_INFINITY}`).toThrow(TypeError)
  })

  it('refuse objets, true et fonctions : jamais de « [object Object] » ni de toString() étranger', () => {
    const piege = { toString: () => '<script>alert(1)</script>' }
    expect(() => html`${piege as never}`).toThrow(TypeError)
    expect(() => html`${true}`).toThrow(TypeError)
    expect(() => html`${(() => '<b>') as never}`).toThrow(TypeError)
  })

  it('un objet qui imite un fragment (venu d’un JSON) reste du texte refusé', () => {
    const imitation = JSON.parse('{"html":"<script>x</script>","__fragment":true}') as never
    expect(estFragmentHtml(imitation)).toBe(false)
    expect(() => html`${imitation}`).toThrow(TypeError)
  })

  it('refuse un appel direct avec une donnée en guise de gabarit', () => {
    const saisie = ['<script>alert(1)</script>'] as unknown as TemplateStringsArray
    expect(() => html(saisie)).toThrow(/gabarit étiqueté/)
    const imitation = Object.assign(['<b>'], { raw: ['<b>'] }) as unknown as TemplateStringsArray
    expect(() => html(imitation)).toThrow(/gabarit étiqueté/)
  })
})

describe('brut et joindre', () => {
  it('brut() passe tel quel (balisage constant du code uniquement)', () => {
    expect(rendu(html`<p>${brut('&#x2612;')}</p>`)).toBe('<p>&#x2612;</p>')
    expect(estFragmentHtml(brut('<hr>'))).toBe(true)
  })

  it('joindre() assemble avec un séparateur de balisage et ignore les vides', () => {
    expect(rendu(joindre(['<a>', '', null, html`<b>x</b>`], brut('<br>')))).toBe('&lt;a&gt;<br><b>x</b>')
  })
})
