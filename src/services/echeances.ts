import type { Payload, PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import {
  ajouterJours,
  cleRappelEcheance,
  DECALAGE_JOUR_OUVRE_MAX,
  echeancesDossier,
  estDansLesJours,
  jourParis,
  JOURS_PROCHE,
  palierRappel,
  prochaineEcheance,
  reglesEcheancesDe,
  STATUTS_ECHEANCE_A_TENIR,
  type DossierPourEcheances,
  type Echeance,
  type ReglesEcheances,
} from '@/src/domain/echeances'
import { joursDePaiement, type FacturePourPrevision, type PaiementPourPrevision } from '@/src/domain/facturation/previsionPaiement'
import { STATUT_FACTURE, STATUTS_FACTURE_EMISES, TYPE_PIECE } from '@/src/domain/facturation/statuts'
import { STATUT_PAIEMENT } from '@/src/domain/paiements'
import type { Dossier, Invoice, Opco, Payment } from '@/src/payload-types'
import type { Personne } from '@/src/domain/notifications'
import * as T from '@/templates/email'
import type { NouvelEmail } from '@/src/services/emails/boiteEnvoi'
import { dossierEmail, liens } from '@/src/services/emails/destinataires'
import { dateIso, listeStatuts, nombre, nombreOuNull, type DateSql, type ValeurSql } from '@/src/services/rapports/sql'

/**
 * Each OPCO's deadlines applied to the dossiers (rules: src/domain/echeances.ts, the one pure
 * function the dossier views, the dashboard, the reminders and the conformity engine share).
 */

type Facture = Pick<FacturePourPrevision, 'id' | 'dossier' | 'destinataire' | 'statut' | 'montant' | 'dateEmission'>

/**
 * The invoice date the deadlines read — the first issued OPCO invoice, else the first issued
 * invoice — and the day the OPCO's received payments covered that OPCO invoice
 * (first-issued-first-paid, as the payment forecast attributes them).
 */
export function datesFacturation(factures: readonly Facture[], paiements: readonly PaiementPourPrevision[]): { dateFacture: string | null; datePaiementComplet: string | null } {
  const emises = factures
    .filter((f) => (STATUTS_FACTURE_EMISES as readonly string[]).includes(f.statut ?? '') && f.dateEmission)
    .sort((a, b) => Date.parse(a.dateEmission!) - Date.parse(b.dateEmission!) || a.id - b.id)
  const premiere = emises.find((f) => f.destinataire === 'opco') ?? emises[0]
  if (!premiere) return { dateFacture: null, datePaiementComplet: null }
  const payees = joursDePaiement(
    emises.map((f) => ({ ...f, type: TYPE_PIECE.facture, opco: null, numero: null })),
    paiements,
  )
  return { dateFacture: premiere.dateEmission ?? null, datePaiementComplet: payees.get(premiere.id) ?? null }
}

type FactureLue = Pick<Invoice, 'id' | 'type' | 'destinataire' | 'statut' | 'totalTTC' | 'dateEmission'>
type PaiementLu = Pick<Payment, 'id' | 'payeur' | 'statut' | 'montant' | 'date'>

/** {@link datesFacturation} over a dossier's invoices and payments as the Local API reads them (credit notes and company payments set aside). */
export function datesFacturationDuDossier(dossier: number, factures: readonly Partial<FactureLue>[], paiements: readonly Partial<PaiementLu>[]): ReturnType<typeof datesFacturation> {
  return datesFacturation(
    factures
      .filter((f) => (f.type ?? TYPE_PIECE.facture) === TYPE_PIECE.facture && typeof f.id === 'number')
      .map((f) => ({ id: f.id!, dossier, destinataire: f.destinataire ?? null, statut: f.statut ?? null, montant: f.totalTTC ?? null, dateEmission: f.dateEmission ?? null })),
    paiements
      .filter((p) => p.payeur === 'opco' && typeof p.id === 'number')
      .map((p) => ({ id: p.id!, dossier, payeur: 'opco', statut: p.statut ?? STATUT_PAIEMENT.recu, montant: p.montant ?? null, date: p.date ?? null })),
  )
}

/** What the pure function reads of a dossier as the Local API returns it. */
const pourEcheances = (d: Pick<Dossier, 'status' | 'formation' | 'envoiOpcoDate' | 'reponseOpcoDate'>, dates: ReturnType<typeof datesFacturation>): DossierPourEcheances => ({
  status: d.status ?? null,
  formation: { dateDebut: d.formation?.dateDebut ?? null, dateFin: d.formation?.dateFin ?? null },
  envoiOpcoDate: d.envoiOpcoDate ?? null,
  reponseOpcoDate: d.reponseOpcoDate ?? null,
  ...dates,
})

export interface EcheancesDuDossier {
  echeances: Echeance[]
  prochaine: Echeance | null
  opco: { id: number; nom: string; aVerifier: boolean } | null
}

/**
 * A dossier's deadlines from its OPCO's rules, its first invoice and its payments. The caller
 * has already read the dossier under its own rights: the related rows are read in full.
 */
export async function echeancesDuDossier(payload: Payload, req: PayloadRequest | undefined, dossier: Dossier, maintenant = new Date()): Promise<EcheancesDuDossier> {
  const opcoId = idOf(dossier.opco)
  const opco: Opco | null = opcoId === null ? null : await payload.findByID({ collection: 'opcos', id: opcoId, depth: 0, req, overrideAccess: true, disableErrors: true })
  if (!opco) return { echeances: [], prochaine: null, opco: null }
  const lire = { depth: 0, overrideAccess: true, pagination: false, req } as const
  const [factures, paiements] = await Promise.all([
    payload.find({ collection: 'invoices', where: { and: [{ dossier: { equals: dossier.id } }, { type: { equals: TYPE_PIECE.facture } }] }, ...lire, select: { destinataire: true, statut: true, totalTTC: true, dateEmission: true } }),
    payload.find({ collection: 'payments', where: { and: [{ dossier: { equals: dossier.id } }, { payeur: { equals: 'opco' } }] }, ...lire, select: { montant: true, date: true, statut: true, payeur: true } }),
  ])
  const dates = datesFacturationDuDossier(dossier.id, factures.docs, paiements.docs)
  const echeances = echeancesDossier(pourEcheances(dossier, dates), reglesEcheancesDe(opco), maintenant)
  return { echeances, prochaine: prochaineEcheance(echeances), opco: { id: opco.id, nom: opco.nom, aVerifier: opco.echeancesAVerifier !== false } }
}

interface LigneOpco {
  id: ValeurSql
  nom: string | null
  averifier: ValeurSql | boolean
  depot: ValeurSql
  justificatifs: ValeurSql
  validite: ValeurSql
  paiement: ValeurSql
}
interface LigneDossier {
  id: ValeurSql
  reference: string | null
  status: string | null
  opco: ValeurSql
  debut: DateSql
  fin: DateSql
  envoi: DateSql
  reponse: DateSql
}
interface LigneFacture {
  id: ValeurSql
  dossier: ValeurSql
  destinataire: string | null
  statut: string | null
  date: DateSql
}

export interface EcheanceProche {
  dossier: number
  reference: string | null
  opco: number
  nomOpco: string
  /** The OPCO's rules are still marked « à vérifier ». */
  aVerifier: boolean
  echeance: Echeance
}

/** Every OPCO's rules (a short table, read whole). */
async function reglesDesOpcos(payload: Payload): Promise<Map<number, { nom: string; aVerifier: boolean; regles: ReglesEcheances }>> {
  const lignes = await requeteSql<LigneOpco>(
    payload,
    undefined,
    sql`SELECT id, nom, echeances_a_verifier AS averifier, delai_depot_avant_debut_jours AS depot, delai_justificatifs_apres_fin_jours AS justificatifs, validite_accord_jours AS validite, delai_paiement_jours AS paiement FROM opcos`,
  )
  return new Map(
    lignes.map((l) => [
      nombre(l.id),
      {
        nom: l.nom ?? `OPCO ${String(l.id)}`,
        // SQLite stores the checkbox as 0/1, PostgreSQL as a boolean; empty reads as « à vérifier ».
        aVerifier: l.averifier === null || l.averifier === undefined ? true : Boolean(Number(l.averifier)),
        regles: reglesEcheancesDe({
          delaiDepotAvantDebutJours: nombreOuNull(l.depot),
          delaiJustificatifsApresFinJours: nombreOuNull(l.justificatifs),
          validiteAccordJours: nombreOuNull(l.validite),
          delaiPaiementJours: nombreOuNull(l.paiement),
        }),
      },
    ]),
  )
}

/** Start of a Paris day as an ISO bound, a day early: stored days are 00:00 or 12:00 UTC, instants any hour. */
const borne = (jour: string, decalage: number): string => `${ajouterJours(jour, decalage)}T00:00:00.000Z`

/**
 * The deadlines still to meet whose day is today or within `jours` days, over every dossier, in
 * date order. The database pre-selects, by status and date ranges wide enough for every OPCO's
 * rules (indexed columns, one query), the dossiers that may have one; the pure function decides.
 * Invoice dates are read by a second query over the same selection: no query per dossier.
 */
export async function echeancesProches(payload: Payload, maintenant = new Date(), jours = 30): Promise<EcheanceProche[]> {
  const aujourdhui = jourParis(maintenant)
  const opcos = await reglesDesOpcos(payload)
  const max = (k: keyof ReglesEcheances): number | null => {
    const v = [...opcos.values()].map((o) => o.regles[k]).filter((n): n is number => n !== null)
    return v.length === 0 ? null : Math.max(...v)
  }
  const marge = DECALAGE_JOUR_OUVRE_MAX + 1
  const conditions: SQL[] = []
  const maxDepot = max('delaiDepotAvantDebutJours')
  if (maxDepot !== null) {
    // deadline = start − N (moved back), to meet while not sent: start in [today, today + jours + N + shift].
    conditions.push(
      sql`(d.status IN ${listeStatuts(STATUTS_ECHEANCE_A_TENIR.depot_demande)} AND d.formation_date_debut >= ${borne(aujourdhui, -1)} AND d.formation_date_debut < ${borne(aujourdhui, jours + maxDepot + marge)})`,
    )
  }
  const maxJustif = max('delaiJustificatifsApresFinJours')
  if (maxJustif !== null) {
    conditions.push(
      sql`(d.status IN ${listeStatuts(STATUTS_ECHEANCE_A_TENIR.justificatifs)} AND d.formation_date_fin >= ${borne(aujourdhui, -maxJustif - 1)} AND d.formation_date_fin < ${borne(aujourdhui, jours + marge)})`,
    )
  }
  const maxPaiement = max('delaiPaiementJours')
  const facturesEmises = sql`i.type = ${TYPE_PIECE.facture} AND i.statut IN (${STATUT_FACTURE.emise}, ${STATUT_FACTURE.payee}) AND i.date_emission IS NOT NULL`
  if (maxPaiement !== null) {
    conditions.push(
      sql`(d.status IN ${listeStatuts(STATUTS_ECHEANCE_A_TENIR.paiement)} AND EXISTS (SELECT 1 FROM invoices i WHERE i.dossier_id = d.id AND ${facturesEmises} AND i.date_emission >= ${borne(aujourdhui, -maxPaiement - 1)} AND i.date_emission < ${borne(aujourdhui, jours + marge)}))`,
    )
  }
  if (conditions.length === 0) return []
  const filtre = sql`d.opco_id IS NOT NULL AND (${sql.join(conditions, sql` OR `)})`
  const [dossiers, factures] = await Promise.all([
    requeteSql<LigneDossier>(
      payload,
      undefined,
      sql`SELECT d.id AS id, d.reference AS reference, d.status AS status, d.opco_id AS opco, d.formation_date_debut AS debut, d.formation_date_fin AS fin,
          d.envoi_opco_date AS envoi, d.reponse_opco_date AS reponse
        FROM dossiers d WHERE ${filtre}`,
    ),
    requeteSql<LigneFacture>(
      payload,
      undefined,
      sql`SELECT i.id AS id, i.dossier_id AS dossier, i.destinataire AS destinataire, i.statut AS statut, i.date_emission AS date
        FROM invoices i WHERE ${facturesEmises} AND i.dossier_id IN (SELECT d.id FROM dossiers d WHERE ${filtre})`,
    ),
  ])
  const facturesParDossier = new Map<number, Facture[]>()
  for (const f of factures) {
    const d = nombre(f.dossier)
    facturesParDossier.set(d, [...(facturesParDossier.get(d) ?? []), { id: nombre(f.id), dossier: d, destinataire: f.destinataire, statut: f.statut, montant: null, dateEmission: dateIso(f.date) }])
  }
  const sortie: EcheanceProche[] = []
  for (const l of dossiers) {
    const opco = opcos.get(nombre(l.opco))
    if (!opco) continue
    const id = nombre(l.id)
    // Payments do not matter here: a dossier whose payment deadline is still to meet is not paid.
    const dates = { ...datesFacturation(facturesParDossier.get(id) ?? [], []), datePaiementComplet: null }
    const d: DossierPourEcheances = {
      status: l.status,
      formation: { dateDebut: dateIso(l.debut), dateFin: dateIso(l.fin) },
      envoiOpcoDate: dateIso(l.envoi),
      reponseOpcoDate: dateIso(l.reponse),
      ...dates,
    }
    for (const e of echeancesDossier(d, opco.regles, maintenant)) {
      if (estDansLesJours(e, jours)) sortie.push({ dossier: id, reference: l.reference, opco: nombre(l.opco), nomOpco: opco.nom, aVerifier: opco.aVerifier, echeance: e })
    }
  }
  return sortie.sort((a, b) => a.echeance.date.localeCompare(b.echeance.date) || a.dossier - b.dossier || a.echeance.type.localeCompare(b.echeance.type))
}

/** The dashboard's « Échéances »: within 7 days, and within 30 days (the first list included). */
export async function echeancesTableauDeBord(payload: Payload, maintenant = new Date()): Promise<{ sept: EcheanceProche[]; trente: EcheanceProche[] }> {
  const trente = await echeancesProches(payload, maintenant, 30)
  return { sept: trente.filter((e) => estDansLesJours(e.echeance, 7)), trente }
}


/**
 * The reminders of the day (daily reminders job): to the team, for each deadline still to meet
 * at 7 days or fewer and on its day, one outbox row per (dossier, type, date, step, recipient) —
 * a second run the same day, or the next days of the same step, finds the key and writes nothing.
 * The filing deadline is essential (a late request is refused): sent even to those who opted out.
 */
export async function rappelsEcheances(payload: Payload, maintenant: Date, equipe: readonly Personne[]): Promise<{ emails: NouvelEmail[]; dues: number }> {
  const dues = (await echeancesProches(payload, maintenant, JOURS_PROCHE)).flatMap((p) => {
    const palier = palierRappel(p.echeance)
    return palier === null ? [] : [{ ...p, palier }]
  })
  if (dues.length === 0) return { emails: [], dues: 0 }
  const dossiers = await payload.find({ collection: 'dossiers', where: { id: { in: [...new Set(dues.map((p) => p.dossier))] } }, pagination: false, depth: 0, overrideAccess: true })
  const parId = new Map(dossiers.docs.map((d) => [d.id, d]))
  const l = liens()
  const emails: NouvelEmail[] = []
  for (const p of dues) {
    const d = parId.get(p.dossier)
    if (!d) continue
    const rendu = T.rendre(T.relanceEcheance(await dossierEmail(payload, undefined, d, p.nomOpco), l, p.echeance, p.aVerifier))
    for (const personne of equipe) {
      if (personne.recevoirRelances === false && p.echeance.type !== 'depot_demande') continue
      emails.push({ to: personne.email, dossier: p.dossier, cle: cleRappelEcheance(p.dossier, p.echeance, p.palier, personne.email), rendu })
    }
  }
  return { emails, dues: dues.length }
}
