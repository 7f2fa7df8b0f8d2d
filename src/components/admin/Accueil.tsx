import { DefaultDashboard, type DashboardViewServerProps } from '@payloadcms/next/views'
import { roleOf } from '@/src/access/roles'
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
  return <DefaultDashboard {...props} />
}
