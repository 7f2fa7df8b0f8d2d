import { DefaultDashboard, type DashboardViewServerProps } from '@payloadcms/next/views'
import { roleOf } from '@/src/access/roles'
import { etatDerniereSauvegarde } from '@/src/domain/sauvegarde'
import { derniereSauvegarde } from '@/src/services/sauvegarde/etat'
import { ListeAttenteOpco } from './VueOpco'

/**
 * Admin home (/admin). The team keeps Payload's dashboard with the figures the reports plugin puts
 * before it; an OPCO agent lands on its waiting list instead — the figures are the team's, and
 * their endpoints are closed to OPCO users.
 */
export async function Accueil(props: DashboardViewServerProps) {
  const req = props.initPageResult?.req
  if (req && roleOf(req.user) === 'opco') {
    return (
      <div className="gutter--left gutter--right" style={{ paddingTop: 32, paddingBottom: 48 }}>
        <ListeAttenteOpco req={req} />
      </div>
    )
  }
  // The team sees when the data was last saved (docs/exploitation.md « Sauvegardes et restauration »).
  const sauvegarde = req && roleOf(req.user) === 'admin' ? etatDerniereSauvegarde(await derniereSauvegarde(req.payload), new Date()) : null
  return (
    <>
      {sauvegarde ? (
        <p
          className="gutter--left gutter--right"
          data-testid="derniere-sauvegarde"
          role={sauvegarde.alerte ? 'alert' : 'status'}
          style={{ margin: '16px 0 0', color: sauvegarde.alerte ? 'var(--theme-error-750)' : 'var(--theme-elevation-800)' }}
        >
          {sauvegarde.texte}
        </p>
      ) : null}
      <DefaultDashboard {...props} />
    </>
  )
}
