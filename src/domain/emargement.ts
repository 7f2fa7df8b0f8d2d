/**
 * Electronic attendance (issue 17, item 2): when a personal signing link is valid, what a drawn
 * signature may be, and what a session's state becomes after each signature.
 */
import { jourParis, type Jour } from './echeances'
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
}

/** A session is `signee` once both have signed, `absence` when the trainer declared it and signed. */
export function statutApresSignatures(statut: StatutSeance, e: EtatSignatures): StatutSeance {
  if (statut === 'annulee') return 'annulee'
  if (e.absent && e.formateur) return 'absence'
  return e.stagiaire && e.formateur ? 'signee' : 'a_signer'
}
