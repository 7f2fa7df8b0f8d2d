import { createHash, randomBytes, randomInt } from 'node:crypto'
import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'
import { estAdmin, idOf } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { requeteSql, sql } from '@/src/db/sql'
import { ErreurMetier } from '@/src/domain/erreurs'
import { ajouterJours, jourDeDateStockee, jourParis } from '@/src/domain/echeances'
import { lireSignature } from '@/src/domain/emargement'
import {
  construirePreuve,
  empreinteCode,
  empreinteJeton,
  estFormatJeton,
  estSha256,
  etatDemandeSalarie,
  JOURS_AVANT_RELANCE_SALARIE,
  JOURS_VALIDITE_LIEN,
  LIBELLES_ROLE_SIGNATAIRE,
  lignesPageSignature,
  lireSignataires,
  lireSignatureConvention,
  MESSAGES_CODE,
  MESSAGES_LIEN,
  ESSAIS_MAX_CODE,
  verifierCode,
  type RoleSignataireConvention,
  type SignataireSigne,
} from '@/src/domain/signatureConvention'
import { formaterDateFr } from '@/src/domain/dates'
import type { Document, Dossier, SignaturesConvention } from '@/src/payload-types'
import { tamponnerConventionSignee } from '@/src/pdf/signatureConvention'
import { adresseIp } from '@/src/security/ip'
import { LimiteurDebit, poolLimiteur } from '@/src/security/rateLimit'
import { ajouterEmails, type NouvelEmail } from '@/src/services/emails/boiteEnvoi'
import { admins, liens } from '@/src/services/emails/destinataires'
import { lireOctetsDocument } from '@/src/services/fichiersDocuments'
import * as T from '@/templates/email'

/**
 * Simple electronic signature of the generated convention (issue 17, item 5; rules in
 * src/domain/signatureConvention.ts). A request (`signatures-convention`) names the signers;
 * each gets a personal link `/signature/<jeton>` (the token is random, only its hash is stored),
 * asks for a 6-digit code sent to the same address, and signs with consent and a drawn or typed
 * signature. Once all have signed, the signed convention (original + stamped page, evidence
 * JSON attached) is stored as a `documents` row of type `convention_signee`. `send` to the OPCO
 * needs it (src/services/transition.ts).
 */

type Demande = SignaturesConvention
type Signataire = NonNullable<Demande['signataires']>[number]
const COLLECTION = 'signatures-convention' as const
const systeme = { overrideAccess: true, depth: 0 } as const

const sha256 = (octets: Uint8Array | string): string => createHash('sha256').update(octets).digest('hex')
const nouveauJeton = (): string => randomBytes(32).toString('base64url')
/** A signer's row with a fresh link (the previous token stops working) and no code pending. */
const avecNouveauLien = <S extends Signataire>(s: S, jeton: string, maintenant: Date) => ({
  ...s,
  jetonEmpreinte: empreinteJeton(jeton),
  lienEnvoyeLe: maintenant.toISOString(),
  lienExpireLe: new Date(maintenant.getTime() + JOURS_VALIDITE_LIEN * 86_400_000).toISOString(),
  codeEmpreinte: null,
  codeEmisLe: null,
  essaisCode: 0,
})
const lien = (jeton: string): string => `${liens().portail}signature/${jeton}`
const lienAdmin = (dossier: unknown): string => `${liens().admin}/collections/dossiers/${encodeURIComponent(String(dossier))}`

async function journaliser(req: PayloadRequest, demande: string | number, action: string, changes: Record<string, unknown>, acteur: number | null = null): Promise<void> {
  await req.payload.create({
    collection: 'logs',
    req,
    overrideAccess: true,
    data: { action: 'update', collectionSlug: COLLECTION, documentId: String(demande), actor: acteur, actorLabel: acteur ? `users:${acteur}` : 'signataire', ip: adresseIp(req.headers), changes: { evenement: action, ...changes } },
  })
}

/** The latest generated convention of a dossier (formation or bilan), or null. */
export async function conventionCourante(req: PayloadRequest, dossier: number | string): Promise<Document | null> {
  const r = await req.payload.find({
    collection: 'documents',
    where: { and: [{ dossier: { equals: dossier } }, { origin: { equals: 'generated' } }, { documentType: { in: ['convention', 'convention_bilan'] } }] },
    pagination: false,
    sort: '-createdAt',
    req,
    ...systeme,
  })
  return [...r.docs].sort((a, b) => Number(b.version ?? 1) - Number(a.version ?? 1) || Number(b.id) - Number(a.id))[0] ?? null
}

/**
 * For `send`: the dossier's latest convention is signed by every party (a convention regenerated
 * after the signature — the dossier changed — must be signed again).
 */
