/**
 * Feuille d'émargement : une ligne par demi-journée (date, horaires, présence), les deux
 * signatures (image embarquée en data: — le moteur de rendu ne fait aucune requête) et, en pied,
 * l'empreinte SHA-256 de chaque enregistrement de signature.
 */
import { brut, html } from '@/src/domain/documents/html'
import type { SignatureImprimee, VueFeuilleEmargement } from '@/src/domain/documents/types'
import { champ, documentHtml } from './layout'

const STYLE = brut(`<style>
.emargement td { font-size: 8.5pt; }
.emargement .sig { width: 42mm; }
.emargement .sig img { display: block; max-width: 40mm; max-height: 14mm; }
.emargement .sig .mention { font-size: 7pt; color: #555; }
.preuves { margin-top: 5mm; font-size: 7pt; color: #333; break-inside: auto; }
.preuves code { font-family: monospace; word-break: break-all; }
</style>`)

function cellule(s: SignatureImprimee | null) {
  if (!s) return html`<td class="sig">—</td>`
  return html`<td class="sig"><div>${s.nom}</div>${s.image ? html`<img src="${s.image}" alt="Signature de ${s.nom}">` : ''}<div class="mention">${s.mention}</div></td>`
}

export function gabaritFeuilleEmargement(vue: VueFeuilleEmargement): string {
  return documentHtml(
    vue,
    html`${STYLE}<div class="encadre">
  <p><strong>Stagiaire&nbsp;:</strong> ${vue.stagiaire} · <strong>Formateur&nbsp;:</strong> ${vue.formateur}</p>
  ${vue.references.map(champ)}
</div>
<table class="emargement">
<thead><tr><th>Date</th><th>Demi-journée</th><th>Horaires</th><th>Présence</th><th>Stagiaire</th><th>Formateur</th></tr></thead>
<tbody>
${vue.lignes.map(
  (l) => html`<tr><td>${l.date}</td><td>${l.demiJournee}</td><td>${l.horaires}<br>${l.duree}</td><td>${l.statut}<br>${l.presence}</td>${cellule(l.stagiaire)}${cellule(l.formateur)}</tr>`,
)}
</tbody>
</table>
<div class="encadre">${vue.totaux.map(champ)}</div>
<div class="preuves">
  <p><strong>Éléments de preuve</strong> — ${vue.mentionPreuve}</p>
  ${vue.preuves.map((p) => html`<p>${p.libelle}&nbsp;: <code>${p.empreinte}</code></p>`)}
</div>`,
  )
}
