'use client'
import { useAuth, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react'
import { texteRiche } from '@/src/domain/texteRiche'

type Message = { id: number | string; auteur: string; moi: boolean; equipe: boolean; date: string; dateAffichee: string; texte: string }

const carte: CSSProperties = { border: '1px solid var(--theme-elevation-150)', borderRadius: 6, padding: 14, margin: '8px 0 24px', background: 'var(--theme-elevation-0)' }
const bulle = (equipe: boolean): CSSProperties => ({
  maxWidth: '80%',
  marginLeft: equipe ? 'auto' : 0,
  padding: '8px 12px',
  borderRadius: 8,
  background: equipe ? 'var(--theme-elevation-100)' : 'var(--theme-elevation-50)',
  border: '1px solid var(--theme-elevation-150)',
  whiteSpace: 'pre-wrap',
})

const nouvelleCle = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`)

/**
 * The dossier's conversation on its admin edit view: the thread (author, jj/mm/aaaa HH:MM, text)
 * and a reply box. Opening it marks the thread read for this admin (POST …/fil/lu with the date
 * of the last message shown, so a message arriving meanwhile stays unread). A reply goes through
 * POST /api/messages with one Idempotency-Key per submission: a double click or a retried
 * request makes one message; the key changes only once a reply has been recorded.
 */
export function FilMessages() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const admin = (user as { role?: string } | null)?.role === 'admin'
  const [messages, setMessages] = useState<Message[] | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const [texte, setTexte] = useState('')
  const [envoi, setEnvoi] = useState(false)
  const [succes, setSucces] = useState<string | null>(null)
  const cle = useRef(nouvelleCle())

  const charger = useCallback(async () => {
    if (id === undefined || id === null) return
    const r = await fetch(`/api/dossiers/${id}/fil`, { credentials: 'include' })
    const corps = (await r.json().catch(() => ({}))) as { messages?: Message[]; errors?: { message?: string }[] }
    if (!r.ok) {
      setErreur(corps.errors?.[0]?.message ?? 'Les messages n’ont pas pu être chargés.')
      return
    }
    const liste = corps.messages ?? []
    setMessages(liste)
    const dernier = liste[liste.length - 1]
    if (dernier) {
      await fetch(`/api/dossiers/${id}/fil/lu`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jusqua: dernier.date }),
      }).catch(() => undefined)
    }
  }, [id])

  useEffect(() => {
    if (admin) void charger()
  }, [admin, charger])

  const envoyer = async () => {
    const paragraphes = texte.split(/\n+/).map((p) => p.trim()).filter(Boolean)
    if (paragraphes.length === 0) {
      setErreur('Écrivez votre réponse.')
      return
    }
    setEnvoi(true)
    setErreur(null)
    setSucces(null)
    try {
      const r = await fetch('/api/messages', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': cle.current },
        body: JSON.stringify({ dossier: id, body: texteRiche(...paragraphes) }),
      })
      if (!r.ok) {
        const corps = (await r.json().catch(() => ({}))) as { errors?: { message?: string }[] }
        setErreur(corps.errors?.[0]?.message ?? `La réponse n’a pas été enregistrée (${r.status}).`)
        return
      }
      cle.current = nouvelleCle()
      setTexte('')
      setSucces('Réponse envoyée au bénéficiaire.')
      await charger()
    } catch {
      setErreur('Le serveur ne répond pas : la réponse n’a pas été envoyée. Réessayez.')
    } finally {
      setEnvoi(false)
    }
  }

  if (!admin || id === undefined || id === null) return null
  return (
    <section style={carte} data-testid="fil-messages" aria-labelledby="fil-messages-titre">
      <h3 id="fil-messages-titre" style={{ margin: '0 0 10px' }}>
        Messages avec le bénéficiaire
      </h3>
      {messages === null && !erreur ? <p>Chargement des messages…</p> : null}
      {messages && messages.length === 0 ? <p style={{ color: 'var(--theme-elevation-600)' }}>Aucun message sur ce dossier.</p> : null}
      {messages && messages.length > 0 ? (
        <ol style={{ listStyle: 'none', padding: 0, margin: '0 0 12px', display: 'flex', flexDirection: 'column', gap: 8 }}>
          {messages.map((m) => (
            <li key={String(m.id)} data-message={String(m.id)} data-equipe={m.equipe ? 'oui' : 'non'} style={bulle(m.equipe)}>
              <div style={{ fontSize: 12, color: 'var(--theme-elevation-600)', marginBottom: 4 }}>
                <strong>{m.auteur}</strong> · <time dateTime={m.date}>{m.dateAffichee}</time>
              </div>
              {m.texte}
            </li>
          ))}
        </ol>
      ) : null}
      {/* Not a <form>: this panel sits inside the dossier's own form, and a nested form would submit the dossier. */}
      <div role="group" aria-label="Répondre au bénéficiaire">
        <label htmlFor="fil-reponse" style={{ display: 'block', fontSize: 13, fontWeight: 600, marginBottom: 4 }}>
          Votre réponse
        </label>
        <textarea
          id="fil-reponse"
          rows={4}
          value={texte}
          maxLength={10000}
          onChange={(e) => setTexte(e.target.value)}
          style={{ width: '100%', boxSizing: 'border-box', padding: '7px 9px', border: '1px solid var(--theme-elevation-250)', borderRadius: 4, fontFamily: 'inherit', fontSize: 14, background: 'var(--theme-input-bg, var(--theme-elevation-0))', color: 'var(--theme-text)' }}
        />
        {erreur ? (
          <p role="alert" style={{ color: '#b42318', margin: '6px 0' }}>
            {erreur}
          </p>
        ) : null}
        {succes ? (
          <p role="status" style={{ color: '#1a7f37', margin: '6px 0' }}>
            {succes}
          </p>
        ) : null}
        <button type="button" onClick={() => void envoyer()} disabled={envoi} data-testid="fil-envoyer" style={{ marginTop: 8, padding: '7px 14px', borderRadius: 4, fontWeight: 600, background: 'var(--theme-elevation-900)', color: 'var(--theme-elevation-0)', border: 0, cursor: envoi ? 'wait' : 'pointer' }}>
          {envoi ? 'Envoi…' : 'Envoyer la réponse'}
        </button>
      </div>
    </section>
  )
}
