import type { PayloadRequest, Where } from 'payload'
import { idOf } from '@/src/access/roles'
import { rapportConformite, type EntreeConformite, type RapportConformite } from '@/src/domain/conformity'
import type { RegleFinancement } from '@/src/domain/funding'
import type { DocumentDuDossier } from '@/src/domain/piecesRequises'
import { requeteSql, sql } from '@/src/db/sql'

type Doc = Record<string, unknown> & { id: number | string }

/** Trusted reads (the caller's right to the dossier was checked before): full access, in the request's transaction. */
const lire = { depth: 0, overrideAccess: true, pagination: false } as const

async function parId(req: PayloadRequest, collection: 'companies' | 'training-providers' | 'opcos', id: unknown): Promise<Doc | null> {
  const i = idOf(id)
  if (i === null) return null
  return (await req.payload.findByID({ collection, id: i, depth: 0, req, overrideAccess: true, disableErrors: true })) as Doc | null
}

/**
 * Other people's dossiers are read only for the duplicate warning: a row of theirs that cannot be
 * read back (stored before validation was fixed) must not make this dossier's submit or validate
 * fail. Bad dates and numbers already read as empty (src/db/lectureTolerante.ts); what the driver
 * itself refuses (an SQLite integer beyond 2^53) drops the duplicate check, logged, and
 * `npm run verifier-donnees` names the row.
 */
async function autresDossiersLisibles(req: PayloadRequest, lire: () => Promise<{ docs: unknown[] }>): Promise<Doc[]> {
  try {
    return (await lire()).docs as Doc[]
  } catch (err) {
    req.payload.logger.warn(`Conformité : recherche de doublons impossible (donnée stockée illisible ?) : ${err instanceof Error ? err.message : String(err)}`)
    return []
  }
}

/**
 * Everything the pure rules read, as plain objects: the dossier, its company, provider, OPCO
 * rules, documents, payments, invoices and the same beneficiary's other dossiers (duplicates).
 */
export async function chargerEntreeConformite(req: PayloadRequest, dossier: Doc): Promise<EntreeConformite> {
  const formation = (dossier.formation ?? {}) as Record<string, unknown>
  const b = (dossier.beneficiaire ?? {}) as Record<string, unknown>
  const [entreprise, organisme, opco, documents, paiements, factures] = await Promise.all([
    parId(req, 'companies', dossier.company),
    parId(req, 'training-providers', formation.organisme),
    parId(req, 'opcos', dossier.opco),
    req.payload.find({ collection: 'documents', where: { dossier: { equals: dossier.id } }, req, ...lire, select: { documentType: true, origin: true, filename: true, createdAt: true } }),
    req.payload.find({ collection: 'payments', where: { dossier: { equals: dossier.id } }, req, ...lire, select: { montant: true, payeur: true, statut: true } }),
    req.payload.find({ collection: 'invoices', where: { dossier: { equals: dossier.id } }, req, ...lire, select: { type: true, statut: true, destinataire: true } }),
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
  return {
    dossier: dossier as EntreeConformite['dossier'],
    entreprise: entreprise as EntreeConformite['entreprise'],
    organisme: organisme as EntreeConformite['organisme'],
    reglesOpco: opco ? (((opco as { reglesFinancement?: RegleFinancement[] | null }).reglesFinancement ?? []) as RegleFinancement[]) : null,
    documents: documents.docs as unknown as DocumentDuDossier[],
    autresDossiers: autres as unknown as EntreeConformite['autresDossiers'],
    paiements: paiements.docs as EntreeConformite['paiements'],
    factures: factures.docs as EntreeConformite['factures'],
  }
}

export async function calculerRapportConformite(req: PayloadRequest, dossier: Doc, maintenant = new Date()): Promise<RapportConformite> {
  return rapportConformite(await chargerEntreeConformite(req, dossier), maintenant)
}

/** The SQL assignment that stores a report (used inside the transition's own UPDATE). */
export const affectationRapport = (rapport: RapportConformite) => sql`conformite = ${JSON.stringify(rapport)}`

/**
 * Stores the report on the dossier by one UPDATE of its column only: no hook, no estimate, no
 * audit entry per recomputation (the report is derived data, recomputed on demand).
 */
export async function enregistrerRapport(req: PayloadRequest, id: number | string, rapport: RapportConformite): Promise<void> {
  await requeteSql(req.payload, req, sql`UPDATE dossiers SET ${affectationRapport(rapport)} WHERE id = ${id}`)
}
