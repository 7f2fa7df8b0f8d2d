import type { AdminViewServerProps } from 'payload'
import { DefaultTemplate } from '@payloadcms/next/templates'
import { paiementsParOpco } from '../../../../plugins/reports/sql'
import { roleOf } from '../../../access/roles'
import { formaterDateFr } from '../../../domain/dates'
import { formaterEuros } from '../../../domain/money'
import { nombre, td, th } from './blocs'

/** /admin/paiements — expected (validated amounts) vs received (OPCO payments) per OPCO; overdue invoices. */
export async function VuePaiements({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, visibleEntities, locale } = initPageResult
  const p = roleOf(req.user) === 'admin' ? await paiementsParOpco(req.payload, {}) : null
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
        <h1>Paiements attendus et reçus</h1>
        {!p ? (
          <p>Cette page est réservée à l’équipe MonOPCO.</p>
        ) : (
          <>
            <p style={{ color: 'var(--theme-elevation-600)' }}>Attendu : montants validés des dossiers acceptés. Reçu : paiements de l’OPCO enregistrés comme reçus.</p>
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="paiements-par-opco">
              <thead>
                <tr>
                  <th style={th}>OPCO</th>
                  <th style={{ ...th, textAlign: 'right' }}>Attendu</th>
                  <th style={{ ...th, textAlign: 'right' }}>Reçu</th>
                  <th style={{ ...th, textAlign: 'right' }}>Reste à recevoir</th>
                </tr>
              </thead>
              <tbody>
                {p.parOpco.map((o) => (
                  <tr key={String(o.opco)}>
                    <td style={td}>{o.nom}</td>
                    <td style={nombre}>{formaterEuros(o.attendu)}</td>
                    <td style={nombre}>{formaterEuros(o.recu)}</td>
                    <td style={nombre}>{formaterEuros(o.ecart)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2 style={{ marginTop: 28 }}>Factures en retard de paiement ({p.enRetard.length})</h2>
            {p.enRetard.length === 0 ? (
              <p>Aucune facture en retard.</p>
            ) : (
              <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="factures-en-retard">
                <thead>
                  <tr>
                    <th style={th}>Facture</th>
                    <th style={th}>Dossier</th>
                    <th style={th}>OPCO</th>
                    <th style={{ ...th, textAlign: 'right' }}>Montant TTC</th>
                    <th style={th}>Échéance</th>
                    <th style={{ ...th, textAlign: 'right' }}>Retard</th>
                  </tr>
                </thead>
                <tbody>
                  {p.enRetard.map((f) => (
                    <tr key={f.facture}>
                      <td style={td}>
                        <a href={`/admin/collections/invoices/${f.facture}`}>{f.numero ?? `#${f.facture}`}</a>
                      </td>
                      <td style={td}>
                        <a href={`/admin/collections/dossiers/${f.dossier}`}>{f.reference ?? `#${f.dossier}`}</a>
                      </td>
                      <td style={td}>{f.opco ?? '—'}</td>
                      <td style={nombre}>{formaterEuros(f.montant)}</td>
                      <td style={td}>{f.echeance ? formaterDateFr(f.echeance) : '—'}</td>
                      <td style={nombre}>{f.joursRetard} j</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </div>
    </DefaultTemplate>
  )
}
