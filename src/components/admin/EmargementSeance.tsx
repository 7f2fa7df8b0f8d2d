'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState, type CSSProperties } from 'react'
import { formaterDateHeureParis } from '@/src/domain/messagesNonLus'

const bouton: CSSProperties = {
  padding: '6px 10px',
  borderRadius: 4,
  fontSize: 13,
  fontWeight: 600,
  cursor: 'pointer',
  background: 'var(--theme-elevation-900)',
  color: 'var(--theme-elevation-0)',
  border: '1px solid var(--theme-elevation-900)',
  fontFamily: 'inherit',
}

type Signature = { role: string; nom: string; signeLe: string }
const ROLES = [
  { role: 'stagiaire', libelle: 'Stagiaire' },
  { role: 'formateur', libelle: 'Formateur' },
] as const

const horodatage = (iso: string) => formaterDateHeureParis(iso).replace(' ', ' à ')

/**
 * The attendance of a session in its admin view: who signed and when, per signer, and
 * « Renvoyer le lien » for a signer who has not (POST /api/seances/:id/renvoyer-lien).
 */
export function EmargementSeance() {
  const { id } = useDocumentInfo()
  const [signatures, setSignatures] = useState<Signature[] | null>(null)
  const [message, setMessage] = useState<{ texte: string; erreur: boolean } | null>(null)
  const [enCours, setEnCours] = useState<string | null>(null)

  const charger = useCallback(async () => {
    if (!id) return
    const res = await fetch(`/api/seances/${id}?depth=0`, { credentials: 'include' }).catch(() => null)
    const corps = res?.ok ? ((await res.json()) as { signatures?: Signature[] }) : null
    setSignatures(corps?.signatures ?? [])
  }, [id])
  useEffect(() => {
    void charger()
  }, [charger])
  if (!id) return null

  const renvoyer = async (role: string) => {
    setEnCours(role)
    setMessage(null)
    try {
      const res = await fetch(`/api/seances/${id}/renvoyer-lien`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role }) })
      const corps = (await res.json().catch(() => ({}))) as { message?: string; errors?: { message?: string }[] }
      setMessage(res.ok ? { texte: corps.message ?? 'Lien renvoyé.', erreur: false } : { texte: corps.errors?.[0]?.message ?? `Erreur ${res.status}`, erreur: true })
    } catch {
      setMessage({ texte: 'Le serveur ne répond pas : réessayez.', erreur: true })
    } finally {
      setEnCours(null)
    }
  }

  return (
    <div style={{ marginBottom: 24 }} id="emargement-seance">
      <p style={{ fontWeight: 600, marginBottom: 8 }}>Émargement</p>
      {signatures === null ? (
        <p style={{ fontSize: 13 }}>Chargement…</p>
      ) : (
        ROLES.map(({ role, libelle }) => {
          const s = signatures.find((x) => x.role === role)
          return (
            <div key={role} style={{ marginBottom: 10, fontSize: 13 }} data-role={role} data-signe={s ? 'oui' : 'non'}>
              <strong>{libelle}</strong> : {s ? `signé par ${s.nom} le ${horodatage(s.signeLe)}` : 'non signé'}
              {s ? null : (
                <div style={{ marginTop: 4 }}>
                  <button type="button" style={{ ...bouton, opacity: enCours ? 0.5 : 1 }} disabled={enCours !== null} onClick={() => renvoyer(role)} id={`renvoyer-lien-${role}`}>
                    Renvoyer le lien
                  </button>
                </div>
              )}
            </div>
          )
        })
      )}
      {message ? (
        <p role={message.erreur ? 'alert' : 'status'} style={{ fontSize: 13, marginTop: 8, color: message.erreur ? '#b42318' : 'var(--theme-success-500, #027a48)' }}>
          {message.texte}
        </p>
      ) : null}
    </div>
  )
}
