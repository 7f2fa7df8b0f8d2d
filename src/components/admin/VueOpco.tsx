import type { AdminViewServerProps, PayloadRequest } from 'payload'
import { AdminPage } from '@/src/components/admin/AdminPage'
import { roleOf } from '@/src/access/roles'
import { joursAttente, libelleAttente } from '@/src/domain/attenteOpco'
import { formaterDateFr } from '@/src/domain/dates'
import { formaterEuros } from '@/src/domain/money'
import { montantDemande } from '@/src/domain/funding/demande'

const date = (v: unknown): string => {
  if (typeof v !== 'string' || v === '') return '—'
  try {
    return formaterDateFr(v)
  } catch {
    return '—'
  }
}

const th = { textAlign: 'left', padding: '10px 12px', fontSize: 13, fontWeight: 600, color: 'var(--theme-elevation-600)', borderBottom: '1px solid var(--theme-elevation-150)', whiteSpace: 'nowrap' } as const
const td = { padding: '10px 12px', fontSize: 14, borderBottom: '1px solid var(--theme-elevation-100)', verticalAlign: 'top' } as const

/**
 * « Dossiers en attente de réponse »: the dossiers sent to the user's OPCO and not answered yet,
 * oldest first, read with the user's own rights (an OPCO user sees only its OPCO's, and the
 * employers of those dossiers). Shown at /admin/opco, and as the admin home of OPCO agents.
 */
export async function ListeAttenteOpco({ req }: { req: PayloadRequest }) {
  const role = roleOf(req.user)
  const autorise = role === 'opco' || role === 'admin'
  const res = autorise
    ? await req.payload.find({
        collection: 'dossiers',
        where: { status: { equals: 'envoye_opco' } },
        sort: 'envoiOpcoDate',
        depth: 1,
        limit: 200,
        user: req.user,
        overrideAccess: false,
        req,
      })
    : null
  const dossiers = res?.docs ?? []
  return (
    <div data-testid="liste-attente-opco">
      <h1 style={{ marginBottom: 6 }}>Dossiers en attente de réponse</h1>
      {!autorise ? (
        <p>Cette page est réservée aux utilisateurs OPCO et à l’équipe MonOPCO.</p>
      ) : (
        <>
          <p style={{ color: 'var(--theme-elevation-600)', marginTop: 0 }}>
            {dossiers.length === 0
              ? 'Aucun dossier n’attend votre réponse.'
              : `${dossiers.length} dossier${dossiers.length > 1 ? 's' : ''} envoyé${dossiers.length > 1 ? 's' : ''} à ${role === 'opco' ? 'votre OPCO' : 'un OPCO'}, du plus ancien au plus récent. Ouvrez un dossier pour enregistrer la réponse.`}
          </p>
          {dossiers.length > 0 ? (
            <div style={{ overflowX: 'auto' }}>
              <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="dossiers-en-attente">
                <thead>
                  <tr>
                    <th style={th}>Référence</th>
                    <th style={th}>Bénéficiaire</th>
                    <th style={th}>Entreprise</th>
                    <th style={th}>Formation</th>
                    <th style={th}>Dates</th>
                    <th style={{ ...th, textAlign: 'right' }}>Montant demandé</th>
                    <th style={th}>Envoyé le</th>
                    <th style={th}>Attente</th>
                  </tr>
                </thead>
                <tbody>
                  {dossiers.map((d) => {
                    const b = d.beneficiaire ?? {}
                    const company = d.company
                    const f = d.formation ?? {}
                    const demande = montantDemande(d)
                    const jours = joursAttente(d.envoiOpcoDate)
                    return (
                      <tr key={String(d.id)} data-reference={String(d.reference ?? '')}>
                        <td style={{ ...td, whiteSpace: 'nowrap' }}>
                          <a href={`/admin/collections/dossiers/${d.id}`} style={{ fontWeight: 600 }}>
                            {String(d.reference ?? d.id)}
                          </a>
                        </td>
                        <td style={td}>{[b.prenom, b.nom].filter(Boolean).join(' ') || '—'}</td>
                        <td style={td}>
                          {typeof company === 'object' && company ? (
                            <>
                              {company.raisonSociale ?? '—'}
                              {company.siret ? <div style={{ fontSize: 12, color: 'var(--theme-elevation-600)' }}>SIRET {company.siret}</div> : null}
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td style={td}>{f.titre ?? '—'}</td>
                        <td style={{ ...td, whiteSpace: 'nowrap' }}>
                          du {date(f.dateDebut)} au {date(f.dateFin)}
                        </td>
                        <td style={{ ...td, textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{demande === null ? '—' : formaterEuros(demande)}</td>
                        <td style={{ ...td, whiteSpace: 'nowrap' }}>{date(d.envoiOpcoDate)}</td>
                        <td style={{ ...td, whiteSpace: 'nowrap' }} data-testid="attente">
                          {libelleAttente(jours)}
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
          {role === 'opco' ? (
            <p style={{ marginTop: 16 }}>
              <a href="/admin/collections/dossiers">Tous les dossiers envoyés à votre OPCO</a> (y compris ceux déjà traités)
            </p>
          ) : null}
        </>
      )}
    </div>
  )
}

/** /admin/opco — the same list inside the admin template. */
export async function VueOpco(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  return (
    <AdminPage {...props}>
      <ListeAttenteOpco req={req} />
    </AdminPage>
  )
}
