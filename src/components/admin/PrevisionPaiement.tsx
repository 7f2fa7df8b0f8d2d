'use client'
import { useAuth, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'
import { formaterDateFr } from '@/src/domain/dates'

type Statistiques = { observations: number; medianeJours: number; p80Jours: number; source: 'observee' | 'delai_opco' | 'defaut' }
type Prevision =
  | { etat: 'sans_objet'; message: string }
  | { etat: 'payee'; jourEmission: string; jourPaiement: string; jours: number; delais: Statistiques }
  | { etat: 'ouverte'; datePrevue: string; dateAuPlusTard: string; enRetard: boolean; joursRetard: number; delais: Statistiques }
type Cellule = { datePrevue: string; dateAuPlusTard: string; enRetard: boolean; joursRetard: number; source: string }

const jour = (v: string) => {
  try {
    return formaterDateFr(v)
  } catch {
    return '—'
  }
}
const jours = (n: number) => `${n} jour${n > 1 ? 's' : ''}`

function base(s: Statistiques): string {
  if (s.source === 'observee') return `d’après ${s.observations} factures payées par cet OPCO : médiane ${jours(s.medianeJours)}, 80 % payées sous ${jours(s.p80Jours)}`
  const peu = `${s.observations} facture${s.observations > 1 ? 's' : ''} payée${s.observations > 1 ? 's' : ''} par cet OPCO, 5 au moins pour observer ses délais`
  const delai = s.source === 'delai_opco' ? 'délai de paiement de la fiche de l’OPCO' : 'délai de paiement de nos factures'
  return `valeurs par défaut (${peu}) : ${delai}, ${jours(s.medianeJours)}, au plus tard ${jours(s.p80Jours)}`
}

/**
 * Invoice edit view: the payment forecast (src/domain/facturation/previsionPaiement.ts) read from
 * `GET /api/invoices/:id/prevision` — expected date, « au plus tard » date, days late.
 */
export function PrevisionPaiementChamp() {
  const { id } = useDocumentInfo()
  const [p, setP] = useState<Prevision | null>(null)
  const [echec, setEchec] = useState(false)
  useEffect(() => {
    if (id === undefined || id === null) return
    let actif = true
    fetch(`/api/invoices/${encodeURIComponent(String(id))}/prevision`, { credentials: 'include' })
      .then((r) => (r.ok ? (r.json() as Promise<Prevision>) : Promise.reject(new Error(String(r.status)))))
      .then((v) => actif && setP(v))
      .catch(() => actif && setEchec(true))
    return () => {
      actif = false
    }
  }, [id])
  if (id === undefined || id === null) return null
  return (
    <div className="field-type" style={{ marginBottom: 'var(--base)' }} data-prevision-paiement>
      <div className="field-label">Prévision de paiement</div>
      {echec ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-650)' }}>Prévision indisponible.</p>
      ) : !p ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-650)' }}>Calcul…</p>
      ) : p.etat === 'sans_objet' ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-650)' }}>{p.message}</p>
      ) : p.etat === 'payee' ? (
        <p style={{ margin: 0 }}>
          Payée le {jour(p.jourPaiement)}, {jours(p.jours)} après l’émission.
        </p>
      ) : (
        <>
          <p style={{ margin: '0.25rem 0', fontWeight: 600 }}>
            Paiement prévu le <span data-date-prevue>{jour(p.datePrevue)}</span>, au plus tard le <span data-date-au-plus-tard>{jour(p.dateAuPlusTard)}</span>
            {p.enRetard ? <span style={{ color: '#b00020' }}> — en retard de {jours(p.joursRetard)}</span> : null}.
          </p>
          <p style={{ margin: 0, color: 'var(--theme-elevation-650)' }}>Calcul : {base(p.delais)}.</p>
        </>
      )}
    </div>
  )
}

// One request per list page, shared by every row (the cells mount together).
let enCours: { depuis: number; promesse: Promise<Record<string, Cellule> | null> } | null = null
function chargerPrevisions(): Promise<Record<string, Cellule> | null> {
  if (!enCours || Date.now() - enCours.depuis > 5000) {
    enCours = {
      depuis: Date.now(),
      promesse: fetch('/api/invoices/previsions', { credentials: 'include' })
        .then((r) => (r.ok ? (r.json() as Promise<Record<string, Cellule>>) : null))
        .catch(() => null),
    }
  }
  return enCours.promesse
}

/** Invoice list column « Paiement prévu »: the expected date of an open OPCO invoice, in red when late. */
export function PrevisionPaiementCell({ rowData }: { rowData?: { id?: unknown } }) {
  const { user } = useAuth()
  const admin = (user as { role?: string } | null)?.role === 'admin'
  const [c, setC] = useState<Cellule | null>(null)
  useEffect(() => {
    if (!admin) return
    let actif = true
    void chargerPrevisions().then((m) => {
      if (actif && m) setC(m[String(rowData?.id)] ?? null)
    })
    return () => {
      actif = false
    }
  }, [admin, rowData?.id])
  if (!c) return <span style={{ color: 'var(--theme-elevation-600)' }}>—</span>
  return (
    <span
      data-date-prevue={c.datePrevue}
      title={`Au plus tard le ${jour(c.dateAuPlusTard)}${c.enRetard ? ` : en retard de ${jours(c.joursRetard)}` : ''}`}
      style={{ whiteSpace: 'nowrap', ...(c.enRetard ? { color: '#b00020', fontWeight: 600 } : {}) }}
    >
      {jour(c.datePrevue)}
      {c.enRetard ? ` (+${c.joursRetard} j)` : ''}
    </span>
  )
}
