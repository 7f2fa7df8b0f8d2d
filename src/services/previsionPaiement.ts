import type { Payload, PayloadRequest } from 'payload'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import { reglesEcheancesDe } from '@/src/domain/echeances'
import { ErreurMetier } from '@/src/domain/erreurs'
import { STATUT_FACTURE, TYPE_PIECE } from '@/src/domain/facturation/statuts'
import {
  calculerPrevisions,
  delaisParDefaut,
  jourParis,
  type FacturePourPrevision,
  type PaiementPourPrevision,
  type PrevisionFacture,
  type PrevisionsPaiement,
  type StatistiquesOpco,
} from '@/src/domain/facturation/previsionPaiement'
import { STATUT_PAIEMENT } from '@/src/domain/paiements'
import type { Invoice } from '@/src/payload-types'
import { parametresFacturation } from '@/src/services/facturation'
import { dateIso, nombre, nombreOuNull, nomsOpcos, type DateSql, type ValeurSql } from '@/src/services/rapports/sql'

/**
 * Payment forecast of the OPCO invoices (rules: src/domain/facturation/previsionPaiement.ts).
 * The rows the rules need — the OPCO invoices issued or paid, and the OPCO's received payments
 * of their dossiers — are read by two indexed queries (one row per invoice or payment, no
 * Payload document loaded), the figures computed by the pure function: the median and the
 * percentile are over Paris calendar days, which SQLite cannot compute (no time zones).
 */

interface LigneFacture {
  id: ValeurSql
  dossier: ValeurSql
  opco: ValeurSql
  numero: string | null
  statut: string | null
  montant: ValeurSql
  date: DateSql
}
interface LignePaiement {
  id: ValeurSql
  dossier: ValeurSql
  montant: ValeurSql
  date: DateSql
}

/** `undefined`: every OPCO; `null`: the dossiers without OPCO; a number: that OPCO. */
export type FiltreOpcoPrevision = number | null | undefined

export interface DonneesPrevision {
  factures: FacturePourPrevision[]
  paiements: PaiementPourPrevision[]
  /** The payment term of the OPCOs whose record has a valid one (src/domain/echeances.ts). */
  delaisOpcos: Map<number, number>
}

/** The invoices, payments and OPCO payment terms the forecast reads, as stored. */
export async function lireDonneesPrevision(payload: Payload, opco?: FiltreOpcoPrevision): Promise<DonneesPrevision> {
  const filtre: SQL = opco === undefined ? sql`1 = 1` : opco === null ? sql`d.opco_id IS NULL` : sql`d.opco_id = ${opco}`
  const facturesOpco = sql`i.type = ${TYPE_PIECE.facture} AND i.destinataire = ${'opco'} AND i.statut IN (${STATUT_FACTURE.emise}, ${STATUT_FACTURE.payee}) AND i.date_emission IS NOT NULL`
  const [factures, paiements, opcos] = await Promise.all([
    requeteSql<LigneFacture>(
      payload,
      undefined,
      sql`SELECT i.id AS id, i.dossier_id AS dossier, d.opco_id AS opco, i.numero AS numero, i.statut AS statut, i.total_t_t_c AS montant, i.date_emission AS date
        FROM invoices i JOIN dossiers d ON d.id = i.dossier_id WHERE ${filtre} AND ${facturesOpco}`,
    ),
    requeteSql<LignePaiement>(
      payload,
      undefined,
      sql`SELECT p.id AS id, p.dossier_id AS dossier, p.montant AS montant, p.date AS date
        FROM payments p JOIN dossiers d ON d.id = p.dossier_id
        WHERE ${filtre} AND p.payeur = ${'opco'} AND (p.statut = ${STATUT_PAIEMENT.recu} OR p.statut IS NULL)
          AND EXISTS (SELECT 1 FROM invoices i WHERE i.dossier_id = p.dossier_id AND ${facturesOpco})`,
    ),
    requeteSql<{ id: ValeurSql; delai: ValeurSql }>(payload, undefined, sql`SELECT id, delai_paiement_jours AS delai FROM opcos WHERE delai_paiement_jours IS NOT NULL`),
  ])
  const delaisOpcos = new Map<number, number>()
  for (const o of opcos) {
    const delai = reglesEcheancesDe({ delaiPaiementJours: nombreOuNull(o.delai) }).delaiPaiementJours
    if (delai !== null) delaisOpcos.set(nombre(o.id), delai)
  }
  return {
    factures: factures.map((r) => ({
      id: nombre(r.id),
      dossier: nombre(r.dossier),
      opco: nombreOuNull(r.opco),
      numero: r.numero ?? null,
      type: TYPE_PIECE.facture,
      destinataire: 'opco',
      statut: r.statut,
      montant: nombreOuNull(r.montant),
      dateEmission: dateIso(r.date),
    })),
    paiements: paiements.map((r) => ({ id: nombre(r.id), dossier: nombre(r.dossier), payeur: 'opco', statut: STATUT_PAIEMENT.recu, montant: nombreOuNull(r.montant), date: dateIso(r.date) })),
    delaisOpcos,
  }
}

/** The defaults of the OPCOs with fewer than 5 observations and no payment term on their record: from the configured term. */
export const delaisParDefautConfigures = () => delaisParDefaut(parametresFacturation().delaiPaiementJours)

