'use client'
import { useState } from 'react'
import type { FiltresRapport } from '@/src/domain/reports/filtres'

/**
 * Export buttons of a report page: CSV/XLSX of the dossiers of the period run as a job (the
 * export's page shows its progress and the download link); the PDF report downloads directly.
 */
export function BoutonsExport({ filtres, pdf }: { filtres: FiltresRapport; pdf: string }) {
  const [message, setMessage] = useState<string | null>(null)
  const exporter = async (format: 'csv' | 'xlsx') => {
    setMessage('Export demandé…')
    const res = await fetch('/api/exports', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ format, filtres }),
    }).catch(() => null)
    const corps = (await res?.json().catch(() => null)) as { doc?: { id: number }; errors?: { message: string }[] } | null
    if (!res?.ok || !corps?.doc) {
      setMessage(corps?.errors?.[0]?.message ?? 'L’export n’a pas pu être demandé.')
      return
    }
    window.location.href = `/admin/collections/exports/${corps.doc.id}`
  }
  return (
    <div style={{ display: 'flex', gap: 10, alignItems: 'center', margin: '0 0 16px', flexWrap: 'wrap' }}>
      <button type="button" className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }} onClick={() => void exporter('csv')}>
        Exporter les dossiers (CSV)
      </button>
      <button type="button" className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }} onClick={() => void exporter('xlsx')}>
        Exporter les dossiers (Excel)
      </button>
      <a className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }} href={pdf}>
        Rapport PDF
      </a>
      {message ? <span role="status">{message}</span> : null}
    </div>
  )
}
