'use client'
import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState, type CSSProperties } from 'react'

const bouton: CSSProperties = {
  padding: '7px 12px',
  borderRadius: 4,
  fontSize: 14,
  fontWeight: 600,
  cursor: 'pointer',
  width: '100%',
  background: 'var(--theme-elevation-900)',
  color: 'var(--theme-elevation-0)',
  border: '1px solid var(--theme-elevation-900)',
  fontFamily: 'inherit',
}

/** « Rejouer » on a webhook delivery (POST /api/livraisons-webhooks/:id/rejouer): back to the queue, same body and key. */
export function RejouerWebhook() {
  const { id } = useDocumentInfo()
  const statut = useFormFields(([champs]) => champs.statut?.value as string | undefined)
  const [etat, setEtat] = useState<{ enCours: boolean; message: string | null; erreur: boolean }>({ enCours: false, message: null, erreur: false })
  if (!id) return null

  const rejouer = async () => {
    setEtat({ enCours: true, message: null, erreur: false })
    try {
      const res = await fetch(`/api/livraisons-webhooks/${id}/rejouer`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      const corps = (await res.json().catch(() => ({}))) as { message?: string; errors?: { message?: string }[] }
      if (!res.ok) setEtat({ enCours: false, message: corps.errors?.[0]?.message ?? `Erreur ${res.status}`, erreur: true })
      else setEtat({ enCours: false, message: corps.message ?? 'Livraison remise dans la file d’attente.', erreur: false })
    } catch {
      setEtat({ enCours: false, message: 'Le serveur ne répond pas : réessayez.', erreur: true })
    }
  }

  return (
    <div style={{ marginBottom: 24 }} id="rejouer-webhook">
      {statut === 'en_attente' ? (
        <p style={{ fontSize: 13 }}>En file d’attente : cette livraison partira sans être rejouée.</p>
      ) : (
        <button type="button" style={{ ...bouton, opacity: etat.enCours ? 0.5 : 1 }} disabled={etat.enCours} onClick={rejouer} id="rejouer-bouton">
          Rejouer
        </button>
      )}
      {etat.message ? (
        <p role={etat.erreur ? 'alert' : 'status'} style={{ fontSize: 13, marginTop: 8, color: etat.erreur ? '#b42318' : 'var(--theme-success-500, #027a48)' }}>
          {etat.message}
        </p>
      ) : null}
    </div>
  )
}