export async function conventionSignee(req: PayloadRequest, dossier: number | string): Promise<boolean> {
  const convention = await conventionCourante(req, dossier)
  if (!convention) return false
  const r = await req.payload.count({
    collection: COLLECTION,
    where: { and: [{ dossier: { equals: dossier } }, { document: { equals: convention.id } }, { statut: { equals: 'signee' } }, { documentSigne: { exists: true } }] },
    req,
    overrideAccess: true,
  })
  return r.totalDocs > 0
}

function infos(d: Dossier, s: Pick<Signataire, 'prenom' | 'role'>): T.InfosSignature {
  return {
    prenom: s.prenom ?? '',
    reference: String(d.reference ?? d.id),
    titreFormation: String(d.formation?.titre ?? 'formation'),
    role: LIBELLES_ROLE_SIGNATAIRE[(s.role ?? 'entreprise') as RoleSignataireConvention],
  }
}

function emailLien(d: Dossier, demande: Pick<Demande, 'id' | 'bilan' | 'envoyeeLe'>, s: Signataire, jeton: string, cle: string): NouvelEmail {
  const dernier = demande.bilan && s.role === 'salarie' && demande.envoyeeLe ? etatDemandeSalarie(demande.envoyeeLe, null, new Date(demande.envoyeeLe)).dernierJour : null
  return {
    to: String(s.email),
    dossier: d.id,
    cle,
    rendu: T.rendre(T.lienSignatureConvention(infos(d, s), lien(jeton), Boolean(demande.bilan), dernier ? formaterDateFr(`${dernier}T12:00:00.000Z`) : null)),
  }
}

/** POST /api/dossiers/:id/signature-convention (admins). */
export async function demanderSignatures(req: PayloadRequest, dossier: Dossier, corps: Record<string, unknown>): Promise<{ demande: Demande; liens: number }> {
  if (!estAdmin(req.user)) throw new ErreurMetier('Seule l’équipe MonOPCO envoie une convention à la signature.', 403)
  const lecture = lireSignataires(corps, dossier.typeFormation)
  if (!lecture.ok) throw new ErreurMetier(lecture.erreurs.map((e) => e.message).join(' '), 400, { champs: lecture.erreurs })
  if (corps.remplacer !== undefined && typeof corps.remplacer !== 'boolean') throw new ErreurMetier('« remplacer » doit valoir true ou false.', 400)
  const convention = await conventionCourante(req, dossier.id)
  if (!convention) {
    throw new ErreurMetier('La convention de ce dossier n’est pas encore générée : validez le dossier (ou régénérez la convention) avant de la faire signer.', 422, { manquants: ['documents.convention'] })
  }
  const existantes = await req.payload.find({ collection: COLLECTION, where: { and: [{ dossier: { equals: dossier.id } }, { statut: { in: ['en_cours', 'signee'] } }] }, pagination: false, req, ...systeme })
  if (existantes.docs.some((d) => d.statut === 'signee' && idOf(d.document) === convention.id)) {
    throw new ErreurMetier('Cette version de la convention est déjà signée par toutes les parties.', 409)
  }
  const enCours = existantes.docs.filter((d) => d.statut === 'en_cours')
  if (enCours.length > 0 && corps.remplacer !== true) {
    throw new ErreurMetier('Une demande de signature est déjà en cours pour ce dossier : renvoyez le lien à un signataire, ou remplacez-la (« remplacer »: true), ce qui annule les signatures déjà données.', 409)
  }
  const octets = await lireOctetsDocument(req.payload, convention.id)
  if (!octets) throw new ErreurMetier('Le fichier de la convention est introuvable : régénérez-la.', 422, { manquants: ['documents.convention'] })
  const maintenant = new Date()
  const expire = new Date(maintenant.getTime() + JOURS_VALIDITE_LIEN * 86_400_000).toISOString()
  const jetons = lecture.signataires.map(() => nouveauJeton())
  const transaction = await initTransaction(req)
  try {
    for (const ancienne of enCours) {
      await req.payload.update({ collection: COLLECTION, id: ancienne.id, data: { statut: 'annulee' }, req, ...systeme })
      await journaliser(req, ancienne.id, 'annulee', { remplaceePar: 'nouvelle demande' }, Number(req.user!.id))
    }
    const demande = await req.payload.create({
      collection: COLLECTION,
      req,
      ...systeme,
      data: {
        dossier: dossier.id,
        document: convention.id,
        sha256Original: sha256(octets.content),
        statut: 'en_cours',
        bilan: dossier.typeFormation === 'bilan',
        envoyeeLe: maintenant.toISOString(),
        creePar: Number(req.user!.id),
        signataires: lecture.signataires.map((s, i) => ({ ...s, jetonEmpreinte: empreinteJeton(jetons[i]!), lienEnvoyeLe: maintenant.toISOString(), lienExpireLe: expire, essaisCode: 0 })),
      },
    })
    const emails = (demande.signataires ?? []).map((s, i) => emailLien(dossier, demande, s, jetons[i]!, `signature-lien:${demande.id}:${String(s.id)}:${maintenant.toISOString()}`))
    await ajouterEmails(req.payload, req, emails)
    await journaliser(req, demande.id, 'demande', { document: convention.id, sha256Original: demande.sha256Original, signataires: lecture.signataires.map((s) => ({ role: s.role, nom: s.nom, prenom: s.prenom, fonction: s.fonction })) }, Number(req.user!.id))
    if (transaction) await commitTransaction(req)
    return { demande, liens: emails.length }
  } catch (err) {
    if (transaction) await killTransaction(req)
    throw err
  }
}

