'use client'
import { useFormFields } from '@payloadcms/ui'
import { useEffect, useState, type CSSProperties } from 'react'

type Entreprise = {
  raisonSociale?: string | null
  siret?: string | null
  adresse?: { rue?: string | null; codePostal?: string | null; ville?: string | null } | null
  effectif?: number | null
  idcc?: string | null
  codeNaf?: string | null
}

const carte: CSSProperties = { border: '1px solid var(--theme-elevation-150)', borderRadius: 6, padding: 14, marginBottom: 24, background: 'var(--theme-elevation-0)' }
const dt: CSSProperties = { fontSize: 12, color: 'var(--theme-elevation-600)', marginTop: 6 }
const dd: CSSProperties = { margin: 0, fontSize: 14 }

/**
 * Dossier edit view: the employer as a card (raison sociale, SIRET, adresse, effectif, IDCC),
 * read with the viewer's own rights — an OPCO agent reads the company of a dossier sent to its
 * OPCO, and the relationship select alone shows only the name.
 */
export function EntrepriseDossier() {
  const valeur = useFormFields(([champs]) => champs.company?.value)
  const id = typeof valeur === 'object' && valeur !== null && 'id' in valeur ? (valeur as { id: unknown }).id : valeur
  const [e, setE] = useState<Entreprise | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)

  useEffect(() => {
    setE(null)
    setErreur(null)
    if (typeof id !== 'number' && typeof id !== 'string') return
    if (id === '') return
    let actif = true
    fetch(`/api/companies/${encodeURIComponent(String(id))}?depth=0`, { credentials: 'include' })
      .then(async (r) => {
        if (!actif) return
        if (r.ok) setE((await r.json()) as Entreprise)
        else setErreur('Entreprise non consultable.')
      })
      .catch(() => actif && setErreur('Entreprise momentanément indisponible.'))
    return () => {
      actif = false
    }
  }, [id])

  if (typeof id !== 'number' && typeof id !== 'string') return null
  const a = e?.adresse ?? {}
  const adresse = [a.rue, [a.codePostal, a.ville].filter(Boolean).join(' ')].filter((x) => typeof x === 'string' && x.trim() !== '').join(', ')
  return (
    <div style={carte} data-testid="entreprise-dossier">
      <div style={{ fontWeight: 600, marginBottom: 4 }}>Employeur</div>
      {erreur ? (
        <div style={{ fontSize: 13 }}>{erreur}</div>
      ) : !e ? (
        <div style={{ fontSize: 13 }}>Chargement…</div>
      ) : (
        <dl style={{ margin: 0 }}>
          <dt style={dt}>Raison sociale</dt>
          <dd style={dd}>{e.raisonSociale || '—'}</dd>
          <dt style={dt}>SIRET</dt>
          <dd style={dd} data-testid="entreprise-siret">
            {e.siret || '—'}
          </dd>
          <dt style={dt}>Adresse</dt>
          <dd style={dd}>{adresse || 'non renseignée'}</dd>
          <dt style={dt}>Effectif</dt>
          <dd style={dd}>{typeof e.effectif === 'number' ? `${e.effectif} salarié${e.effectif > 1 ? 's' : ''}` : 'non renseigné'}</dd>
          <dt style={dt}>IDCC (convention collective)</dt>
          <dd style={dd}>{e.idcc || 'non renseigné'}</dd>
          {e.codeNaf ? (
            <>
              <dt style={dt}>Code NAF</dt>
              <dd style={dd}>{e.codeNaf}</dd>
            </>
          ) : null}
        </dl>
      )}
    </div>
  )
}
