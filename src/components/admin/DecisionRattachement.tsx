'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState, type CSSProperties } from 'react'

const carte: CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 6,
  padding: 14,
  marginBottom: 24,
  background: 'var(--theme-elevation-0)',
}

type Ligne = { statut?: string; errors?: { message?: string }[] }

/**
 * Attachment request, edit view: « Accepter » / « Refuser » (with an optional reason) through the
 * same endpoints as the portal, since a decision also attaches the person to the company — the
 * row itself is read-only.
 */
export function DecisionRattachement() {
  const { id } = useDocumentInfo()
  const [statut, setStatut] = useState<string | null>(null)
  const [motif, setMotif] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [enCours, setEnCours] = useState(false)

  useEffect(() => {
    if (id === undefined || id === null) return
    fetch(`/api/rattachements/${id}?depth=0`, { credentials: 'include' })
      .then(async (r) => setStatut(((await r.json().catch(() => ({}))) as Ligne).statut ?? null))
      .catch(() => setStatut(null))
  }, [id])

  if (id === undefined || id === null || statut === null) return null
  if (statut !== 'en_attente') return null

  const decider = async (decision: 'accepter' | 'refuser') => {
    setEnCours(true)
    setMessage(null)
    const r = await fetch(`/api/companies/rattachements/${id}/${decision}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(decision === 'refuser' && motif.trim() ? { motif: motif.trim() } : {}),
    }).catch(() => null)
    const body = ((await r?.json().catch(() => ({}))) ?? {}) as { message?: string; errors?: { message?: string }[] }
    setEnCours(false)
    if (r?.ok) window.location.reload()
    else setMessage(body.errors?.[0]?.message ?? 'La décision n’a pas pu être enregistrée. Réessayez.')
  }

  return (
    <div style={carte} data-decision-rattachement>
      <h4 style={{ marginTop: 0 }}>Décision</h4>
      <p>Accepter rattache le demandeur à l’entreprise : il pourra la consulter et déposer des dossiers en son nom. Chacun est prévenu par e-mail.</p>
      <label htmlFor="motif-refus">Motif du refus (facultatif, envoyé au demandeur)</label>
      <textarea id="motif-refus" value={motif} maxLength={1000} onChange={(e) => setMotif(e.target.value)} style={{ width: '100%', minHeight: 60, margin: '6px 0 10px' }} />
      {message ? (
        <p role="alert" style={{ color: '#b42318' }}>
          {message}
        </p>
      ) : null}
      <button type="button" className="btn btn--style-primary btn--size-small" disabled={enCours} onClick={() => decider('accepter')}>
        Accepter
      </button>{' '}
      <button type="button" className="btn btn--style-secondary btn--size-small" disabled={enCours} onClick={() => decider('refuser')}>
        Refuser
      </button>
    </div>
  )
}
