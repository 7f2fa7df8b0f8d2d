'use client'
import { useFormFields } from '@payloadcms/ui'
import { formaterEuros } from '../../domain/money'

/** Under an amount field: the value typed in cents, read back in euros as the user expects. */
export function MontantDescription({ path }: { path?: string }) {
  const valeur = useFormFields(([fields]) => (path ? fields[path]?.value : undefined))
  const lisible = typeof valeur === 'number' && Number.isSafeInteger(valeur) ? formaterEuros(valeur) : '—'
  return (
    <div className="field-description">
      Saisie en centimes d’euro · soit{'\u00a0'}<strong>{lisible}</strong>
    </div>
  )
}
