'use client'
import { useAuth, useDocumentInfo, useField } from '@payloadcms/ui'
import { useCallback, useEffect, useState, type CSSProperties } from 'react'
import type { RapportConformite, Severite } from '@/src/domain/conformity/types'

const carte: CSSProperties = { border: '1px solid var(--theme-elevation-150)', borderRadius: 6, padding: 14, marginBottom: 24, background: 'var(--theme-elevation-0)' }
const bouton: CSSProperties = { fontSize: 12, padding: '4px 8px', marginRight: 6, marginTop: 6, cursor: 'pointer' }
const COULEURS: Record<Severite, string> = { bloquant: '#b42318', avertissement: '#b54708', info: 'var(--theme-elevation-500)' }
const LIBELLES: Record<Severite, string> = { bloquant: 'Bloquant', avertissement: 'Avertissement', info: 'Info' }

type SuggestionPiece = { document: { type: string; fichier: string | null }; statut: 'suggestion' | 'sans_texte' | 'complet'; constats: { message: string }[] }
type Corps = { conformite?: RapportConformite; suggestion?: unknown; suggestions?: SuggestionPiece[]; errors?: { message?: string }[]; iaConfiguree?: boolean; message?: string }

async function appeler(url: string, method = 'POST'): Promise<{ ok: boolean; body: Corps; status: number }> {
  const r = await fetch(url, { method, credentials: 'include', headers: { 'Content-Type': 'application/json' } })
  return { ok: r.ok, status: r.status, body: ((await r.json().catch(() => ({}))) as Corps) ?? {} }
}

/**
 * Dossier edit view, sidebar: the stored conformity report (score, findings with how to fix
 * them), « Recalculer », and — for admins, when OPENAI_API_KEY is set — the AI suggestions. A
 * suggestion is only shown: the admin copies what they accept into the fields and saves.
 */
