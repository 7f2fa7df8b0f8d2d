/**
 * L'historique (timeline) d'un dossier : transitions du journal d'audit, documents et messages,
 * fusionnés et triés par date. Pur : la couche API lit les données (avec les droits de
 * l'appelant) et fournit les libellés des personnes.
 */
import { formaterEuros } from './money'
import { LIBELLES_STATUT, type StatutDossier } from './statuts'
import { LIBELLES_ACTION, type ActionDossier } from './workflow'

export type TypeEntreeHistorique = 'transition' | 'document' | 'message' | 'email'

export interface EntreeHistorique {
  /** ISO 8601. */
  date: string
  type: TypeEntreeHistorique
  titre: string
  detail: string
}

export interface TransitionJournal {
  date: string
  /** « Prénom Nom (rôle) » ou équivalent. */
  acteur: string
  /** `changes` de l'entrée du journal : `{ action, status: { avant, apres }, champ: { avant, apres }… }`. */
  changes: unknown
}

export interface DocumentHistorique {
  date: string
  /** Libellé du type de document (« Convention de formation »…). */
  typeDocument: string
  origine: string | null | undefined
  fichier: string | null | undefined
  auteur?: string | null
}

/** An outbox row (admins only: addresses of every party). */
export interface EmailHistorique {
  date: string
  destinataire: string
  objet: string
  /** Libellé du statut (« Délivré », « Échec »…). */
  statut: string
  erreur?: string | null
}

export interface MessageHistorique {
  date: string
  auteur: string
  /** Corps en texte riche Lexical (ou texte brut). */
  corps: unknown
}

const MAX_LIGNE = 140

const libelleStatut = (s: unknown): string =>
  typeof s === 'string' && s in LIBELLES_STATUT ? LIBELLES_STATUT[s as StatutDossier] : String(s ?? '?')

const libelleAction = (a: unknown): string =>
  typeof a === 'string' && a in LIBELLES_ACTION ? LIBELLES_ACTION[a as ActionDossier] : typeof a === 'string' ? a : 'Transition'

const apres = (v: unknown): unknown => (v !== null && typeof v === 'object' && 'apres' in v ? (v as { apres: unknown }).apres : undefined)

/** Ce qu'une transition a changé, en français : « Soumis → En revue · par … · Montant validé : 1 200,00 € ». */
export function decrireTransition(changes: unknown, acteur: string): { titre: string; detail: string } {
  const c = changes !== null && typeof changes === 'object' ? (changes as Record<string, unknown>) : {}
  const statut = c.status !== null && typeof c.status === 'object' ? (c.status as { avant?: unknown; apres?: unknown }) : {}
  const morceaux: string[] = []
  if (statut.avant !== undefined || statut.apres !== undefined) morceaux.push(`${libelleStatut(statut.avant)} → ${libelleStatut(statut.apres)}`)
  morceaux.push(`par ${acteur}`)
  const montant = apres(c.montantValide)
  if (typeof montant === 'number' && Number.isSafeInteger(montant)) morceaux.push(`Montant validé : ${formaterEuros(montant)}`)
  const numero = apres(c.numeroDossierOpco)
  if (typeof numero === 'string' && numero !== '') morceaux.push(`N° OPCO : ${numero}`)
  const motif = apres(c.motifRefus)
  if (typeof motif === 'string' && motif !== '') morceaux.push(`Motif : ${motif}`)
  const heures = apres(c.heuresRealisees)
  if (typeof heures === 'number') morceaux.push(`Heures réalisées : ${String(heures).replace('.', ',')} h`)
  // The beneficiary's « je certifie » at submit (src/domain/workflow/certification.ts).
  if (c.certification !== null && typeof c.certification === 'object') morceaux.push('Exactitude des informations certifiée')
  return { titre: libelleAction(c.action), detail: morceaux.join(' · ') }
}

function texteDe(noeud: unknown): string {
  if (noeud === null || typeof noeud !== 'object') return ''
  const n = noeud as { text?: unknown; children?: unknown }
  if (typeof n.text === 'string') return n.text
  return Array.isArray(n.children) ? n.children.map(texteDe).join('') : ''
}

/** Première ligne non vide d'un texte riche Lexical (ou d'un texte), tronquée à 140 caractères. */
export function premiereLigne(corps: unknown, max = MAX_LIGNE): string {
  let lignes: string[]
  if (typeof corps === 'string') lignes = corps.split(/\r?\n/)
  else {
    const racine = corps !== null && typeof corps === 'object' ? (corps as { root?: { children?: unknown } }).root : undefined
    const blocs = Array.isArray(racine?.children) ? racine.children : []
    lignes = blocs.flatMap((b) => texteDe(b).split(/\r?\n/))
  }
  const ligne = lignes.map((l) => l.trim()).find((l) => l !== '') ?? ''
  return ligne.length > max ? `${ligne.slice(0, max - 1).trimEnd()}…` : ligne
}

const temps = (iso: string): number => {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t
}

export function construireHistorique(sources: {
  transitions?: readonly TransitionJournal[]
  documents?: readonly DocumentHistorique[]
  messages?: readonly MessageHistorique[]
  emails?: readonly EmailHistorique[]
}): EntreeHistorique[] {
  const entrees: EntreeHistorique[] = []
  for (const t of sources.transitions ?? []) {
    entrees.push({ date: t.date, type: 'transition', ...decrireTransition(t.changes, t.acteur) })
  }
  for (const d of sources.documents ?? []) {
    const genere = d.origine === 'generated'
    const qui = genere ? 'généré par MonOPCO' : d.auteur ? `déposé par ${d.auteur}` : 'déposé'
    entrees.push({
      date: d.date,
      type: 'document',
      titre: `${d.typeDocument} ${genere ? '(généré)' : '(déposé)'}`,
      detail: `${d.fichier || 'fichier sans nom'} · ${qui}`,
    })
  }
  for (const m of sources.messages ?? []) {
    entrees.push({ date: m.date, type: 'message', titre: `Message de ${m.auteur}`, detail: premiereLigne(m.corps) })
  }
  for (const e of sources.emails ?? []) {
    const detail = [`à ${e.destinataire}`, e.statut, e.erreur ? premiereLigne(e.erreur) : ''].filter((x) => x !== '').join(' · ')
    entrees.push({ date: e.date, type: 'email', titre: `E-mail « ${e.objet} »`, detail })
  }
  // Tri stable : à date égale, l'ordre transitions, documents, messages, e-mails est conservé.
  return entrees.map((e, i) => ({ e, i })).sort((a, b) => temps(a.e.date) - temps(b.e.date) || a.i - b.i).map(({ e }) => e)
}
