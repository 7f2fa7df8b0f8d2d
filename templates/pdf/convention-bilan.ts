/**
 * Convention tripartite de bilan de compétences (R6313-8 du Code du travail) : employeur,
 * salarié et organisme prestataire signent chacun ; le salarié dispose d'un délai de réflexion.
 */
import { html } from '@/src/domain/documents/html'
import type { VueConvention } from '@/src/domain/documents/types'
import { documentHtml, parties, section, signatures } from './layout'

export function gabaritConventionBilan(vue: VueConvention): string {
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
