'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'
import { formaterDateFr } from '@/src/domain/dates'
import type { EntreeHistorique } from '@/src/domain/historique'

const PASTILLES: Record<EntreeHistorique['type'], { libelle: string; couleur: string }> = {
  transition: { libelle: 'Statut', couleur: '#1a4fb4' },
  document: { libelle: 'Document', couleur: '#116b66' },
  message: { libelle: 'Message', couleur: '#9a4a00' },
  email: { libelle: 'E-mail', couleur: '#5b21b6' },
}

function quand(iso: string): string {
  try {
    const d = new Date(iso)
    const heure = d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })
    return `${formaterDateFr(d)} à ${heure}`
  } catch {
    return iso
  }
}

/** The dossier's timeline: transitions, documents and messages, oldest first. */
export function Historique() {
  const { id } = useDocumentInfo()
  const [entrees, setEntrees] = useState<EntreeHistorique[] | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)

  useEffect(() => {
    if (id === undefined || id === null) return
    let actif = true
    fetch(`/api/dossiers/${id}/historique`, { credentials: 'include' })
      .then(async (r) => {
        const body = (await r.json().catch(() => ({}))) as { historique?: EntreeHistorique[]; errors?: { message?: string }[] }
        if (!actif) return
        if (r.ok) setEntrees(body.historique ?? [])
        else setErreur(body.errors?.[0]?.message ?? `Erreur ${r.status}.`)
      })
      .catch(() => actif && setErreur('Impossible de charger l’historique.'))
    return () => {
      actif = false
    }
  }, [id])

  if (id === undefined || id === null) return null
  return (
    <div className="historique-dossier" data-testid="historique" style={{ margin: '32px 0' }}>
      <h3 style={{ margin: '0 0 12px' }}>Historique</h3>
      {erreur ? <p style={{ color: '#b42318' }}>{erreur}</p> : null}
      {entrees === null && !erreur ? <p style={{ color: 'var(--theme-elevation-650)' }}>Chargement…</p> : null}
      {entrees && entrees.length === 0 ? <p style={{ color: 'var(--theme-elevation-650)' }}>Aucun événement pour l’instant.</p> : null}
      {entrees && entrees.length > 0 ? (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0, borderLeft: '2px solid var(--theme-elevation-150)' }}>
          {entrees.map((e, i) => (
            <li key={i} data-type={e.type} style={{ position: 'relative', padding: '0 0 14px 18px' }}>
              <span style={{ position: 'absolute', left: -6, top: 5, width: 10, height: 10, borderRadius: 999, background: PASTILLES[e.type].couleur }} />
              <div style={{ fontSize: 12, color: 'var(--theme-elevation-650)' }}>
                {quand(e.date)} · <span style={{ color: PASTILLES[e.type].couleur, fontWeight: 600 }}>{PASTILLES[e.type].libelle}</span>
              </div>
              <div style={{ fontWeight: 600 }}>{e.titre}</div>
              {e.detail ? <div style={{ fontSize: 13, color: 'var(--theme-elevation-700)' }}>{e.detail}</div> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  )
}