/** POST /api/signatures-convention/:id/renvoyer `{ "signataire": "<id de ligne>" }` (admins): a new link, the old one stops working. */
export async function renvoyerLienSignature(req: PayloadRequest, idDemande: unknown, corps: Record<string, unknown>): Promise<{ envoye: string }> {
  if (!estAdmin(req.user)) throw new ErreurMetier('Seule l’équipe MonOPCO renvoie un lien de signature.', 403)
  if (typeof idDemande !== 'string' || !/^\d{1,15}$/.test(idDemande)) throw new ErreurMetier('Demande de signature introuvable.', 404)
  const demande = await req.payload.findByID({ collection: COLLECTION, id: idDemande, req, ...systeme, disableErrors: true })
  if (!demande) throw new ErreurMetier('Demande de signature introuvable.', 404)
  if (demande.statut !== 'en_cours') throw new ErreurMetier(`Cette demande n’est plus en cours (${demande.statut === 'signee' ? 'signée' : demande.statut === 'caduque' ? 'caduque' : 'annulée'}) : aucun lien à renvoyer.`, 409)
  const cible = (demande.signataires ?? []).find((s) => typeof corps.signataire === 'string' && s.id === corps.signataire)
  if (!cible) throw new ErreurMetier('Signataire inconnu dans cette demande (« signataire » : l’identifiant de sa ligne).', 400)
  if (cible.signeLe) throw new ErreurMetier('Ce signataire a déjà signé.', 409)
  const dossier = await req.payload.findByID({ collection: 'dossiers', id: Number(idOf(demande.dossier)), req, ...systeme })
  const jeton = nouveauJeton()
  const maintenant = new Date().toISOString()
  const transaction = await initTransaction(req)
  try {
    const signataires = (demande.signataires ?? []).map((s) =>
      s.id === cible.id ? avecNouveauLien(s, jeton, new Date(maintenant)) : s,
    )
    await req.payload.update({ collection: COLLECTION, id: demande.id, data: { signataires }, req, ...systeme })
    await ajouterEmails(req.payload, req, [emailLien(dossier, demande, cible, jeton, `signature-lien:${demande.id}:${String(cible.id)}:${maintenant}`)], { audit: true })
    await journaliser(req, demande.id, 'lien-renvoye', { signataire: cible.role }, Number(req.user!.id))
    if (transaction) await commitTransaction(req)
  } catch (err) {
    if (transaction) await killTransaction(req)
    throw err
  }
  return { envoye: String(cible.email) }
}

// ——— The signer's side (public routes, by token) ———

interface Lien {
  demande: Demande
  signataire: Signataire
  dossier: Dossier
}

/**
 * The request and signer of a token: 404 unknown (or malformed), 409 already signed or the
 * request signed by all, 410 expired or lapsed or cancelled. Nothing is written.
 */
async function lireLien(req: PayloadRequest, jeton: unknown, maintenant: Date, { dejaSigneOk = false } = {}): Promise<Lien> {
  if (!estFormatJeton(jeton)) throw new ErreurMetier(MESSAGES_LIEN.inconnu, 404)
  const empreinte = empreinteJeton(jeton)
  const r = await req.payload.find({ collection: COLLECTION, where: { 'signataires.jetonEmpreinte': { equals: empreinte } }, limit: 1, pagination: false, req, ...systeme })
  const demande = r.docs[0]
  const signataire = demande?.signataires?.find((s) => s.jetonEmpreinte === empreinte)
  if (!demande || !signataire) throw new ErreurMetier(MESSAGES_LIEN.inconnu, 404)
  if (demande.statut === 'caduque') throw new ErreurMetier(MESSAGES_LIEN.caduque, 410)
  if (demande.statut === 'annulee') throw new ErreurMetier(MESSAGES_LIEN.annulee, 410)
  if (signataire.signeLe && !dejaSigneOk) throw new ErreurMetier(MESSAGES_LIEN.dejaSigne, 409)
  if (demande.statut === 'signee' && !dejaSigneOk) throw new ErreurMetier(MESSAGES_LIEN.signee, 409)
  if (!signataire.signeLe && signataire.lienExpireLe && Date.parse(signataire.lienExpireLe) < maintenant.getTime()) throw new ErreurMetier(MESSAGES_LIEN.expire, 410)
  const dossier = await req.payload.findByID({ collection: 'dossiers', id: Number(idOf(demande.dossier)), req, ...systeme })
  return { demande, signataire, dossier }
}

