'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type Ref } from 'react'
import {
  champVisible,
  construireParametres,
  libelleChemin,
  type ActionDecrite,
  type ChampAction,
} from '@/src/domain/formulairesActions'
import { confirmationDe } from '@/src/domain/workflow/confirmations'
import { StatutBadge } from './StatutBadge'

type Reponse = { status?: string; libelleStatut?: string; actions?: ActionDecrite[]; errors?: { message?: string }[] }
type Erreur = { message: string; manquants: string[] }

const carte: CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 6,
  padding: 14,
  marginBottom: 24,
  background: 'var(--theme-elevation-0)',
}
const libelleStyle: CSSProperties = { display: 'block', fontSize: 13, fontWeight: 600, marginBottom: 4, color: 'var(--theme-elevation-800)' }
const saisie: CSSProperties = {
  width: '100%',
  boxSizing: 'border-box',
  padding: '7px 9px',
  border: '1px solid var(--theme-elevation-250)',
  borderRadius: 4,
  background: 'var(--theme-input-bg, var(--theme-elevation-0))',
  color: 'var(--theme-text)',
  fontSize: 14,
  fontFamily: 'inherit',
}
const COULEURS_BOUTON: Record<ActionDecrite['style'], CSSProperties> = {
  principale: { background: 'var(--theme-elevation-900)', color: 'var(--theme-elevation-0)', border: '1px solid var(--theme-elevation-900)' },
  secondaire: { background: 'var(--theme-elevation-0)', color: 'var(--theme-elevation-900)', border: '1px solid var(--theme-elevation-400)' },
  danger: { background: 'var(--theme-elevation-0)', color: '#b42318', border: '1px solid #e4a09a' },
}
const bouton = (style: ActionDecrite['style'], desactive: boolean): CSSProperties => ({
  ...COULEURS_BOUTON[style],
  padding: '7px 12px',
  borderRadius: 4,
  fontSize: 14,
  fontWeight: 600,
  cursor: desactive ? 'wait' : 'pointer',
  opacity: desactive ? 0.6 : 1,
  textAlign: 'left',
  width: '100%',
  fontFamily: 'inherit',
})

function valeursInitiales(champs: ChampAction[]): Record<string, string> {
  return Object.fromEntries(champs.map((c) => [c.nom, c.defaut ?? '']))
}

