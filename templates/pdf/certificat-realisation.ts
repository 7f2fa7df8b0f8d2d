/**
 * Certificat de réalisation, sur le modèle du ministère du Travail (il remplace l'attestation
 * de présence ou d'assiduité) : mêmes rubriques, même ordre, heures réellement réalisées.
 */
import { html } from '@/src/domain/documents/html'
import type { VueCertificatRealisation } from '@/src/domain/documents/types'
import { caseACocher, champ, documentHtml, partie, signatures } from './layout'

export function gabaritCertificatRealisation(vue: VueCertificatRealisation): string {
  const a = vue.attestation
  return documentHtml(
    vue,
    html`<div class="parties">${partie(vue.organisme)}<div class="partie">
  <div class="role">Références</div>
  ${vue.references.map(champ)}
</div></div>
<p>${a.soussigne}</p>
<div class="encadre">
  <p><strong>${a.beneficiaire}</strong></p>
  <p>salarié(e) de l&#39;entreprise <strong>${a.entreprise}</strong></p>
  <p>a suivi l&#39;action <strong>${a.intitule}</strong></p>
  <p>Nature de l&#39;action concourant au développement des compétences&nbsp;:</p>
  <div class="cases">${a.natures.map(caseACocher)}</div>
  <p>qui s&#39;est déroulée ${a.periode},</p>
  <p>pour une durée de <strong>${a.duree}</strong>.</p>
</div>
${vue.conservation.map((p) => html`<p class="petit">${p}</p>`)}
<p class="fait-le">${vue.faitLe}</p>
${signatures([vue.signature])}`,
  )
}
