'use client'
import { useState, type CSSProperties } from 'react'

/** The admin's one-click action button (« Renvoyer », « Rejouer », « Renvoyer le lien »…). */
export const STYLE_BOUTON_ACTION: CSSProperties = {
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

export interface EtatAction {
  enCours: boolean
  message: string | null
  erreur: boolean
}

type CorpsReponse = { message?: string; id?: string | number; errors?: { message?: string }[] }

/**
 * POSTs a JSON body to one of our action routes with the admin's session and keeps what to show:
 * the server's French refusal as is, `succes(corps)` otherwise, a clear message when the server
 * cannot be reached.
 */
export function useActionServeur(): { etat: EtatAction; appeler: (url: string, corps: unknown, succes: (c: CorpsReponse) => string) => Promise<void> } {
  const [etat, setEtat] = useState<EtatAction>({ enCours: false, message: null, erreur: false })
  const appeler = async (url: string, corps: unknown, succes: (c: CorpsReponse) => string) => {
    setEtat({ enCours: true, message: null, erreur: false })
    try {
      const res = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(corps) })
      const lu = (await res.json().catch(() => ({}))) as CorpsReponse
      if (!res.ok) setEtat({ enCours: false, message: lu.errors?.[0]?.message ?? `Erreur ${res.status}`, erreur: true })
      else setEtat({ enCours: false, message: succes(lu), erreur: false })
    } catch {
      setEtat({ enCours: false, message: 'Le serveur ne répond pas : réessayez.', erreur: true })
    }
  }
  return { etat, appeler }
}

/** The action's outcome, announced to screen readers (alert for a refusal, status otherwise). */
export function MessageAction({ etat }: { etat: EtatAction }) {
  if (!etat.message) return null
  return (
    <p role={etat.erreur ? 'alert' : 'status'} style={{ fontSize: 13, marginTop: 8, color: etat.erreur ? '#b42318' : 'var(--theme-success-500, #027a48)' }}>
      {etat.message}
    </p>
  )
}
