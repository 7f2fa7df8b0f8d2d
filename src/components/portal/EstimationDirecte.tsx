'use client'
import { useEffect, useRef, useState } from 'react'
import { formaterEuros, parserEuros } from '../../domain/money'

interface Resultat {
  montantEstime: number | null
  estimationFinancement: { resteACharge?: number | null; avertissements?: string[]; manquants?: string[] } | null
}

/**
 * The funding estimate while the cost is being typed: the server computes it with the same rules
 * as on save (POST /api/dossiers/:id/estimation, nothing written); the browser only parses the
 * amount to send it in cents. Without JavaScript, the estimate shown after saving remains.
 */
export function EstimationDirecte({ dossierId, formulaire }: { dossierId: string | number; formulaire: string }) {
  const [resultat, setResultat] = useState<Resultat | null>(null)
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
      let centimes: number
      try {
        centimes = parserEuros(saisie)
      } catch (e) {
        setResultat(null)
        setMessage((e as Error).message)
        return
      }
      const numero = ++dernier.current
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

  if (!resultat && !message) return null
  const e = resultat?.estimationFinancement ?? null
  return (
    <section className="alerte alerte-info" aria-live="polite" data-estimation-directe aria-label="Estimation pendant la saisie">
      <h2 style={{ marginTop: 0 }}>Estimation pendant la saisie</h2>
      {message ? <p role="status">{message}</p> : null}
      {resultat && typeof resultat.montantEstime === 'number' ? (
        <p>
          Prise en charge estimée par l’OPCO : <strong className="montant" data-montant-estime>{formaterEuros(resultat.montantEstime)}</strong>
          {typeof e?.resteACharge === 'number' ? (
            <>
              {' '}· reste à charge de l’entreprise : <strong className="montant" data-reste>{formaterEuros(e.resteACharge)}</strong>
            </>
          ) : null}
        </p>
      ) : null}
      {resultat && typeof resultat.montantEstime !== 'number' ? (
        <p>{e?.manquants?.length ? `Pour estimer la prise en charge, il manque : ${e.manquants.join(', ')}.` : 'Aucune règle de l’OPCO ne s’applique : le montant sera fixé par l’OPCO.'}</p>
      ) : null}
      {e?.avertissements?.length ? (
        <ul>
          {e.avertissements.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
