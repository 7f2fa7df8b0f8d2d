'use client'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { lireSaisieEuros } from '@/src/domain/money'
import { expliquerEstimation } from '@/src/domain/funding/explication'
import { BlocEstimation } from './Estimation'

interface Resultat {
  montantEstime: number | null
  estimationFinancement: unknown
}

/**
 * The funding estimate while the cost is being typed: the server computes it with the same rules
 * as on save (POST /api/dossiers/:id/estimation, nothing written); the browser only parses the
 * amount to send it in cents. Without JavaScript, the estimate shown after saving remains.
 * The live result takes the place of the saved one (`children`): one box, never two that disagree.
 */
export function EstimationDirecte({ dossierId, formulaire, children }: { dossierId: string | number; formulaire: string; children?: ReactNode }) {
  const [resultat, setResultat] = useState<Resultat | null>(null)
  const [cout, setCout] = useState<number | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const dernier = useRef(0)

  useEffect(() => {
    // Delegated: the form is re-mounted after a server-side error (a new input element).
    const selecteur = `form[data-formulaire="${formulaire}"] [name="coutTotalHT"]`
    let minuterie: ReturnType<typeof setTimeout> | undefined
    const calculer = (champ: HTMLInputElement) => {
      const saisie = champ.value
      if (saisie.trim() === '') {
        setResultat(null)
        setMessage(null)
        return
      }
      const lu = lireSaisieEuros(saisie)
      if (!lu.ok || lu.centimes === null) {
        setResultat(null)
        setMessage(lu.ok ? null : lu.message)
        return
      }
      const centimes = lu.centimes
      const numero = ++dernier.current
      setCout(centimes)
      fetch(`/api/dossiers/${encodeURIComponent(String(dossierId))}/estimation`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ coutTotalHT: centimes }),
      })
        .then(async (r) => {
          const corps = (await r.json().catch(() => ({}))) as Resultat & { errors?: { message?: string }[] }
          if (numero !== dernier.current) return
          if (!r.ok) {
            setResultat(null)
            setMessage(corps.errors?.[0]?.message ?? 'Estimation indisponible pour le moment.')
            return
          }
          setMessage(null)
          setResultat(corps)
        })
        .catch(() => numero === dernier.current && setMessage('Estimation indisponible pour le moment.'))
    }
    const surSaisie = (ev: Event) => {
      const champ = ev.target
      if (!(champ instanceof HTMLInputElement) || !champ.matches(selecteur)) return
      clearTimeout(minuterie)
      minuterie = setTimeout(() => calculer(champ), 300)
    }
    document.addEventListener('input', surSaisie)
    return () => {
      clearTimeout(minuterie)
      document.removeEventListener('input', surSaisie)
    }
  }, [dossierId, formulaire])

  if (!resultat && !message) return <>{children}</>
  return (
    <div data-estimation-directe>
      {message ? (
        <p className="alerte alerte-info" role="status">
          {message}
        </p>
      ) : null}
      {resultat ? (
        <BlocEstimation
          titre="Estimation pendant la saisie"
          explication={expliquerEstimation({ montantEstime: resultat.montantEstime, coutTotalHT: cout, estimationFinancement: resultat.estimationFinancement })}
        />
      ) : (
        children
      )}
    </div>
  )
}
