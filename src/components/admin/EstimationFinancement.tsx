'use client'
import { useField, useFormFields } from '@payloadcms/ui'
import { expliquerEstimation } from '@/src/domain/funding/explication'

type Estimation = { detail?: unknown; avertissements?: unknown; calculeLe?: unknown }

const lignes = (v: unknown): string[] => (Array.isArray(v) ? v.filter((l): l is string => typeof l === 'string') : [])

/**
 * The funding breakdown as the sentences the estimate produced (which cap applied, what is left
 * for the company), not as raw JSON — and without the code editor, which would load from a CDN.
 */
export function EstimationFinancement({ path }: { path?: string }) {
  const { value } = useField<Estimation | null>({ path: path ?? 'estimationFinancement' })
  const montantEstime = useFormFields(([champs]) => champs.montantEstime?.value)
  const coutTotalHT = useFormFields(([champs]) => champs.coutTotalHT?.value)
  // The same sentence and reservations as the portal (src/domain/funding/explication).
  const x = expliquerEstimation({ montantEstime: montantEstime as number | null, coutTotalHT: coutTotalHT as number | null, estimationFinancement: value })
  // « Il manque … » is the whole story: the breakdown would only repeat it.
  const detail = x.etat === 'incomplete' ? [] : lignes(value?.detail)
  const avertissements = x.avertissements
  return (
    <div className="field-type" style={{ marginBottom: 'var(--base)' }}>
      <div className="field-label">Estimation du financement</div>
      {x.etat === 'non_calculee' ? (
        <p style={{ color: 'var(--theme-elevation-650)' }}>{x.phrase}</p>
      ) : (
        <>
          <p style={{ margin: '0.25rem 0', fontWeight: 600 }} data-explication>
            {x.phrase}
          </p>
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
