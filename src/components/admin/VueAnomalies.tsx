import type { AdminViewServerProps } from 'payload'
import { AdminPage } from '@/src/components/admin/AdminPage'
import { estAdmin } from '@/src/access/roles'
import { LIBELLES_ANOMALIE, type Anomalie, type TypeAnomalie } from '@/src/domain/conformity/anomalies'
import { listerAnomalies } from '@/src/services/anomalies'

const th = { textAlign: 'left', padding: '10px 12px', fontSize: 13, fontWeight: 600, color: 'var(--theme-elevation-600)', borderBottom: '1px solid var(--theme-elevation-150)', whiteSpace: 'nowrap' } as const
const td = { padding: '10px 12px', fontSize: 14, borderBottom: '1px solid var(--theme-elevation-100)', verticalAlign: 'top' } as const

/**
 * /admin/anomalies — every anomaly across the dossiers (duplicates, atypical cost per hour,
 * payments above the validated amount, certificate hours above the convention, dossiers idle for
 * longer than usual), each linking to its dossier. Admins only. Signals to check, not decisions.
 */
export async function VueAnomalies(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const autorise = estAdmin(req.user)
  const anomalies: Anomalie[] = autorise ? await listerAnomalies(req) : []
  const types = Object.keys(LIBELLES_ANOMALIE) as TypeAnomalie[]
  return (
    <AdminPage {...props}>
      <h1 style={{ marginBottom: 6 }}>Anomalies</h1>
      {!autorise ? (
        <p>Cette page est réservée à l’équipe MonOPCO.</p>
      ) : (
        <>
          <p style={{ color: 'var(--theme-elevation-600)', marginTop: 0 }}>
            {anomalies.length === 0
              ? 'Aucune anomalie détectée.'
              : `${anomalies.length} signalement${anomalies.length > 1 ? 's' : ''} à vérifier : ${types
                  .map((t) => [t, anomalies.filter((a) => a.type === t).length] as const)
                  .filter(([, n]) => n > 0)
                  .map(([t, n]) => `${LIBELLES_ANOMALIE[t].toLowerCase()} (${n})`)
                  .join(', ')}. Ce sont des signaux, pas des décisions.`}
          </p>
          {anomalies.length > 0 ? (
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="anomalies">
              <thead>
                <tr>
                  <th style={th}>Dossier</th>
                  <th style={th}>Anomalie</th>
                  <th style={th}>Détail</th>
                </tr>
              </thead>
              <tbody>
                {anomalies.map((a, i) => (
                  <tr key={`${a.type}-${String(a.dossier)}-${i}`}>
                    <td style={{ ...td, whiteSpace: 'nowrap' }}>
                      <a href={`/admin/collections/dossiers/${a.dossier}`} style={{ fontWeight: 600 }}>
                        {a.reference ?? String(a.dossier)}
                      </a>
                    </td>
                    <td style={{ ...td, whiteSpace: 'nowrap' }}>{LIBELLES_ANOMALIE[a.type]}</td>
                    <td style={td}>{a.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </AdminPage>
  )
}
