import { formaterEuros } from '../../domain/money'

/** The funding estimate the server computed at the last save (never computed in the browser). */
export function Estimation({ dossier }: { dossier: { montantEstime?: number | null; coutTotalHT?: number | null; estimationFinancement?: unknown } }) {
  const e = (dossier.estimationFinancement ?? null) as { resteACharge?: number | null; detail?: string[]; avertissements?: string[]; manquants?: string[] } | null
  if (typeof dossier.montantEstime !== 'number') {
    return (
      <section aria-labelledby="titre-estimation" className="alerte alerte-info" aria-live="polite">
        <h2 id="titre-estimation" style={{ marginTop: 0 }}>Estimation du financement</h2>
        <p>{e?.manquants?.length ? `Pour estimer la prise en charge, il manque : ${e.manquants.join(', ')}.` : 'L’estimation apparaît dès que le coût, la durée et l’entreprise sont renseignés.'}</p>
      </section>
    )
  }
  const reste = typeof e?.resteACharge === 'number' ? e.resteACharge : typeof dossier.coutTotalHT === 'number' ? Math.max(0, dossier.coutTotalHT - dossier.montantEstime) : null
  return (
    <section aria-labelledby="titre-estimation" className="alerte alerte-info" aria-live="polite" data-estimation>
      <h2 id="titre-estimation" style={{ marginTop: 0 }}>Estimation du financement</h2>
      <p>
        Prise en charge estimée par l’OPCO : <strong className="montant" data-montant-estime>{formaterEuros(dossier.montantEstime)}</strong>
        {reste !== null ? (
          <>
            {' '}· reste à charge de l’entreprise : <strong className="montant" data-reste>{formaterEuros(reste)}</strong>
          </>
        ) : null}
      </p>
      {e?.avertissements?.length ? (
        <ul>
          {e.avertissements.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      ) : null}
      <p className="aide">Estimation indicative selon les règles de l’OPCO ; le montant définitif est celui que l’OPCO accorde.</p>
    </section>
  )
}
