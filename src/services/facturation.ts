import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { estAdmin, idOf, roleOf } from '@/src/access/roles'
import { configurationDocuments } from '@/src/config/documents'
import { annulerFactureEmise, attribuerNumero, retablirFactureEmise, verrouillerTransaction, VERROU_FACTURATION_DOSSIER, type Emission } from '@/src/db/numerotation'
import { ErreurMetier, type StatutRefus } from '@/src/domain/erreurs'
import {
  brouillonAvoir,
  etatFactureEnPhrase,
  facturesDuDossier,
  MOTIF_AVOIR_MAX,
  STATUT_FACTURE,
  TYPE_PIECE,
  verifierPieceEmettable,
  type Destinataire,
  type FacturePrevue,
  type ParametresFacturation,
  type Probleme,
} from '@/src/domain/facturation'
import { dansGroupe, STATUTS_FACTURABLES } from '@/src/domain/workflow/groupes'
import type { Dossier, Invoice, Log } from '@/src/payload-types'
import { adresseIp } from '@/src/security/ip'
import { controlerAvantEmission, FORMATS_XML, xmlDeLaPiece, type FormatXml } from '@/src/services/factureElectronique'
import type { ObjetJson } from '@/src/domain/valeursChamps'
import { webhookFactureEmise } from '@/src/services/evenementsWebhooks'

/**
 * Invoice services: issue a draft (number assigned then, gap-free), issue a credit note that
 * cancels an issued invoice, and invoice a realised dossier. HTTP endpoints and GraphQL
 * mutations call the `demander…` functions (role and input checks); server code (the
 * `dossier.invoice` subscriber) calls `facturerDossier`. Every refusal is an ErreurFacturation
 * (a French message and a 4xx status); the callers turn it into their answer.
 */

export type Facture = Invoice

/** A refusal of the invoice services; `manquants`: what makes a piece or a dossier not invoiceable. */
export class ErreurFacturation extends ErreurMetier {
  constructor(
    message: string,
    status: StatutRefus,
    public readonly manquants?: Probleme[],
  ) {
    super(message, status, manquants ? { manquants } : undefined)
    this.name = 'ErreurFacturation'
  }
}

/** What an issue answers (HTTP 200): the issued invoice as the actor may read it. */
export interface FactureEmise {
  message: string
  doc: Facture | null
}

/** What a credit note answers (HTTP 201): the credit note and the invoice it cancelled. */
export interface AvoirEmis {
  message: string
  doc: Facture | null
  factureOrigine: Facture | null
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
const estIdentifiant = (id: unknown): id is string | number => (typeof id === 'string' || typeof id === 'number') && /^\d{1,15}$/.test(String(id))

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
  return r.docs[0] ?? null
}

async function journaliser(req: PayloadRequest, acteur: Acteur, action: Extract<Log['action'], 'emission' | 'annulation'>, id: number | string, changes: Record<string, { avant: unknown; apres: unknown }>): Promise<void> {
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
    },
  })
}

// ---------------------------------------------------------------------------------------------
// Issue

/**
 * 422 when the piece's e-invoice (CII, EN 16931) breaks a business rule or the Factur-X XSD:
 * checked before a number is assigned, so a refused piece consumes none. `manquants` lists the
 * rules (`champ` = the rule's identifier, e.g. BR-CO-15).
 */
async function exigerFactureElectroniqueValide(req: PayloadRequest, piece: Facture): Promise<void> {
  const violations = await controlerAvantEmission(req, piece)
  if (violations.length === 0) return
  const nature = piece.type === TYPE_PIECE.avoir ? 'Avoir non conforme' : 'Facture non conforme'
  throw new ErreurFacturation(
    `${nature} à la norme EN 16931 (facture électronique), rien n'a été émis : ${violations.map((v) => `${v.regle} : ${v.message}`).join(' ; ')}.`,
    422,
    violations.map((v) => ({ champ: v.regle, message: v.message })),
  )
}

/**
 * Issues draft invoice `id`: checks it (amounts exact to the cent, VAT wording…), then — in one
 * transaction on PostgreSQL, the caller's when it has one — assigns the next number of the
 * series with a compare-and-set on `brouillon` and writes the 'emission' audit entry.
 * 404 not visible, 409 not a draft (or a credit note, issued with its invoice), 422 incomplete.
 */
