/**
 * Simple electronic signature of the convention (eIDAS art. 25; issue 17, item 5): who must sign,
 * the one-time code sent by e-mail, and the employee's 10 days for a bilan (R6313-8).
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { ajouterJours, jourDeDateStockee, jourParis } from './echeances'

export type RoleSignataireConvention = 'entreprise' | 'organisme' | 'salarie'

/** A bilan's convention is tripartite (employer, employee, provider: R6313-8). */
export function signatairesRequis(typeFormation: 'formation' | 'bilan' | null | undefined): RoleSignataireConvention[] {
  return typeFormation === 'bilan' ? ['entreprise', 'salarie', 'organisme'] : ['entreprise', 'organisme']
}

export const VALIDITE_CODE_MS = 10 * 60_000
export const ESSAIS_MAX_CODE = 5

/** Codes are stored hashed (with the link's id as salt): a database read does not reveal them. */
export const empreinteCode = (code: string, sel: string): string => createHash('sha256').update(`${sel}:${code}`).digest('hex')

export type VerdictCode = 'ok' | 'faux' | 'expire' | 'verrouille' | 'absent'

/**
 * `essaisFaits` counts the wrong codes already entered for this link; the 5th wrong one locks it
 * (a new code must be asked for, which the rate limit bounds).
 */
export function verifierCode(
  etat: { empreinte: string | null; emisLe: string | null; essaisFaits: number },
  saisi: unknown,
  sel: string,
  maintenant: Date,
): VerdictCode {
  if (etat.essaisFaits >= ESSAIS_MAX_CODE) return 'verrouille'
  if (!etat.empreinte || !etat.emisLe) return 'absent'
  if (maintenant.getTime() - Date.parse(etat.emisLe) > VALIDITE_CODE_MS) return 'expire'
  if (typeof saisi !== 'string' || !/^\d{6}$/.test(saisi)) return 'faux'
  const a = Buffer.from(empreinteCode(saisi, sel), 'hex')
  const b = Buffer.from(etat.empreinte, 'hex')
  return a.length === b.length && timingSafeEqual(a, b) ? 'ok' : 'faux'
}

export const MESSAGES_CODE: Record<Exclude<VerdictCode, 'ok'>, string> = {
  faux: 'Code incorrect.',
  expire: 'Ce code a expiré (10 minutes) : demandez-en un nouveau.',
  verrouille: 'Trop de codes incorrects : ce code est bloqué, demandez-en un nouveau.',
  absent: 'Demandez d’abord un code : il vous sera envoyé par e-mail.',
}

export const JOURS_AVANT_RELANCE_SALARIE = 3
export const JOURS_POUR_SIGNER_BILAN = 10

/**
 * The employee's signature of a bilan convention is their own decision: no reminder before the
 * 3rd day after sending, and the request lapses once 10 days have passed without it (silence is
 * a refusal). Days are Paris calendar days counted from the day it was sent.
 */
export function etatDemandeSalarie(envoyeLe: string, signeLe: string | null, maintenant: Date): { relancePermise: boolean; caduque: boolean; dernierJour: string } {
  const envoi = jourDeDateStockee(envoyeLe) ?? jourParis(maintenant)
  const dernierJour = ajouterJours(envoi, JOURS_POUR_SIGNER_BILAN)
  const aujourdhui = jourParis(maintenant)
  if (signeLe) return { relancePermise: false, caduque: false, dernierJour }
  return {
    relancePermise: aujourdhui >= ajouterJours(envoi, JOURS_AVANT_RELANCE_SALARIE) && aujourdhui <= dernierJour,
    caduque: aujourdhui > dernierJour,
    dernierJour,
  }
}

// ——— The request: who signs, how they sign, what the evidence says ———

export const LIBELLES_ROLE_SIGNATAIRE: Record<RoleSignataireConvention, string> = {
  entreprise: 'Représentant de l’entreprise',
  organisme: 'Représentant de l’organisme',
  salarie: 'Salarié(e) bénéficiaire',
}

export type StatutDemandeSignature = 'en_cours' | 'signee' | 'caduque' | 'annulee'

export const STATUTS_DEMANDE_SIGNATURE: readonly { value: StatutDemandeSignature; label: string }[] = [
  { value: 'en_cours', label: 'En cours de signature' },
  { value: 'signee', label: 'Signée par toutes les parties' },
  { value: 'caduque', label: 'Caduque (délai dépassé)' },
  { value: 'annulee', label: 'Annulée' },
]

export const libelleStatutDemande = (s: unknown): string => STATUTS_DEMANDE_SIGNATURE.find((x) => x.value === s)?.label ?? String(s)

export interface SignataireSaisi {
  role: RoleSignataireConvention
  nom: string
  prenom: string
  fonction: string
  email: string
}

const REGEX_EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/
// Control characters and bidirectional overrides never belong in a name printed on a contract.
// eslint-disable-next-line no-control-regex
const CARACTERES_INTERDITS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>]/

