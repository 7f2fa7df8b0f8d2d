import type { ReactNode } from 'react'
import { expliquerEstimation, type ExplicationEstimation } from '@/src/domain/funding/explication'

const MARQUEURS = { estime: 'data-montant-estime', reste: 'data-reste', demande: 'data-montant-demande' } as const

/**
 * One box for the funding estimate, whatever its state: the sentence and the reservations come
 * from `expliquerEstimation` (src/domain/funding), so the saved estimate and the live one while
 * typing can never say two different things.
 */
export function BlocEstimation({ explication: x, titre = 'Estimation du financement', ...attributs }: { explication: ExplicationEstimation; titre?: string } & Record<`data-${string}`, string>) {
  return (
    <section aria-labelledby="titre-estimation" className="alerte alerte-info" aria-live="polite" data-estimation={x.etat} {...attributs}>
      <h2 id="titre-estimation" style={{ marginTop: 0 }}>{titre}</h2>
      <p data-explication>
        {x.morceaux.map((m, i) =>
          m.montant ? (
            <strong key={i} className="montant" {...{ [MARQUEURS[m.montant]]: '' }}>
              {m.texte}
            </strong>
          ) : (
            <span key={i}>{m.texte}</span>
          ),
        )}
      </p>
      {x.avertissements.length ? (
        <ul>
          {x.avertissements.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      ) : null}
      {x.etat === 'estimee' ? <p className="aide">Estimation indicative selon les règles de l’OPCO ; le montant définitif est celui que l’OPCO accorde.</p> : null}
    </section>
  )
}

/** The funding estimate the server computed at the last save (never computed in the browser). */
export function Estimation({ dossier }: { dossier: { montantEstime?: number | null; coutTotalHT?: number | null; estimationFinancement?: unknown } }): ReactNode {
  return <BlocEstimation explication={expliquerEstimation(dossier)} />
}
