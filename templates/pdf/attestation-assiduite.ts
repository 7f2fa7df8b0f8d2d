/** Attestation d'assiduité du stagiaire : heures suivies, heures prévues, taux, dates de l'action. */
import { html } from '@/src/domain/documents/html'
import type { VueAttestationAssiduite } from '@/src/domain/documents/types'
import { champ, documentHtml, partie, signatures } from './layout'

export function gabaritAttestationAssiduite(vue: VueAttestationAssiduite): string {
  return documentHtml(
    vue,
    html`<div class="parties">${partie(vue.organisme)}</div>
<p>${vue.soussigne}</p>
<div class="encadre">
  <p><strong>${vue.stagiaire}</strong></p>
  <p>salarié(e) de l&#39;entreprise <strong>${vue.entreprise}</strong></p>
  <p>a suivi l&#39;action <strong>${vue.intitule}</strong></p>
  <p>qui s&#39;est déroulée ${vue.periode}, avec l&#39;assiduité suivante&nbsp;:</p>
  ${vue.assiduite.map(champ)}
</div>
<p class="fait-le">${vue.faitLe}</p>
${signatures([vue.signature])}`,
  )
}