export function Conformite() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  // The AI assistance is the team's (its endpoints answer 403 to everyone else).
  const estAdmin = (user as { role?: unknown } | null | undefined)?.role === 'admin'
  const { value, setValue } = useField<RapportConformite | null>({ path: 'conformite' })
  const [rapport, setRapport] = useState<RapportConformite | null>(value ?? null)
  const [ia, setIa] = useState<{ configuree: boolean; message?: string } | null>(null)
  const [suggestion, setSuggestion] = useState<{ titre: string; texte: string } | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const [occupe, setOccupe] = useState(false)

  useEffect(() => {
    // Admins only: asking would put a 403 in everyone else's console.
    if (!estAdmin) return
    let actif = true
    appeler('/api/conformite/ia', 'GET').then((r) => actif && r.status === 200 && setIa({ configuree: r.body.iaConfiguree === true, message: r.body.message }))
    return () => {
      actif = false
    }
  }, [estAdmin])

  const recalculer = useCallback(async () => {
    if (id === undefined || id === null) return
    setOccupe(true)
    const r = await appeler(`/api/dossiers/${id}/conformite`)
    setOccupe(false)
    if (r.ok && r.body.conformite) {
      setRapport(r.body.conformite)
      // The form holds the stored report too: keep it equal to the database, or saving the form
      // afterwards would send a stale report (refused: the report is the server's), without
      // marking the form as modified.
      setValue(r.body.conformite, true)
      setErreur(null)
    } else setErreur(r.body.errors?.[0]?.message ?? `Erreur ${r.status}.`)
  }, [id, setValue])

  // A transition (submit, validate) stores a new report: show it when the form reloads.
  useEffect(() => setRapport(value ?? null), [value])

  const lirePieces = async () => {
    setOccupe(true)
    setSuggestion(null)
    const r = await appeler(`/api/dossiers/${id}/ia/pieces`)
    setOccupe(false)
    if (!r.ok) return setErreur(r.body.errors?.[0]?.message ?? `Erreur ${r.status}.`)
    setErreur(null)
    const lignes = (r.body.suggestions ?? []).map((p) => {
      const piece = `${p.document.type}${p.document.fichier ? ` (${p.document.fichier})` : ''}`
      if (p.statut === 'sans_texte') return `${piece} : document scanné ou illisible, non envoyé à l’IA — à comparer par une personne.`
      if (p.statut === 'complet') return `${piece} : toutes les valeurs ont été lues sans l’IA (voir les constats ci-dessus).`
      if (p.constats.length === 0) return `${piece} : suggestion IA — aucun écart avec le dossier.`
      return p.constats.map((c) => `${piece} : ${c.message}`).join('\n')
    })
    setSuggestion({ titre: 'Lecture des pièces (suggestion IA)', texte: lignes.join('\n') || 'Aucune pièce lue (devis, programme, convention, émargement) sur ce dossier.' })
  }

  const demander = async (fonction: 'justification' | 'objectifs' | 'narratif', titre: string) => {
    setOccupe(true)
    setSuggestion(null)
    const r = await appeler(`/api/dossiers/${id}/ia/${fonction}`)
    setOccupe(false)
    if (!r.ok) return setErreur(r.body.errors?.[0]?.message ?? `Erreur ${r.status}.`)
    setErreur(null)
    setSuggestion({ titre, texte: JSON.stringify(r.body.suggestion, null, 2) })
  }

  if (id === undefined || id === null) return null
  return (
    <div style={carte} data-testid="conformite">
      <div style={{ fontWeight: 600, marginBottom: 8 }}>Conformité {rapport ? `— ${rapport.score}/100` : ''}</div>
      {rapport ? (
        <>
          <div style={{ fontSize: 12, color: 'var(--theme-elevation-650)', marginBottom: 8 }}>
            Calculé le {new Date(rapport.calculeLe).toLocaleString('fr-FR')} · conseils, la décision reste humaine
          </div>
          {rapport.constats.length === 0 ? <div style={{ fontSize: 13 }}>Aucun constat.</div> : null}
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {rapport.constats.map((c, i) => (
              <li key={i} style={{ fontSize: 13, marginBottom: 8 }}>
                <span style={{ color: COULEURS[c.severite], fontWeight: 600 }}>{LIBELLES[c.severite]}</span> · {c.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <div style={{ fontSize: 13 }}>Pas encore de rapport.</div>
      )}
      <button type="button" style={bouton} disabled={occupe} onClick={() => void recalculer()} data-testid="conformite-recalculer">
        Recalculer
      </button>
      {ia?.configuree ? (
        <div style={{ marginTop: 8 }}>
          <div style={{ fontSize: 12, fontWeight: 600 }}>Assistance IA (suggestions à relire)</div>
          <button type="button" style={bouton} disabled={occupe} onClick={() => void demander('justification', 'Justification proposée')}>Améliorer la justification</button>
          <button type="button" style={bouton} disabled={occupe} onClick={() => void demander('objectifs', 'Objectifs et programme proposés')}>Proposer objectifs et programme</button>
          <button type="button" style={bouton} disabled={occupe} onClick={() => void demander('narratif', 'Synthèse de conformité')}>Synthèse de conformité</button>
          <button type="button" style={bouton} disabled={occupe} onClick={() => void lirePieces()} data-testid="conformite-ia-pieces">Lire les pièces avec l’IA</button>
        </div>
      ) : ia ? (
        <div style={{ fontSize: 12, color: 'var(--theme-elevation-650)', marginTop: 8 }}>{ia.message}</div>
      ) : null}
      {erreur ? <div style={{ color: '#b42318', fontSize: 13, marginTop: 8 }}>{erreur}</div> : null}
      {suggestion ? (
        <div style={{ marginTop: 8 }}>
          <div style={{ fontSize: 12, fontWeight: 600 }}>{suggestion.titre} — rien n’est enregistré : recopiez ce que vous acceptez.</div>
          <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: 300, overflow: 'auto' }}>{suggestion.texte}</pre>
          <button type="button" style={bouton} onClick={() => setSuggestion(null)}>Ignorer</button>
        </div>
      ) : null}
    </div>
  )
}