function texte(v: unknown, max: number): string | null {
  if (typeof v !== 'string') return null
  const t = v.trim().replace(/\s+/g, ' ')
  if (t === '' || t.length > max || CARACTERES_INTERDITS.test(t)) return null
  return t
}

export type LectureSignataires = { ok: true; signataires: SignataireSaisi[] } | { ok: false; erreurs: { champ: string; message: string }[] }

/**
 * The signers of POST /api/dossiers/:id/signature-convention, `{ "signataires": [{ role, nom,
 * prenom, fonction, email }] }`: exactly one per required role (the employee only for a bilan),
 * returned in signing order. The employee's `fonction` may be left out (« Salarié(e) »).
 */
export function lireSignataires(corps: unknown, typeFormation: 'formation' | 'bilan' | null | undefined): LectureSignataires {
  const requis = signatairesRequis(typeFormation)
  const liste = corps && typeof corps === 'object' && !Array.isArray(corps) ? (corps as { signataires?: unknown }).signataires : undefined
  if (!Array.isArray(liste) || liste.length === 0 || liste.length > 3) {
    return { ok: false, erreurs: [{ champ: 'signataires', message: `Les signataires sont obligatoires : ${requis.map((r) => LIBELLES_ROLE_SIGNATAIRE[r].toLowerCase()).join(', ')}.` }] }
  }
  const erreurs: { champ: string; message: string }[] = []
  const parRole = new Map<RoleSignataireConvention, SignataireSaisi>()
  liste.forEach((brut, i) => {
    const s = (brut && typeof brut === 'object' && !Array.isArray(brut) ? brut : {}) as Record<string, unknown>
    const role = s.role
    if (role !== 'entreprise' && role !== 'organisme' && role !== 'salarie') {
      erreurs.push({ champ: `signataires.${i}.role`, message: 'Rôle inconnu : entreprise, organisme ou salarie.' })
      return
    }
    if (!requis.includes(role)) {
      erreurs.push({ champ: `signataires.${i}.role`, message: 'Le salarié ne signe que la convention d’un bilan de compétences.' })
      return
    }
    if (parRole.has(role)) {
      erreurs.push({ champ: `signataires.${i}.role`, message: `Un seul signataire « ${LIBELLES_ROLE_SIGNATAIRE[role]} ».` })
      return
    }
    const nom = texte(s.nom, 100)
    const prenom = texte(s.prenom, 100)
    const fonction = role === 'salarie' && (s.fonction === undefined || s.fonction === null || s.fonction === '') ? 'Salarié(e)' : texte(s.fonction, 120)
    const email = typeof s.email === 'string' ? s.email.trim().toLowerCase() : ''
    if (!nom) erreurs.push({ champ: `signataires.${i}.nom`, message: 'Nom manquant ou invalide (100 caractères au plus).' })
    if (!prenom) erreurs.push({ champ: `signataires.${i}.prenom`, message: 'Prénom manquant ou invalide (100 caractères au plus).' })
    if (!fonction) erreurs.push({ champ: `signataires.${i}.fonction`, message: 'Fonction manquante ou invalide (120 caractères au plus).' })
    if (email.length > 200 || !REGEX_EMAIL.test(email)) erreurs.push({ champ: `signataires.${i}.email`, message: 'Adresse e-mail invalide.' })
    if (nom && prenom && fonction && email.length <= 200 && REGEX_EMAIL.test(email)) parRole.set(role, { role, nom, prenom, fonction, email })
  })
  for (const r of requis) {
    if (!parRole.has(r) && !erreurs.some((e) => e.champ.startsWith('signataires.'))) {
      erreurs.push({ champ: 'signataires', message: `Signataire manquant : ${LIBELLES_ROLE_SIGNATAIRE[r].toLowerCase()}.` })
    }
  }
  if (erreurs.length > 0) return { ok: false, erreurs }
  return { ok: true, signataires: requis.map((r) => parRole.get(r)!) }
}

/** A link's token: 32 random bytes in base64url. Anything else is not one of ours (404, nothing read). */
export const estFormatJeton = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{43}$/.test(v)
export const empreinteJeton = (jeton: string): string => createHash('sha256').update(`signature-convention:${jeton}`).digest('hex')
export const estSha256 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/i.test(v)

/** A link stays usable 30 days (a bilan's request lapses sooner, after 10 days). */
export const JOURS_VALIDITE_LIEN = 30

export type SignatureLue = { ok: true; type: 'dessin'; mime: 'image/png' | 'image/svg+xml'; octets: Uint8Array; dataUrl: string } | { ok: true; type: 'saisie'; texte: string } | { ok: false; erreur: string }

/**
 * The `signature` of POST /api/signatures/<jeton>/signer: a drawn image (PNG or SVG `data:` URL,
 * ≤ 200 KB, checked on its bytes by `lireSignature`) or the typed full name.
 */
