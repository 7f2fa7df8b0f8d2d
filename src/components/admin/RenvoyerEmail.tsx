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

/**
 * « Renvoyer » on an e-mail (POST /api/emails/:id/renvoyer). An e-mail the provider already
 * accepted asks for an explicit confirmation first: the server refuses it otherwise.
 */
export function RenvoyerEmail() {
  const { id } = useDocumentInfo()
  const statut = useFormFields(([champs]) => champs.status?.value as string | undefined)
  const [etat, setEtat] = useState<{ enCours: boolean; message: string | null; erreur: boolean }>({ enCours: false, message: null, erreur: false })
  const [confirmer, setConfirmer] = useState(false)
  if (!id) return null
  const dejaAccepte = statut === 'sent' || statut === 'delivered' || statut === 'complained'

  const renvoyer = async () => {
    setEtat({ enCours: true, message: null, erreur: false })
    try {
      const res = await fetch(`/api/emails/${id}/renvoyer`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(dejaAccepte ? { confirmer } : {}),
      })
      const corps = (await res.json().catch(() => ({}))) as { message?: string; id?: string | number; errors?: { message?: string }[] }
      if (!res.ok) setEtat({ enCours: false, message: corps.errors?.[0]?.message ?? `Erreur ${res.status}`, erreur: true })
      else setEtat({ enCours: false, message: `${corps.message ?? 'Renvoi demandé.'} (nouvel e-mail n° ${String(corps.id)})`, erreur: false })
    } catch {
      setEtat({ enCours: false, message: 'Le serveur ne répond pas : réessayez.', erreur: true })
    }
  }

  return (
    <div style={{ marginBottom: 24 }} id="renvoyer-email">
      {statut === 'queued' ? (
        <p style={{ fontSize: 13 }}>En file d’attente : cet e-mail partira sans renvoi.</p>
      ) : (
        <>
          {dejaAccepte ? (
            <label style={{ display: 'flex', gap: 6, fontSize: 13, marginBottom: 8 }}>
              <input type="checkbox" checked={confirmer} onChange={(e) => setConfirmer(e.target.checked)} id="renvoyer-confirmer" />
              Déjà envoyé : j’en renvoie un second exemplaire
            </label>
          ) : null}
          <button type="button" style={{ ...bouton, opacity: etat.enCours || (dejaAccepte && !confirmer) ? 0.5 : 1 }} disabled={etat.enCours || (dejaAccepte && !confirmer)} onClick={renvoyer} id="renvoyer-bouton">
            Renvoyer
          </button>
        </>
      )}
      {etat.message ? (
        <p role={etat.erreur ? 'alert' : 'status'} style={{ fontSize: 13, marginTop: 8, color: etat.erreur ? '#b42318' : 'var(--theme-success-500, #027a48)' }}>
          {etat.message}
        </p>
      ) : null}
    </div>
  )
}
