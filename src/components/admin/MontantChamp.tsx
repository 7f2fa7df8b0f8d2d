'use client'
import { FieldLabel, useField } from '@payloadcms/ui'
import { useEffect, useId, useRef, useState } from 'react'
import { formaterEuros, lireSaisieEuros } from '@/src/domain/money'

type Props = {
  path?: string
  readOnly?: boolean
  field?: { name?: string; label?: unknown; required?: boolean; admin?: { readOnly?: boolean; description?: unknown } }
}

const affiche = (v: unknown): string => (typeof v === 'number' && Number.isSafeInteger(v) ? formaterEuros(v) : '')

/**
 * The one admin input for amounts (every field built by `champMontant`): the team types euros
 * (`1 260,00`, `1260`, `1 260 €`, `1260.5`), the form holds integer cents, and the amount is shown
 * back as `1 260,00 €`. Unreadable text is never guessed: the French reason shows under the field
 * and the text itself goes into the form, so that saving is refused (a number field refuses text
 * server-side, hooks/entreesStrictes.ts) instead of silently keeping the previous amount.
 */
export function MontantChamp({ path: chemin, readOnly, field }: Props) {
  const path = chemin ?? field?.name ?? ''
  const [erreurLocale, setErreurLocale] = useState<string | null>(null)
  const { value, setValue, showError, errorMessage, disabled } = useField<number | string | null>({
    path,
    // Client-side check too: the save button reports the field before any round trip.
    validate: (v: unknown) => {
      if (typeof v === 'string') {
        const r = lireSaisieEuros(v)
        return r.ok ? true : r.message
      }
      if (field?.required && (v === null || v === undefined)) return 'Le montant est obligatoire.'
      return true
    },
  })
  const [texte, setTexte] = useState(() => (typeof value === 'string' ? value : affiche(value)))
  const focus = useRef(false)
  const id = useId()
  const idErreur = `${id}-erreur`
  const lectureSeule = readOnly === true || field?.admin?.readOnly === true || disabled

  // A value changed from elsewhere (save, reload, server recomputation) shows, formatted, unless
  // the user is typing in the field.
  useEffect(() => {
    if (!focus.current && typeof value !== 'string') setTexte(affiche(value))
  }, [value])

  const changer = (t: string) => {
    setTexte(t)
    const r = lireSaisieEuros(t)
    if (r.ok) {
      setErreurLocale(null)
      if (r.centimes !== value) setValue(r.centimes)
    } else {
      setErreurLocale(r.message)
      setValue(t)
    }
  }

  const message = erreurLocale ?? (showError && errorMessage ? errorMessage : null)
  const label = typeof field?.label === 'string' ? field.label : path
  const description = typeof field?.admin?.description === 'string' ? field.admin.description : null

  return (
    <div className={`field-type number montant-champ${message ? ' error' : ''}`} style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel htmlFor={id} label={label} required={field?.required === true} path={path} />
      <div className="field-type__wrap">
        <input
          id={id}
          name={path}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          data-montant={path}
          value={texte}
          readOnly={lectureSeule}
          placeholder={lectureSeule ? '—' : 'ex. : 1 260,00'}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? idErreur : undefined}
          onFocus={() => {
            focus.current = true
          }}
          onBlur={() => {
            focus.current = false
            const r = lireSaisieEuros(texte)
            if (r.ok) setTexte(r.centimes === null ? '' : formaterEuros(r.centimes))
          }}
          onChange={(e) => changer(e.target.value)}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        />
      </div>
      {message ? (
        <div id={idErreur} role="alert" className="montant-champ__erreur" style={{ color: 'var(--theme-error-500, #b42318)', fontSize: 13, marginTop: 4 }}>
          {message}
        </div>
      ) : null}
      <div className="field-description">{description ?? 'En euros, par exemple 1 260,00 (enregistré au centime près).'}</div>
    </div>
  )
}
