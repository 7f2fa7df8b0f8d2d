/**
 * Feuille d'émargement : une ligne par demi-journée (date, horaires, présence), les deux
 * signatures (image embarquée en data: — le moteur de rendu ne fait aucune requête) et, en pied,
 * l'empreinte SHA-256 de chaque enregistrement de signature.
 */
import { html } from '@/src/domain/documents/html'
import type { SignatureImprimee, VueFeuilleEmargement } from '@/src/domain/documents/types'
import { champ, documentHtml, partie } from './layout'

// Inline styles: the layout owns the one <style> of the document (templates/pdf/layout.ts).
const CELLULE = 'width: 42mm; font-size: 8.5pt'
const IMAGE = 'display: block; max-width: 40mm; max-height: 14mm'
const MENTION = 'font-size: 7pt; color: #555'

function cellule(s: SignatureImprimee | null) {
  if (!s) return html`<td style="${CELLULE}">—</td>`
  return html`<td style="${CELLULE}"><div>${s.nom}</div>${s.image ? html`<img style="${IMAGE}" src="${s.image}" alt="Signature de ${s.nom}">` : ''}<div style="${MENTION}">${s.mention}</div></td>`
}

export function gabaritFeuilleEmargement(vue: VueFeuilleEmargement): string {
  return documentHtml(
    vue,
    html`<div class="parties">${partie(vue.organisme)}${partie(vue.entreprise)}</div>
<div class="encadre">
  <p><strong>Stagiaire&nbsp;:</strong> ${vue.stagiaire} · <strong>Formateur&nbsp;:</strong> ${vue.formateur}</p>
  ${vue.references.map(champ)}
</div>
<table>
<thead><tr><th>Date</th><th>Demi-journée</th><th>Horaires</th><th>Présence</th><th>Stagiaire</th><th>Formateur</th></tr></thead>
<tbody>
${vue.lignes.map(
  (l) => html`<tr><td>${l.date}</td><td>${l.demiJournee}</td><td>${l.horaires}<br>${l.duree}</td><td>${l.statut}<br>${l.presence}</td>${cellule(l.stagiaire)}${cellule(l.formateur)}</tr>`,
)}
</tbody>
</table>
<div class="encadre">${vue.totaux.map(champ)}</div>
<div class="petit" style="margin-top: 5mm">
  <p><strong>Éléments de preuve</strong> — ${vue.mentionPreuve}</p>
  ${vue.preuves.map((p) => html`<p style="word-break: break-all">${p.libelle}&nbsp;: <span style="font-family: monospace">${p.empreinte}</span></p>`)}
</div>`,
  )
}
