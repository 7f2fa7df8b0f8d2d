'use client'
import { useField } from '@payloadcms/ui'

/**
 * Read-only JSON (audit log changes) as plain preformatted text: Payload's JSON field uses a code
 * editor fetched from a CDN, which an offline or locked-down admin cannot load.
 */
export function JsonLecture({ path, field }: { path?: string; field?: { label?: unknown } }) {
  const { value } = useField<unknown>({ path: path ?? '' })
  const label = typeof field?.label === 'string' ? field.label : path
  return (
    <div className="field-type" style={{ marginBottom: 'var(--base)' }}>
      <div className="field-label">{label}</div>
      <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', background: 'var(--theme-elevation-50)', padding: '0.75rem', borderRadius: 4, margin: 0 }}>
        {value == null ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  )
}
