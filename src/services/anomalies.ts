import type { PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { detecterAnomalies, type Anomalie, type DossierAnalyse, type SejourStatut } from '@/src/domain/conformity/anomalies'
import { requeteSql, sql } from '@/src/db/sql'
import { STATUT_PAIEMENT, type PayeurPaiement } from '@/src/domain/paiements'

/**
 * Anomaly detection over every dossier (src/domain/conformity/anomalies.ts holds the rules): this
 * service gathers what they read — the dossiers, the OPCO payments summed by the database and the
 * stays in each status from the transitions' audit entries.
 */

const MS_JOUR = 86_400_000

/** OPCO payments received, summed per dossier by the database (one GROUP BY, not one query per dossier). */
async function payeOpcoParDossier(req: PayloadRequest): Promise<Map<string, number>> {
  // Raw rows: ids and sums as the driver returns them (text for PostgreSQL's bigint/numeric).
  const lignes = await requeteSql<{ dossier: number | string; total: number | string | null }>(
    req.payload,
    req,
    sql`SELECT dossier_id AS dossier, SUM(montant) AS total FROM payments WHERE payeur = ${'opco' satisfies PayeurPaiement} AND (statut = ${STATUT_PAIEMENT.recu} OR statut IS NULL) GROUP BY dossier_id`,
  )
  return new Map(lignes.map((l) => [String(l.dossier), Number(l.total) || 0]))
}

interface LigneTransition {
  dossier: number | string
  /** Text on SQLite, a Date from the PostgreSQL driver. */
  date: string | Date
  changes: unknown
}

const statutsDe = (changes: unknown): { avant?: string; apres?: string } => {
  const c = (typeof changes === 'string' ? (() => { try { return JSON.parse(changes) } catch { return null } })() : changes) as { status?: { avant?: string; apres?: string } } | null
  return c?.status ?? {}
}

/**
 * From the transitions' audit entries: each completed stay in a status (entered at one
 * transition, left at the next) and, per dossier, when it entered its current status.
 */
async function historiqueStatuts(req: PayloadRequest): Promise<{ sejours: SejourStatut[]; depuis: Map<string, string> }> {
  const lignes = await requeteSql<LigneTransition>(
    req.payload,
    req,
    sql`SELECT document_id AS dossier, created_at AS date, changes FROM logs WHERE action = 'transition' AND collection_slug = 'dossiers' ORDER BY document_id, created_at`,
  )
  const sejours: SejourStatut[] = []
  const depuis = new Map<string, string>()
  let precedent: LigneTransition | null = null
  for (const l of lignes) {
    const date = l.date instanceof Date ? l.date.toISOString() : String(l.date)
    if (precedent && precedent.dossier === String(l.dossier)) {
      const statut = statutsDe(precedent.changes).apres
      if (statut) sejours.push({ statut, jours: (Date.parse(date) - Date.parse(String(precedent.date))) / MS_JOUR })
    }
    precedent = { dossier: String(l.dossier), date, changes: l.changes }
    depuis.set(String(l.dossier), date)
  }
  return { sejours, depuis }
}

/** Every anomaly across all dossiers, newest dossiers first within each type. */
export async function listerAnomalies(req: PayloadRequest, maintenant = new Date()): Promise<Anomalie[]> {
  const [res, payeOpco, historique] = await Promise.all([
    req.payload.find({
      collection: 'dossiers',
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
      sort: '-createdAt',
      select: {
        reference: true,
        status: true,
        typeFormation: true,
        opco: true,
        beneficiaire: true,
        formation: { titre: true, dateDebut: true, dateFin: true, dureeHeures: true },
        coutTotalHT: true,
        montantValide: true,
        heuresRealisees: true,
        createdAt: true,
      },
    }),
    payeOpcoParDossier(req),
    historiqueStatuts(req),
  ])
  const dossiers: DossierAnalyse[] = res.docs.map((d) => ({
    id: d.id,
    reference: d.reference ?? null,
    status: d.status ?? null,
    typeFormation: d.typeFormation ?? null,
    opco: idOf(d.opco),
    beneficiaire: d.beneficiaire ?? null,
    titre: d.formation?.titre ?? null,
    dateDebut: d.formation?.dateDebut ?? null,
    dateFin: d.formation?.dateFin ?? null,
    dureeHeures: d.formation?.dureeHeures ?? null,
    coutTotalHT: d.coutTotalHT ?? null,
    montantValide: d.montantValide ?? null,
    heuresRealisees: d.heuresRealisees ?? null,
    depuis: historique.depuis.get(String(d.id)) ?? (d.createdAt || null),
  }))
  return detecterAnomalies({ dossiers, payeOpco, sejours: historique.sejours }, maintenant)
}