/** Every open OPCO invoice's forecast, per-OPCO figures and late list, at `maintenant`. */
export async function previsionsPaiement(payload: Payload, maintenant = new Date(), opco?: FiltreOpcoPrevision): Promise<PrevisionsPaiement> {
  const { factures, paiements, delaisOpcos } = await lireDonneesPrevision(payload, opco)
  return calculerPrevisions(factures, paiements, maintenant, delaisParDefautConfigures(), delaisOpcos)
}

export interface FactureEnRetardPrevision extends PrevisionFacture {
  nomOpco: string | null
}

/** The dashboard's « Factures en retard » list: late against the forecast, most late first. */
export async function facturesEnRetardPrevision(payload: Payload, maintenant = new Date(), limite = 20): Promise<{ total: number; factures: FactureEnRetardPrevision[] }> {
  const [p, noms] = await Promise.all([previsionsPaiement(payload, maintenant), nomsOpcos(payload)])
  return {
    total: p.enRetard.length,
    factures: p.enRetard.slice(0, limite).map((f) => ({ ...f, nomOpco: f.opco === null ? null : (noms.get(String(f.opco)) ?? `OPCO ${f.opco}`) })),
  }
}

/** One invoice's forecast, as `GET /api/invoices/:id/prevision` answers it. */
export type PrevisionDeFacture =
  | { facture: number; etat: 'sans_objet'; message: string }
  | { facture: number; etat: 'payee'; jourEmission: string; jourPaiement: string; jours: number; delais: StatistiquesOpco }
  | ({ etat: 'ouverte'; delais: StatistiquesOpco } & PrevisionFacture)

const estIdentifiant = (id: unknown): id is string | number => (typeof id === 'string' || typeof id === 'number') && /^\d{1,15}$/.test(String(id))

/**
 * The forecast of the invoice `id` for the caller: read under the invoices' own read rules first
 * (400 malformed id, 404 unknown or not readable — the same answer), then computed over its OPCO.
 */
export async function previsionDeFacture(req: PayloadRequest, id: unknown, maintenant = new Date()): Promise<PrevisionDeFacture> {
  if (!estIdentifiant(id)) throw new ErreurMetier('Identifiant de facture invalide.', 400)
  const trouvee = await req.payload.find({ collection: 'invoices', where: { id: { equals: id } }, limit: 1, depth: 0, pagination: false, req, user: req.user, overrideAccess: false })
  const facture: Invoice | undefined = trouvee.docs[0]
  if (!facture) throw new ErreurMetier("Facture introuvable ou vous n'y avez pas accès.", 404)
  const sansObjet = (message: string): PrevisionDeFacture => ({ facture: facture.id, etat: 'sans_objet', message })
  if (facture.type === TYPE_PIECE.avoir) return sansObjet('Un avoir n’est pas payé : pas de prévision.')
  if (facture.destinataire !== 'opco') return sansObjet('Prévision calculée pour les factures adressées à l’OPCO seulement.')
  if (facture.statut === STATUT_FACTURE.brouillon) return sansObjet('Facture non émise : pas de prévision.')
  if (facture.statut === STATUT_FACTURE.annulee) return sansObjet('Facture annulée par un avoir : elle ne sera pas payée.')
  // The OPCO as stored now (the dossier's), read by the query itself: the caller already proved
  // they may read this invoice, the figures are over that OPCO's invoices.
  const dossier = await req.payload.findByID({ collection: 'dossiers', id: typeof facture.dossier === 'object' ? facture.dossier.id : facture.dossier, depth: 0, req, overrideAccess: true, disableErrors: true })
  const opco = dossier?.opco === null || dossier?.opco === undefined ? null : typeof dossier.opco === 'object' ? dossier.opco.id : dossier.opco
  const p = await previsionsPaiement(req.payload, maintenant, opco)
  // Present whenever the invoice was taken into account (open or paid): its OPCO's group.
  const stats = p.parOpco.find((s) => s.opco === opco)
  const ouverte = p.ouvertes.find((o) => o.facture === facture.id)
  if (ouverte && stats) return { ...ouverte, etat: 'ouverte', delais: stats }
  const payee = p.payees.find((o) => o.facture === facture.id)
  if (payee && stats) return { facture: facture.id, etat: 'payee', jourEmission: payee.jourEmission, jourPaiement: payee.jourPaiement, jours: payee.jours, delais: stats }
  return sansObjet(facture.statut === STATUT_FACTURE.payee ? 'Facture marquée payée.' : `Pas de prévision (émise le ${jourParis(facture.dateEmission) ?? '—'}).`)
}

/** Admin list cells: the open invoices' dates by invoice id (one request per list page). */
export async function previsionsParFacture(payload: Payload, maintenant = new Date()): Promise<Record<string, Pick<PrevisionFacture, 'datePrevue' | 'dateAuPlusTard' | 'enRetard' | 'joursRetard' | 'source'>>> {
  const p = await previsionsPaiement(payload, maintenant)
  return Object.fromEntries(p.ouvertes.map((o) => [String(o.facture), { datePrevue: o.datePrevue, dateAuPlusTard: o.dateAuPlusTard, enRetard: o.enRetard, joursRetard: o.joursRetard, source: o.source }]))
}
