'use client'
import { FieldLabel, useField } from '@payloadcms/ui'
import { useEffect, useId, useRef, useState } from 'react'

type Props = {
  path?: string
  readOnly?: boolean
  field?: { name?: string; label?: unknown; required?: boolean; admin?: { readOnly?: boolean; description?: unknown } }
}

const texteDe = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 2))

/**
 * Editable JSON in a plain textarea (the exports' filters): Payload's JSON field loads its code
 * editor (Monaco) from a CDN, so an offline or locked-down admin never sees the field at all.
 * Text that is not JSON is shown as such here and left in the form as text, which the collection's
 * own check refuses on save (never silently replaced by the previous value).
 */
export function JsonSaisie({ path: chemin, readOnly, field }: Props) {
  const path = chemin ?? field?.name ?? ''
  const { value, setValue, showError, errorMessage, disabled } = useField<unknown>({ path })
  const [texte, setTexte] = useState(() => texteDe(value))
  const [erreurLocale, setErreurLocale] = useState<string | null>(null)
  const focus = useRef(false)
  const id = useId()
  const idAide = `${id}-aide`
  const idErreur = `${id}-erreur`

  useEffect(() => {
    if (!focus.current && erreurLocale === null) setTexte(texteDe(value))
  }, [value, erreurLocale])

  const changer = (t: string) => {
    setTexte(t)
    if (t.trim() === '') {
      setErreurLocale(null)
      setValue(null)
      return
    }
    try {
      setValue(JSON.parse(t))
      setErreurLocale(null)
    } catch {
      setErreurLocale('Ce texte n’est pas du JSON valide, par exemple : { "du": "2026-01-01", "statuts": ["envoye_opco"] }.')
      setValue(t)
    }
  }

  const message = erreurLocale ?? (showError && errorMessage ? errorMessage : null)
  const label = typeof field?.label === 'string' ? field.label : path
  const description = typeof field?.admin?.description === 'string' ? field.admin.description : null
  return (
    <div className={`field-type json-saisie${message ? ' error' : ''}`} style={{ marginBottom: 'var(--base)' }} data-json-saisie={path}>
      <FieldLabel htmlFor={id} label={label} required={field?.required === true} path={path} />
      <textarea
        id={id}
        name={path}
        rows={6}
        spellCheck={false}
        value={texte}
        readOnly={readOnly === true || field?.admin?.readOnly === true || disabled}
        aria-invalid={message ? true : undefined}
        aria-describedby={[message ? idErreur : null, description ? idAide : null].filter(Boolean).join(' ') || undefined}
        onFocus={() => {
          focus.current = true
        }}
        onBlur={() => {
          focus.current = false
        }}
        onChange={(e) => changer(e.target.value)}
        style={{ width: '100%', boxSizing: 'border-box', fontFamily: 'var(--font-mono, monospace)', fontSize: 13, padding: '8px 10px', border: '1px solid var(--theme-elevation-250)', borderRadius: 4, background: 'var(--theme-input-bg, var(--theme-elevation-0))', color: 'var(--theme-text)', resize: 'vertical' }}
      />
      {message ? (
        <div id={idErreur} role="alert" style={{ color: 'var(--theme-error-500, #b42318)', fontSize: 13, marginTop: 4 }}>
          {message}
        </div>
      ) : null}
      {description ? (
        <div id={idAide} className="field-description">
          {description}
        </div>
      ) : null}
    </div>
  )
}
