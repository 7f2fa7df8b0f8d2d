/** Demande de prise en charge adressée à l'OPCO, avant le début de l'action. */
import { html } from '@/src/domain/documents/html'
import type { VueDemandePriseEnCharge } from '@/src/domain/documents/types'
import { caseACocher, documentHtml, partie, section, signatures } from './layout'

export function gabaritDemandePriseEnCharge(vue: VueDemandePriseEnCharge): string {
  return documentHtml(
    vue,
    html`<div class="parties">${partie(vue.destinataire)}</div>
${vue.sections.map(section)}
<div class="section">
  <h2>6. Modalité de paiement choisie</h2>
  <div class="cases">${vue.subrogation.map(caseACocher)}</div>
</div>
<p class="fait-le">${vue.faitLe}</p>
${signatures(vue.signatures)}`,
  )
}
