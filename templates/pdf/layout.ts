/**
 * Mise en page commune des documents PDF : A4, marges, en-tête aux couleurs de l'opérateur,
 * pied de page numéroté, typographie française.
 *
 * Tout le balisage passe par le gabarit `html` (valeurs échappées). Rien d'extérieur n'est
 * chargé : polices système, images en data: URI seulement, et une politique CSP qui interdit
 * tout le reste au cas où une ressource s'y glisserait (le moteur de rendu bloque déjà toute
 * requête réseau ; deux barrières valent mieux qu'une).
 */
import { brut, html, type FragmentHtml } from '@/src/domain/documents/html'
import type { BlocSignature, CaseACocher, Champ, Partie, Section, VueOperateur } from '@/src/domain/documents/types'

/**
 * Chaîne CSS sûre : tout ce qui n'est pas lettre ASCII, chiffre ou espace est écrit en
 * échappement hexadécimal (`\22 ` pour « " »). Rien ne peut donc fermer la chaîne, la règle,
 * ni la balise <style> (pas de « < » littéral).
 */
export function chaineCss(valeur: string): string {
  let sortie = '"'
  for (const c of valeur) {
    sortie += /[A-Za-z0-9 ]/.test(c) ? c : `\\${(c.codePointAt(0) ?? 0x3f).toString(16)} `
  }
  return `${sortie}"`
}

/** La couleur est validée par la configuration ; on refuse de nouveau ici, le CSS n'échappe rien. */
function couleurSure(couleur: string): string {
  if (!/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(couleur)) throw new TypeError(`Couleur d'accent invalide : ${JSON.stringify(couleur)}`)
  return couleur
}

const POLICES = `"Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif`

/** Feuille de style : constante, plus la couleur validée et deux chaînes passées par chaineCss. */
function feuilleDeStyle(accent: string, piedGauche: string): FragmentHtml {
  const css = `
@page {
  size: A4;
  margin: 16mm 16mm 20mm 16mm;
  @bottom-left { content: ${chaineCss(piedGauche)}; width: 82%; font: 7.5pt ${POLICES}; color: #555; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages); width: 18%; white-space: nowrap; font: 7.5pt ${POLICES}; color: #555; }
}
:root { --accent: ${couleurSure(accent)}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; font-family: ${POLICES}; font-size: 9.5pt; line-height: 1.4; color: #1a1a1a;
  /* Coupures et ligatures désactivées : le texte copié ou extrait du PDF reste exact. */
  hyphens: manual; font-variant-ligatures: none; font-kerning: normal;
}
header.entete { display: flex; justify-content: space-between; align-items: flex-start;
  border-bottom: 2pt solid var(--accent); padding-bottom: 3mm; margin-bottom: 5mm; }
header.entete .marque { display: flex; align-items: center; gap: 3mm; }
header.entete img { max-height: 14mm; max-width: 45mm; }
header.entete .operateur { font-size: 8pt; color: #444; }
header.entete .operateur strong { display: block; font-size: 11pt; color: var(--accent); }
header.entete .ref { text-align: right; font-size: 8pt; color: #444; }
h1 { font-size: 16pt; margin: 0 0 1mm; color: var(--accent); letter-spacing: 0.2pt; }
.base-legale { font-size: 8.5pt; color: #444; margin: 0 0 5mm; font-style: italic; }
h2 { font-size: 10.5pt; margin: 5mm 0 1.5mm; color: var(--accent); break-after: avoid; }
p { margin: 0 0 1.5mm; orphans: 3; widows: 3; }
ul { margin: 0 0 2mm; padding-left: 5mm; }
li { margin-bottom: 1mm; }
.champ { margin-bottom: 0.8mm; }
.champ .libelle { color: #444; }
.parties { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; margin-bottom: 4mm; }
.parties.trois { grid-template-columns: 1fr 1fr 1fr; }
.partie { border: 0.5pt solid #bbb; border-top: 2pt solid var(--accent); padding: 2.5mm 3mm; break-inside: avoid; }
.partie .role { font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.4pt; color: #555; margin-bottom: 1mm; }
.partie .nom { font-weight: bold; font-size: 10.5pt; margin-bottom: 1.5mm; }
.partie .mention { font-size: 8pt; color: #333; }
.section { break-inside: auto; }
.cases { margin: 1.5mm 0 2mm; }
.case { margin: 0 0 1mm; }
.signatures { display: grid; grid-template-columns: repeat(var(--nb, 2), 1fr); gap: 5mm; margin-top: 6mm; break-inside: avoid; }
.signature { border: 0.5pt solid #bbb; min-height: 34mm; padding: 2.5mm 3mm; }
.signature .role { font-weight: bold; }
.signature .consigne { font-size: 8pt; color: #555; }
.fait-le { margin-top: 5mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 3mm 0; }
thead { display: table-header-group; }
th { background: var(--accent); color: #fff; text-align: left; font-weight: bold; padding: 1.5mm 2mm; font-size: 8.5pt; }
td { border-bottom: 0.5pt solid #ccc; padding: 1.5mm 2mm; vertical-align: top; }
td.nombre, th.nombre { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.totaux { margin-left: auto; width: 75mm; }
.totaux td { border: none; padding: 0.8mm 2mm; }
.totaux tr.total td { font-weight: bold; border-top: 1pt solid #1a1a1a; }
.encadre { border: 0.5pt solid #bbb; background: #f6f7f9; padding: 2.5mm 3mm; margin: 3mm 0; break-inside: avoid; }
.petit { font-size: 8pt; color: #333; }
`
  return brut(`<style>${css}</style>`)
}

