import type { Invoice } from '@/src/payload-types'
import { dansGroupe, STATUTS_FACTURABLES } from '@/src/domain/workflow/groupes'
import { APIError, commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { estAdmin, idOf, roleOf } from '@/src/access/roles'
import { configurationDocuments } from '@/src/config/documents'
import {
  brouillonAvoir,
  facturesDuDossier,
  MOTIF_AVOIR_MAX,
  verifierPieceEmettable,
  type ParametresFacturation,
  type PieceFacturation,
  type Probleme,
} from '@/src/domain/facturation'
import { annulerFactureEmise, attribuerNumero, retablirFactureEmise, verrouillerTransaction, VERROU_FACTURATION_DOSSIER } from '@/src/db/numerotation'
import { adresseIp } from '@/src/security/ip'

/**
 * Invoice services: issue a draft (number assigned then, gap-free), issue a credit note that
 * cancels an issued invoice, and invoice a realised dossier. HTTP endpoints and GraphQL
 * mutations call the `demander…` functions (role and input checks); server code (the
 * `dossier.invoice` subscriber) calls `facturerDossier`.
 */

export type Facture = Invoice

export interface ResultatHttp {
  status: number
  body: Record<string, unknown>
}

const refus = (status: number, message: string, extra: Record<string, unknown> = {}): ResultatHttp => ({ status, body: { errors: [{ message, ...extra }] } })

/** Thrown by facturerDossier: an APIError with the same status codes as the endpoints. */
export class ErreurFacturation extends APIError {
  constructor(
    message: string,
    status: number,
    public readonly manquants?: Probleme[],
  ) {
    super(message, status, manquants ? { manquants } : undefined, true)
    this.name = 'ErreurFacturation'
  }
}

/** Who acts: an admin (req.user) or the system (subscribers, jobs), for access and the audit log. */
interface Acteur {
  systeme: boolean
}
const SYSTEME: Acteur = { systeme: true }
const HUMAIN: Acteur = { systeme: false }

/** Payment term, VAT rate and wordings: templates/pdf/configuration.json (src/config/documents.ts). */
export function parametresFacturation(): ParametresFacturation {
  const c = configurationDocuments()
  return { delaiPaiementJours: c.facturation.delaiPaiementJours, tauxTvaPourcent: c.facturation.tauxTvaPourcent, mentionsTva: c.mentions.tva }
}

/** Ids are integers on the SQL adapters; anything else names no invoice (and would reach SQL as NaN). */
const estIdentifiant = (req: PayloadRequest, id: unknown): id is string | number =>
  (typeof id === 'string' || typeof id === 'number') && /^\d{1,15}$/.test(String(id))

/** The invoice as the actor may read it (admins and the system: all), or null. */
async function lireFacture(req: PayloadRequest, id: string | number, acteur: Acteur): Promise<Facture | null> {
  const r = await req.payload.find({
    collection: 'invoices',
    where: { id: { equals: id } },
    limit: 1,
    pagination: false,
    depth: 0,
    req,
    ...(acteur.systeme ? { overrideAccess: true } : { user: req.user, overrideAccess: false }),
  })
  return (r.docs[0] as Facture | undefined) ?? null
}

async function journaliser(req: PayloadRequest, acteur: Acteur, action: 'emission' | 'annulation', id: number | string, changes: Record<string, unknown>): Promise<void> {
  await req.payload.create({
    collection: 'logs',
    req,
    overrideAccess: true,
    data: {
      action,
      collectionSlug: 'invoices',
      documentId: String(id),
      actor: acteur.systeme || !req.user ? null : req.user.id,
      actorLabel: acteur.systeme || !req.user ? 'systeme' : `users:${req.user.id}`,
      ip: adresseIp(req.headers),
      changes,
    } as never,
  })
}

const LIBELLE_STATUT: Record<string, string> = { brouillon: 'brouillon', emise: 'émise', payee: 'payée', annulee: 'annulée par un avoir' }

// ---------------------------------------------------------------------------------------------
// Issue

/**
 * Issues draft invoice `id`: checks it (amounts exact to the cent, VAT wording…), then — in one
 * transaction on PostgreSQL, the caller's when it has one — assigns the next number of the
 * series with a compare-and-set on `brouillon` and writes the 'emission' audit entry.
 * 404 not visible, 409 not a draft (or a credit note, issued with its invoice), 422 incomplete.
 */
async function emettre(req: PayloadRequest, id: string | number, acteur: Acteur): Promise<ResultatHttp> {
  const facture = await lireFacture(req, id, acteur)
  if (!facture) return refus(404, "Facture introuvable ou vous n'y avez pas accès.")
  if (facture.type === 'avoir') return refus(409, "Un avoir s'émet avec la facture qu'il annule : POST /api/invoices/<id de la facture>/avoir.")
  if (facture.statut !== 'brouillon') {
    return refus(409, `La facture ${String(facture.numero ?? facture.id)} est déjà ${LIBELLE_STATUT[String(facture.statut)] ?? String(facture.statut)} : seul un brouillon s'émet.`)
  }
  const manquants = verifierPieceEmettable(facture as PieceFacturation)
  if (manquants.length > 0) {
    return refus(422, `Facture incomplète ou incohérente : ${manquants.map((m) => m.message).join(' ; ')}.`, { manquants })
  }

  const { delaiPaiementJours } = parametresFacturation()
  const transactionOuverte = await initTransaction(req)
  try {
    const emission = await attribuerNumero(req, facture.id, 'facture', delaiPaiementJours)
    if (!emission) {
      if (transactionOuverte) await killTransaction(req)
      const actuel = await lireFacture(req, facture.id, SYSTEME)
      if (!actuel) return refus(404, "Facture introuvable : elle a été supprimée pendant l'opération.")
      return refus(409, `La facture a changé pendant l'opération (elle est maintenant ${LIBELLE_STATUT[String(actuel.statut)] ?? String(actuel.statut)}${actuel.numero ? `, n° ${String(actuel.numero)}` : ''}) : aucun numéro attribué.`)
    }
    await journaliser(req, acteur, 'emission', facture.id, {
      numero: { avant: null, apres: emission.numero },
      statut: { avant: 'brouillon', apres: 'emise' },
      dateEmission: { avant: null, apres: emission.dateEmission },
      dateEcheance: { avant: null, apres: emission.dateEcheance },
    })
    if (transactionOuverte) await commitTransaction(req)
  } catch (err) {
    if (transactionOuverte) await killTransaction(req)
    throw err
  }
  const doc = await lireFacture(req, facture.id, acteur)
  return { status: 200, body: { message: `Facture ${String(doc?.numero)} émise.`, doc } }
}

// ---------------------------------------------------------------------------------------------
// Credit note

/**
 * Issues the credit note (avoir, A-…) that cancels issued invoice `id` entirely, and moves that
 * invoice to `annulee` — the one change an issued invoice may undergo, and only here, by a
 * compare-and-set on `emise` (of two concurrent requests one wins, the other gets a 409).
 * PostgreSQL: one transaction. SQLite: the cancellation comes first (it decides the race, so a
 * loser writes nothing) and is undone if the credit note cannot be issued.
 */
async function emettreAvoir(req: PayloadRequest, id: string | number, motif: string | undefined, acteur: Acteur): Promise<ResultatHttp> {
  const facture = await lireFacture(req, id, acteur)
  if (!facture) return refus(404, "Facture introuvable ou vous n'y avez pas accès.")
  if (facture.type === 'avoir') return refus(409, `${String(facture.numero ?? 'Cette pièce')} est un avoir : un avoir ne s'annule pas par un autre avoir.`)
  if (facture.statut !== 'emise') {
    const etat = LIBELLE_STATUT[String(facture.statut)] ?? String(facture.statut)
    const conseil = facture.statut === 'brouillon' ? ' : un brouillon se modifie ou se supprime, sans avoir' : ''
    return refus(409, `La facture ${String(facture.numero ?? facture.id)} est ${etat}${conseil} ; seule une facture émise s'annule par un avoir.`)
  }

  const transactionOuverte = await initTransaction(req)
  // SQLite runs without transactions: req.transactionID is then a promise of null.
  const sansTransaction = !(await req.transactionID)
  let annulee = false
  let brouillon: Facture | null = null
  let numerote = false
  try {
    annulee = await annulerFactureEmise(req, facture.id)
    if (!annulee) {
      if (transactionOuverte) await killTransaction(req)
      return refus(409, "La facture a changé pendant l'opération (déjà annulée ou payée) : aucun avoir émis.")
    }
    brouillon = (await req.payload.create({ collection: 'invoices', data: brouillonAvoir(facture as Facture & PieceFacturation, motif) as never, req, overrideAccess: true, depth: 0 })) as unknown as Facture
    const emission = await attribuerNumero(req, brouillon.id, 'avoir', null)
    if (!emission) throw new Error(`L'avoir ${String(brouillon.id)} n'a pas pu être numéroté.`)
    numerote = true
    await journaliser(req, acteur, 'emission', brouillon.id, {
      numero: { avant: null, apres: emission.numero },
      statut: { avant: 'brouillon', apres: 'emise' },
      dateEmission: { avant: null, apres: emission.dateEmission },
      factureOrigine: { avant: null, apres: facture.numero },
      ...(motif ? { motif: { avant: null, apres: motif } } : {}),
    })
    await journaliser(req, acteur, 'annulation', facture.id, {
      statut: { avant: 'emise', apres: 'annulee' },
      avoir: { avant: null, apres: emission.numero },
      ...(motif ? { motif: { avant: null, apres: motif } } : {}),
    })
    if (transactionOuverte) await commitTransaction(req)
  } catch (err) {
    if (transactionOuverte) await killTransaction(req)
    else if (sansTransaction && !numerote) {
      // SQLite: nothing to roll back, so undo by hand what was done before the failure. Once the
      // credit note has its number it stays (a number is never taken back).
      if (brouillon) await req.payload.delete({ collection: 'invoices', id: brouillon.id, req, overrideAccess: true }).catch(() => undefined)
      if (annulee) await retablirFactureEmise(req, facture.id).catch(() => undefined)
    }
    throw err
  }
  const [avoir, origine] = await Promise.all([lireFacture(req, brouillon.id, acteur), lireFacture(req, facture.id, acteur)])
  return { status: 201, body: { message: `Avoir ${String(avoir?.numero)} émis : la facture ${String(facture.numero)} est annulée.`, doc: avoir, factureOrigine: origine } }
}

// ---------------------------------------------------------------------------------------------
// Requests (HTTP, GraphQL): who may, with what input

/** 401 anonymous, 403 not an admin, 400 malformed id; null when the request may go on. */
export function refusNonAdmin(req: PayloadRequest, id: unknown): ResultatHttp | null {
  if (!req.user || roleOf(req.user) === null) return refus(401, 'Authentification requise.')
  if (!estAdmin(req.user)) return refus(403, "Seule l'équipe MonOPCO émet les factures et les avoirs.")
  if (!estIdentifiant(req, id)) return refus(400, 'Identifiant de facture invalide.')
  return null
}

/** POST /api/invoices/:id/emettre and the `emettreFacture` mutation: admins only. */
export async function demanderEmission(req: PayloadRequest, id: unknown): Promise<ResultatHttp> {
  return refusNonAdmin(req, id) ?? emettre(req, id as string | number, HUMAIN)
}

/** POST /api/invoices/:id/avoir and the `emettreAvoir` mutation: admins only, body `{ motif? }`. */
export async function demanderAvoir(req: PayloadRequest, id: unknown, corps: Record<string, unknown>): Promise<ResultatHttp> {
  const refusAcces = refusNonAdmin(req, id)
  if (refusAcces) return refusAcces
  const inconnus = Object.keys(corps).filter((k) => k !== 'motif')
  if (inconnus.length > 0) return refus(400, `Champ inconnu : ${inconnus.join(', ')} (seul « motif » est accepté).`)
  const motif = corps.motif
  if (motif !== undefined && motif !== null && typeof motif !== 'string') return refus(400, 'Le champ « motif » doit être une chaîne de caractères.')
  const texte = typeof motif === 'string' ? motif.trim() : ''
  if (texte.length > MOTIF_AVOIR_MAX) return refus(400, `Le champ « motif » est trop long (${MOTIF_AVOIR_MAX} caractères au plus).`)
  return emettreAvoir(req, id as string | number, texte === '' ? undefined : texte, HUMAIN)
}

/** Server code (tests, scripts): issue a draft without a user. */
export const emettreFactureSysteme = (req: PayloadRequest, id: string | number): Promise<ResultatHttp> => emettre(req, id, SYSTEME)
export const emettreAvoirSysteme = (req: PayloadRequest, id: string | number, motif?: string): Promise<ResultatHttp> => emettreAvoir(req, id, motif, SYSTEME)

// ---------------------------------------------------------------------------------------------
// Invoicing a dossier

/** Dossier statuses in which invoicing is possible: realised, and after (a replayed event). */

const ORDRE_DESTINATAIRES = ['opco', 'entreprise'] as const

/**
 * Creates and issues the invoices of a realised dossier (pure rules: src/domain/facturation) and
 * returns them, issued, OPCO first. Idempotent: each invoice it creates carries a key
 * `dossier:<id>:<recipient>:<round>` (unique index); a second call finds them and only issues
 * what is still a draft (after a crash between creating and issuing), so it never creates a
 * second set. The round counts the recipient's invoices already cancelled by a credit note: once
 * an admin has cancelled an invoice, invoicing the dossier again issues a fresh one for that
 * recipient (the correction flow), and still only one.
 *
 * PostgreSQL: one transaction (the caller's if `req` has one) under a per-dossier advisory lock,
 * so concurrent calls queue and the later ones find the first one's invoices. SQLite: racing
 * creations are stopped by the unique key, the loser reads the winner's invoice; issuing is a
 * compare-and-set, so an invoice issued by the other call is simply taken as it is.
 *
 * Throws ErreurFacturation: 404 unknown dossier, 409 dossier not realised, 422 data missing
 * (`manquants`: hours done, validated amount, training provider…).
 */
export async function facturerDossier(req: PayloadRequest, dossierId: number | string): Promise<Facture[]> {
  if (!estIdentifiant(req, dossierId)) throw new ErreurFacturation('Identifiant de dossier invalide.', 400)
  const dossier = (await req.payload.findByID({ collection: 'dossiers', id: dossierId, depth: 0, req, overrideAccess: true, disableErrors: true })) as Record<string, unknown> | null
  if (!dossier) throw new ErreurFacturation('Dossier introuvable.', 404)
  if (!dansGroupe(STATUTS_FACTURABLES, dossier.status)) {
    throw new ErreurFacturation(`Le dossier est « ${String(dossier.status)} » : seul un dossier réalisé se facture.`, 409)
  }
  const formation = (dossier.formation ?? {}) as Record<string, unknown>
  const organismeId = idOf(formation.organisme)
  const organisme = organismeId === null ? null : ((await req.payload.findByID({ collection: 'training-providers', id: organismeId, depth: 0, req, overrideAccess: true, disableErrors: true })) as Record<string, unknown> | null)
  const plan = facturesDuDossier(dossier as never, (organisme?.regimeTva as string | undefined) ?? null, parametresFacturation())
  if (!plan.ok) throw new ErreurFacturation(`Dossier non facturable : ${plan.problemes.map((p) => p.message).join(' ; ')}.`, 422, plan.problemes)

  const transactionOuverte = await initTransaction(req)
  const ids: Array<number | string> = []
  try {
    await verrouillerTransaction(req, VERROU_FACTURATION_DOSSIER, Number(dossier.id))
    const prevues = [...plan.factures].sort((a, b) => ORDRE_DESTINATAIRES.indexOf(a.destinataire) - ORDRE_DESTINATAIRES.indexOf(b.destinataire))
    for (const prevue of prevues) {
      const annulees = await req.payload.count({
        collection: 'invoices',
        where: { and: [{ dossier: { equals: dossier.id } }, { destinataire: { equals: prevue.destinataire } }, { type: { equals: 'facture' } }, { statut: { equals: 'annulee' } }, { cleFacturation: { exists: true } }] },
        req,
        overrideAccess: true,
      })
      const cle = `dossier:${String(dossier.id)}:${prevue.destinataire}:${annulees.totalDocs + 1}`
      ids.push((await factureParCle(req, cle)) ?? (await creerBrouillon(req, cle, { ...prevue, dossier: dossier.id, type: 'facture' })))
    }
    for (const id of ids) {
      const r = await emettre(req, id, SYSTEME)
      // 409: issued meanwhile by someone else (an admin's POST …/emettre): it is issued, fine.
      if (r.status !== 200 && r.status !== 409) {
        const message = (r.body.errors as Array<{ message: string }> | undefined)?.[0]?.message ?? 'émission impossible'
        throw new ErreurFacturation(message, r.status)
      }
    }
    if (transactionOuverte) await commitTransaction(req)
  } catch (err) {
    if (transactionOuverte) await killTransaction(req)
    throw err
  }
  const emises = await req.payload.find({ collection: 'invoices', where: { id: { in: ids } }, depth: 0, pagination: false, req, overrideAccess: true })
  const parId = new Map(emises.docs.map((d) => [String(d.id), d as Facture]))
  return ids.map((id) => parId.get(String(id))).filter((d): d is Facture => d !== undefined)
}

async function factureParCle(req: PayloadRequest, cle: string): Promise<number | string | null> {
  const r = await req.payload.find({ collection: 'invoices', where: { cleFacturation: { equals: cle } }, limit: 1, pagination: false, depth: 0, req, overrideAccess: true })
  return (r.docs[0]?.id as number | string | undefined) ?? null
}

async function creerBrouillon(req: PayloadRequest, cle: string, data: Record<string, unknown>): Promise<number | string> {
  try {
    const cree = await req.payload.create({ collection: 'invoices', data: { ...data, cleFacturation: cle } as never, req, overrideAccess: true, depth: 0 })
    return cree.id
  } catch (err) {
    // SQLite race: the other call created it first (unique key). PostgreSQL never gets here
    // (the dossier lock serialises callers), and its aborted transaction could not read anyway.
    if (await req.transactionID) throw err
    const existante = await factureParCle(req, cle)
    if (existante === null) throw err
    return existante
  }
}