/** GET /api/signatures/<jeton>: what the signing page shows (nothing secret: no e-mail of the others, no IP). */
export async function lireDemandePourSignataire(req: PayloadRequest, jeton: unknown) {
  const { demande, signataire, dossier } = await lireLien(req, jeton, new Date(), { dejaSigneOk: true })
  const dernierJour = demande.bilan && demande.envoyeeLe ? etatDemandeSalarie(demande.envoyeeLe, null, new Date()).dernierJour : null
  return {
    dossier: { reference: dossier.reference ?? null, formation: dossier.formation?.titre ?? null, typeFormation: dossier.typeFormation ?? null },
    statut: demande.statut,
    vous: { role: signataire.role, libelleRole: LIBELLES_ROLE_SIGNATAIRE[signataire.role as RoleSignataireConvention], nom: signataire.nom, prenom: signataire.prenom, fonction: signataire.fonction, signeLe: signataire.signeLe ?? null, codeEnvoye: Boolean(signataire.codeEmisLe) },
    signataires: (demande.signataires ?? []).map((s) => ({ libelleRole: LIBELLES_ROLE_SIGNATAIRE[s.role as RoleSignataireConvention], nom: s.nom, prenom: s.prenom, fonction: s.fonction, signe: Boolean(s.signeLe) })),
    sha256Original: demande.sha256Original,
    dernierJourSalarie: signataire.role === 'salarie' ? dernierJour : null,
  }
}

/** GET /api/signatures/<jeton>/pdf: the convention to read before signing. */
export async function pdfPourSignataire(req: PayloadRequest, jeton: unknown): Promise<{ nom: string; octets: Buffer }> {
  const { demande } = await lireLien(req, jeton, new Date(), { dejaSigneOk: true })
  const fichier = await lireOctetsDocument(req.payload, Number(idOf(demande.document)))
  if (!fichier) throw new ErreurMetier('Le fichier de la convention est introuvable.', 404)
  return { nom: fichier.filename, octets: fichier.content }
}

const CLE_LIMITEUR = Symbol.for('monopco.limiteurCodeSignature')
/** 3 codes per link per 15 minutes (each with 5 tries): at most 15 guesses of a million, and no mailbox flooded. */
function limiteurCodes(): LimiteurDebit {
  const g = globalThis as unknown as Record<symbol, LimiteurDebit | undefined>
  const e = env()
  return (g[CLE_LIMITEUR] ??= new LimiteurDebit({ max: 3, fenetreSecondes: 15 * 60, prefixe: 'signature-code', pool: e.databaseKind === 'postgres' ? poolLimiteur(e.databaseUrl) : undefined }))
}

/** Runs `f` in a transaction that first locks the request's row (UPDATE: a write lock on SQLite and PostgreSQL). */
async function sousVerrou<T>(req: PayloadRequest, id: number, f: (demande: Demande) => Promise<T>): Promise<T> {
  const transaction = await initTransaction(req)
  try {
    await requeteSql(req.payload, req, sql`UPDATE signatures_convention SET updated_at = updated_at WHERE id = ${id}`)
    const demande = await req.payload.findByID({ collection: COLLECTION, id, req, ...systeme })
    const r = await f(demande)
    if (transaction) await commitTransaction(req)
    return r
  } catch (err) {
    if (transaction) await killTransaction(req)
    throw err
  }
}

