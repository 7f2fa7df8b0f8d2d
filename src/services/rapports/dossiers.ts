import type { Payload } from 'payload'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import type { LigneExportDossier } from '@/src/domain/reports/colonnes'
import { bornesPeriode, type FiltresDossiers } from '@/src/domain/reports/filtres'
import { FACTURE_OPCO, recuSql } from './montants'
import { listeStatuts, nombre, type ValeurSql } from './sql'

/** WHERE clause of the dossiers list/export filters (same meaning as the admin list filters). */
export function whereDossiers(f: FiltresDossiers): SQL {
  const c: SQL[] = [sql`1 = 1`]
  if (f.opco) c.push(sql`d.opco_id = ${f.opco}`)
  if (f.statuts && f.statuts.length > 0) c.push(sql`d.status IN ${listeStatuts(f.statuts)}`)
  if (f.typeFormation) c.push(sql`d.type_formation = ${f.typeFormation}`)
  if (f.company) c.push(sql`d.company_id = ${f.company}`)
  if (f.organisme) c.push(sql`d.formation_organisme_id = ${f.organisme}`)
  const { debut, fin } = bornesPeriode(f)
  if (debut) c.push(sql`d.created_at >= ${debut}`)
  if (fin) c.push(sql`d.created_at < ${fin}`)
  if (f.recherche) {
    // LIKE with the wildcards of the user's text escaped: « 100% » is searched literally.
    const motif = `%${f.recherche.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    c.push(sql`(LOWER(d.reference) LIKE ${motif} ESCAPE '\\' OR LOWER(d.beneficiaire_nom) LIKE ${motif} ESCAPE '\\' OR LOWER(d.beneficiaire_prenom) LIKE ${motif} ESCAPE '\\' OR c.siret LIKE ${motif} ESCAPE '\\')`)
  }
  return sql.join(c, sql` AND `)
}

/** How many dossiers the filters select (the export's total, for its progress). */
export async function compterDossiers(payload: Payload, f: FiltresDossiers): Promise<number> {
  const r = await requeteSql<{ n: ValeurSql }>(payload, undefined, sql`SELECT COUNT(*) AS n FROM dossiers d LEFT JOIN companies c ON c.id = d.company_id WHERE ${whereDossiers(f)}`)
  return nombre(r[0]?.n)
}

/**
 * The export rows, page after page by keyset (`id > dernier`): constant memory and constant
 * time per page at 100k rows, where OFFSET would rescan everything already exported.
 */
export async function* lireDossiersExport(payload: Payload, f: FiltresDossiers, taillePage = 1000): AsyncGenerator<LigneExportDossier[]> {
  let dernier = 0
  for (;;) {
    const rows = await requeteSql<LigneExportDossier>(
      payload,
      undefined,
      sql`SELECT d.id AS id, d.reference AS reference, d.status AS status, d.type_formation AS type_formation,
          d.beneficiaire_nom AS beneficiaire_nom, d.beneficiaire_prenom AS beneficiaire_prenom,
          c.raison_sociale AS entreprise, c.siret AS siret, o.nom AS opco, t.nom AS organisme,
          d.formation_titre AS formation_titre, d.formation_date_debut AS formation_date_debut,
          d.cout_total_h_t AS cout_total_h_t, d.montant_valide AS montant_valide, d.montant_estime AS montant_estime,
          ${recuSql('opco')} AS recu_opco, ${recuSql('entreprise')} AS recu_entreprise, ${FACTURE_OPCO} AS facture_opco,
          d.soumission_date AS soumission_date, d.validation_admin_date AS validation_admin_date,
          d.envoi_opco_date AS envoi_opco_date, d.reponse_opco_date AS reponse_opco_date, d.created_at AS created_at
        FROM dossiers d
        LEFT JOIN companies c ON c.id = d.company_id
        LEFT JOIN opcos o ON o.id = d.opco_id
        LEFT JOIN training_providers t ON t.id = d.formation_organisme_id
        WHERE ${whereDossiers(f)} AND d.id > ${dernier}
        ORDER BY d.id ASC LIMIT ${taillePage}`,
    )
    if (rows.length === 0) return
    for (const r of rows) r.id = Number(r.id)
    yield rows
    dernier = rows[rows.length - 1]!.id
    if (rows.length < taillePage) return
  }
}
