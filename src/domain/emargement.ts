/**
 * Electronic attendance (issue 17, item 2): when a personal signing link is valid, what a drawn
 * signature may be, and what a session's state becomes after each signature.
 */
import { createHash } from 'node:crypto'
import { ecartJours, jourParis, type Jour } from './echeances'
import { detecterTypeFichier } from './fichiers'
import type { ROLES_SIGNATAIRE_SEANCE, StatutSeance } from './seances'

export type RoleSignataire = (typeof ROLES_SIGNATAIRE_SEANCE)[number]['value']

/** The decoded image of a signature: at most 200 KB. */
export const TAILLE_MAX_SIGNATURE = 200 * 1024

/** The UTC instant of a Paris wall-clock time (DST handled by asking Intl for the offset). */
export function instantParis(jour: Jour, heure: string): Date {
  const [a, m, j] = jour.split('-').map(Number)
  const [h, mi] = heure.split(':').map(Number)
  const commeUtc = Date.UTC(a ?? 0, (m ?? 1) - 1, j ?? 1, h ?? 0, mi ?? 0)
  const decalage = (t: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .formatToParts(new Date(t))
        .map((x) => [x.type, x.value]),
    )
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - t
  }
  // Twice: the offset at the guess may differ from the offset at the answer around a DST change.
  const premier = commeUtc - decalage(commeUtc)
  return new Date(commeUtc - decalage(premier))
}

export type ValiditeJeton = 'valide' | 'pas_encore' | 'expire'

/**
 * A link is valid from the session's start until 23:59:59 that day, Paris time: a trainee signs
 * the half-day they attend, on that day, not the next morning from memory.
 */
export function validiteJeton(seance: { date: Jour; heureDebut: string }, maintenant: Date): ValiditeJeton {
  if (maintenant.getTime() < instantParis(seance.date, seance.heureDebut).getTime()) return 'pas_encore'
  return jourParis(maintenant) > seance.date ? 'expire' : 'valide'
}

export type LectureSignature = { ok: true; type: 'image/png' | 'image/svg+xml'; octets: Uint8Array } | { ok: false; erreur: string }

// What an SVG must not carry to be shown as an image and stamped into a PDF: scripts, event
// handlers, external references, embedded HTML.
const SVG_INTERDIT = /<script|<foreignobject|\son[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=\s*["']?(?!#)|<!doctype|<!entity|<\?xml-stylesheet/i

/** A `data:` URL of a drawn signature: a real PNG (read from its bytes) or a plain SVG, ≤ 200 KB. */
export function lireSignature(dataUrl: unknown): LectureSignature {
  if (typeof dataUrl !== 'string') return { ok: false, erreur: 'La signature doit être une image (data:image/png;base64,…).' }
  if (dataUrl.length > Math.ceil((TAILLE_MAX_SIGNATURE * 4) / 3) + 100) return { ok: false, erreur: 'La signature dépasse 200 Ko.' }
  const m = /^data:(image\/png|image\/svg\+xml)(;base64)?,(.*)$/s.exec(dataUrl)
  if (!m) return { ok: false, erreur: 'La signature doit être une image PNG ou SVG (data:image/png;base64,…).' }
  const [, type, base64, contenu = ''] = m
  let octets: Uint8Array
  if (base64) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contenu)) return { ok: false, erreur: 'La signature n’est pas un base64 valide.' }
    octets = Buffer.from(contenu, 'base64')
  } else {
    try {
      octets = Buffer.from(decodeURIComponent(contenu), 'utf8')
    } catch {
      return { ok: false, erreur: 'La signature n’est pas une image lisible.' }
    }
  }
  if (octets.length === 0) return { ok: false, erreur: 'La signature est vide.' }
  if (octets.length > TAILLE_MAX_SIGNATURE) return { ok: false, erreur: 'La signature dépasse 200 Ko.' }
  if (type === 'image/png') {
    return detecterTypeFichier(octets) === 'image/png' ? { ok: true, type, octets } : { ok: false, erreur: 'La signature annoncée comme PNG n’en est pas une (contenu vérifié).' }
  }
  const texte = Buffer.from(octets).toString('utf8')
  if (!/^\s*(?:<\?xml[^>]*\?>\s*)?<svg[\s>]/i.test(texte)) return { ok: false, erreur: 'La signature annoncée comme SVG n’en est pas une (contenu vérifié).' }
  if (SVG_INTERDIT.test(texte)) return { ok: false, erreur: 'La signature SVG contient des scripts ou des références externes : elle est refusée.' }
  return { ok: true, type: 'image/svg+xml', octets }
}