/** POST /api/signatures/<jeton>/code: a new 6-digit code by e-mail (hashed, 10 minutes, 5 tries). */
export async function envoyerCodeSignature(req: PayloadRequest, jeton: unknown, maintenant = new Date()): Promise<{ envoyeA: string; valableMinutes: number }> {
  const { demande, signataire, dossier } = await lireLien(req, jeton, maintenant)
  const limite = await limiteurCodes().consommer(`lien:${String(demande.id)}:${String(signataire.id)}`)
  if (!limite.autorise) throw new ErreurMetier(`Trop de codes demandés pour ce lien : réessayez dans ${Math.ceil(limite.retryAfterSeconds / 60)} minute(s).`, 429, { retryAfterSeconds: limite.retryAfterSeconds })
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const emisLe = maintenant.toISOString()
  await sousVerrou(req, demande.id, async (d) => {
    const signataires = (d.signataires ?? []).map((s) => (s.id === signataire.id ? { ...s, codeEmpreinte: empreinteCode(code, `${d.id}:${s.id}`), codeEmisLe: emisLe, essaisCode: 0 } : s))
    await req.payload.update({ collection: COLLECTION, id: d.id, data: { signataires }, req, ...systeme })
    await ajouterEmails(req.payload, req, [{ to: String(signataire.email), dossier: dossier.id, cle: `signature-code:${d.id}:${String(signataire.id)}:${emisLe}`, rendu: T.rendre(T.codeSignatureConvention(signataire.prenom ?? '', String(dossier.reference ?? dossier.id), code)) }])
  })
  // The address, partly hidden: the page says where to look without printing it whole.
  const [local = '', domaine = ''] = String(signataire.email).split('@')
  return { envoyeA: `${local.slice(0, 2)}${'•'.repeat(Math.max(1, local.length - 2))}@${domaine}`, valableMinutes: 10 }
}

export type ResultatSignature = { signe: true; toutesSignees: boolean; documentSigne: number | null }

/** POST /api/signatures/<jeton>/signer `{ code, signature, consentement: true }`. */
export async function signerConvention(req: PayloadRequest, jeton: unknown, corps: Record<string, unknown>, maintenant = new Date()): Promise<ResultatSignature> {
  const { demande } = await lireLien(req, jeton, maintenant)
  // The request's shape first: a malformed body costs no try.
  if (corps.consentement !== true) throw new ErreurMetier('Cochez la case de consentement : « J’ai lu la convention et je la signe électroniquement ».', 400)
  const signature = lireSignatureConvention(corps.signature, lireSignature)
  if (!signature.ok) throw new ErreurMetier(signature.erreur, 400)
  if (typeof corps.code !== 'string' || !/^\d{6}$/.test(corps.code)) throw new ErreurMetier('Le code reçu par e-mail comporte 6 chiffres.', 400)
  const empreinte = empreinteJeton(jeton as string)
  const ip = adresseIp(req.headers)
  const userAgent = (req.headers.get('user-agent') ?? '').slice(0, 500) || null

  const issue = await sousVerrou<{ refus: string; statut: 400 | 429 } | { toutes: boolean }>(req, demande.id, async (d) => {
    // Read again under the lock: a concurrent request may have used the same link.
    const s = d.signataires?.find((x) => x.jetonEmpreinte === empreinte)
    if (!s) throw new ErreurMetier(MESSAGES_LIEN.inconnu, 404)
    if (d.statut !== 'en_cours') throw new ErreurMetier(d.statut === 'signee' ? MESSAGES_LIEN.signee : d.statut === 'caduque' ? MESSAGES_LIEN.caduque : MESSAGES_LIEN.annulee, d.statut === 'signee' ? 409 : 410)
    if (s.signeLe) throw new ErreurMetier(MESSAGES_LIEN.dejaSigne, 409)
    const essais = Number(s.essaisCode ?? 0)
    const verdict = verifierCode({ empreinte: s.codeEmpreinte ?? null, emisLe: s.codeEmisLe ?? null, essaisFaits: essais }, corps.code, `${d.id}:${s.id}`, maintenant)
    if (verdict === 'faux') {
      const faits = essais + 1
      const signataires = (d.signataires ?? []).map((x) => (x.id === s.id ? { ...x, essaisCode: faits } : x))
      await req.payload.update({ collection: COLLECTION, id: d.id, data: { signataires }, req, ...systeme })
      await journaliser(req, d.id, 'code-incorrect', { signataire: s.role, essai: faits })
      return faits >= ESSAIS_MAX_CODE ? { refus: MESSAGES_CODE.verrouille, statut: 429 } : { refus: `Code incorrect : il reste ${ESSAIS_MAX_CODE - faits} essai(s).`, statut: 400 }
    }
    if (verdict === 'verrouille') return { refus: MESSAGES_CODE.verrouille, statut: 429 }
    if (verdict !== 'ok') return { refus: MESSAGES_CODE[verdict], statut: 400 }
    const signeLe = maintenant.toISOString()
    const sha = signature.type === 'dessin' ? sha256(signature.octets) : sha256(signature.texte)
    const signataires = (d.signataires ?? []).map((x) =>
      x.id === s.id
        ? {
            ...x,
            signeLe,
            ip,
            userAgent,
            typeSignature: signature.type,
            signatureTexte: signature.type === 'saisie' ? signature.texte : null,
            signatureImage: signature.type === 'dessin' ? signature.dataUrl : null,
            sha256Signature: sha,
            codeEmpreinte: null,
            codeEmisLe: null,
          }
        : x,
    )
    await req.payload.update({ collection: COLLECTION, id: d.id, data: { signataires }, req, ...systeme })
    await journaliser(req, d.id, 'signature', { signataire: s.role, nom: s.nom, prenom: s.prenom, signeLe, ip, userAgent, sha256Original: d.sha256Original, sha256Signature: sha })
    return { toutes: signataires.every((x) => Boolean(x.signeLe)) }
  })
  if ('refus' in issue) throw new ErreurMetier(issue.refus, issue.statut)
  if (!issue.toutes) return { signe: true, toutesSignees: false, documentSigne: null }
  let document: number | null = null
  try {
    document = await finaliserSignature(req.payload, demande.id)
  } catch (err) {
    // The signature itself is committed above. Making the signed PDF is retried by the
    // signaturesConvention task (every REMINDERS_CRON window), so the signer is not shown an error
    // that is not theirs (seen under kill -9 in tests/cluster: a half-done earlier attempt).
    req.payload.logger.error({ err, demande: demande.id }, 'Convention signée : finalisation reportée à la prochaine tâche')
  }
  return { signe: true, toutesSignees: true, documentSigne: document }
}

