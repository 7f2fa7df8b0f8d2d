'use client'
import { useAuth, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState, type CSSProperties } from 'react'
import type { EtatPiece, ListePieces } from '@/src/domain/piecesRequises'

type Reponse = Partial<ListePieces> & { errors?: { message?: string }[] }

const carte: CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 6,
  padding: 14,
  marginBottom: 24,
  background: 'var(--theme-elevation-0)',
}

const ETATS: Record<EtatPiece, { symbole: string; libelle: string; couleur: string }> = {
  present: { symbole: '✓', libelle: 'présent', couleur: '#116b66' },
  manquant: { symbole: '✗', libelle: 'manquant', couleur: '#b42318' },
  a_venir: { symbole: '○', libelle: 'à venir', couleur: 'var(--theme-elevation-650)' },
  non_requis: { symbole: '–', libelle: 'non requis', couleur: 'var(--theme-elevation-600)' },
}

/**
 * Dossier edit view, sidebar: the required documents for this type of dossier, ✓ / manquant /
 * à venir, with a link to each document found (the file route checks the reader's rights), and
 * for admins and OPCO users the dossier's archive for a control (GET /api/dossiers/:id/archive).
 */
export function PiecesRequises() {
  const { id, lastUpdateTime } = useDocumentInfo()
  const { user } = useAuth()
  const role = (user as { role?: unknown } | null)?.role
  const archive = role === 'admin' || role === 'opco'
  const [liste, setListe] = useState<ListePieces | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)

  useEffect(() => {
    if (id === undefined || id === null) return
    let actif = true
    fetch(`/api/dossiers/${id}/pieces`, { credentials: 'include' })
      .then(async (r) => {
        const body = (await r.json().catch(() => ({}))) as Reponse
        if (!actif) return
        if (r.ok && Array.isArray(body.pieces)) {
          setListe(body as ListePieces)
          setErreur(null)
        } else setErreur(body.errors?.[0]?.message ?? `Erreur ${r.status}.`)
      })
      .catch(() => actif && setErreur('Impossible de charger la liste des pièces.'))
    return () => {
      actif = false
    }
    // Saving the dossier (a transition, a new document) may change what is required.
  }, [id, lastUpdateTime])

  if (id === undefined || id === null) return null
  return (
    <div style={carte} data-testid="pieces-requises">
      <h4 style={{ margin: '0 0 4px' }}>Pièces du dossier</h4>
      {liste ? (
        <p style={{ margin: '0 0 10px', fontSize: 13, color: liste.complet ? '#116b66' : '#b42318' }} data-testid="pieces-resume">
          {liste.complet ? 'Aucune pièce exigible ne manque.' : `${liste.manquantes} pièce${liste.manquantes > 1 ? 's' : ''} manquante${liste.manquantes > 1 ? 's' : ''}.`}
        </p>
      ) : null}
      {erreur ? <p style={{ color: '#b42318', fontSize: 13 }}>{erreur}</p> : null}
      {!liste && !erreur ? <p style={{ color: 'var(--theme-elevation-650)', fontSize: 13 }}>Chargement…</p> : null}
      {liste ? (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {liste.pieces.map((p) => {
            const e = ETATS[p.etat]
            return (
              <li key={p.type} data-piece={p.type} data-etat={p.etat} style={{ padding: '6px 0', borderTop: '1px solid var(--theme-elevation-100)' }}>
                <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                  <span aria-hidden style={{ color: e.couleur, fontWeight: 700, width: 14, flex: 'none' }}>
                    {e.symbole}
                  </span>
                  <span style={{ fontWeight: 600, fontSize: 14, flex: 1 }}>{p.libelle}</span>
                  <span style={{ color: e.couleur, fontSize: 12, fontWeight: 600 }}>{e.libelle}</span>
                </div>
                <div style={{ marginLeft: 22, fontSize: 12, color: 'var(--theme-elevation-600)' }}>
                  {p.libelleFournisseur} · exigé dès « {p.libelleRequiseDes} »
                </div>
                {p.documents.length > 0 ? (
                  <ul style={{ listStyle: 'none', margin: '2px 0 0 22px', padding: 0, fontSize: 12 }}>
                    {p.documents.map((d) => (
                      <li key={String(d.id)}>
                        {d.url ? (
                          <a href={d.url} target="_blank" rel="noopener noreferrer">
                            {d.filename ?? `document n° ${String(d.id)}`}
                          </a>
                        ) : (
                          (d.filename ?? `document n° ${String(d.id)}`)
                        )}
                        {d.origin === 'generated' ? ' (généré)' : ' (déposé)'}
                      </li>
                    ))}
                  </ul>
                ) : p.etat === 'manquant' || p.etat === 'a_venir' ? (
                  <div style={{ marginLeft: 22, fontSize: 12, color: 'var(--theme-elevation-650)' }}>{p.moment}</div>
                ) : null}
              </li>
            )
          })}
        </ul>
      ) : null}
      {archive ? (
        <p style={{ margin: '12px 0 0', fontSize: 13 }}>
          <a href={`/api/dossiers/${String(id)}/archive`} download data-testid="archive-dossier">
            Télécharger l’archive (ZIP)
          </a>
          <span style={{ display: 'block', fontSize: 12, color: 'var(--theme-elevation-600)' }}>
            Pour un contrôle : dernière version des documents, e-mails, journal et empreintes SHA-256.
          </span>
        </p>
      ) : null}
    </div>
  )
}
