'use client'
/**
 * Signing the convention (issue 17, item 5), phone first: read the PDF, receive a 6-digit code by
 * e-mail, draw the signature with a finger or the mouse (or type one's name), consent, sign.
 * The server checks everything again (src/services/signatureConvention.ts).
 */
import React, { useCallback, useEffect, useRef, useState } from 'react'

interface Infos {
  dossier: { reference: string | null; formation: string | null; typeFormation: string | null }
  statut: string
  vous: { libelleRole: string; nom: string; prenom: string; fonction: string; signeLe: string | null; codeEnvoye: boolean }
  signataires: { libelleRole: string; nom: string; prenom: string; fonction: string; signe: boolean }[]
  sha256Original: string
  dernierJourSalarie: string | null
}

const message = async (r: Response): Promise<string> => {
  const b = (await r.json().catch(() => ({}))) as { message?: string; errors?: { message?: string }[] }
  return b.errors?.[0]?.message ?? b.message ?? `Erreur ${r.status}.`
}

const jjmmaaaa = (jour: string) => jour.split('-').reverse().join('/')

function Dessin({ onChange }: { onChange: (dataUrl: string | null) => void }) {
  const ref = useRef<HTMLCanvasElement>(null)
  const trace = useRef(false)
  const dessine = useRef(false)

  useEffect(() => {
    const c = ref.current
    if (!c) return
    const largeur = Math.min(560, c.parentElement?.clientWidth ?? 320)
    c.width = largeur
    c.height = 170
    const ctx = c.getContext('2d')!
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, c.width, c.height)
    ctx.lineWidth = 2.5
    ctx.lineCap = 'round'
    ctx.lineJoin = 'round'
    ctx.strokeStyle = '#111'
  }, [])

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect()
    return { x: ((e.clientX - r.left) * e.currentTarget.width) / r.width, y: ((e.clientY - r.top) * e.currentTarget.height) / r.height }
  }
  const debut = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault()
    e.currentTarget.setPointerCapture?.(e.pointerId)
    trace.current = true
    const ctx = e.currentTarget.getContext('2d')!
    const p = point(e)
    ctx.beginPath()
    ctx.moveTo(p.x, p.y)
  }
  const bouge = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!trace.current) return
    const ctx = e.currentTarget.getContext('2d')!
    const p = point(e)
    ctx.lineTo(p.x, p.y)
    ctx.stroke()
    dessine.current = true
  }
  const fin = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!trace.current) return
    trace.current = false
    if (dessine.current) onChange(e.currentTarget.toDataURL('image/png'))
  }
  const effacer = () => {
    const c = ref.current
    if (!c) return
    const ctx = c.getContext('2d')!
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, c.width, c.height)
    dessine.current = false
    onChange(null)
  }
  return (
    <div className="signature-dessin">
      <canvas
        ref={ref}
        data-testid="signature-canvas"
        aria-label="Zone de signature : dessinez votre signature avec le doigt ou la souris"
        role="img"
        style={{ border: '1px solid #888', borderRadius: 6, touchAction: 'none', width: '100%', maxWidth: 560, height: 170, background: '#fff', display: 'block' }}
        onPointerDown={debut}
        onPointerMove={bouge}
        onPointerUp={fin}
        onPointerLeave={fin}
      />
      <button type="button" className="bouton-secondaire" onClick={effacer} style={{ marginTop: 8 }}>
        Effacer
      </button>
    </div>
  )
}