/**
 * All have signed: the signed convention (original + stamped page, evidence attached) and the
 * evidence JSON are stored, the request becomes `signee`. Idempotent: a request already
 * finalised returns its document; of two racing finalisations one wins the compare-and-set and
 * the other deletes the file it made. A failure (unreadable original, altered file) leaves the
 * request `en_cours` with every signature recorded: the daily job tries again.
 */
export async function finaliserSignature(payload: Payload, idDemande: number): Promise<number | null> {
  const req = await createLocalReq({}, payload)
  const demande = await payload.findByID({ collection: COLLECTION, id: idDemande, req, ...systeme })
  if (demande.statut === 'signee') return idOf(demande.documentSigne)
  if (demande.statut !== 'en_cours' || !(demande.signataires ?? []).every((s) => s.signeLe)) return null
  const dossier = await payload.findByID({ collection: 'dossiers', id: Number(idOf(demande.dossier)), req, ...systeme })
  const original = await lireOctetsDocument(payload, Number(idOf(demande.document)))
  if (!original) throw new Error(`Signature ${idDemande} : convention originale introuvable.`)
  if (sha256(original.content) !== demande.sha256Original) throw new Error(`Signature ${idDemande} : le fichier de la convention a changé depuis la demande (empreinte différente).`)
  const documentOriginal = await payload.findByID({ collection: 'documents', id: Number(idOf(demande.document)), req, ...systeme })
  const signes: SignataireSigne[] = (demande.signataires ?? []).map((s) => ({
    role: s.role as RoleSignataireConvention,
    nom: String(s.nom),
    prenom: String(s.prenom),
    fonction: String(s.fonction),
    email: String(s.email),
    signeLe: String(s.signeLe),
    ip: s.ip ?? null,
    userAgent: s.userAgent ?? null,
    typeSignature: (s.typeSignature ?? 'saisie') as 'dessin' | 'saisie',
    sha256Signature: String(s.sha256Signature),
  }))
  const finaliseeLe = new Date().toISOString()
  const elements = { demande: demande.id, dossierReference: String(dossier.reference ?? dossier.id), documentOriginal: { nom: original.filename, sha256: String(demande.sha256Original), version: documentOriginal.version ?? null }, envoyeLe: String(demande.envoyeeLe), signataires: signes }
  const preuve = construirePreuve(elements, finaliseeLe)
  const json = Buffer.from(JSON.stringify(preuve, null, 2), 'utf8')
  const nomPreuve = `preuve-signature-${elements.dossierReference}.json`
  const pngs = (demande.signataires ?? []).map((s) => {
    if (s.typeSignature !== 'dessin' || !s.signatureImage) return { lignes: [], png: null }
    const image = lireSignature(s.signatureImage)
    return { lignes: [], png: image.ok && image.type === 'image/png' ? image.octets : null }
  })
  const pdf = await tamponnerConventionSignee(new Uint8Array(original.content), lignesPageSignature(elements, finaliseeLe), pngs, { nom: nomPreuve, json, date: new Date(finaliseeLe) })
  const data = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  // One name per attempt: the signer's request and the retrying task may finalise at the same
  // time (the loser deletes its file below); a shared name made the second a unique-key refusal.
  const nom = `${elements.dossierReference}-convention-signee-v${String(documentOriginal.version ?? 1)}-${finaliseeLe.replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}.pdf`
  const reqDocument = await createLocalReq({}, payload)
  const document = await payload.create({
    collection: 'documents',
    data: { dossier: dossier.id, documentType: 'convention_signee', origin: 'generated', version: documentOriginal.version ?? 1 },
    file: { data, mimetype: 'application/pdf', name: nom, size: data.byteLength },
    req: reqDocument,
    ...systeme,
  })
  const gagne = await requeteSql<{ id: unknown }>(payload, undefined, sql`UPDATE signatures_convention SET statut = 'signee' WHERE id = ${demande.id} AND statut = 'en_cours' RETURNING id`)
  if (gagne.length !== 1) {
    await payload.delete({ collection: 'documents', id: document.id, ...systeme })
    const actuelle = await payload.findByID({ collection: COLLECTION, id: idDemande, ...systeme })
    return idOf(actuelle.documentSigne)
  }
  await payload.update({
    collection: COLLECTION,
    id: demande.id,
    data: { statut: 'signee', documentSigne: document.id, sha256Signe: sha256(pdf), finaliseeLe, preuve: json.toString('utf8'), sha256Preuve: sha256(json) },
    ...systeme,
  })
  await journaliser(req, demande.id, 'signee', { documentSigne: document.id, sha256Signe: sha256(pdf), sha256Preuve: sha256(json) })
  const equipe = await admins(payload)
  await ajouterEmails(payload, undefined, equipe.map((p) => ({ to: p.email, dossier: dossier.id, cle: `signature-signee:${demande.id}:${p.email}`, rendu: T.rendre(T.conventionSigneeEquipe(elements.dossierReference, lienAdmin(dossier.id))) })))
  return document.id
}