export interface EtatSignatures {
  stagiaire: boolean
  formateur: boolean
  /** The trainer declared the trainee absent. */
  absent: boolean
  /** The trainer declared the trainee present for fewer minutes than planned. */
  presencePartielle?: boolean
}

/**
 * A session is `signee` once both have signed, `absence` when the trainer declared it and signed.
 * A partial presence declared by the trainer also closes the half-day as `signee` for those
 * minutes, the trainee's signature or not: the trainer's word is the proof of the time actually
 * followed (a trainee who left early seldom comes back to sign). This is how the issue's
 * « 8 half-days of 3.5 h, one absent, one trainer-declared 120 min → 26.5 h » reads: the half-day
 * the trainee did not sign is the one the trainer declared 120 minutes for (README « Séances et
 * heures réalisées »).
 */
export function statutApresSignatures(statut: StatutSeance, e: EtatSignatures): StatutSeance {
  if (statut === 'annulee') return 'annulee'
  if (e.absent && e.formateur) return 'absence'
  if (e.presencePartielle && e.formateur) return 'signee'
  return e.stagiaire && e.formateur ? 'signee' : 'a_signer'
}

// ---------------------------------------------------------------------------------------------
// Signing links, requests and evidence (issue 17, item 2)

/** Random part of a link: 32 bytes (256 bits), base64url — 43 characters. */
export const OCTETS_JETON = 32
const FORMAT_JETON = /^[A-Za-z0-9_-]{43}$/

/** A token as it may appear in a link (anything else is unknown without asking the database). */
export const estFormatJeton = (v: unknown): v is string => typeof v === 'string' && FORMAT_JETON.test(v)

/** What is stored of a token: its sha256 (hex). The database never holds a usable link. */
export const hacherJeton = (jeton: string): string => createHash('sha256').update(jeton, 'utf8').digest('hex')

export const sha256Hex = (octets: Uint8Array | string): string => createHash('sha256').update(octets).digest('hex')

export interface EnregistrementSigne {
  seance: number | string
  role: RoleSignataire
  nom: string
  /** ISO instant. */
  signeLe: string
  /** sha256 of the image's bytes, null for a typed name. */
  imageSha256: string | null
  /** The trainer's declaration, when there is one. */
  declaration?: { absent: true } | { minutes: number } | null
}

/** The canonical JSON of a signature record: fixed key order, no whitespace. */
export function jsonCanonique(e: EnregistrementSigne): string {
  return JSON.stringify({
    seance: String(e.seance),
    role: e.role,
    nom: e.nom,
    signeLe: e.signeLe,
    imageSha256: e.imageSha256,
    declaration: e.declaration ?? null,
  })
}

/** The evidence printed at the foot of the attendance sheet: sha256 of the canonical record. */
export const empreinteEnregistrement = (e: EnregistrementSigne): string => sha256Hex(jsonCanonique(e))

export type MarqueSignature = { type: 'image'; octets: Uint8Array; mime: 'image/png' | 'image/svg+xml' } | { type: 'nom'; nom: string }
export type Declaration = { absent: true } | { minutes: number }

export interface DemandeEmargement {
  /** The drawn signature or the typed name; absent only when the trainer declares alone. */
  marque: MarqueSignature | null
  /** The trainer's declaration of an absence or a partial presence. */
  declaration: Declaration | null
}

export type LectureDemande = { ok: true; demande: DemandeEmargement } | { ok: false; status: 400 | 403; erreur: string }

const CLES_DEMANDE = new Set(['signature', 'nom', 'absent', 'minutes'])

/** Lower case, no accents, words sorted: « DURAND  Claire » is « Claire Durand ». */
export const nomNormalise = (nom: string): string =>
  nom
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .sort()
    .join(' ')

/**
 * The body of `POST /api/emargement/<jeton>`: a drawn signature (`signature`, a PNG/SVG data
 * URL) or a typed name (`nom`: the signer's own name, as the dossier knows it), and — for the
 * trainer only — a declaration `absent: true` or `minutes: n` (0 < n < the session's duration),
 * which alone also counts as the trainer's signature. A trainee declaring an absence or minutes
 * gets 403: that is the trainer's word. Nobody signs under another name.
 */
