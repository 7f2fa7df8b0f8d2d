'use client'
/**
 * Upload of a piece: drag and drop or file picker, type and size checked before sending
 * (the server checks the bytes again), progress bar, the server's French error shown as is.
 * Without JavaScript the same form posts to a server action.
 */
import { useRouter } from 'next/navigation'
import React, { useActionState, useRef, useState } from 'react'
import type { ActionFormulaire, EtatFormulaire } from './etat'

const TYPES_OK = ['application/pdf', 'image/png', 'image/jpeg']
const MAX = 10 * 1024 * 1024

export function DepotPiece({ dossier, action, types, typeParDefaut }: { dossier: number; action: ActionFormulaire; types: { valeur: string; libelle: string }[]; typeParDefaut?: string }) {
  const [etat, agir] = useActionState<EtatFormulaire, FormData>(action, { erreurs: {}, valeurs: {}, version: 0 })
  const [erreur, setErreur] = useState<string | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const [progres, setProgres] = useState<number | null>(null)
  const [survol, setSurvol] = useState(false)
  const fichierRef = useRef<HTMLInputElement>(null)
  const typeRef = useRef<HTMLSelectElement>(null)
  const router = useRouter()

  const verifier = (f: File | undefined): string | null => {
    if (!f) return 'Choisissez un fichier.'
    if (f.size === 0) return 'Le fichier est vide.'
    if (f.size > MAX) return `Le fichier fait ${(f.size / 1024 / 1024).toFixed(1).replace('.', ',')} Mo : 10 Mo au plus.`
    if (f.type && !TYPES_OK.includes(f.type)) return 'Format refusé : seuls les PDF, PNG et JPEG sont acceptés.'
    return null
  }

  const envoyer = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    setSucces(null)
    const f = fichierRef.current?.files?.[0]
    const pb = verifier(f)
    setErreur(pb)
    if (pb || !f) return
    const fd = new FormData()
    fd.append('file', f, f.name)
    fd.append('_payload', JSON.stringify({ dossier, documentType: typeRef.current?.value ?? 'devis' }))
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/documents')
    xhr.withCredentials = true
    xhr.upload.onprogress = (ev) => ev.lengthComputable && setProgres(Math.round((ev.loaded / ev.total) * 100))
    xhr.onerror = () => {
      setProgres(null)
      setErreur('La connexion a été interrompue : le fichier n’a pas été déposé. Réessayez.')
    }
    xhr.onload = () => {
      setProgres(null)
      if (xhr.status >= 200 && xhr.status < 300) {
        setSucces(`« ${f.name} » a été déposé.`)
        if (fichierRef.current) fichierRef.current.value = ''
        router.refresh()
        return
      }
      let message = `Le dépôt a échoué (code ${xhr.status}).`
      try {
        const corps = JSON.parse(xhr.responseText) as { errors?: { message?: string; data?: { errors?: { message?: string }[] } }[] }
        const err = corps.errors?.[0]
        message = err?.data?.errors?.[0]?.message ?? err?.message ?? message
      } catch {
        /* keep the generic message */
      }
      setErreur(message)
    }
    setProgres(0)
    xhr.send(fd)
  }

  const message = erreur ?? etat.message ?? etat.erreurs.file ?? null
  return (
    <form
      action={agir}
      onSubmit={envoyer}
      className={`depot${survol ? ' survol' : ''}`}
      onDragOver={(e) => {
        e.preventDefault()
        setSurvol(true)
      }}
      onDragLeave={() => setSurvol(false)}
      onDrop={(e) => {
        e.preventDefault()
        setSurvol(false)
        const f = e.dataTransfer.files?.[0]
        if (f && fichierRef.current) {
          const dt = new DataTransfer()
          dt.items.add(f)
          fichierRef.current.files = dt.files
          setErreur(verifier(f))
        }
      }}
      aria-label="Déposer une pièce"
      data-depot
    >
      <div className="champ">
        <label htmlFor="depot-type">Type de pièce</label>
        <select id="depot-type" name="documentType" ref={typeRef} defaultValue={typeParDefaut}>
          {types.map((t) => (
            <option key={t.valeur} value={t.valeur}>
              {t.libelle}
            </option>
          ))}
        </select>
      </div>
      <div className="champ">
        <label htmlFor="depot-fichier">Fichier (PDF, PNG ou JPEG, 10 Mo au plus) — ou glissez-le ici</label>
        <input id="depot-fichier" name="file" type="file" accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg" ref={fichierRef} onChange={(e) => setErreur(verifier(e.target.files?.[0]))} aria-describedby="depot-erreur" />
      </div>
      {progres !== null ? (
        <p>
          <label htmlFor="depot-progres">Envoi en cours : {progres} %</label>
          <progress id="depot-progres" max={100} value={progres} />
        </p>
      ) : null}
      <div id="depot-erreur" aria-live="polite">
        {message ? <p className="erreur-champ" role="alert">{message}</p> : null}
        {succes || etat.succes ? <p className="alerte alerte-succes">{succes ?? etat.succes}</p> : null}
      </div>
      <button type="submit" className="bouton bouton-principal" disabled={progres !== null}>
        Déposer
      </button>
    </form>
  )
}
