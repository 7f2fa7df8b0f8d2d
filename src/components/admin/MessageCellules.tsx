'use client'
import { formaterDateHeureParis } from '@/src/domain/messagesNonLus'
import { texteBrut } from '@/src/domain/texteRiche'

/** Messages list: the plain text of the rich-text body, cut to one readable line. */
export function TexteMessageCell({ cellData }: { cellData?: unknown }) {
  const texte = texteBrut(cellData).replace(/\s+/g, ' ').trim()
  if (!texte) return <span style={{ color: 'var(--theme-elevation-400)' }}>—</span>
  return <span title={texte.length > 140 ? texte.slice(0, 1000) : undefined}>{texte.length > 140 ? `${texte.slice(0, 139)}…` : texte}</span>
}

/** Messages list: when it was written, `jj/mm/aaaa HH:MM` (Paris). */
export function DateHeureMessageCell({ rowData }: { rowData?: { createdAt?: unknown } }) {
  const d = rowData?.createdAt
  return <span>{typeof d === 'string' ? formaterDateHeureParis(d) : '—'}</span>
}
