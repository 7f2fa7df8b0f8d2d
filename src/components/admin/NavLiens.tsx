import type { Payload } from 'payload'
import { messagesNonLus } from '@/src/services/workflow'
import { guideDuRole } from '@/src/domain/guides'

const lien = {
  display: 'flex',
  justifyContent: 'space-between',
  alignItems: 'center',
  gap: 8,
  padding: '6px 0',
  color: 'var(--theme-text)',
  textDecoration: 'none',
  fontWeight: 600,
} as const

/**
 * After the nav links: OPCO users (and admins) get their « Dossiers en attente de réponse »
 * page; admins see the anomalies page and how many messages wait for the team; both get « Aide »,
 * their guide.
 */
export async function NavLiens({ user, payload }: { user?: { id?: number | string; role?: string } | null; payload: Payload }) {
  const role = user?.role
  if (role !== 'admin' && role !== 'opco') return null
  // This admin's own unread count (per-reader read marks).
  const nonLus = role === 'admin' && user?.id !== undefined ? (await messagesNonLus(payload, { id: user.id }).catch(() => null))?.total ?? 0 : 0
  return (
    <div className="nav-liens-monopco" style={{ marginTop: 16, paddingTop: 12, borderTop: '1px solid var(--theme-elevation-100)', width: '100%' }}>
      <a href="/admin/opco" style={lien} id="nav-opco">
        Dossiers en attente de réponse
      </a>
      {role === 'admin' ? (
        <a href="/admin/anomalies" style={lien} id="nav-anomalies">
          Anomalies
        </a>
      ) : null}
      {role === 'admin' ? (
        <a href="/admin/rapprochement" style={lien} id="nav-rapprochement">
          Rapprochement bancaire
        </a>
      ) : null}
      {role === 'admin' ? (
        <a href="/admin/collections/messages" style={lien} id="nav-messages-non-lus">
          <span>Messages non lus</span>
          <span
            style={{
              minWidth: 22,
              padding: '0 7px',
              borderRadius: 999,
              background: nonLus > 0 ? '#c62828' : 'var(--theme-elevation-150)',
              color: nonLus > 0 ? '#fff' : 'var(--theme-elevation-800)',
              fontSize: 12,
              lineHeight: '20px',
              textAlign: 'center',
            }}
          >
            {nonLus}
          </span>
        </a>
      ) : null}
      {/* « Aide »: the team's guide for admins, the agent's for OPCO users, served by the app (/aide). */}
      <a href={`/aide/${guideDuRole(role).slug}`} style={lien} id="nav-aide" target="_blank" rel="noopener">
        Aide
      </a>
    </div>
  )
}