export function SignatureConvention({ jeton }: { jeton: string }) {
  const [infos, setInfos] = useState<Infos | null>(null)
  const [erreurLien, setErreurLien] = useState<string | null>(null)
  const [etape, setEtape] = useState<'code' | 'signer' | 'fini'>('code')
  const [note, setNote] = useState<string | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [mode, setMode] = useState<'dessin' | 'saisie'>('dessin')
  const [dessin, setDessin] = useState<string | null>(null)
  const [nomTape, setNomTape] = useState('')
  const [consentement, setConsentement] = useState(false)
  const [occupe, setOccupe] = useState(false)
  const base = `/api/signatures/${encodeURIComponent(jeton)}`

  const charger = useCallback(async () => {
    const r = await fetch(base, { cache: 'no-store' })
    if (!r.ok) return setErreurLien(await message(r))
    const i = (await r.json()) as Infos
    setInfos(i)
    if (i.vous.signeLe) setEtape('fini')
    else if (i.vous.codeEnvoye) setEtape('signer')
  }, [base])

  useEffect(() => {
    void charger().catch(() => setErreurLien('Impossible de charger la demande de signature.'))
  }, [charger])

  async function demanderCode() {
    setOccupe(true)
    setErreur(null)
    try {
      const r = await fetch(`${base}/code`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      if (!r.ok) return setErreur(await message(r))
      setNote(await message(r))
      setEtape('signer')
    } finally {
      setOccupe(false)
    }
  }

  async function signer(e: React.FormEvent) {
    e.preventDefault()
    setErreur(null)
    const signature = mode === 'dessin' ? dessin : nomTape.trim()
    if (!/^\d{6}$/.test(code.trim())) return setErreur('Saisissez le code à 6 chiffres reçu par e-mail.')
    if (!signature) return setErreur(mode === 'dessin' ? 'Dessinez votre signature dans le cadre.' : 'Tapez votre nom complet.')
    if (!consentement) return setErreur('Cochez la case de consentement pour signer.')
    setOccupe(true)
    try {
      const r = await fetch(`${base}/signer`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: code.trim(), signature, consentement: true }) })
      if (!r.ok) return setErreur(await message(r))
      setNote(await message(r))
      setEtape('fini')
      await charger().catch(() => undefined)
    } finally {
      setOccupe(false)
    }
  }

  if (erreurLien) {
    return (
      <>
        <h1>Signature de la convention</h1>
        <p className="erreur" role="alert" data-testid="signature-erreur">
          {erreurLien}
        </p>
      </>
    )
  }
  if (!infos) return <p>Chargement de la convention…</p>

  return (
    <>
      <h1>Signer la convention</h1>
      <div className="carte">
        <p>
          Dossier <strong>{infos.dossier.reference ?? '—'}</strong> : {infos.dossier.formation ?? '—'}
        </p>
        <p data-testid="signature-vous">
          Vous signez en tant que <strong>{infos.vous.libelleRole}</strong> : {infos.vous.prenom} {infos.vous.nom}, {infos.vous.fonction}.
        </p>
        {infos.dernierJourSalarie ? (
          <p>
            Votre signature est votre décision : vous pouvez signer jusqu’au <strong>{jjmmaaaa(infos.dernierJourSalarie)}</strong> inclus. Sans signature, la demande devient caduque (article R6313-8 du code du travail).
          </p>
        ) : null}
        <ul className="liste-signataires">
          {infos.signataires.map((s, i) => (
            <li key={i}>
              {s.libelleRole} : {s.prenom} {s.nom} — {s.signe ? 'a signé' : 'n’a pas encore signé'}
            </li>
          ))}
        </ul>
      </div>

      <div className="carte">
        <h2>La convention</h2>
        <p>
          <a href={`${base}/pdf`} target="_blank" rel="noopener noreferrer" data-testid="lien-pdf">
            Ouvrir la convention (PDF)
          </a>{' '}
          — lisez-la entièrement avant de signer.
        </p>
        <object data={`${base}/pdf`} type="application/pdf" title="Convention à signer" style={{ width: '100%', height: 420, border: '1px solid #ddd' }}>
          <p>Votre navigateur n’affiche pas le PDF ici : utilisez le lien ci-dessus.</p>
        </object>
        <p style={{ fontSize: '0.8em', wordBreak: 'break-all' }}>Empreinte SHA-256 du document : {infos.sha256Original}</p>
      </div>

      {note ? (
        <p className="succes" role="status" data-testid="signature-message">
          {note}
        </p>
      ) : null}
      {erreur ? (
        <p className="erreur" role="alert" data-testid="signature-erreur">
          {erreur}
        </p>
      ) : null}

      {etape === 'fini' ? (
        <div className="carte" data-testid="signature-terminee">
          <p>Votre signature est enregistrée. Vous recevrez la convention signée par toutes les parties auprès de l’équipe MonOPCO.</p>
        </div>
      ) : (
        <div className="carte">
          <h2>1. Recevoir mon code</h2>
          <p>Un code à 6 chiffres vous est envoyé par e-mail, à l’adresse qui a reçu ce lien. Il est valable 10 minutes.</p>
          <button type="button" data-action="envoyer-code" onClick={() => void demanderCode()} disabled={occupe}>
            {etape === 'signer' ? 'Recevoir un nouveau code' : 'Recevoir mon code par e-mail'}
          </button>
          {etape === 'signer' ? (
            <form onSubmit={(e) => void signer(e)} noValidate style={{ marginTop: 16 }}>
              <h2>2. Signer</h2>
              <label htmlFor="code-signature">Code reçu par e-mail</label>
              <input id="code-signature" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
              <fieldset style={{ border: 0, padding: 0, marginTop: 12 }}>
                <legend>Votre signature</legend>
                <label>
                  <input type="radio" name="mode" checked={mode === 'dessin'} onChange={() => setMode('dessin')} /> La dessiner
                </label>{' '}
                <label>
                  <input type="radio" name="mode" checked={mode === 'saisie'} onChange={() => setMode('saisie')} data-testid="mode-saisie" /> Taper mon nom
                </label>
              </fieldset>
              {mode === 'dessin' ? (
                <Dessin onChange={setDessin} />
              ) : (
                <>
                  <label htmlFor="nom-signature">Nom complet</label>
                  <input id="nom-signature" value={nomTape} maxLength={120} onChange={(e) => setNomTape(e.target.value)} />
                </>
              )}
              <p style={{ marginTop: 12 }}>
                <label>
                  <input id="consentement" type="checkbox" checked={consentement} onChange={(e) => setConsentement(e.target.checked)} /> J’ai lu la convention et je la signe électroniquement.
                </label>
              </p>
              <button type="submit" data-action="signer" disabled={occupe}>
                Signer la convention
              </button>
            </form>
          ) : null}
        </div>
      )}
    </>
  )
}
