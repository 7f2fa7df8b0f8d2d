/**
 * The one layout of every MonOPCO e-mail, in HTML and in plain text from the same blocks, so
 * both versions always say the same thing. Every value goes through the escaping `html` tag
 * (src/domain/documents/html.ts): a beneficiary named `<script>` is printed as text.
 */
import { brut, html, joindre, type FragmentHtml } from '@/src/domain/documents/html'

export type Bloc =
  | { paragraphe: string }
  | { liste: readonly string[] }
  | { lignes: readonly (readonly [string, string])[] }
  | { citation: string }
  | { bouton: { libelle: string; url: string } }

export interface MessageEmail {
  /** Template id, stored on the outbox row (`emails.template`). */
  modele: string
  sujet: string
  titre: string
  blocs: readonly Bloc[]
}

export interface EmailRendu {
  modele: string
  sujet: string
  html: string
  texte: string
}

/** Marker read back by the outbox adapter, so a mail sent through Payload's sendEmail keeps its template id. */
export const META_MODELE = 'x-monopco-modele'

const STYLE = brut(
  'body{margin:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1c2430}' +
    '.cadre{max-width:600px;margin:0 auto;padding:24px}' +
    '.carte{background:#fff;border-radius:8px;padding:28px}' +
    'h1{font-size:20px;margin:0 0 16px}p,li,td{font-size:15px;line-height:1.5}' +
    'td.c{color:#5b6573;padding-right:12px;vertical-align:top}' +
    'blockquote{margin:12px 0;padding:8px 14px;border-left:3px solid #c9ced6;color:#333}' +
    'a.bouton{display:inline-block;background:#1d4ed8;color:#fff;text-decoration:none;padding:10px 18px;border-radius:6px}' +
    '.pied{font-size:12px;color:#6b7280;margin-top:18px}',
)

/** Only our own http(s) links become buttons: a value that is not one is printed as text. */
const lienSur = (url: string): boolean => /^https?:\/\/[^\s"'<>]+$/.test(url)

function blocHtml(b: Bloc): FragmentHtml {
  if ('paragraphe' in b) return html`<p>${b.paragraphe}</p>`
  if ('liste' in b) return html`<ul>${b.liste.map((l) => html`<li>${l}</li>`)}</ul>`
  if ('lignes' in b) return html`<table role="presentation">${b.lignes.map(([k, v]) => html`<tr><td class="c">${k}</td><td>${v}</td></tr>`)}</table>`
  if ('citation' in b) return html`<blockquote>${joindre(b.citation.split(/\r?\n/), brut('<br>'))}</blockquote>`
  return lienSur(b.bouton.url) ? html`<p><a class="bouton" href="${b.bouton.url}">${b.bouton.libelle}</a></p>` : html`<p>${b.bouton.libelle} : ${b.bouton.url}</p>`
}

function blocTexte(b: Bloc): string {
  if ('paragraphe' in b) return b.paragraphe
  if ('liste' in b) return b.liste.map((l) => `  - ${l}`).join('\n')
  if ('lignes' in b) return b.lignes.map(([k, v]) => `${k} : ${v}`).join('\n')
  if ('citation' in b) return b.citation.split(/\r?\n/).map((l) => `  > ${l}`).join('\n')
  return `${b.bouton.libelle} : ${b.bouton.url}`
}

const PIED = 'Cet e-mail vous est envoyé par MonOPCO, qui accompagne le financement de votre formation par votre OPCO.'

/** Header lines a mail client would otherwise show: no line breaks in a subject. */
const ligne = (s: string): string => s.replace(/[\r\n]+/g, ' ').trim()

export function rendre(m: MessageEmail): EmailRendu {
  const corps = html`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="${META_MODELE}" content="${m.modele}"><title>${ligne(m.sujet)}</title><style>${STYLE}</style></head>
<body><div class="cadre"><div class="carte"><h1>${m.titre}</h1>
${m.blocs.map(blocHtml)}
</div><p class="pied">${PIED}</p></div></body></html>`
  const texte = [m.titre, '', ...m.blocs.flatMap((b) => [blocTexte(b), '']), '--', PIED].join('\n')
  return { modele: m.modele, sujet: ligne(m.sujet), html: corps.toString(), texte }
}
