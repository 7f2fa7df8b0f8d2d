/** Convention de formation professionnelle (L6353-1, D6353-1 du Code du travail). */
import { html } from '@/src/domain/documents/html'
import type { VueConvention } from '@/src/domain/documents/types'
import { documentHtml, parties, section, signatures } from './layout'

export function gabaritConvention(vue: VueConvention): string {
  return documentHtml(
    vue,
    html`<p>${vue.preambule}</p>
${parties(vue.parties)}
<p>Il est convenu ce qui suit.</p>
${vue.sections.map(section)}
<p class="fait-le">${vue.faitLe}</p>
${signatures(vue.signatures)}`,
  )
}
