import type { PayloadRequest, Where } from 'payload'
import { idOf } from '@/src/access/roles'
import { rapportConformite, type AutreDossier, type EntreeConformite, type RapportConformite } from '@/src/domain/conformity'
import { requeteSql, sql } from '@/src/db/sql'
import type { Dossier } from '@/src/payload-types'
import { reglesEcheancesDe } from '@/src/domain/echeances'
import type { LectureDocument } from '@/src/domain/coherenceDocuments'
import { normaliserIdcc } from '@/src/domain/idcc'
import { datesFacturationDuDossier } from '@/src/services/echeances'

/**
 * Conformity report of a dossier (README « Conformité et IA »): loads what the pure rules of
 * src/domain/conformity read, computes the dated report, stores it. Used by the transitions
 * (submit / validate), POST /api/dossiers/:id/conformite and the AI narrative.
 */

/** Trusted reads (the caller's right to the dossier was checked before): full access, in the request's transaction. */
const lire = { depth: 0, overrideAccess: true, pagination: false } as const

/** A related record by id (`null` when the relation is empty or the record is gone). */
async function parId<C extends 'companies' | 'training-providers' | 'opcos'>(req: PayloadRequest, collection: C, id: unknown) {
  const i = idOf(id)
  if (i === null) return null
  return req.payload.findByID({ collection, id: i, depth: 0, req, overrideAccess: true, disableErrors: true })
}

/**
 * Other people's dossiers are read only for the duplicate warning: a row of theirs that cannot be
 * read back (stored before validation was fixed) must not make this dossier's submit or validate
 * fail. Bad dates and numbers already read as empty (src/db/lectureTolerante.ts); what the driver
 * itself refuses (an SQLite integer beyond 2^53) drops the duplicate check, logged, and
 * `npm run verifier-donnees` names the row.
 */
async function autresDossiersLisibles(req: PayloadRequest, lireAutres: () => Promise<{ docs: AutreDossier[] }>): Promise<AutreDossier[]> {
  try {
    return (await lireAutres()).docs
  } catch (err) {
    req.payload.logger.warn(`Conformité : recherche de doublons impossible (donnée stockée illisible ?) : ${err instanceof Error ? err.message : String(err)}`)
    return []
  }
}

/**
 * Everything the pure rules read, as plain objects: the dossier, its company, provider, OPCO
 * rules, documents, payments, invoices and the same beneficiary's other dossiers (duplicates).
 */