export function lireDemandeEmargement(corps: Record<string, unknown>, signataire: { role: RoleSignataire; nom: string }, dureeMinutes: number): LectureDemande {
  const cles = Object.keys(corps)
  const inconnues = cles.filter((c) => !CLES_DEMANDE.has(c))
  if (inconnues.length > 0) return { ok: false, status: 400, erreur: `Champ inattendu : ${inconnues.slice(0, 3).join(', ').slice(0, 100)}.` }
  const aDeclaration = 'absent' in corps || 'minutes' in corps
  if (aDeclaration && signataire.role !== 'formateur') return { ok: false, status: 403, erreur: 'Seul le formateur peut déclarer une absence ou une présence partielle.' }
  if ('absent' in corps && 'minutes' in corps) return { ok: false, status: 400, erreur: 'Déclarez soit une absence, soit des minutes de présence, pas les deux.' }
  if ('signature' in corps && 'nom' in corps) return { ok: false, status: 400, erreur: 'Envoyez soit une signature dessinée, soit votre nom tapé, pas les deux.' }
  let declaration: Declaration | null = null
  if ('absent' in corps) {
    if (corps.absent !== true) return { ok: false, status: 400, erreur: '« absent » doit valoir true.' }
    declaration = { absent: true }
  } else if ('minutes' in corps) {
    const m = corps.minutes
    if (typeof m !== 'number' || !Number.isInteger(m) || m <= 0 || m >= dureeMinutes) {
      return { ok: false, status: 400, erreur: `« minutes » doit être un nombre entier entre 1 et ${Math.max(1, dureeMinutes - 1)} (la séance dure ${dureeMinutes} minutes).` }
    }
    declaration = { minutes: m }
  }
  let marque: MarqueSignature | null = null
  if ('nom' in corps) {
    const nom = corps.nom
    if (typeof nom !== 'string' || nom.trim().length < 2 || nom.length > 200 || /[\u0000-\u001f\u007f]/.test(nom)) {
      return { ok: false, status: 400, erreur: 'Le nom tapé doit compter de 2 à 200 caractères, sans caractère de contrôle.' }
    }
    if (nomNormalise(nom) !== nomNormalise(signataire.nom)) {
      return { ok: false, status: 403, erreur: 'Le nom tapé doit être le vôtre, tel qu’il figure au dossier : on ne signe pas pour une autre personne.' }
    }
    marque = { type: 'nom', nom: nom.trim().replace(/\s+/g, ' ') }
  } else if ('signature' in corps) {
    const lecture = lireSignature(corps.signature)
    if (!lecture.ok) return { ok: false, status: 400, erreur: lecture.erreur }
    marque = { type: 'image', octets: lecture.octets, mime: lecture.type }
  }
  if (!marque && !declaration) {
    return { ok: false, status: 400, erreur: 'Envoyez votre signature (« signature », image PNG ou SVG) ou votre nom tapé (« nom »).' }
  }
  return { ok: true, demande: { marque, declaration } }
}

/** The signature image as the PDF and the page embed it: always base64 (an SVG sent URL-encoded too). */
export const dataUrlBase64 = (mime: string, octets: Uint8Array): string => `data:${mime};base64,${Buffer.from(octets).toString('base64')}`

export type RelanceEmargement = { type: 'signataire'; role: RoleSignataire } | { type: 'equipe' }

/** Sessions older than this many days are no longer looked at (the team was told at 2 days). */
export const JOURS_RELANCE_MAX = 3

/** The hour (Paris) from which « the next morning » reminders go out. */
export const HEURE_RELANCE_MATIN = 7

/**
 * Reminders for a session still unsigned: each missing signer the morning after the session (from
 * 07:00 Paris), the team once 2 days have passed. The outbox keys make each one go out once.
 */
export function relancesEmargementDues(
  seance: { date: Jour; statut: StatutSeance; signes: readonly RoleSignataire[]; destinataires: readonly RoleSignataire[] },
  maintenant: Date,
): RelanceEmargement[] {
  if (seance.statut !== 'a_signer') return []
  const aujourdhui = jourParis(maintenant)
  const ecart = ecartJours(seance.date, aujourdhui)
  if (ecart < 1) return []
  const heure = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(maintenant))
  const dues: RelanceEmargement[] = []
  if (ecart === 1 && heure < HEURE_RELANCE_MATIN) return dues
  // The next morning only (a run skipped that day sends it later, once: the key says so).
  if (ecart <= 2) for (const role of seance.destinataires) if (!seance.signes.includes(role)) dues.push({ type: 'signataire', role })
  if (ecart >= 2 && ecart <= JOURS_RELANCE_MAX) dues.push({ type: 'equipe' })
  return dues
}
