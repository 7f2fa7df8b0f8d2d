import type { ReactNode } from 'react'
import type { AdminViewServerProps } from 'payload'
import { DefaultTemplate } from '@payloadcms/next/templates'

/**
 * The frame of our custom admin views (/admin/anomalies, /admin/opco, /admin/paiements,
 * /admin/rapports): Payload's admin template (navigation, header) around a padded page body.
 * A view passes its own props through: `<AdminPage {...props}>…</AdminPage>`.
 */
export function AdminPage({ initPageResult, params, searchParams, children }: AdminViewServerProps & { children: ReactNode }) {
  const { req, permissions, visibleEntities, locale } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <div className="gutter--left gutter--right" style={{ paddingTop: 32, paddingBottom: 48 }}>
        {children}
      </div>
    </DefaultTemplate>
  )
}