function Champ({ champ, valeur, onChange, erreur }: { champ: ChampAction; valeur: string; onChange: (v: string) => void; erreur?: string }) {
  const id = `workflow-${champ.nom}`
  let controle
  if (champ.type === 'select') {
    controle = (
      <select id={id} name={champ.nom} value={valeur} onChange={(e) => onChange(e.target.value)} style={saisie}>
        <option value="">— Choisir —</option>
        {champ.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    )
  } else if (champ.type === 'textarea' || champ.type === 'liste') {
    controle = <textarea id={id} name={champ.nom} rows={3} value={valeur} onChange={(e) => onChange(e.target.value)} style={{ ...saisie, resize: 'vertical' }} />
  } else {
    controle = (
      <input
        id={id}
        name={champ.nom}
        type="text"
        inputMode={champ.type === 'montant' || champ.type === 'heures' ? 'decimal' : 'text'}
        placeholder={champ.type === 'montant' ? 'ex. : 1 200,00' : champ.type === 'heures' ? 'ex. : 14' : undefined}
        value={valeur}
        onChange={(e) => onChange(e.target.value)}
        style={saisie}
      />
    )
  }
  return (
    <div style={{ marginBottom: 10 }}>
      <label htmlFor={id} style={libelleStyle}>
        {champ.libelle}
        {champ.obligatoire ? ' *' : ''}
      </label>
      {controle}
      {champ.aide ? <div style={{ fontSize: 12, color: 'var(--theme-elevation-650)', marginTop: 3 }}>{champ.aide}</div> : null}
      {erreur ? <div style={{ fontSize: 12, color: '#b42318', marginTop: 3 }}>{erreur}</div> : null}
    </div>
  )
}

/**
 * Sidebar of a dossier: its status as a badge and the actions the signed-in user may fire now,
 * each with its small form, submitted to POST /api/dossiers/:id/transition. The server decides;
 * its French message (403/409/422, with what is missing) is shown and the typed values are kept.
 */
export function WorkflowPanel() {
  const { id } = useDocumentInfo()
  const [donnees, setDonnees] = useState<Reponse | null>(null)
  const [chargement, setChargement] = useState<string | null>(null)
  const [ouverte, setOuverte] = useState<ActionDecrite | null>(null)
  const [valeurs, setValeurs] = useState<Record<string, string>>({})
  const [erreursChamps, setErreursChamps] = useState<Record<string, string>>({})
  const [erreur, setErreur] = useState<Erreur | null>(null)
  const [enCours, setEnCours] = useState(false)
  // An irreversible action waiting for the « Oui » of the confirmation dialog.
  const [aConfirmer, setAConfirmer] = useState<{ action: ActionDecrite; saisies: Record<string, string> } | null>(null)
  const dialogue = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const d = dialogue.current
    if (aConfirmer && d && !d.open) d.showModal()
  }, [aConfirmer])

  const charger = useCallback(async () => {
    if (id === undefined || id === null) return
    try {
      const res = await fetch(`/api/dossiers/${id}/actions`, { credentials: 'include' })
      const body = (await res.json().catch(() => ({}))) as Reponse
      if (!res.ok) setChargement(body.errors?.[0]?.message ?? `Erreur ${res.status}.`)
      else {
        setDonnees(body)
        setChargement(null)
      }
    } catch {
      setChargement('Impossible de joindre le serveur.')
    }
  }, [id])

  useEffect(() => {
    void charger()
  }, [charger])

  if (id === undefined || id === null) {
    return (
      <div style={carte}>
        <div style={libelleStyle}>Workflow</div>
        <p style={{ margin: 0, fontSize: 13, color: 'var(--theme-elevation-650)' }}>Enregistrez le dossier pour accéder aux actions du workflow.</p>
      </div>
    )
  }

  const executer = async (action: ActionDecrite, saisies: Record<string, string>) => {
    const construit = construireParametres(action.champs, saisies)
    if (!construit.ok) {
      setErreursChamps(construit.erreurs)
      setErreur({ message: 'Corrigez les valeurs signalées.', manquants: [] })
      return
    }
    setErreursChamps({})
    setErreur(null)
    setEnCours(true)
    try {
      const res = await fetch(`/api/dossiers/${id}/transition`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: action.action, ...construit.parametres }),
      })
      const body = (await res.json().catch(() => ({}))) as { errors?: { message?: string; manquants?: string[] }[] }
      if (res.ok) {
        window.location.reload()
        return
      }
      const e = body.errors?.[0]
      setErreur({ message: e?.message ?? `Erreur ${res.status}.`, manquants: e?.manquants ?? [] })
      setEnCours(false)
    } catch {
      setErreur({ message: 'Impossible de joindre le serveur : réessayez.', manquants: [] })
      setEnCours(false)
    }
  }

  // Validate, send, invoice, cancel cannot be taken back: ask first (src/domain/workflow/confirmations.ts).
  const lancer = (action: ActionDecrite, saisies: Record<string, string>) => {
    if (confirmationDe(action.action)) setAConfirmer({ action, saisies })
    else void executer(action, saisies)
  }

  const ouvrir = (action: ActionDecrite) => {
    setErreur(null)
    setErreursChamps({})
    if (action.champs.length === 0) {
      setOuverte(null)
      lancer(action, {})
      return
    }
    setOuverte(action)
    setValeurs(valeursInitiales(action.champs))
  }

  // Not a <form>: the panel sits inside Payload's document form, which must never be submitted
  // (nor its document saved) from here. Enter in a one-line input confirms the action instead.
  const confirmer = () => {
    if (ouverte && !enCours) lancer(ouverte, valeurs)
  }
  const entree = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
      e.preventDefault()
      e.stopPropagation()
      confirmer()
    }
  }

  return (
    <div style={carte} className="workflow-panel" data-testid="workflow-panel">
      <div style={{ ...libelleStyle, marginBottom: 6 }}>Statut</div>
      <div style={{ marginBottom: 14 }}>{donnees ? <StatutBadge statut={donnees.status} /> : <span style={{ fontSize: 13 }}>…</span>}</div>
      {chargement ? <p style={{ fontSize: 13, color: '#b42318', margin: '0 0 8px' }}>{chargement}</p> : null}
      {donnees && (donnees.actions?.length ?? 0) === 0 ? (
        <p style={{ fontSize: 13, margin: 0, color: 'var(--theme-elevation-650)' }}>Aucune action ne vous est possible à ce statut.</p>
      ) : null}
      {donnees && (donnees.actions?.length ?? 0) > 0 ? (
        <>
          <div style={{ ...libelleStyle, marginBottom: 6 }}>Actions</div>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {donnees.actions!.map((a) => (
              <button
                key={a.action}
                type="button"
                data-action={a.action}
                disabled={enCours}
                onClick={() => ouvrir(a)}
                style={{ ...bouton(a.style, enCours), ...(ouverte?.action === a.action ? { outline: '2px solid var(--theme-elevation-400)', outlineOffset: 1 } : {}) }}
              >
                {enCours && (ouverte === null || ouverte.action === a.action) ? 'En cours…' : a.libelle}
              </button>
            ))}
          </div>
        </>
      ) : null}
      {ouverte ? (
        <div role="form" aria-label={ouverte.libelle} onKeyDown={entree} style={{ marginTop: 14, paddingTop: 12, borderTop: '1px solid var(--theme-elevation-150)' }} data-formulaire={ouverte.action}>
          <div style={{ fontWeight: 700, fontSize: 14, marginBottom: 10 }}>{ouverte.libelle}</div>
          {ouverte.champs
            .filter((c) => champVisible(c, valeurs))
            .map((c) => (
              <Champ key={c.nom} champ={c} valeur={valeurs[c.nom] ?? ''} erreur={erreursChamps[c.nom]} onChange={(v) => setValeurs((p) => ({ ...p, [c.nom]: v }))} />
            ))}
          <div style={{ display: 'flex', gap: 8, marginTop: 4 }}>
            <button type="button" onClick={confirmer} disabled={enCours} data-confirmer={ouverte.action} style={{ ...bouton(ouverte.style === 'danger' ? 'danger' : 'principale', enCours), width: 'auto' }}>
              {enCours ? 'En cours…' : 'Confirmer'}
            </button>
            <button type="button" disabled={enCours} onClick={() => { setOuverte(null); setErreur(null) }} style={{ ...bouton('secondaire', false), width: 'auto' }}>
              Fermer
            </button>
          </div>
        </div>
      ) : null}
      {aConfirmer ? <DialogueConfirmation ref={dialogue} action={aConfirmer.action} onFermer={() => setAConfirmer(null)} onConfirmer={() => {
        const { action, saisies } = aConfirmer
        dialogue.current?.close()
        setAConfirmer(null)
        void executer(action, saisies)
      }} /> : null}
      {erreur ? (
        <div role="alert" className="workflow-erreur" style={{ marginTop: 12, padding: '8px 10px', borderRadius: 4, background: '#fdecec', border: '1px solid #f2b8b8', color: '#8a1c1c', fontSize: 13 }}>
          {erreur.message}
          {erreur.manquants.length > 0 ? (
            <ul style={{ margin: '6px 0 0', paddingLeft: 18 }}>
              {erreur.manquants.map((m) => (
                <li key={m}>{libelleChemin(m, ouverte?.champs)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}

function DialogueConfirmation({ ref, action, onFermer, onConfirmer }: { ref: Ref<HTMLDialogElement>; action: ActionDecrite; onFermer: () => void; onConfirmer: () => void }) {
  const c = confirmationDe(action.action)!
  // A native modal <dialog>: focus trapped, Escape closes it (the `close` event), the page stays inert.
  return (
    <dialog
      ref={ref}
      onClose={onFermer}
      aria-labelledby="workflow-confirmation-titre"
      aria-describedby="workflow-confirmation-texte"
      data-confirmation={action.action}
      style={{ maxWidth: 440, border: '1px solid var(--theme-elevation-250)', borderRadius: 6, padding: 20, background: 'var(--theme-elevation-0)', color: 'var(--theme-text)' }}
    >
      <h2 id="workflow-confirmation-titre" style={{ fontSize: 18, margin: '0 0 8px' }}>{c.titre}</h2>
      <p id="workflow-confirmation-texte" style={{ fontSize: 14, margin: '0 0 16px' }}>{c.texte}</p>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <button type="button" data-confirmer-dialogue onClick={onConfirmer} style={{ ...bouton(action.style === 'danger' ? 'danger' : 'principale', false), width: 'auto' }}>
          {c.bouton}
        </button>
        <button type="button" autoFocus onClick={onFermer} style={{ ...bouton('secondaire', false), width: 'auto' }}>
          Ne rien faire
        </button>
      </div>
    </dialog>
  )
}
