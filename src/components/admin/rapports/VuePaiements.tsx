import type { AdminViewServerProps } from 'payload'
import { AdminPage } from '@/src/components/admin/AdminPage'
import { paiementsParOpco } from '@/src/services/rapports/paiements'
import { roleOf } from '@/src/access/roles'
import { formaterDateFr } from '@/src/domain/dates'
import { formaterEuros } from '@/src/domain/money'
import { LIBELLES_MONTANTS } from '@/src/domain/reports/montants'
import { CellulesMontants, EntetesMontants, FormulaireFiltres, nombre, td, th } from './blocs'
import { filtresDePage } from './TableauDeBord'

/**
 * /admin/paiements — per OPCO, the figures of src/domain/reports/montants.ts on the same
 * population and period as the dashboard (same filters, same default: the current year);
 * overpayments listed as anomalies; overdue invoices.
 */
export async function VuePaiements(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const admin = roleOf(req.user) === 'admin'
  const { filtres, erreur } = filtresDePage(props.searchParams as Record<string, string | string[] | undefined>)
  const [p, opcos] = admin
    ? await Promise.all([
        paiementsParOpco(req.payload, filtres),
        req.payload.find({ collection: 'opcos', limit: 50, depth: 0, sort: 'nom', pagination: false, overrideAccess: true }),
      ])
    : [null, null]
  return (
    <AdminPage {...props}>
      <h1>Paiements attendus et reçus</h1>
      {!p ? (
        <p>Cette page est réservée à l’équipe MonOPCO.</p>
      ) : (
        <>
          <FormulaireFiltres action="/admin/paiements" du={filtres.du} au={filtres.au} opco={filtres.opco} opcos={(opcos?.docs ?? []).map((o) => ({ id: o.id, nom: String(o.nom) }))} />
          {erreur ? (
            <p role="alert" style={{ color: '#b00020' }}>
              {erreur} Période par défaut affichée.
            </p>
          ) : null}
          <p style={{ color: 'var(--theme-elevation-600)' }}>
            Dossiers créés sur la période, mêmes définitions que le tableau de bord et les exports : validé = accords de l’OPCO ; dû par l’OPCO = le validé, ou ses factures émises à l’OPCO une fois le dossier facturé ; payé par l’OPCO = paiements reçus de l’OPCO dans la limite du dû ; reste dû = dû − payé ; tout versement au-delà du dû est un trop-perçu, listé plus bas.
          </p>
          <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="paiements-par-opco">
            <thead>
              <tr>
                <th style={th}>OPCO</th>
                <EntetesMontants />
              </tr>
            </thead>
            <tbody>
              {[...p.parOpco.map((o) => ({ cle: String(o.opco), nom: o.nom, m: o })), { cle: 'total', nom: 'Total', m: p.total }].map(({ cle, nom, m }) => (
                <tr key={cle} data-opco={cle} style={cle === 'total' ? { fontWeight: 700 } : undefined}>
                  <td style={td}>{nom}</td>
                  <CellulesMontants m={m} />
                </tr>
              ))}
            </tbody>
          </table>
          <h2 style={{ marginTop: 28 }}>Trop-perçus : paiements de l’OPCO au-delà de ce qu’il doit ({p.tropPercus.length})</h2>
          {p.tropPercus.length === 0 ? (
            <p>Aucun trop-perçu.</p>
          ) : (
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="trop-percus">
              <thead>
                <tr>
                  <th style={th}>Dossier</th>
                  <th style={th}>OPCO</th>
                  <th style={{ ...th, textAlign: 'right' }}>{LIBELLES_MONTANTS.valide}</th>
                  <th style={{ ...th, textAlign: 'right' }}>{LIBELLES_MONTANTS.duOpco}</th>
                  <th style={{ ...th, textAlign: 'right' }}>Reçu de l’OPCO</th>
                  <th style={{ ...th, textAlign: 'right' }}>Trop-perçu</th>
                </tr>
              </thead>
              <tbody>
                {p.tropPercus.map((t) => (
                  <tr key={t.dossier}>
                    <td style={td}>
                      <a href={`/admin/collections/dossiers/${t.dossier}`}>{t.reference ?? `#${t.dossier}`}</a>
                    </td>
                    <td style={td}>{t.opco ?? '—'}</td>
                    <td style={nombre}>{formaterEuros(t.valide)}</td>
                    <td style={nombre}>{formaterEuros(t.duOpco)}</td>
                    <td style={nombre}>{formaterEuros(t.recuOpco)}</td>
                    <td style={{ ...nombre, color: '#b00020', fontWeight: 700 }}>{formaterEuros(t.tropPercu)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
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
    </AdminPage>
  )
}