export interface EnTete {
  titre: string
  baseLegale: string
  reference: string
  dateEdition: string
  operateur: VueOperateur
  /** Ligne de droite de l'en-tête (« Facture n° … », « Dossier … »). */
  identifiant?: string
}

/** Le document complet, HTML autonome prêt pour le moteur de rendu. */
export function documentHtml(entete: EnTete, corps: FragmentHtml): string {
  const o = entete.operateur
  const piedGauche = `${o.nom} · ${o.email} · ${entete.identifiant ?? `${entete.titre} – ${entete.reference}`}`
  return html`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">
<title>${entete.titre} – ${entete.identifiant ?? entete.reference}</title>
${feuilleDeStyle(o.couleur, piedGauche)}
</head>
<body>
<header class="entete">
  <div class="marque">
    ${o.logo ? html`<img src="${o.logo}" alt="${o.nom}">` : ''}
    <div class="operateur"><strong>${o.nom}</strong>${o.adresse}<br>SIRET&nbsp;: ${o.siret} · ${o.email}</div>
  </div>
  <div class="ref">${entete.identifiant ? html`<strong>${entete.identifiant}</strong><br>` : ''}Dossier&nbsp;: ${entete.reference}<br>Édité le ${entete.dateEdition}</div>
</header>
<h1>${entete.titre}</h1>
<p class="base-legale">${entete.baseLegale}</p>
${corps}
</body>
</html>
`.toString()
}

export function champ(c: Champ): FragmentHtml {
  return html`<p class="champ"><span class="libelle">${c.libelle}</span>&nbsp;: <span class="valeur">${c.valeur}</span></p>`
}

export function partie(p: Partie): FragmentHtml {
  return html`<div class="partie">
  <div class="role">${p.role}</div>
  <div class="nom">${p.nom}</div>
  ${p.champs.map(champ)}
  ${p.mentions.map((m) => html`<p class="mention">${m}</p>`)}
</div>`
}

export function parties(ps: readonly Partie[]): FragmentHtml {
  return html`<div class="parties${ps.length === 3 ? ' trois' : ''}">${ps.map(partie)}</div>`
}

export function section(s: Section): FragmentHtml {
  return html`<div class="section">
  <h2>${s.titre}</h2>
  ${s.introduction.map((p) => html`<p>${p}</p>`)}
  ${s.champs.map(champ)}
  ${s.paragraphes.map((p) => html`<p>${p}</p>`)}
  ${s.liste.length ? html`<ul>${s.liste.map((l) => html`<li>${l}</li>`)}</ul>` : ''}
</div>`
}

/** Case du formulaire : glyphe ☒ / ☐ (lisible aussi dans le texte extrait du PDF). */
export function caseACocher(c: CaseACocher): FragmentHtml {
  return html`<p class="case">${c.cochee ? brut('&#x2612;') : brut('&#x2610;')} ${c.libelle}</p>`
}

export function signatures(blocs: readonly BlocSignature[]): FragmentHtml {
  return html`<div class="signatures" style="--nb: ${blocs.length}">
  ${blocs.map(
    (b) => html`<div class="signature">
    <div class="role">${b.role}</div>
    <div>${b.nom}</div>
    <div class="consigne">${b.consigne}</div>
  </div>`,
  )}
</div>`
}