async function emettre(req: PayloadRequest, id: string | number, acteur: Acteur): Promise<FactureEmise> {
  const facture = await lireFacture(req, id, acteur)
  if (!facture) throw new ErreurFacturation("Facture introuvable ou vous n'y avez pas accès.", 404)
  if (facture.type === TYPE_PIECE.avoir) throw new ErreurFacturation("Un avoir s'émet avec la facture qu'il annule : POST /api/invoices/<id de la facture>/avoir.", 409)
  if (facture.statut !== STATUT_FACTURE.brouillon) {
    throw new ErreurFacturation(`La facture ${String(facture.numero ?? facture.id)} est déjà ${etatFactureEnPhrase(facture.statut)} : seul un brouillon s'émet.`, 409)
  }
  const manquants = verifierPieceEmettable(facture)
  if (manquants.length > 0) {
    throw new ErreurFacturation(`Facture incomplète ou incohérente : ${manquants.map((m) => m.message).join(' ; ')}.`, 422, manquants)
  }

  await exigerFactureElectroniqueValide(req, facture)

  const { delaiPaiementJours } = parametresFacturation()
  const transactionOuverte = await initTransaction(req)
  let emission: Emission | null
  try {
    emission = await attribuerNumero(req, facture.id, TYPE_PIECE.facture, delaiPaiementJours)
    if (emission) {
      await journaliser(req, acteur, 'emission', facture.id, {
        numero: { avant: null, apres: emission.numero },
        statut: { avant: STATUT_FACTURE.brouillon, apres: STATUT_FACTURE.emise },
        dateEmission: { avant: null, apres: emission.dateEmission },
        dateEcheance: { avant: null, apres: emission.dateEcheance },
      })
      await webhookFactureEmise(req, facture, emission)
      if (transactionOuverte) await commitTransaction(req)
    } else if (transactionOuverte) await killTransaction(req)
  } catch (err) {
    if (transactionOuverte) await killTransaction(req)
    throw err
  }
  if (!emission) {
    const actuel = await lireFacture(req, facture.id, SYSTEME)
    if (!actuel) throw new ErreurFacturation("Facture introuvable : elle a été supprimée pendant l'opération.", 404)
    throw new ErreurFacturation(
      `La facture a changé pendant l'opération (elle est maintenant ${etatFactureEnPhrase(actuel.statut)}${actuel.numero ? `, n° ${String(actuel.numero)}` : ''}) : aucun numéro attribué.`,
      409,
    )
  }
  const doc = await lireFacture(req, facture.id, acteur)
  return { message: `Facture ${String(doc?.numero)} émise.`, doc }
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
async function emettreAvoir(req: PayloadRequest, id: string | number, motif: string | undefined, acteur: Acteur): Promise<AvoirEmis> {
  const facture = await lireFacture(req, id, acteur)
  if (!facture) throw new ErreurFacturation("Facture introuvable ou vous n'y avez pas accès.", 404)
  if (facture.type === TYPE_PIECE.avoir) throw new ErreurFacturation(`${String(facture.numero ?? 'Cette pièce')} est un avoir : un avoir ne s'annule pas par un autre avoir.`, 409)
  if (facture.statut !== STATUT_FACTURE.emise) {
    const conseil = facture.statut === STATUT_FACTURE.brouillon ? ' : un brouillon se modifie ou se supprime, sans avoir' : ''
    throw new ErreurFacturation(`La facture ${String(facture.numero ?? facture.id)} est ${etatFactureEnPhrase(facture.statut)}${conseil} ; seule une facture émise s'annule par un avoir.`, 409)
  }

  const transactionOuverte = await initTransaction(req)
  // SQLite runs without transactions: req.transactionID is then a promise of null.
  const sansTransaction = !(await req.transactionID)
  let annulee = false
  let brouillon: Facture | null = null
  let numerote = false
  try {
    annulee = await annulerFactureEmise(req, facture.id)
    if (!annulee) throw new ErreurFacturation("La facture a changé pendant l'opération (déjà annulée ou payée) : aucun avoir émis.", 409)
    brouillon = await req.payload.create({ collection: 'invoices', data: brouillonAvoir(facture, motif), req, overrideAccess: true, depth: 0 })
    await exigerFactureElectroniqueValide(req, brouillon)
    const emission = await attribuerNumero(req, brouillon.id, TYPE_PIECE.avoir, null)
    if (!emission) throw new Error(`L'avoir ${String(brouillon.id)} n'a pas pu être numéroté.`)
    numerote = true
    await journaliser(req, acteur, 'emission', brouillon.id, {
      numero: { avant: null, apres: emission.numero },
      statut: { avant: STATUT_FACTURE.brouillon, apres: STATUT_FACTURE.emise },
      dateEmission: { avant: null, apres: emission.dateEmission },
      factureOrigine: { avant: null, apres: facture.numero },
      ...(motif ? { motif: { avant: null, apres: motif } } : {}),
    })
    await journaliser(req, acteur, 'annulation', facture.id, {
      statut: { avant: STATUT_FACTURE.emise, apres: STATUT_FACTURE.annulee },
      avoir: { avant: null, apres: emission.numero },
      ...(motif ? { motif: { avant: null, apres: motif } } : {}),
    })
    await webhookFactureEmise(req, brouillon, emission)
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
  return { message: `Avoir ${String(avoir?.numero)} émis : la facture ${String(facture.numero)} est annulée.`, doc: avoir, factureOrigine: origine }
}

// ---------------------------------------------------------------------------------------------
// Requests (HTTP, GraphQL): who may, with what input

/** 401 anonymous, 403 not an admin, 400 malformed id: throws, or returns the id when the request may go on. */
export function exigerAdminFacturation(req: PayloadRequest, id: unknown): string | number {
  if (!req.user || roleOf(req.user) === null) throw new ErreurFacturation('Authentification requise.', 401)
  if (!estAdmin(req.user)) throw new ErreurFacturation("Seule l'équipe MonOPCO émet les factures et les avoirs.", 403)
  if (!estIdentifiant(id)) throw new ErreurFacturation('Identifiant de facture invalide.', 400)
  return id
}

/** The motif of a credit-note request `{ motif? }` (undefined when empty); 400 on anything else. */
export function motifAvoir(corps: ObjetJson): string | undefined {
  const inconnus = Object.keys(corps).filter((k) => k !== 'motif')
  if (inconnus.length > 0) throw new ErreurFacturation(`Champ inconnu : ${inconnus.join(', ')} (seul « motif » est accepté).`, 400)
  const motif = corps.motif
  if (motif !== undefined && motif !== null && typeof motif !== 'string') throw new ErreurFacturation('Le champ « motif » doit être une chaîne de caractères.', 400)
  const texte = typeof motif === 'string' ? motif.trim() : ''
  if (texte.length > MOTIF_AVOIR_MAX) throw new ErreurFacturation(`Le champ « motif » est trop long (${MOTIF_AVOIR_MAX} caractères au plus).`, 400)
  return texte === '' ? undefined : texte
}

/** POST /api/invoices/:id/emettre and the `emettreFacture` mutation: admins only. */
export async function demanderEmission(req: PayloadRequest, id: unknown): Promise<FactureEmise> {
  return emettre(req, exigerAdminFacturation(req, id), HUMAIN)
}

/** POST /api/invoices/:id/avoir and the `emettreAvoir` mutation: admins only, body `{ motif? }`. */
export async function demanderAvoir(req: PayloadRequest, id: unknown, corps: ObjetJson): Promise<AvoirEmis> {
  const facture = exigerAdminFacturation(req, id)
  return emettreAvoir(req, facture, motifAvoir(corps), HUMAIN)
}

/**
 * GET /api/invoices/:id/xml: 401 anonymous, 400 bad id or format, 404 not readable by the caller
 * (same read access as the invoice), 409 a draft (no number yet: no e-invoice).
 */
export async function demanderXmlFacture(req: PayloadRequest, id: unknown, format: string | null): Promise<{ xml: string; nomFichier: string }> {
  if (!req.user || roleOf(req.user) === null) throw new ErreurFacturation('Authentification requise.', 401)
  if (!estIdentifiant(id)) throw new ErreurFacturation('Identifiant de facture invalide.', 400)
  const choisi = format === null || format === '' ? 'cii' : format
  if (!FORMATS_XML.includes(choisi as FormatXml)) {
    throw new ErreurFacturation(`Format inconnu : « ${choisi.slice(0, 40)} ». Formats acceptés : cii (Factur-X / CII, par défaut) ou ubl.`, 400)
  }
  const facture = await lireFacture(req, id, HUMAIN)
  if (!facture) throw new ErreurFacturation("Facture introuvable ou vous n'y avez pas accès.", 404)
  if (facture.statut === STATUT_FACTURE.brouillon || !facture.numero) throw new ErreurFacturation("Ce brouillon n'est pas encore émis : il n'a pas de facture électronique.", 409)
  return { xml: await xmlDeLaPiece(req, facture, choisi as FormatXml), nomFichier: `${facture.numero}-${choisi}.xml` }
}

/** Server code (tests, scripts): issue a draft without a user. */
export const emettreFactureSysteme = (req: PayloadRequest, id: string | number): Promise<FactureEmise> => emettre(req, id, SYSTEME)
export const emettreAvoirSysteme = (req: PayloadRequest, id: string | number, motif?: string): Promise<AvoirEmis> => emettreAvoir(req, id, motif, SYSTEME)

// ---------------------------------------------------------------------------------------------
// Invoicing a dossier

const ORDRE_DESTINATAIRES: readonly Destinataire[] = ['opco', 'entreprise']

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
  if (!estIdentifiant(dossierId)) throw new ErreurFacturation('Identifiant de dossier invalide.', 400)
  const dossier = await req.payload.findByID({ collection: 'dossiers', id: dossierId, depth: 0, req, overrideAccess: true, disableErrors: true })
  if (!dossier) throw new ErreurFacturation('Dossier introuvable.', 404)
  if (!dansGroupe(STATUTS_FACTURABLES, dossier.status)) {
    throw new ErreurFacturation(`Le dossier est « ${String(dossier.status)} » : seul un dossier réalisé se facture.`, 409)
  }
  const organismeId = idOf(dossier.formation?.organisme)
  const organisme = organismeId === null ? null : await req.payload.findByID({ collection: 'training-providers', id: organismeId, depth: 0, req, overrideAccess: true, disableErrors: true })
  const plan = facturesDuDossier(dossier, organisme?.regimeTva ?? null, parametresFacturation())
  if (!plan.ok) throw new ErreurFacturation(`Dossier non facturable : ${plan.problemes.map((p) => p.message).join(' ; ')}.`, 422, plan.problemes)

  const transactionOuverte = await initTransaction(req)
  const ids: number[] = []
  try {
    await verrouillerTransaction(req, VERROU_FACTURATION_DOSSIER, dossier.id)
    const prevues = [...plan.factures].sort((a, b) => ORDRE_DESTINATAIRES.indexOf(a.destinataire) - ORDRE_DESTINATAIRES.indexOf(b.destinataire))
    for (const prevue of prevues) {
      const annulees = await req.payload.count({
        collection: 'invoices',
        where: {
          and: [
            { dossier: { equals: dossier.id } },
            { destinataire: { equals: prevue.destinataire } },
            { type: { equals: TYPE_PIECE.facture } },
            { statut: { equals: STATUT_FACTURE.annulee } },
            { cleFacturation: { exists: true } },
          ],
        },
        req,
        overrideAccess: true,
      })
      const cle = `dossier:${String(dossier.id)}:${prevue.destinataire}:${annulees.totalDocs + 1}`
      ids.push((await factureParCle(req, cle)) ?? (await creerBrouillon(req, cle, dossier.id, prevue)))
    }
    for (const id of ids) {
      try {
        await emettre(req, id, SYSTEME)
      } catch (err) {
        // 409: issued meanwhile by someone else (an admin's POST …/emettre): it is issued, fine.
        if (!(err instanceof ErreurFacturation && err.status === 409)) throw err
      }
    }
    if (transactionOuverte) await commitTransaction(req)
  } catch (err) {
    if (transactionOuverte) await killTransaction(req)
    throw err
  }
  const emises = await req.payload.find({ collection: 'invoices', where: { id: { in: ids } }, depth: 0, pagination: false, req, overrideAccess: true })
  const parId = new Map(emises.docs.map((d) => [d.id, d]))
  return ids.map((id) => parId.get(id)).filter((d): d is Facture => d !== undefined)
}

/**
 * What the `invoice` transition checks before it moves the dossier: the invoices that
 * facturerDossier would issue, each as an e-invoice with a provisional number (EN 16931 rules
 * and the Factur-X XSD, as at issue). Without it, a dossier could reach « facturé » and its
 * invoices be refused afterwards in the job (an OPCO without SIRET, a seller without VAT
 * identifier): nothing issued, and nobody told. Empty: the invoices will be issued.
 */
export async function problemesFacturationElectronique(req: PayloadRequest, dossier: Dossier): Promise<Probleme[]> {
  const organismeId = idOf(dossier.formation?.organisme)
  const organisme = organismeId === null ? null : await req.payload.findByID({ collection: 'training-providers', id: organismeId, depth: 0, req, overrideAccess: true, disableErrors: true })
  const plan = facturesDuDossier(dossier, organisme?.regimeTva ?? null, parametresFacturation())
  if (!plan.ok) return plan.problemes
  const maintenant = new Date().toISOString()
  const problemes: Probleme[] = []
  for (const prevue of plan.factures) {
    const brouillon: Facture = { ...prevue, id: 0, dossier: dossier.id, type: TYPE_PIECE.facture, statut: STATUT_FACTURE.brouillon, createdAt: maintenant, updatedAt: maintenant }
    const pour = prevue.destinataire === 'opco' ? 'facture à l’OPCO' : 'facture à l’entreprise'
    for (const v of await controlerAvantEmission(req, brouillon)) problemes.push({ champ: v.regle, message: `${pour} : ${v.message} (${v.regle})` })
  }
  return problemes
}

async function factureParCle(req: PayloadRequest, cle: string): Promise<number | null> {
  const r = await req.payload.find({ collection: 'invoices', where: { cleFacturation: { equals: cle } }, limit: 1, pagination: false, depth: 0, req, overrideAccess: true })
  return r.docs[0]?.id ?? null
}

async function creerBrouillon(req: PayloadRequest, cle: string, dossier: number, prevue: FacturePrevue): Promise<number> {
  try {
    const cree = await req.payload.create({ collection: 'invoices', data: { ...prevue, dossier, type: TYPE_PIECE.facture, cleFacturation: cle }, req, overrideAccess: true, depth: 0 })
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