/**
 * GET /api/signatures/verification/<sha256>: whether a file with that hash was signed here (the
 * signed convention, or the original it signs), by whom and when — nothing else.
 */
export async function verifierEmpreinte(req: PayloadRequest, brut: unknown) {
  if (!estSha256(brut)) throw new ErreurMetier('Empreinte invalide : 64 caractères hexadécimaux (SHA-256 du fichier).', 400)
  const h = brut.toLowerCase()
  const r = await req.payload.find({
    collection: COLLECTION,
    where: { and: [{ statut: { equals: 'signee' } }, { or: [{ sha256Signe: { equals: h } }, { sha256Original: { equals: h } }] }] },
    limit: 1,
    pagination: false,
    req,
    ...systeme,
  })
  const d = r.docs[0]
  if (!d) throw new ErreurMetier('Aucun document signé ici n’a cette empreinte : ce fichier n’est pas une convention signée sur MonOPCO, ou il a été modifié.', 404)
  return {
    signe: true,
    document: d.sha256Signe === h ? 'convention signée' : 'convention originale (avant la page de signature)',
    signeeLe: d.finaliseeLe,
    signataires: (d.signataires ?? []).map((s) => ({ qualite: LIBELLES_ROLE_SIGNATAIRE[s.role as RoleSignataireConvention], nom: s.nom, prenom: s.prenom, fonction: s.fonction, signeLe: s.signeLe })),
  }
}

// ——— The daily pass: lapsed bilans, reminders, unfinished finalisations ———

/**
 * For each request in progress: a bilan whose employee has not signed within 10 days lapses
 * (R6313-8) and the team is told once; from the 3rd day, one reminder to each signer who has
 * not signed (never before for the employee); a request signed by all but not finalised (a
 * failure) is finalised. `maintenant` is injectable (tests).
 */
