import { html, type FragmentHtml } from '@/src/domain/documents/html'

/**
 * Charts as inline SVG, built on the server with the escaping `html` tag: one implementation for
 * the admin pages (no client chart library, nothing loaded from outside) and the PDF report
 * (Chromium renders it with JavaScript off).
 */
export interface Barre {
  libelle: string
  valeur: number
  /** Text shown above the bar (defaults to the value). */
  etiquette?: string
}

const COULEUR = '#1f5fa8'

/** Vertical bars (months, statuses). Width adapts to the number of bars; empty data → a note. */
export function histogramme(barres: readonly Barre[], { hauteur = 180, titre = '' }: { hauteur?: number; titre?: string } = {}): FragmentHtml {
  if (barres.length === 0) return html`<p class="graphique-vide">Aucune donnée sur la période.</p>`
  const largeurBarre = 36
  const ecart = 14
  const marge = 28
  const largeur = marge + barres.length * (largeurBarre + ecart)
  const max = Math.max(1, ...barres.map((b) => b.valeur))
  const zone = hauteur - 2 * marge
  return html`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${titre}" width="${largeur}" height="${hauteur}" viewBox="0 0 ${largeur} ${hauteur}" style="max-width:100%;height:auto;font-family:sans-serif">
${barres.map((b, i) => {
  const h = Math.round((b.valeur / max) * zone)
  const x = marge / 2 + i * (largeurBarre + ecart)
  const y = hauteur - marge - h
  return html`<g><rect x="${x}" y="${y}" width="${largeurBarre}" height="${h}" fill="${COULEUR}" rx="3"><title>${b.libelle} : ${b.etiquette ?? String(b.valeur)}</title></rect>
<text x="${x + largeurBarre / 2}" y="${y - 4}" font-size="11" text-anchor="middle" fill="#333">${b.etiquette ?? String(b.valeur)}</text>
<text x="${x + largeurBarre / 2}" y="${hauteur - marge + 14}" font-size="10" text-anchor="middle" fill="#555">${b.libelle}</text></g>`
})}
</svg>`
}

/** Horizontal bars (per OPCO): long labels fit on the left. */
export function barresHorizontales(barres: readonly Barre[], { titre = '' }: { titre?: string } = {}): FragmentHtml {
  if (barres.length === 0) return html`<p class="graphique-vide">Aucune donnée sur la période.</p>`
  const hauteurLigne = 24
  const largeurLibelle = 140
  const largeurZone = 260
  const largeur = largeurLibelle + largeurZone + 90
  const hauteur = barres.length * hauteurLigne + 8
  const max = Math.max(1, ...barres.map((b) => b.valeur))
  return html`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${titre}" width="${largeur}" height="${hauteur}" viewBox="0 0 ${largeur} ${hauteur}" style="max-width:100%;height:auto;font-family:sans-serif">
${barres.map((b, i) => {
  const y = 4 + i * hauteurLigne
  const w = Math.round((b.valeur / max) * largeurZone)
  return html`<g><text x="${largeurLibelle - 6}" y="${y + 15}" font-size="12" text-anchor="end" fill="#333">${b.libelle.length > 22 ? `${b.libelle.slice(0, 21)}…` : b.libelle}</text>
<rect x="${largeurLibelle}" y="${y + 3}" width="${Math.max(w, 1)}" height="${hauteurLigne - 8}" fill="${COULEUR}" rx="2"><title>${b.libelle} : ${b.etiquette ?? String(b.valeur)}</title></rect>
<text x="${largeurLibelle + Math.max(w, 1) + 6}" y="${y + 15}" font-size="11" fill="#333">${b.etiquette ?? String(b.valeur)}</text></g>`
})}
</svg>`
}

/** `0,8333` → `83,3 %`; null (no denominator) → `—`. */
export function formaterTaux(taux: number | null): string {
  if (taux === null || !Number.isFinite(taux)) return '—'
  return `${(Math.round(taux * 1000) / 10).toFixed(1).replace('.', ',')}\u00a0%`
}

/** Average days, one decimal: `12,5 j`; null → `—`. */
export function formaterJours(jours: number | null): string {
  if (jours === null || !Number.isFinite(jours)) return '—'
  return `${(Math.round(jours * 10) / 10).toFixed(1).replace('.', ',')}\u00a0j`
}

const MOIS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.']

/** `2026-03` → `mars 2026`. */
export function libelleMois(cle: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(cle)
  if (!m) return cle
  return `${MOIS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`
}
