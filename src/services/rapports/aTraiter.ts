import type { Payload } from 'payload'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import type { StatutDossier } from '@/src/domain/statuts'
import { STATUTS_A_INSTRUIRE, STATUTS_AVANT_ENVOI } from '@/src/domain/workflow/groupes'
import { dateIso, filtreOpco, listeStatuts, type DateSql, type ValeurSql } from './sql'

export interface DossierATraiter {
  id: number
  reference: string | null
  beneficiaire: string
  opco: string | null
  date: string | null
}

export interface ListesATraiter {
  aRevoir: DossierATraiter[]
  opcoEnRetard: DossierATraiter[]
  debutProche: DossierATraiter[]
}

/** Raw row of a dossier to handle. */
interface LigneATraiter {
  id: ValeurSql
  reference: string | null
  nom: string | null
  prenom: string | null
  opco: string | null
  date: DateSql
}

/** « À traiter aujourd'hui » : three short lists, oldest first, read by indexed SQL. */
export async function listesATraiter(
  payload: Payload,
  { opcoJours, debutJours, opco }: { opcoJours: number; debutJours: number; opco?: number },
  maintenant = new Date(),
  limite = 10,
): Promise<ListesATraiter> {
  const o = filtreOpco({ opco })
  const liste = async (where: SQL, colDate: SQL, ordre: SQL): Promise<DossierATraiter[]> => {
    const rows = await requeteSql<LigneATraiter>(
      payload,
      undefined,
      sql`SELECT d.id AS id, d.reference AS reference, d.beneficiaire_nom AS nom, d.beneficiaire_prenom AS prenom, o.nom AS opco, ${colDate} AS date
        FROM dossiers d LEFT JOIN opcos o ON o.id = d.opco_id WHERE ${o} AND ${where} ORDER BY ${ordre} LIMIT ${limite}`,
    )
    return rows.map((r) => ({
      id: Number(r.id),
      reference: r.reference ?? null,
      beneficiaire: [r.prenom, r.nom].filter(Boolean).join(' ') || '—',
      opco: r.opco ?? null,
      date: dateIso(r.date),
    }))
  }
  const limiteOpco = new Date(maintenant.getTime() - opcoJours * 86_400_000).toISOString()
  const finDebut = new Date(maintenant.getTime() + debutJours * 86_400_000).toISOString()
  const [aRevoir, opcoEnRetard, debutProche] = await Promise.all([
    liste(sql`d.status IN ${listeStatuts(STATUTS_A_INSTRUIRE)}`, sql`d.soumission_date`, sql`d.soumission_date ASC, d.id ASC`),
    liste(sql`d.status = ${'envoye_opco' satisfies StatutDossier} AND d.envoi_opco_date < ${limiteOpco}`, sql`d.envoi_opco_date`, sql`d.envoi_opco_date ASC, d.id ASC`),
    liste(
      sql`d.status IN ${listeStatuts(STATUTS_AVANT_ENVOI)} AND d.formation_date_debut >= ${maintenant.toISOString().slice(0, 10)} AND d.formation_date_debut < ${finDebut}`,
      sql`d.formation_date_debut`,
      sql`d.formation_date_debut ASC, d.id ASC`,
    ),
  ])
  return { aRevoir, opcoEnRetard, debutProche }
}
