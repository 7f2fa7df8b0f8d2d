'use client'
import { useField } from '@payloadcms/ui'

type Estimation = { detail?: unknown; avertissements?: unknown; calculeLe?: unknown }

const lignes = (v: unknown): string[] => (Array.isArray(v) ? v.filter((l): l is string => typeof l === 'string') : [])

/**
 * The funding breakdown as the sentences the estimate produced (which cap applied, what is left
 * for the company), not as raw JSON — and without the code editor, which would load from a CDN.
 */
export function EstimationFinancement({ path }: { path?: string }) {
  const { value } = useField<Estimation | null>({ path: path ?? 'estimationFinancement' })
  const detail = lignes(value?.detail)
  const avertissements = lignes(value?.avertissements)
  return (
    <div className="field-type" style={{ marginBottom: 'var(--base)' }}>
      <div className="field-label">Estimation du financement</div>
      {detail.length === 0 && avertissements.length === 0 ? (
        <p style={{ color: 'var(--theme-elevation-500)' }}>Pas encore calculée : elle l’est à chaque enregistrement du dossier.</p>
      ) : (
        <>
          <ul style={{ margin: '0.25rem 0', paddingLeft: '1.2rem' }}>
            {detail.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
          {avertissements.map((l, i) => (
            <p key={i} style={{ color: 'var(--theme-warning-700, #8a5a00)', margin: '0.25rem 0' }}>
              ⚠ {l}
            </p>
          ))}
        </>
      )}
    </div>
  )
}
