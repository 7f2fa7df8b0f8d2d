import { randomBytes, randomUUID } from 'node:crypto'
import { commitTransaction, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { requeteSql, sql } from '@/src/db/sql'
import { ajouterJours, jourDeDateStockee, jourFr, jourParis, type Jour } from '@/src/domain/echeances'
import {
  dataUrlBase64,
  empreinteEnregistrement,
  estFormatJeton,
  hacherJeton,
  JOURS_RELANCE_MAX,
  lireDemandeEmargement,
  OCTETS_JETON,
  relancesEmargementDues,
  sha256Hex,
  statutApresSignatures,
  validiteJeton,
  type RoleSignataire,
} from '@/src/domain/emargement'
import { ErreurMetier } from '@/src/domain/erreurs'
import { nomComplet } from '@/src/domain/nomComplet'
import { DEMI_JOURNEES, ROLES_SIGNATAIRE_SEANCE, STATUT_SEANCE, type StatutSeance } from '@/src/domain/seances'
import type { Dossier, JetonsEmargement, Seance } from '@/src/payload-types'
import { adresseIp } from '@/src/security/ip'
import { ajouterEmails, type NouvelEmail } from '@/src/services/emails/boiteEnvoi'
import { admins, liens } from '@/src/services/emails/destinataires'
import * as T from '@/templates/email'

/**
 * Electronic attendance (issue 17, item 2): the personal links of the day, signing through a
 * link, « Renvoyer le lien », and the reminders of unsigned half-days. Tokens are random (256
 * bits), stored as their sha256 in `jetons-emargement`, single-use, valid from the session's start
 * until 23:59 that day (Paris) — src/domain/emargement.ts holds the rules.
 */

type Id = number
const ROLES: readonly RoleSignataire[] = ROLES_SIGNATAIRE_SEANCE.map((r) => r.value)
const systeme = (req?: PayloadRequest) => ({ overrideAccess: true, depth: 0, ...(req ? { req } : {}) }) as const

export const estRoleSignataire = (v: unknown): v is RoleSignataire => typeof v === 'string' && (ROLES as readonly string[]).includes(v)

export interface Signataire {
  role: RoleSignataire
  nom: string
  email: string | null
}

/** The two signers of a dossier's sessions: the beneficiary (trainee) and the training's trainer. */
export function signatairesDuDossier(dossier: Pick<Dossier, 'beneficiaire' | 'formation'>): Record<RoleSignataire, Signataire> {
  const b = dossier.beneficiaire ?? {}
  const f = dossier.formation?.formateur ?? {}
  const email = (v: unknown) => (typeof v === 'string' && v.includes('@') ? v.trim().toLowerCase() : null)
  return {
    stagiaire: { role: 'stagiaire', nom: nomComplet(b.prenom, b.nom) ?? '', email: email(b.email) },
    formateur: { role: 'formateur', nom: nomComplet(f.prenom, f.nom) ?? '', email: email(f.email) },
  }
}

export const jourDeSeance = (s: Pick<Seance, 'date'>): Jour => jourDeDateStockee(s.date) ?? ''
export const libelleDemiJournee = (v: string): string => DEMI_JOURNEES.find((d) => d.value === v)?.label ?? v
export const rolesSignes = (s: Pick<Seance, 'signatures'>): RoleSignataire[] => (s.signatures ?? []).map((x) => x.role)

function seanceEmail(seance: Seance, dossier: Dossier): T.SeanceEmail {
  const s = signatairesDuDossier(dossier)
  return {
    id: seance.id,
    reference: dossier.reference ?? `dossier ${dossier.id}`,
    titreFormation: dossier.formation?.titre ?? '',
    date: jourDeSeance(seance),
    demiJournee: libelleDemiJournee(seance.demiJournee),
    heureDebut: seance.heureDebut,
    heureFin: seance.heureFin,
    stagiaire: s.stagiaire.nom,
    formateur: s.formateur.nom,
  }
}

export const lienEmargement = (jeton: string): string => `${env().serverUrl}/emargement/${jeton}`
const lienSeanceAdmin = (id: Id): string => `${liens().admin}/collections/seances/${id}`

async function lireDossier(payload: Payload, req: PayloadRequest | undefined, id: unknown): Promise<Dossier | null> {
  const i = idOf(id)
  if (i === null) return null
  return payload.findByID({ collection: 'dossiers', id: i, ...systeme(req), disableErrors: true })
}

async function lireSeance(payload: Payload, req: PayloadRequest | undefined, id: unknown): Promise<Seance | null> {
  const i = idOf(id)
  if (i === null) return null
  return payload.findByID({ collection: 'seances', id: i, ...systeme(req), disableErrors: true })
}

const nouveauJeton = (): string => randomBytes(OCTETS_JETON).toString('base64url')

/**
 * One link for (session, signer) under `cle`, and its e-mail under `emargement:<cle>` — both
 * once. A row whose e-mail was never written (a crash in between on SQLite) gets a fresh token:
 * the first one's plain value is gone, by design.
 */
async function emettreLien(payload: Payload, req: PayloadRequest | undefined, seance: Seance, dossier: Dossier, role: RoleSignataire, cle: string, maintenant: Date): Promise<boolean> {
  const signataire = signatairesDuDossier(dossier)[role]
  if (!signataire.email) return false
  const cleEmail = `emargement:${cle}`
  const deja = await payload.count({ collection: 'emails', where: { cle: { equals: cleEmail } }, ...systeme(req) })
  if (deja.totalDocs > 0) return false
  const jeton = nouveauJeton()
  const existant = await payload.find({ collection: 'jetons-emargement', where: { cle: { equals: cle } }, limit: 1, pagination: false, ...systeme(req) })
  const data = { hash: hacherJeton(jeton), email: signataire.email, sentAt: maintenant.toISOString() }
  if (existant.docs[0]) await payload.update({ collection: 'jetons-emargement', id: existant.docs[0].id, data, ...systeme(req) })
  else await payload.create({ collection: 'jetons-emargement', data: { ...data, seance: seance.id, role, cle }, ...systeme(req) })
  const email: NouvelEmail = { to: signataire.email, dossier: dossier.id, cle: cleEmail, rendu: T.rendre(T.lienEmargement(seanceEmail(seance, dossier), role, lienEmargement(jeton))) }
  return (await ajouterEmails(payload, req, [email])).length > 0
}

/** Sessions of a Paris day (dates are stored as instants: the day is read in Paris). */
async function seancesDuJour(payload: Payload, jours: readonly Jour[]): Promise<Seance[]> {
  if (jours.length === 0) return []
  const tries = [...jours].sort()
  const r = await payload.find({
    collection: 'seances',
    where: {
      and: [
        { date: { greater_than_equal: `${ajouterJours(tries[0]!, -1)}T00:00:00.000Z` } },
        { date: { less_than: `${ajouterJours(tries[tries.length - 1]!, 2)}T00:00:00.000Z` } },
        { statut: { equals: STATUT_SEANCE.a_signer } },
      ],
    },
    pagination: false,
    sort: 'id',
    ...systeme(),
  })
  const voulus = new Set(jours)
  return r.docs.filter((s) => voulus.has(jourDeSeance(s)))
}

/**
 * The day's pass (scheduled task, clock injected in tests): a link for each signer of each of
 * today's sessions still to sign, then the reminders of the last days' unsigned sessions.
 */
export async function executerEmargement(payload: Payload, maintenant: Date = new Date()): Promise<{ liens: number; relances: number }> {
  const aujourdhui = jourParis(maintenant)
  let envoyes = 0
  const dossiers = new Map<Id, Dossier | null>()
  const dossierDe = async (s: Seance) => {
    const id = idOf(s.dossier)!
    if (!dossiers.has(id)) dossiers.set(id, await lireDossier(payload, undefined, id))
    return dossiers.get(id) ?? null
  }
  for (const seance of await seancesDuJour(payload, [aujourdhui])) {
    const dossier = await dossierDe(seance)
    if (!dossier || dossier.status === 'annule') continue
    const signes = rolesSignes(seance)
    for (const role of ROLES) {
      if (signes.includes(role)) continue
      if (await emettreLien(payload, undefined, seance, dossier, role, `jour:${seance.id}:${role}`, maintenant)) envoyes++
    }
  }

  const passes: Jour[] = []
  for (let n = 1; n <= JOURS_RELANCE_MAX; n++) passes.push(ajouterJours(aujourdhui, -n))
  const emails: NouvelEmail[] = []
  let equipe: Awaited<ReturnType<typeof admins>> | null = null
  for (const seance of await seancesDuJour(payload, passes)) {
    const dossier = await dossierDe(seance)
    if (!dossier || dossier.status === 'annule') continue
    const signataires = signatairesDuDossier(dossier)
    const signes = rolesSignes(seance)
    const dues = relancesEmargementDues(
      { date: jourDeSeance(seance), statut: seance.statut as StatutSeance, signes, destinataires: ROLES.filter((r) => signataires[r].email !== null) },
      maintenant,
    )
    const vue = seanceEmail(seance, dossier)
    for (const d of dues) {
      if (d.type === 'signataire') {
        const email = signataires[d.role].email!
        emails.push({ to: email, dossier: dossier.id, cle: `emargement-relance:${seance.id}:${d.role}`, rendu: T.rendre(T.relanceEmargementSignataire(vue, d.role)) })
      } else {
        equipe ??= await admins(payload)
        const manquants = ROLES.filter((r) => !signes.includes(r)).map((r) => (r === 'stagiaire' ? 'stagiaire' : 'formateur'))
        for (const p of equipe) {
          emails.push({ to: p.email, dossier: dossier.id, cle: `emargement-relance-equipe:${seance.id}:${p.email}`, rendu: T.rendre(T.relanceEmargementEquipe(vue, manquants, lienSeanceAdmin(seance.id))) })
        }
      }
    }
  }
  const relances = (await ajouterEmails(payload, undefined, emails)).length
  return { liens: envoyes, relances }
}

// ---------------------------------------------------------------------------------------------
// Reading a link (the page) and signing through it (the route)

export type EtatLien =
  | { etat: 'inconnu' }
  | { etat: 'utilise' }
  | { etat: 'annulee' }
  | { etat: 'expire' | 'pas_encore' | 'valide'; vue: VueEmargement }

export interface VueEmargement {
  role: RoleSignataire
  signataire: string
  titreFormation: string
  /** `jj/mm/aaaa`. */
  date: string
  demiJournee: string
  heureDebut: string
  heureFin: string
  dureeMinutes: number
  stagiaire: string
}

interface Lien {
  jeton: JetonsEmargement
  seance: Seance
  dossier: Dossier
}

async function trouverLien(payload: Payload, req: PayloadRequest | undefined, jeton: unknown): Promise<Lien | null> {
  if (!estFormatJeton(jeton)) return null
  const r = await payload.find({ collection: 'jetons-emargement', where: { hash: { equals: hacherJeton(jeton) } }, limit: 1, pagination: false, ...systeme(req) })
  const ligne = r.docs[0]
  if (!ligne) return null
  const seance = await lireSeance(payload, req, ligne.seance)
  const dossier = seance ? await lireDossier(payload, req, seance.dossier) : null
  return seance && dossier ? { jeton: ligne, seance, dossier } : null
}

function vueDe(l: Lien): VueEmargement {
  const s = signatairesDuDossier(l.dossier)
  const role = l.jeton.role
  return {
    role,
    signataire: s[role].nom,
    titreFormation: l.dossier.formation?.titre ?? '',
    date: jourFr(jourDeSeance(l.seance)),
    demiJournee: libelleDemiJournee(l.seance.demiJournee),
    heureDebut: l.seance.heureDebut,
    heureFin: l.seance.heureFin,
    dureeMinutes: l.seance.dureeMinutes,
    stagiaire: s.stagiaire.nom,
  }
}

function etatDe(l: Lien | null, maintenant: Date): EtatLien {
  if (!l) return { etat: 'inconnu' }
  if (l.jeton.usedAt || l.jeton.invalideLe || rolesSignes(l.seance).includes(l.jeton.role)) return { etat: 'utilise' }
  if (l.seance.statut === STATUT_SEANCE.annulee || l.dossier.status === 'annule') return { etat: 'annulee' }
  return { etat: validiteJeton({ date: jourDeSeance(l.seance), heureDebut: l.seance.heureDebut }, maintenant), vue: vueDe(l) }
}

/** What the page `/emargement/<jeton>` shows (nothing is written). */
export async function lireLienEmargement(payload: Payload, jeton: unknown, maintenant: Date = new Date()): Promise<EtatLien> {
  return etatDe(await trouverLien(payload, undefined, jeton), maintenant)
}

export const MESSAGES_LIEN = {
  inconnu: 'Lien d’émargement inconnu : vérifiez qu’il est complet, ou demandez-en un nouveau à l’équipe MonOPCO.',
  utilise: 'Ce lien a déjà servi : la signature est enregistrée (ou un lien plus récent vous a été envoyé).',
  annulee: 'Cette séance est annulée : il n’y a rien à signer.',
  expire: 'Ce lien a expiré : il n’était valable que le jour de la séance, jusqu’à 23 h 59.',
  pas_encore: 'Ce lien n’est pas encore valable : il le sera à l’heure de début de la séance.',
} as const

// One signing at a time per session in this process: the signatures array is read then written,
// and SQLite runs without transactions. PostgreSQL also locks the session's row (FOR UPDATE).
const verrous = new Map<Id, Promise<unknown>>()
async function sousVerrou<R>(id: Id, f: () => Promise<R>): Promise<R> {
  const avant = verrous.get(id) ?? Promise.resolve()
  const suite = avant.catch(() => undefined).then(f)
  verrous.set(id, suite)
  try {
    return await suite
  } finally {
    if (verrous.get(id) === suite) verrous.delete(id)
  }
}

export interface ResultatSignature {
  seance: Id
  statut: StatutSeance
  role: RoleSignataire
  empreinte: string
}

/**
 * `POST /api/emargement/<jeton>`: checks in this order — unknown or malformed 404, used or
 * replaced 409, cancelled or outside its day 410, then the body (400, 403) — so a refusal writes
 * nothing. Then, in one transaction (PostgreSQL): the token is taken by a single conditional
 * UPDATE (two simultaneous uses: one wins, the other gets 409), the signature is appended to the
 * session and its status follows (statutApresSignatures). The session's update is audited.
 */
export async function signerParLien(req: PayloadRequest, jeton: unknown, corps: Record<string, unknown>, maintenant: Date = new Date()): Promise<ResultatSignature> {
  const payload = req.payload
  const lien = await trouverLien(payload, req, jeton)
  const etat = etatDe(lien, maintenant)
  if (etat.etat === 'inconnu' || !lien) throw new ErreurMetier(MESSAGES_LIEN.inconnu, 404)
  if (etat.etat === 'utilise') throw new ErreurMetier(MESSAGES_LIEN.utilise, 409)
  if (etat.etat !== 'valide') throw new ErreurMetier(MESSAGES_LIEN[etat.etat], 410)
  const role = lien.jeton.role
  const signataire = signatairesDuDossier(lien.dossier)[role]
  const lecture = lireDemandeEmargement(corps, { role, nom: signataire.nom }, lien.seance.dureeMinutes)
  if (!lecture.ok) throw new ErreurMetier(lecture.erreur, lecture.status)
  const { marque, declaration } = lecture.demande

  const image = marque?.type === 'image' ? dataUrlBase64(marque.mime, marque.octets) : null
  const signeLe = maintenant.toISOString()
  const nom = marque?.type === 'nom' ? marque.nom : signataire.nom
  const empreinte = empreinteEnregistrement({
    seance: lien.seance.id,
    role,
    nom,
    signeLe,
    imageSha256: marque?.type === 'image' ? sha256Hex(marque.octets) : null,
    declaration,
  })
  const userAgent = (req.headers?.get('user-agent') ?? '').slice(0, 500) || null
  const ip = req.headers ? adresseIp(req.headers) : null

  return sousVerrou(lien.seance.id, async () => {
    const transaction = await initTransaction(req)
    let pris = false
    try {
      const lignes = await requeteSql<{ id: number }>(
        payload,
        req,
        sql`UPDATE jetons_emargement SET used_at = ${signeLe} WHERE id = ${lien.jeton.id} AND used_at IS NULL AND invalide_le IS NULL RETURNING id`,
      )
      if (lignes.length !== 1) throw new ErreurMetier(MESSAGES_LIEN.utilise, 409)
      pris = true
      if (payload.db.name === 'postgres') await requeteSql(payload, req, sql`SELECT id FROM seances WHERE id = ${lien.seance.id} FOR UPDATE`)
      const seance = await lireSeance(payload, req, lien.seance.id)
      if (!seance) throw new ErreurMetier(MESSAGES_LIEN.inconnu, 404)
      const signatures = seance.signatures ?? []
      if (signatures.some((s) => s.role === role)) throw new ErreurMetier(MESSAGES_LIEN.utilise, 409)
      const nouvelles = [...signatures, { role, nom, signeLe, ip, userAgent, image, empreinte }]
      const absent = declaration !== null && 'absent' in declaration
      const statut = statutApresSignatures(seance.statut as StatutSeance, {
        stagiaire: nouvelles.some((s) => s.role === 'stagiaire'),
        formateur: nouvelles.some((s) => s.role === 'formateur'),
        absent,
        presencePartielle: (declaration !== null && 'minutes' in declaration) || (typeof seance.minutesDeclarees === 'number' && seance.minutesDeclarees > 0),
      })
      await payload.update({
        collection: 'seances',
        id: seance.id,
        data: {
          signatures: nouvelles,
          statut,
          ...(declaration && 'minutes' in declaration ? { minutesDeclarees: declaration.minutes } : {}),
          ...(absent ? { minutesDeclarees: 0 } : {}),
        },
        ...systeme(req),
      })
      if (transaction) await commitTransaction(req)
      return { seance: seance.id, statut, role, empreinte }
    } catch (err) {
      if (transaction) await killTransaction(req)
      // SQLite has no transaction: give the token back when what followed its taking failed.
      else if (pris) await requeteSql(payload, undefined, sql`UPDATE jetons_emargement SET used_at = NULL WHERE id = ${lien.jeton.id}`).catch(() => undefined)
      throw err
    }
  })
}

// ---------------------------------------------------------------------------------------------
// « Renvoyer le lien » (admins)

/**
 * A new link for one signer of a session: the previous unused links of that signer are
 * invalidated (refused as used), the new one goes out under a new e-mail key. Refused when the
 * signer has signed (409), the session is cancelled or its day is over (422: the link would not
 * be valid), or the dossier has no e-mail for that signer (422).
 */
export async function renvoyerLienEmargement(req: PayloadRequest, seanceId: unknown, role: unknown, maintenant: Date = new Date()): Promise<{ seance: Id; role: RoleSignataire; email: string }> {
  if (!estRoleSignataire(role)) throw new ErreurMetier('« role » doit valoir « stagiaire » ou « formateur ».', 400)
  const id = idOf(seanceId)
  if (id === null) throw new ErreurMetier('Identifiant de séance invalide.', 400)
  const payload = req.payload
  const seance = await lireSeance(payload, req, id)
  if (!seance) throw new ErreurMetier('Séance introuvable.', 404)
  const dossier = await lireDossier(payload, req, seance.dossier)
  if (!dossier) throw new ErreurMetier('Séance introuvable.', 404)
  if (rolesSignes(seance).includes(role)) throw new ErreurMetier(`Le ${role} a déjà signé cette séance : il n’y a pas de lien à renvoyer.`, 409)
  if (seance.statut === STATUT_SEANCE.annulee || dossier.status === 'annule') throw new ErreurMetier('Cette séance est annulée : aucun lien n’est envoyé.', 422)
  if (validiteJeton({ date: jourDeSeance(seance), heureDebut: '00:00' }, maintenant) === 'expire') {
    throw new ErreurMetier('Le jour de cette séance est passé : un lien ne serait plus valable. Joignez une feuille papier signée.', 422)
  }
  const signataire = signatairesDuDossier(dossier)[role]
  if (!signataire.email) {
    throw new ErreurMetier(role === 'stagiaire' ? 'Le dossier n’a pas d’e-mail du bénéficiaire.' : 'La formation du dossier n’a pas d’e-mail de formateur.', 422)
  }
  const transaction = await initTransaction(req)
  try {
    const anciens = await payload.find({
      collection: 'jetons-emargement',
      where: { and: [{ seance: { equals: seance.id } }, { role: { equals: role } }, { usedAt: { exists: false } }, { invalideLe: { exists: false } }] },
      pagination: false,
      ...systeme(req),
    })
    for (const a of anciens.docs) await payload.update({ collection: 'jetons-emargement', id: a.id, data: { invalideLe: maintenant.toISOString() }, ...systeme(req) })
    const cle = `renvoi:${seance.id}:${role}:${randomUUID()}`
    await emettreLien(payload, req, seance, dossier, role, cle, maintenant)
    await payload.create({
      collection: 'logs',
      req,
      overrideAccess: true,
      data: {
        action: 'update',
        collectionSlug: 'seances',
        documentId: String(seance.id),
        actor: req.user && req.user.collection === 'users' ? req.user.id : null,
        actorLabel: req.user ? `${req.user.collection}:${req.user.id}` : 'systeme',
        ip: adresseIp(req.headers),
        changes: { lienEmargement: { avant: anciens.docs.length > 0 ? `${anciens.docs.length} lien(s) invalidé(s)` : null, apres: `renvoyé à ${signataire.email} (${role})` } },
      },
    })
    if (transaction) await commitTransaction(req)
  } catch (err) {
    if (transaction) await killTransaction(req)
    throw err
  }
  return { seance: seance.id, role, email: signataire.email }
}

/** Signature status per signer, for the admin view of a session. */
export async function etatEmargement(payload: Payload, req: PayloadRequest | undefined, seanceId: Id) {
  const seance = await lireSeance(payload, req, seanceId)
  if (!seance) return null
  const jetons = await payload.find({ collection: 'jetons-emargement', where: { seance: { equals: seanceId } }, sort: '-createdAt', pagination: false, ...systeme(req) })
  return ROLES.map((role) => {
    const signature = (seance.signatures ?? []).find((s) => s.role === role) ?? null
    const dernier = jetons.docs.find((j) => j.role === role) ?? null
    return { role, signeLe: signature?.signeLe ?? null, nom: signature?.nom ?? null, lienEnvoyeLe: dernier?.sentAt ?? null, lienUtiliseLe: dernier?.usedAt ?? null }
  })
}
