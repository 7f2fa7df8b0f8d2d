'use client'
import { useAuth } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

type Comptes = { total: number; parDossier: Record<string, number> }

// One request per list page, shared by every row (the cells mount together).
let enCours: { depuis: number; promesse: Promise<Comptes | null> } | null = null
function chargerComptes(): Promise<Comptes | null> {
  if (!enCours || Date.now() - enCours.depuis > 5000) {
    enCours = {
      depuis: Date.now(),
      promesse: fetch('/api/dossiers/messages-non-lus', { credentials: 'include' })
        .then((r) => (r.ok ? (r.json() as Promise<Comptes>) : null))
        .catch(() => null),
    }
  }
  return enCours.promesse
}

/** « Messages non lus » column: for the admin viewing the list, beneficiary-side messages after their own read mark or reply (per reader). */
export function MessagesNonLusCell({ rowData }: { rowData?: { id?: unknown } }) {
  const { user } = useAuth()
  const [n, setN] = useState<number | null>(null)
  const admin = (user as { role?: string } | null)?.role === 'admin'
  useEffect(() => {
    if (!admin) return
    let actif = true
    void chargerComptes().then((c) => {
      if (actif && c) setN(c.parDossier[String(rowData?.id)] ?? 0)
    })
    return () => {
      actif = false
    }
  }, [admin, rowData?.id])
  if (!admin || n === null || n === 0) return <span style={{ color: 'var(--theme-elevation-600)' }}>—</span>
  return (
    <span
      title={`${n} message${n > 1 ? 's' : ''} non lu${n > 1 ? 's' : ''}`}
      style={{ display: 'inline-block', minWidth: 22, padding: '0 7px', borderRadius: 999, background: '#c62828', color: '#fff', fontWeight: 700, fontSize: 12, lineHeight: '20px', textAlign: 'center' }}
    >
      {n}
    </span>
  )
}