export async function passeSignatures(payload: Payload, maintenant: Date = new Date()): Promise<{ caduques: number; relances: number; finalisees: number }> {
  const r = await payload.find({ collection: COLLECTION, where: { statut: { equals: 'en_cours' } }, pagination: false, ...systeme })
  const bilan = { caduques: 0, relances: 0, finalisees: 0 }
  const equipe = await admins(payload)
  for (const d of r.docs) {
    const signataires = d.signataires ?? []
    if (signataires.every((s) => s.signeLe)) {
      if ((await finaliserSignature(payload, d.id).catch(() => null)) !== null) bilan.finalisees++
      continue
    }
    const dossier = await payload.findByID({ collection: 'dossiers', id: Number(idOf(d.dossier)), ...systeme, disableErrors: true })
    if (!dossier) continue
    const salarie = signataires.find((s) => s.role === 'salarie')
    const envoi = d.envoyeeLe ?? d.createdAt
    if (d.bilan && salarie) {
      const etat = etatDemandeSalarie(envoi, salarie.signeLe ?? null, maintenant)
      if (etat.caduque) {
        const passe = await requeteSql<{ id: unknown }>(payload, undefined, sql`UPDATE signatures_convention SET statut = 'caduque', caduque_le = ${maintenant.toISOString()} WHERE id = ${d.id} AND statut = 'en_cours' RETURNING id`)
        if (passe.length === 1) {
          bilan.caduques++
          const req = await createLocalReq({}, payload)
          await journaliser(req, d.id, 'caduque', { dernierJour: etat.dernierJour, motif: 'salarié sans signature après 10 jours (R6313-8)' })
        }
        // Told once per request, whichever run marked it (outbox key).
        const jour = formaterDateFr(`${etat.dernierJour}T12:00:00.000Z`)
        await ajouterEmails(payload, undefined, equipe.map((p) => ({ to: p.email, dossier: dossier.id, cle: `signature-caduque:${d.id}:${p.email}`, rendu: T.rendre(T.signatureCaduqueEquipe(String(dossier.reference ?? dossier.id), jour, lienAdmin(dossier.id))) })))
        continue
      }
    }
    const troisiemeJour = ajouterJours(jourDeDateStockee(envoi) ?? jourParis(maintenant), JOURS_AVANT_RELANCE_SALARIE)
    if (jourParis(maintenant) < troisiemeJour) continue
    const emails: NouvelEmail[] = []
    const nouveaux = new Map<string, string>()
    for (const s of signataires) {
      if (s.signeLe || s.relanceLe) continue
      if (s.role === 'salarie' && !etatDemandeSalarie(envoi, null, maintenant).relancePermise) continue
      // The reminder carries a fresh link (the first one's token is not kept in clear): the old one stops working.
      const jeton = nouveauJeton()
      nouveaux.set(String(s.id), jeton)
      emails.push({ to: String(s.email), dossier: dossier.id, cle: `signature-relance:${d.id}:${String(s.id)}`, rendu: T.rendre(T.relanceSignatureConvention(infos(dossier, s), lien(jeton))) })
    }
    if (emails.length === 0) continue
    const quand = maintenant.toISOString()
    await payload.update({
      collection: COLLECTION,
      id: d.id,
      data: { signataires: signataires.map((s) => (nouveaux.has(String(s.id)) ? { ...avecNouveauLien(s, nouveaux.get(String(s.id))!, maintenant), relanceLe: quand } : s)) },
      ...systeme,
    })
    bilan.relances += (await ajouterEmails(payload, undefined, emails)).length
  }
  return bilan
}

/** The signature state of a dossier, as its readers see it (portal and admin panel). */
export async function etatSignatureDossier(payload: Payload, user: unknown, dossier: number) {
  const r = await payload.find({ collection: COLLECTION, where: { dossier: { equals: dossier } }, sort: '-createdAt', limit: 1, pagination: false, depth: 0, user: user as never, overrideAccess: false })
  return r.docs[0] ?? null
}

/**
 * The portal's « Signer la convention »: the signed-in person who is a signer of the dossier's
 * request in progress (same e-mail, not yet signed) gets a fresh personal link; 404 otherwise.
 */
export async function lienPourUtilisateur(req: PayloadRequest, user: { id: number | string; email?: string | null }, dossier: Dossier): Promise<string> {
  const email = String(user.email ?? '').trim().toLowerCase()
  const r = await req.payload.find({ collection: COLLECTION, where: { and: [{ dossier: { equals: dossier.id } }, { statut: { equals: 'en_cours' } }] }, limit: 1, pagination: false, req, ...systeme })
  const demande = r.docs[0]
  const cible = demande?.signataires?.find((s) => !s.signeLe && String(s.email).toLowerCase() === email)
  if (!demande || !cible || email === '') throw new ErreurMetier('Aucune convention à signer pour vous dans ce dossier.', 404)
  const jeton = nouveauJeton()
  await sousVerrou(req, demande.id, async (d) => {
    const signataires = (d.signataires ?? []).map((s) => (s.id === cible.id ? avecNouveauLien(s, jeton, new Date()) : s))
    await req.payload.update({ collection: COLLECTION, id: d.id, data: { signataires }, req, ...systeme })
    await journaliser(req, d.id, 'lien-portail', { signataire: cible.role }, Number(user.id))
  })
  return jeton
}

/** Whether `email` is a signer who has not signed yet the dossier's request in progress (the portal's button). */
export async function estSignataireEnAttente(payload: Payload, email: unknown, dossier: number): Promise<boolean> {
  if (typeof email !== 'string' || email === '') return false
  const r = await payload.find({ collection: COLLECTION, where: { and: [{ dossier: { equals: dossier } }, { statut: { equals: 'en_cours' } }] }, limit: 1, pagination: false, ...systeme })
  return Boolean(r.docs[0]?.signataires?.some((s) => !s.signeLe && String(s.email).toLowerCase() === email.toLowerCase()))
}
