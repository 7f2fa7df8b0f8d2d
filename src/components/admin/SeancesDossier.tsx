'use client'
import { useAuth, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'
import { seancesParJour, type SeanceLue } from '@/src/domain/seances'

const COULEURS: Record<string, { couleur: string; fond: string }> = {
  a_signer: { couleur: '#8a5a00', fond: '#fff4d6' },
  signee: { couleur: '#116b3a', fond: '#e3f6ea' },
  absence: { couleur: '#b42318', fond: '#fde8e7' },
  annulee: { couleur: '#555', fond: '#eee' },
}

/**
 * The dossier's training sessions as a calendar (issue 17): per day, morning and afternoon, times,
 * status and who signed; « Générer les séances » plans them from the training's dates and hours.
 * Editing a session opens its own record.
 */
export function SeancesDossier() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const admin = (user as { role?: string } | null)?.role === 'admin'
  const [seances, setSeances] = useState<SeanceLue[] | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [enCours, setEnCours] = useState(false)

  const charger = useCallback(async () => {
    if (id === undefined || id === null) return
    const r = await fetch(`/api/seances?where[dossier][equals]=${encodeURIComponent(String(id))}&depth=0&sort=date&limit=1000`, { credentials: 'include' })
    const body = (await r.json().catch(() => ({}))) as { docs?: SeanceLue[]; errors?: { message?: string }[] }
    // A refusal of « Générer » stays on screen after the reload that follows it.
    if (r.ok) setSeances(body.docs ?? [])
    else setErreur(body.errors?.[0]?.message ?? `Erreur ${r.status}.`)
  }, [id])

  useEffect(() => {
    void charger().catch(() => setErreur('Impossible de charger les séances.'))
  }, [charger])

  async function generer() {
    if (seances && seances.length > 0 && !window.confirm('Remplacer les séances non émargées par un nouveau planning ?')) return
    setEnCours(true)
    setErreur(null)
    setMessage(null)
    try {
      const r = await fetch(`/api/dossiers/${encodeURIComponent(String(id))}/seances/generer`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      const body = (await r.json().catch(() => ({}))) as { message?: string; errors?: { message?: string }[] }
      if (r.ok) setMessage(body.message ?? 'Séances générées.')
      else setErreur(body.errors?.[0]?.message ?? `Erreur ${r.status}.`)
      await charger()
    } catch {
      setErreur('La génération des séances n’a pas abouti : réessayez.')
    } finally {
      setEnCours(false)
    }
  }

  if (id === undefined || id === null) return null
  const jours = seances ? seancesParJour(seances) : []
  return (
    <div data-testid="seances-dossier" style={{ margin: '32px 0' }}>
      <h3 style={{ margin: '0 0 12px' }}>Séances (émargement)</h3>
      {admin ? (
        <button type="button" className="btn btn--style-secondary btn--size-small" onClick={() => void generer()} disabled={enCours} style={{ margin: '0 0 12px' }}>
          {enCours ? 'Génération…' : 'Générer les séances'}
        </button>
      ) : null}
      {message ? <p role="status" style={{ color: '#116b3a' }}>{message}</p> : null}
      {erreur ? <p role="alert" style={{ color: '#b42318' }}>{erreur}</p> : null}
      {seances === null && !erreur ? <p style={{ color: 'var(--theme-elevation-650)' }}>Chargement…</p> : null}
      {seances && seances.length === 0 ? (
        <p style={{ color: 'var(--theme-elevation-650)' }}>Aucune séance : « Générer les séances » les crée depuis les dates et la durée de la formation.</p>
      ) : null}
      {jours.length > 0 ? (
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr style={{ textAlign: 'left', fontSize: 12, color: 'var(--theme-elevation-650)' }}>
              <th style={{ padding: '4px 8px' }}>Jour</th>
              <th style={{ padding: '4px 8px' }}>Demi-journée</th>
              <th style={{ padding: '4px 8px' }}>Horaires</th>
              <th style={{ padding: '4px 8px' }}>Statut</th>
              <th style={{ padding: '4px 8px' }}>Signé par</th>
              <th style={{ padding: '4px 8px' }} />
            </tr>
          </thead>
          <tbody>
            {jours.flatMap((j) =>
              j.seances.map((s, i) => {
                const c = COULEURS[s.statut] ?? COULEURS.a_signer!
                return (
                  <tr key={String(s.id)} data-statut={s.statut} style={{ borderTop: i === 0 ? '2px solid var(--theme-elevation-200)' : '1px solid var(--theme-elevation-100)' }}>
                    <td style={{ padding: '6px 8px', fontWeight: 600 }}>{i === 0 ? j.jour : ''}</td>
                    <td style={{ padding: '6px 8px' }}>{s.demiJournee}</td>
                    <td style={{ padding: '6px 8px' }}>{s.horaires}</td>
                    <td style={{ padding: '6px 8px' }}>
                      <span style={{ color: c.couleur, background: c.fond, borderRadius: 4, padding: '2px 6px' }}>{s.libelleStatut}</span>
                    </td>
                    <td style={{ padding: '6px 8px' }}>{s.signataires.length > 0 ? s.signataires.join(' ; ') : '—'}</td>
                    <td style={{ padding: '6px 8px' }}>{admin ? <a href={`/admin/collections/seances/${String(s.id)}`}>Modifier</a> : null}</td>
                  </tr>
                )
              }),
            )}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}
