/**
 * Facture et avoir (L441-9 du Code de commerce, art. 242 nonies A de l'annexe II au CGI).
 * Émis par la plateforme au nom et pour le compte de l'organisme de formation (mandat de
 * facturation) : l'organisme est le vendeur, son identité et son NDA figurent en émetteur.
 */
import { html } from '@/src/domain/documents/html'
import type { VueFacture } from '@/src/domain/documents/types'
import { champ, documentHtml, parties } from './layout'

export function gabaritFacture(vue: VueFacture): string {
  const identifiant = `${vue.titre} n°\u00a0${vue.numero}`
  return documentHtml(
    { ...vue, identifiant },
    html`<p><strong>${identifiant}</strong> – date d&#39;émission&nbsp;: ${vue.dateEmission}</p>
${parties([vue.emetteur, vue.destinataire])}
<p class="petit">${vue.mandat}.</p>
<div class="encadre">${vue.references.map(champ)}</div>
<table>
  <thead><tr><th>Désignation</th><th class="nombre">Quantité</th><th class="nombre">Prix unitaire HT</th><th class="nombre">Montant HT</th></tr></thead>
  <tbody>
    ${vue.lignes.map(
      (l) => html`<tr><td>${l.libelle}</td><td class="nombre">${l.quantite}</td><td class="nombre">${l.prixUnitaire}</td><td class="nombre">${l.montant}</td></tr>`,
    )}
  </tbody>
</table>
<table class="totaux">
  ${vue.totaux.map((t, i) => html`<tr class="${i === vue.totaux.length - 1 ? 'total' : ''}"><td>${t.libelle}</td><td class="nombre">${t.valeur}</td></tr>`)}
</table>
<p><strong>${vue.mentionTva}</strong></p>
<div class="encadre">${vue.conditions.map((c) => html`<p>${c}</p>`)}</div>`,
  )
}
