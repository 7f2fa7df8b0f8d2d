'use client'
import { useAuth, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'
import { formaterDateFr } from '@/src/domain/dates'
import { libelleTypeDocument } from '@/src/domain/documents/categories'
import { STATUT_GENERATION, STATUTS_GENERATION, type StatutGeneration } from '@/src/domain/documents/generations'

interface DocumentProduit {
  id: number | string
  filename?: string | null
  url?: string | null
}

interface Generation {
  id: number | string
  documentType: string
  version: number
  statut: StatutGeneration
  erreur?: string | null
  tentatives?: number | null
  genereLe?: string | null
  document?: DocumentProduit | number | string | null
  facture?: { numero?: string | null } | number | string | null
}

const COULEURS: Record<StatutGeneration, { couleur: string; fond: string }> = {
  en_attente: { couleur: '#8a5a00', fond: '#fff4d6' },
  genere: { couleur: '#116b3a', fond: '#e3f6ea' },
  echec: { couleur: '#b42318', fond: '#fde8e7' },
}
/** How a state shows: its label (src/domain) and its colours; an unknown state shows as waiting. */
function etatDe(statut: string): { libelle: string; couleur: string; fond: string } {
  const s = STATUTS_GENERATION.find((e) => e.value === statut) ?? STATUTS_GENERATION[0]
  return { libelle: s.label, ...COULEURS[s.value] }
}

const documentDe = (g: Generation): DocumentProduit | null => (g.document && typeof g.document === 'object' ? g.document : null)

function quand(iso?: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  return `${formaterDateFr(d)} à ${d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`
}

/** Generated PDFs of the dossier: state of each generation, download, preview and « Régénérer ». */
export function DocumentsGeneres() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const admin = (user as { role?: string } | null)?.role === 'admin'
  const [generations, setGenerations] = useState<Generation[] | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const [apercu, setApercu] = useState<string | null>(null)
  const [enCours, setEnCours] = useState<string | null>(null)

  const charger = useCallback(async () => {
    if (id === undefined || id === null || !admin) return
    const r = await fetch(`/api/generations?where[dossier][equals]=${encodeURIComponent(String(id))}&depth=1&sort=documentType,-version&limit=100`, { credentials: 'include' })
    const body = (await r.json().catch(() => ({}))) as { docs?: Generation[]; errors?: { message?: string }[] }
    if (r.ok) {
      setGenerations(body.docs ?? [])
      setErreur(null)
    } else setErreur(body.errors?.[0]?.message ?? `Erreur ${r.status}.`)
  }, [id, admin])

  useEffect(() => {
    void charger().catch(() => setErreur('Impossible de charger les documents générés.'))
  }, [charger])

  // While a PDF is being produced, look again every few seconds.
  const attente = generations?.some((g) => g.statut === STATUT_GENERATION.en_attente) ?? false
  useEffect(() => {
    if (!attente) return
    const t = setInterval(() => void charger().catch(() => undefined), 3000)
    return () => clearInterval(t)
  }, [attente, charger])

  async function regenerer(g: Generation) {
    setEnCours(String(g.id))
    setErreur(null)
    try {
      const r = await fetch(`/api/generations/${g.id}/regenerer`, { method: 'POST', credentials: 'include' })
      const body = (await r.json().catch(() => ({}))) as { errors?: { message?: string }[] }
      if (!r.ok) setErreur(body.errors?.[0]?.message ?? `Erreur ${r.status}.`)
      await charger()
    } catch {
      setErreur('La demande de régénération n’a pas abouti : réessayez.')
    } finally {
      setEnCours(null)
    }
  }

  // The generation panel is the team's tool; OPCO users see the documents themselves.
  if (id === undefined || id === null || !admin) return null
  return (
    <div data-testid="documents-generes" style={{ margin: '32px 0' }}>
      <h3 style={{ margin: '0 0 12px' }}>Documents générés</h3>
      {erreur ? <p role="alert" style={{ color: '#b42318' }}>{erreur}</p> : null}
      {generations === null && !erreur ? <p style={{ color: 'var(--theme-elevation-650)' }}>Chargement…</p> : null}
      {generations && generations.length === 0 ? (
        <p style={{ color: 'var(--theme-elevation-650)' }}>Aucun document généré : la convention et la demande de prise en charge sont produites à la validation.</p>
      ) : null}
      {generations && generations.length > 0 ? (
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr style={{ textAlign: 'left', fontSize: 12, color: 'var(--theme-elevation-650)' }}>
              <th style={{ padding: '4px 8px' }}>Document</th>
              <th style={{ padding: '4px 8px' }}>Version</th>
              <th style={{ padding: '4px 8px' }}>État</th>
              <th style={{ padding: '4px 8px' }}>Actions</th>
            </tr>
          </thead>
          <tbody>
            {generations.map((g) => {
              const doc = documentDe(g)
              const etat = etatDe(g.statut)
              const numero = g.facture && typeof g.facture === 'object' ? g.facture.numero : null
              return (
                <tr key={String(g.id)} data-statut={g.statut} style={{ borderTop: '1px solid var(--theme-elevation-150)' }}>
                  <td style={{ padding: '6px 8px' }}>
                    {libelleTypeDocument(g.documentType)}
                    {numero ? ` ${numero}` : ''}
                  </td>
                  <td style={{ padding: '6px 8px' }}>v{g.version}</td>
                  <td style={{ padding: '6px 8px' }}>
                    <span style={{ color: etat.couleur, background: etat.fond, borderRadius: 4, padding: '2px 8px', fontWeight: 600 }}>{etat.libelle}</span>
                    {g.statut === STATUT_GENERATION.genere && g.genereLe ? <span style={{ fontSize: 12, marginLeft: 8 }}>le {quand(g.genereLe)}</span> : null}
                    {g.statut === STATUT_GENERATION.echec && g.erreur ? <div style={{ fontSize: 12, color: '#b42318' }}>{g.erreur}</div> : null}
                  </td>
                  <td style={{ padding: '6px 8px', whiteSpace: 'nowrap' }}>
                    {doc?.url ? (
                      <>
                        <a href={doc.url} download={doc.filename ?? undefined} style={{ marginRight: 12 }}>
                          Télécharger
                        </a>
                        <button type="button" className="btn btn--style-secondary btn--size-small" style={{ margin: '0 12px 0 0' }} onClick={() => setApercu(apercu === doc.url ? null : (doc.url ?? null))}>
                          {apercu === doc.url ? 'Fermer l’aperçu' : 'Aperçu'}
                        </button>
                      </>
                    ) : null}
                    <button type="button" className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }} disabled={enCours === String(g.id)} onClick={() => void regenerer(g)}>
                      {enCours === String(g.id) ? 'Demande…' : 'Régénérer'}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : null}
      {apercu ? <iframe title="Aperçu du document" src={apercu} style={{ width: '100%', height: 720, border: '1px solid var(--theme-elevation-150)', marginTop: 12 }} /> : null}
    </div>
  )
}