export function lireSignatureConvention(v: unknown, lireImage: (d: unknown) => { ok: true; type: 'image/png' | 'image/svg+xml'; octets: Uint8Array } | { ok: false; erreur: string }): SignatureLue {
  if (typeof v !== 'string' || v.trim() === '') return { ok: false, erreur: 'La signature est obligatoire : dessinez-la ou tapez votre nom.' }
  if (v.startsWith('data:')) {
    const image = lireImage(v)
    return image.ok ? { ok: true, type: 'dessin', mime: image.type, octets: image.octets, dataUrl: v } : image
  }
  const t = texte(v, 120)
  if (!t || t.length < 2) return { ok: false, erreur: 'Signature tapée invalide : votre nom complet (2 à 120 caractères, sans caractères de contrôle).' }
  return { ok: true, type: 'saisie', texte: t }
}

/** `jj/mm/aaaa à HH:MM:SS` Paris time, as the evidence page prints it. */
export function dateHeureParis(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  )
  return `${p.day}/${p.month}/${p.year} à ${p.hour}:${p.minute}:${p.second}`
}

export interface SignataireSigne {
  role: RoleSignataireConvention
  nom: string
  prenom: string
  fonction: string
  email: string
  signeLe: string
  ip: string | null
  userAgent: string | null
  typeSignature: 'dessin' | 'saisie'
  /** sha256 of the drawn image's bytes, or of the typed text. */
  sha256Signature: string
}

export interface ElementsPreuve {
  demande: string | number
  dossierReference: string
  documentOriginal: { nom: string; sha256: string; version: number | null }
  envoyeLe: string
  signataires: SignataireSigne[]
}

/** The evidence file (JSON) stored beside the signed PDF: every fact the signature rests on. */
export function construirePreuve(e: ElementsPreuve, finaliseeLe: string) {
  return {
    type: 'preuve-signature-electronique-simple',
    cadre: 'Signature électronique simple (règlement eIDAS n° 910/2014, art. 25) ; convention tripartite du bilan de compétences : art. R6313-8 du code du travail',
    demande: String(e.demande),
    dossier: e.dossierReference,
    documentOriginal: { nom: e.documentOriginal.nom, sha256: e.documentOriginal.sha256, version: e.documentOriginal.version },
    envoyeeLe: e.envoyeLe,
    finaliseeLe,
    fuseauHoraire: 'Europe/Paris pour les dates imprimées ; UTC ici (ISO 8601)',
    authentification: 'lien personnel envoyé par e-mail + code à 6 chiffres envoyé à la même adresse (valable 10 minutes, 5 essais)',
    signataires: e.signataires.map((s) => ({
      role: s.role,
      nom: s.nom,
      prenom: s.prenom,
      fonction: s.fonction,
      email: s.email,
      signeLe: s.signeLe,
      ip: s.ip,
      userAgent: s.userAgent,
      consentement: 'J’ai lu la convention et je la signe électroniquement.',
      typeSignature: s.typeSignature,
      sha256Signature: s.sha256Signature,
    })),
  }
}

/** The lines of the page stamped after the convention (pure: tested without a PDF). */
export function lignesPageSignature(e: ElementsPreuve, finaliseeLe: string): { titre: string; intro: string[]; blocs: string[][]; pied: string[] } {
  return {
    titre: 'Signature électronique de la convention',
    intro: [
      `Dossier ${e.dossierReference} — document « ${e.documentOriginal.nom} »`,
      'Signature électronique simple (règlement eIDAS, art. 25) : lien personnel et code à usage unique envoyés par e-mail.',
      `Empreinte SHA-256 de la convention signée (pages précédentes) :`,
      e.documentOriginal.sha256,
    ],
    blocs: e.signataires.map((s) => [
      `${LIBELLES_ROLE_SIGNATAIRE[s.role]} : ${s.prenom} ${s.nom}, ${s.fonction}`,
      `E-mail : ${s.email}`,
      `Signé le ${dateHeureParis(s.signeLe)} (heure de Paris) — adresse IP ${s.ip ?? 'inconnue'}`,
      `Signature ${s.typeSignature === 'dessin' ? 'dessinée' : 'tapée'}, empreinte ${s.sha256Signature.slice(0, 16)}…`,
    ]),
    pied: [`Signatures réunies le ${dateHeureParis(finaliseeLe)} (heure de Paris). Vérifiez ce document : /api/signatures/verification/<sha256 du fichier>.`],
  }
}

/** What the signing page says of a link that can no longer be used. */
export const MESSAGES_LIEN = {
  inconnu: 'Lien de signature introuvable : il a peut-être été remplacé par un nouveau lien. Utilisez le dernier e-mail reçu.',
  dejaSigne: 'Vous avez déjà signé cette convention : ce lien ne sert plus.',
  expire: 'Ce lien de signature a expiré.',
  caduque: 'Cette demande de signature est caduque : le délai pour signer est dépassé.',
  annulee: 'Cette demande de signature a été annulée ou remplacée.',
  signee: 'La convention est déjà signée par toutes les parties.',
} as const
