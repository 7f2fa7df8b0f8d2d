import type { AdminViewServerProps } from 'payload'
import { AdminPage } from '@/src/components/admin/AdminPage'
import { DecisionOperation, ImportReleve } from '@/src/components/admin/RapprochementActions'
import { estAdmin } from '@/src/access/roles'
import { formaterDateFr } from '@/src/domain/dates'
import { formaterEuros } from '@/src/domain/money'
import type { Candidat } from '@/src/domain/rapprochement/appariement'
import { libelleSituation } from '@/src/domain/rapprochement/statuts'
import { derniersReleves, operationsAConfirmer } from '@/src/services/rapprochementBancaire'

const th = { textAlign: 'left', padding: '10px 12px', fontSize: 13, fontWeight: 600, color: 'var(--theme-elevation-600)', borderBottom: '1px solid var(--theme-elevation-150)', whiteSpace: 'nowrap' } as const
const td = { padding: '10px 12px', fontSize: 14, borderBottom: '1px solid var(--theme-elevation-100)', verticalAlign: 'top' } as const

const ecart = (c: Candidat): string => (c.ecart === 0 ? '' : c.ecart < 0 ? ` — manque ${formaterEuros(-c.ecart)}` : ` — trop-perçu de ${formaterEuros(c.ecart)}`)

/**
 * /admin/rapprochement — « Rapprochement bancaire »: import a statement, then the credits the
 * matching was not sure about, each with its candidates (invoices, score, reasons, gap) to confirm
 * or reject in one click. Admins only: others get the refusal text and no data.
 */
export async function VueRapprochement(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const autorise = estAdmin(req.user)
  const { operations, total } = autorise ? await operationsAConfirmer(req) : { operations: [], total: 0 }
  const releves = autorise ? await derniersReleves(req, 5) : []
  return (
    <AdminPage {...props}>
      <h1 style={{ marginBottom: 6 }}>Rapprochement bancaire</h1>
      {!autorise ? (
        <p>Cette page est réservée à l’équipe MonOPCO.</p>
      ) : (
        <>
          <p style={{ color: 'var(--theme-elevation-600)', marginTop: 0 }}>
            Chaque crédit du relevé est rapproché des factures émises. Les rapprochements sûrs (référence trouvée et montant égal au solde) sont enregistrés comme paiements ;
            les autres attendent ici votre décision. Un paiement partiel ou un trop-perçu est signalé, jamais absorbé.
          </p>
          <ImportReleve />
          {releves.length > 0 ? (
            <p style={{ fontSize: 13, color: 'var(--theme-elevation-600)' }} data-releves>
              Derniers relevés :{' '}
              {releves.map((r) => `${r.identifiant ?? r.nomFichier ?? r.id} (${r.nouvellesOperations ?? 0} opération(s) nouvelle(s), importé le ${formaterDateFr(r.createdAt)})`).join(' ; ')}
            </p>
          ) : null}
          <h2 style={{ fontSize: 18 }}>{total === 0 ? 'Aucun crédit à confirmer.' : `${total} crédit${total > 1 ? 's' : ''} à confirmer`}</h2>
          {operations.length > 0 ? (
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="rapprochements">
              <thead>
                <tr>
                  <th style={th}>Date</th>
                  <th style={th}>Montant</th>
                  <th style={th}>Virement</th>
                  <th style={th}>Candidats (note sur 100)</th>
                  <th style={th}>Décision</th>
                </tr>
              </thead>
              <tbody>
                {operations.map((op) => {
                  const candidats = (Array.isArray(op.candidats) ? op.candidats : []) as unknown as Candidat[]
                  return (
                    <tr key={op.id} data-operation={op.idTransaction}>
                      <td style={{ ...td, whiteSpace: 'nowrap' }}>{formaterDateFr(op.date)}</td>
                      <td style={{ ...td, whiteSpace: 'nowrap', fontWeight: 600 }}>{formaterEuros(op.montant)}</td>
                      <td style={td}>
                        <div>{op.nomContrepartie || '—'}</div>
                        <div style={{ fontSize: 13, color: 'var(--theme-elevation-600)' }}>{[op.libelle, op.reference].filter(Boolean).join(' · ')}</div>
                      </td>
                      <td style={td}>
                        <ol style={{ margin: 0, paddingLeft: 18 }}>
                          {candidats.map((c, i) => (
                            <li key={i} style={{ marginBottom: 4 }}>
                              <strong>{c.numeros.join(' + ')}</strong> — {c.score}/100 — {libelleSituation(c.situation)}
                              {ecart(c)} (solde {formaterEuros(c.attendu)})
                              <div style={{ fontSize: 12, color: 'var(--theme-elevation-600)' }}>
                                {c.motifs.join(' ; ')} ·{' '}
                                {c.dossiers.map((d, j) => (
                                  <a key={d} href={`/admin/collections/dossiers/${d}`}>
                                    {j > 0 ? ', ' : ''}dossier {d}
                                  </a>
                                ))}
                              </div>
                            </li>
                          ))}
                        </ol>
                      </td>
                      <td style={td}>
                        <DecisionOperation id={op.id} candidats={candidats.map((c, i) => ({ index: i, libelle: c.numeros.join(' + ') }))} />
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </AdminPage>
  )
}
