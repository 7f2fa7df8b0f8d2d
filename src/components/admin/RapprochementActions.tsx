'use client'
import { useState, type FormEvent } from 'react'

type Reponse = { errors?: { message?: string }[]; message?: string; nouvelles?: number; automatiques?: number; aConfirmer?: number; sansCorrespondance?: number; debits?: number; dejaConnues?: number; dejaImporte?: boolean; reprise?: boolean }

const erreurDe = (b: Reponse, defaut: string): string => b.errors?.[0]?.message ?? defaut

/** Import form of the « Rapprochement bancaire » view: the statement goes to POST /api/rapprochements/releves. */
export function ImportReleve() {
  const [message, setMessage] = useState<{ ok: boolean; texte: string } | null>(null)
  const [enCours, setEnCours] = useState(false)
  const envoyer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    setEnCours(true)
    setMessage(null)
    const r = await fetch('/api/rapprochements/releves', { method: 'POST', credentials: 'include', body: new FormData(e.currentTarget) }).catch(() => null)
    const b = ((await r?.json().catch(() => ({}))) ?? {}) as Reponse
    setEnCours(false)
    if (!r?.ok) return setMessage({ ok: false, texte: erreurDe(b, 'Le relevé n’a pas pu être importé. Réessayez.') })
    setMessage({
      ok: true,
      texte: b.dejaImporte
        ? 'Ce relevé est déjà importé : rien n’a été ajouté.'
        : `${b.reprise ? 'Import interrompu repris : ' : ''}${b.nouvelles ?? 0} opération(s) nouvelle(s) : ${b.automatiques ?? 0} rapprochée(s) automatiquement, ${b.aConfirmer ?? 0} à confirmer, ${b.sansCorrespondance ?? 0} sans correspondance, ${b.debits ?? 0} débit(s) ; ${b.dejaConnues ?? 0} déjà connue(s).`,
    })
    window.setTimeout(() => window.location.reload(), 1500)
  }
  return (
    <form onSubmit={envoyer} style={{ margin: '16px 0 24px' }} data-import-releve>
      <label htmlFor="fichier-releve" style={{ display: 'block', fontWeight: 600, marginBottom: 6 }}>
        Importer un relevé (CAMT.053 ou CSV « date;libellé;montant;référence »)
      </label>
      <input id="fichier-releve" name="fichier" type="file" accept=".xml,.csv,.txt,application/xml,text/xml,text/csv" required />{' '}
      <button type="submit" className="btn btn--style-primary btn--size-small" disabled={enCours}>
        {enCours ? 'Import en cours…' : 'Importer'}
      </button>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} style={{ color: message.ok ? 'inherit' : '#b42318' }}>
          {message.texte}
        </p>
      ) : null}
    </form>
  )
}

/** « Confirmer » one candidate or « Rejeter » the credit, in one click (POST /api/operations-bancaires/:id/…). */
export function DecisionOperation({ id, candidats }: { id: number; candidats: { index: number; libelle: string }[] }) {
  const [message, setMessage] = useState<string | null>(null)
  const [enCours, setEnCours] = useState(false)
  const decider = async (chemin: 'confirmer' | 'rejeter', corps: Record<string, unknown>) => {
    setEnCours(true)
    setMessage(null)
    const r = await fetch(`/api/operations-bancaires/${id}/${chemin}`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(corps) }).catch(() => null)
    const b = ((await r?.json().catch(() => ({}))) ?? {}) as Reponse
    if (r?.ok) return window.location.reload()
    setEnCours(false)
    setMessage(erreurDe(b, 'La décision n’a pas pu être enregistrée. Réessayez.'))
  }
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      {candidats.map((c) => (
        <button key={c.index} type="button" className="btn btn--style-primary btn--size-small" disabled={enCours} onClick={() => decider('confirmer', { candidat: c.index })} style={{ margin: 0 }}>
          Confirmer {c.libelle}
        </button>
      ))}
      <button type="button" className="btn btn--style-secondary btn--size-small" disabled={enCours} onClick={() => decider('rejeter', {})} style={{ margin: 0 }}>
        Rejeter
      </button>
      {message ? (
        <p role="alert" style={{ color: '#b42318', width: '100%' }}>
          {message}
        </p>
      ) : null}
    </div>
  )
}
