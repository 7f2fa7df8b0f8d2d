import type { Payload } from 'payload'
import { env } from '@/src/config/env'
import { STATUTS_EMAIL } from '@/src/domain/notifications/statuts'

const carte = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 6,
  padding: '12px 14px',
  marginBottom: 16,
  background: 'var(--theme-elevation-0)',
} as const

const pastille = (actif: boolean) =>
  ({
    display: 'inline-block',
    padding: '3px 10px',
    marginRight: 8,
    marginTop: 6,
    borderRadius: 999,
    border: '1px solid var(--theme-elevation-250)',
    background: actif ? 'var(--theme-elevation-900)' : 'var(--theme-elevation-0)',
    color: actif ? 'var(--theme-elevation-0)' : 'var(--theme-text)',
    textDecoration: 'none',
    fontSize: 13,
  }) as const

/**
 * Above the e-mails list: which provider sends (or the « aucun fournisseur » state, the dev
 * default, in which e-mails stay queued), and one filter per status with its count.
 */
export async function EmailsEtat({ payload, searchParams }: { payload: Payload; searchParams?: Record<string, unknown> }) {
  const f = env().emails.fournisseur
  const filtre = (searchParams?.['where[status][equals]'] as string | undefined) ?? null
  const comptes = await Promise.all(
    STATUTS_EMAIL.map(async (s) => ({ ...s, n: (await payload.count({ collection: 'emails', where: { status: { equals: s.value } }, overrideAccess: true })).totalDocs })),
  )
  return (
    <div style={carte} id="emails-etat">
      {f.type === 'aucun' ? (
        <p style={{ margin: 0, color: '#b54708', fontWeight: 600 }} id="emails-sans-fournisseur">
          Aucun fournisseur d’e-mail configuré : les e-mails restent dans la file d’attente et partiront dès que RESEND_API_KEY ou SMTP_HOST sera défini.
        </p>
      ) : (
        <p style={{ margin: 0 }}>
          Envoi par <strong>{f.type === 'resend' ? 'Resend' : `SMTP (${f.host})`}</strong>, expéditeur {env().emails.fromName} &lt;{env().emails.fromAddress}&gt;.
        </p>
      )}
      <div>
        <a href="/admin/collections/emails" style={pastille(filtre === null)}>
          Tous
        </a>
        {comptes.map((s) => (
          <a key={s.value} href={`/admin/collections/emails?where[status][equals]=${s.value}`} style={pastille(filtre === s.value)} data-statut={s.value}>
            {s.label} ({s.n})
          </a>
        ))}
      </div>
    </div>
  )
}
