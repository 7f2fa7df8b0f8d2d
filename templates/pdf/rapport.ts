import { brut, html } from '@/src/domain/documents/html'
import { formaterEuros } from '@/src/domain/money'
import { LIBELLES_STATUT, STATUTS_DOSSIER, type StatutDossier } from '@/src/domain/statuts'
import { LIBELLES_MONTANTS, type MontantsDossier } from '@/src/domain/reports/montants'
import { barresHorizontales, formaterJours, formaterTaux, histogramme, libelleMois } from '@/src/domain/reports/graphiques'

/** The figures the PDF report prints (same shape as the statistics of src/services/rapports/statistiques.ts). */
export interface DonneesRapport {
  filtres: { du?: string; au?: string; opco?: number }
  parStatut: Partial<Record<StatutDossier, number>>
  totalDossiers: number
  soumis: { periode: number; moisCourant: number; moisPrecedent: number }
  validation: { soumis: number; valides: number; taux: number | null }
  acceptationOpco: { acceptes: number; refuses: number; taux: number | null }
  delais: Record<'soumissionValidation' | 'validationEnvoi' | 'envoiReponse' | 'reponsePaiement', { moyenneJours: number | null; nombre: number }>
  montants: MontantsDossier
  retards: { nombre: number; montant: number }
  parMois: { mois: string; soumis: number; demande: number }[]
  parOpco: ({ nom: string; soumis: number; acceptes: number; refuses: number } & MontantsDossier)[]
}

const jourFr = (iso?: string) => (iso ? iso.split('-').reverse().join('/') : '…')

const STYLE = brut(`<style>
@page { size: A4; margin: 16mm 14mm 18mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; }
h1 { font-size: 16pt; margin: 0 0 4px; color: #1f5fa8; } h2 { font-size: 12pt; margin: 18px 0 6px; }
table { width: 100%; border-collapse: collapse; margin: 6px 0; } th, td { padding: 4px 6px; border-bottom: 1px solid #ddd; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.grille { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; } .tuile { border: 1px solid #ccc; border-radius: 4px; padding: 6px 8px; }
.tuile b { display: block; font-size: 13pt; } .sous { color: #555; }
</style>`)

/**
 * The report as a standalone HTML page for the PDF renderer: the same figures and charts as the
 * admin page, every value escaped by the `html` tag, nothing loaded from outside (CSP).
 */
export function rapportHtml(d: DonneesRapport, { titre, opco, edition }: { titre: string; opco: string | null; edition: string }): string {
  const tuile = (libelle: string, valeur: string, detail = '') => html`<div class="tuile">${libelle}<b>${valeur}</b><span class="sous">${detail}</span></div>`
  return html`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${titre}</title>${STYLE}</head>
<body>
<h1>${titre}</h1>
<p class="sous">Période du ${jourFr(d.filtres.du)} au ${jourFr(d.filtres.au)} · ${opco ?? 'Tous les OPCO'} · édité le ${edition}</p>
<h2>Indicateurs</h2>
<div class="grille">
${tuile('Dossiers créés', String(d.totalDossiers), `${d.soumis.periode} soumis`)}
${tuile('Taux de validation', formaterTaux(d.validation.taux), `${d.validation.valides} / ${d.validation.soumis}`)}
${tuile('Acceptation OPCO', formaterTaux(d.acceptationOpco.taux), `${d.acceptationOpco.acceptes} acceptés, ${d.acceptationOpco.refuses} refusés`)}
${tuile('Soumission → validation', formaterJours(d.delais.soumissionValidation.moyenneJours))}
${tuile('Validation → envoi', formaterJours(d.delais.validationEnvoi.moyenneJours))}
${tuile('Envoi → réponse', formaterJours(d.delais.envoiReponse.moyenneJours))}
${tuile('Réponse → paiement', formaterJours(d.delais.reponsePaiement.moyenneJours))}
${tuile(LIBELLES_MONTANTS.demande, formaterEuros(d.montants.demande))}
${tuile(LIBELLES_MONTANTS.valide, formaterEuros(d.montants.valide))}
${tuile(LIBELLES_MONTANTS.duOpco, formaterEuros(d.montants.duOpco))}
${tuile(LIBELLES_MONTANTS.payeOpco, formaterEuros(d.montants.payeOpco))}
${tuile(LIBELLES_MONTANTS.resteDu, formaterEuros(d.montants.resteDu))}
${tuile(LIBELLES_MONTANTS.payeEntreprise, formaterEuros(d.montants.payeEntreprise))}
${d.montants.tropPercu > 0 ? tuile(LIBELLES_MONTANTS.tropPercu, formaterEuros(d.montants.tropPercu)) : ''}
${tuile('Paiements en retard', String(d.retards.nombre), formaterEuros(d.retards.montant))}
</div>
<h2>Par OPCO</h2>
<table><thead><tr><th>OPCO</th><th class="n">Soumis</th><th class="n">Acceptés</th><th class="n">Refusés</th><th class="n">Demandé</th><th class="n">Validé</th><th class="n">Dû OPCO</th><th class="n">Payé OPCO</th><th class="n">Reste dû</th><th class="n">Payé entreprise</th><th class="n">Trop-perçu</th></tr></thead><tbody>
${d.parOpco.length === 0 ? html`<tr><td colspan="11">Aucune donnée sur la période.</td></tr>` : d.parOpco.map((o) => html`<tr><td>${o.nom}</td><td class="n">${o.soumis}</td><td class="n">${o.acceptes}</td><td class="n">${o.refuses}</td><td class="n">${formaterEuros(o.demande)}</td><td class="n">${formaterEuros(o.valide)}</td><td class="n">${formaterEuros(o.duOpco)}</td><td class="n">${formaterEuros(o.payeOpco)}</td><td class="n">${formaterEuros(o.resteDu)}</td><td class="n">${formaterEuros(o.payeEntreprise)}</td><td class="n">${o.tropPercu > 0 ? formaterEuros(o.tropPercu) : '—'}</td></tr>`)}
</tbody></table>
<h2>Dossiers soumis par mois</h2>
${histogramme(d.parMois.map((m) => ({ libelle: libelleMois(m.mois), valeur: m.soumis })), { titre: 'Dossiers soumis par mois' })}
<h2>Par statut</h2>
<table><thead><tr><th>Statut</th><th class="n">Dossiers</th></tr></thead><tbody>
${STATUTS_DOSSIER.filter((s) => (d.parStatut[s] ?? 0) > 0).map((s) => html`<tr><td>${LIBELLES_STATUT[s]}</td><td class="n">${d.parStatut[s] ?? 0}</td></tr>`)}
</tbody></table>
${barresHorizontales(d.parOpco.map((o) => ({ libelle: o.nom, valeur: o.soumis })), { titre: 'Dossiers soumis par OPCO' })}
</body></html>`.toString()
}
