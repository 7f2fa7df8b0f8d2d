'use client'
import { useEffect, useRef, useState } from 'react'

/**
 * Draw a signature with the mouse or a finger (pointer events on a canvas), or type one's name;
 * the trainer may instead declare the trainee absent or present n minutes. Sends
 * `POST /api/emargement/<jeton>` and shows the answer (French messages from the server).
 */
type Mode = 'dessin' | 'nom'
type Presence = 'present' | 'absent' | 'partiel'

export function SignatureEmargement({ jeton, role, signataire, dureeMinutes }: { jeton: string; role: 'stagiaire' | 'formateur'; signataire: string; dureeMinutes: number }) {
  const canvas = useRef<HTMLCanvasElement | null>(null)
  const trace = useRef(false)
  const [vide, setVide] = useState(true)
  const [mode, setMode] = useState<Mode>('dessin')
  const [nom, setNom] = useState('')
  const [presence, setPresence] = useState<Presence>('present')
  const [minutes, setMinutes] = useState('')
  const [envoi, setEnvoi] = useState(false)
  const [resultat, setResultat] = useState<{ ok: boolean; message: string } | null>(null)

  useEffect(() => {
    const c = canvas.current
    if (!c) return
    // Crisp lines on high-density screens: the bitmap follows the displayed size.
    const ratio = window.devicePixelRatio || 1
    const { width, height } = c.getBoundingClientRect()
    c.width = Math.round(width * ratio)
    c.height = Math.round(height * ratio)
    const ctx = c.getContext('2d')
    if (!ctx) return
    ctx.scale(ratio, ratio)
    ctx.lineWidth = 2.5
    ctx.lineCap = 'round'
    ctx.lineJoin = 'round'
    ctx.strokeStyle = '#111827'
  }, [mode])

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect()
    return { x: e.clientX - r.left, y: e.clientY - r.top }
  }
  const debut = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext('2d')
    if (!ctx) return
    e.currentTarget.setPointerCapture?.(e.pointerId)
    trace.current = true
    const p = point(e)
    ctx.beginPath()
    ctx.moveTo(p.x, p.y)
  }
  const suite = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!trace.current) return
    const ctx = e.currentTarget.getContext('2d')
    if (!ctx) return
    const p = point(e)
    ctx.lineTo(p.x, p.y)
    ctx.stroke()
    setVide(false)
  }
  const fin = () => {
    trace.current = false
  }
  const effacer = () => {
    const c = canvas.current
    const ctx = c?.getContext('2d')
    if (c && ctx) ctx.clearRect(0, 0, c.width, c.height)
    setVide(true)
  }

  const declaration = (): Record<string, unknown> => {
    if (role !== 'formateur') return {}
    if (presence === 'absent') return { absent: true }
    if (presence === 'partiel') return { minutes: Number(minutes) }
    return {}
  }

  const envoyer = async (e: React.FormEvent) => {
    e.preventDefault()
    setResultat(null)
    const corps: Record<string, unknown> = { ...declaration() }
    if (mode === 'nom') {
      if (nom.trim() === '') return setResultat({ ok: false, message: 'Tapez votre nom pour signer.' })
      corps.nom = nom
    } else if (!vide && canvas.current) {
      corps.signature = canvas.current.toDataURL('image/png')
    } else if (!('absent' in corps)) {
      return setResultat({ ok: false, message: 'Signez dans le cadre (avec la souris ou le doigt), ou choisissez « Taper mon nom ».' })
    }
    setEnvoi(true)
    try {
      const res = await fetch(`/api/emargement/${encodeURIComponent(jeton)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(corps) })
      const data = (await res.json().catch(() => ({}))) as { message?: string; errors?: { message?: string }[] }
      setResultat(res.ok ? { ok: true, message: data.message ?? 'Signature enregistrée.' } : { ok: false, message: data.errors?.[0]?.message ?? `Erreur ${res.status}.` })
    } catch {
      setResultat({ ok: false, message: 'Le serveur ne répond pas : vérifiez votre connexion et réessayez.' })
    } finally {
      setEnvoi(false)
    }
  }

  if (resultat?.ok) {
    return (
      <p className="alerte alerte-succes" role="status" data-testid="emargement-resultat">
        {resultat.message} Merci, vous pouvez fermer cette page.
      </p>
    )
  }

  return (
    <form className="carte" onSubmit={envoyer} data-testid="emargement-formulaire">
      {role === 'formateur' ? (
        <fieldset>
          <legend>Présence du stagiaire</legend>
          <label>
            <input type="radio" name="presence" value="present" checked={presence === 'present'} onChange={() => setPresence('present')} /> Présent toute la demi-journée
          </label>
          <br />
          <label>
            <input type="radio" name="presence" value="partiel" checked={presence === 'partiel'} onChange={() => setPresence('partiel')} data-testid="presence-partielle" /> Présent
            {' '}
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={dureeMinutes - 1}
              value={minutes}
              onChange={(e) => (setMinutes(e.target.value), setPresence('partiel'))}
              aria-label="Minutes de présence"
              style={{ width: '5rem' }}
              data-testid="minutes"
            />{' '}
            minutes (sur {dureeMinutes})
          </label>
          <br />
          <label>
            <input type="radio" name="presence" value="absent" checked={presence === 'absent'} onChange={() => setPresence('absent')} data-testid="stagiaire-absent" /> Stagiaire absent
          </label>
        </fieldset>
      ) : null}
      <p>
        <button type="button" className="bouton" aria-pressed={mode === 'dessin'} onClick={() => setMode('dessin')}>
          Dessiner ma signature
        </button>{' '}
        <button type="button" className="bouton" aria-pressed={mode === 'nom'} onClick={() => setMode('nom')} data-testid="mode-nom">
          Taper mon nom
        </button>
      </p>
      {mode === 'dessin' ? (
        <>
          <canvas
            ref={canvas}
            data-testid="signature-canvas"
            aria-label={`Cadre de signature de ${signataire}`}
            role="img"
            onPointerDown={debut}
            onPointerMove={suite}
            onPointerUp={fin}
            onPointerLeave={fin}
            onPointerCancel={fin}
            style={{ width: '100%', height: '180px', border: '2px dashed #94a3b8', borderRadius: 8, background: '#fff', touchAction: 'none', display: 'block' }}
          />
          <p>
            <button type="button" className="bouton" onClick={effacer}>
              Effacer
            </button>
          </p>
        </>
      ) : (
        <p>
          <label>
            Votre nom ({signataire})
            <br />
            <input type="text" value={nom} onChange={(e) => setNom(e.target.value)} maxLength={200} autoComplete="name" data-testid="nom-tape" style={{ width: '100%' }} />
          </label>
        </p>
      )}
      {resultat && !resultat.ok ? (
        <p className="alerte alerte-erreur" role="alert" data-testid="emargement-erreur">
          {resultat.message}
        </p>
      ) : null}
      <p>
        <button type="submit" className="bouton bouton-principal" disabled={envoi} data-testid="signer">
          {envoi ? 'Envoi…' : 'Signer'}
        </button>
      </p>
    </form>
  )
}