export async function chargerEntreeConformite(req: PayloadRequest, dossier: Dossier): Promise<EntreeConformite> {
  const formation = dossier.formation ?? {}
  const b = dossier.beneficiaire ?? {}
  const [entreprise, organisme, opco, documents, paiements, factures, seances] = await Promise.all([
    parId(req, 'companies', dossier.company),
    parId(req, 'training-providers', formation.organisme),
    parId(req, 'opcos', dossier.opco),
    req.payload.find({ collection: 'documents', where: { dossier: { equals: dossier.id } }, req, ...lire, select: { documentType: true, origin: true, filename: true, createdAt: true, lecture: true } }),
    req.payload.find({ collection: 'payments', where: { dossier: { equals: dossier.id } }, req, ...lire, select: { montant: true, payeur: true, statut: true, date: true } }),
    req.payload.find({ collection: 'invoices', where: { dossier: { equals: dossier.id } }, req, ...lire, select: { type: true, statut: true, destinataire: true, dateEmission: true, totalTTC: true } }),
    req.payload.find({ collection: 'seances', where: { dossier: { equals: dossier.id } }, req, ...lire, sort: 'date', select: { date: true, demiJournee: true, statut: true, dureeMinutes: true, minutesDeclarees: true } }),
  ])
  const memePersonne: Where[] = []
  if (typeof b.email === 'string' && b.email.trim() !== '') memePersonne.push({ 'beneficiaire.email': { like: b.email.trim() } })
  if (typeof b.nom === 'string' && b.nom.trim() !== '') memePersonne.push({ 'beneficiaire.nom': { like: b.nom.trim() } })
  const autres =
    memePersonne.length === 0
      ? []
      : await autresDossiersLisibles(req, () =>
          req.payload.find({
            collection: 'dossiers',
            where: { and: [{ id: { not_equals: dossier.id } }, { status: { not_equals: 'annule' } }, { or: memePersonne }] },
            req,
            ...lire,
            pagination: true,
            limit: 200,
            select: { reference: true, status: true, beneficiaire: true, formation: { titre: true, dateDebut: true, dateFin: true } },
          }),
        )
  const branche = await brancheDe(req, entreprise?.idcc, opco)
  return {
    dossier,
    entreprise,
    organisme,
    branche,
    // The uploaded pieces and what was read from them (src/services/lecturePieces.ts).
    piecesLues: documents.docs
      .filter((d) => d.origin !== 'generated' && d.lecture !== null && d.lecture !== undefined)
      .map((d) => ({ id: d.id, documentType: d.documentType, filename: d.filename, createdAt: d.createdAt, lecture: d.lecture as unknown as LectureDocument })),
    reglesOpco: opco ? (opco.reglesFinancement ?? []) : null,
    documents: documents.docs,
    autresDossiers: autres,
    paiements: paiements.docs,
    factures: factures.docs,
    seances: seances.docs,
    // The OPCO's deadlines, read as the dossier views and the reminders read them (src/services/echeances.ts).
    echeances: opco
      ? {
          regles: reglesEcheancesDe(opco),
          reponseOpcoDate: dossier.reponseOpcoDate ?? null,
          ...datesFacturationDuDossier(dossier.id, factures.docs, paiements.docs),
        }
      : null,
  }
}

/** The OPCO of the company's branch by the IDCC table (`correspondances-idcc`), with the names the finding prints. */
async function brancheDe(req: PayloadRequest, idccEntreprise: unknown, opcoDossier: { nom?: string | null } | null): Promise<EntreeConformite['branche']> {
  const idcc = normaliserIdcc(idccEntreprise)
  if (idcc === null) return null
  const r = await req.payload.find({ collection: 'correspondances-idcc', where: { idcc: { equals: idcc } }, depth: 1, limit: 1, pagination: false, overrideAccess: true, req })
  const opco = r.docs[0]?.opco
  if (opco === null || opco === undefined) return null
  return typeof opco === 'object' ? { idcc, opco: opco.id, opcoNom: opco.nom, opcoDossierNom: opcoDossier?.nom ?? null } : { idcc, opco, opcoDossierNom: opcoDossier?.nom ?? null }
}

/** The report of the dossier as it is now (computed, not stored). */
export async function calculerRapportConformite(req: PayloadRequest, dossier: Dossier, maintenant = new Date()): Promise<RapportConformite> {
  return rapportConformite(await chargerEntreeConformite(req, dossier), maintenant)
}

/** The SQL assignment that stores a report (used inside the transition's own UPDATE). */
export const affectationRapport = (rapport: RapportConformite) => sql`conformite = ${JSON.stringify(rapport)}`

/**
 * Stores the report on the dossier by one UPDATE of its column only: no hook, no estimate, no
 * audit entry per recomputation (the report is derived data, recomputed on demand).
 */
export async function enregistrerRapport(req: PayloadRequest, id: number, rapport: RapportConformite): Promise<void> {
  await requeteSql(req.payload, req, sql`UPDATE dossiers SET ${affectationRapport(rapport)} WHERE id = ${id}`)
}

/** Recomputes the dossier's report and stores it (POST /api/dossiers/:id/conformite). */
export async function recalculerConformite(req: PayloadRequest, dossier: Dossier): Promise<RapportConformite> {
  const rapport = await calculerRapportConformite(req, dossier)
  await enregistrerRapport(req, dossier.id, rapport)
  return rapport
}
