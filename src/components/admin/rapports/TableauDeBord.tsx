import type { Payload } from 'payload'
import { listesATraiter, type DossierATraiter } from '@/src/services/rapports/aTraiter'
import { calculerStatistiques } from '@/src/services/rapports/statistiques'
import { facturesEnRetardPrevision } from '@/src/services/previsionPaiement'
import { echeancesTableauDeBord, type EcheanceProche } from '@/src/services/echeances'
import { libelleJoursRestants } from '@/src/domain/echeances'
import { formaterEuros } from '@/src/domain/money'
import { env } from '@/src/config/env'
import { formaterDateFr } from '@/src/domain/dates'
import { FiltreInvalideError, lireFiltresRapport, type FiltresRapport } from '@/src/domain/reports/filtres'
import { carte, FormulaireFiltres, Graphiques, nombre, td, th, Tuiles } from './blocs'

type Recherche = Record<string, string | string[] | undefined> | undefined

/** Query string of the page → validated filters; the current year by default. */
export function filtresDePage(searchParams: Recherche, maintenant = new Date()): { filtres: FiltresRapport; erreur: string | null } {
  const brut = Object.fromEntries(['du', 'au', 'opco'].map((k) => [k, typeof searchParams?.[k] === 'string' ? searchParams[k] : undefined]))
  const defaut = { du: `${maintenant.getUTCFullYear()}-01-01`, au: maintenant.toISOString().slice(0, 10) }
  try {
    const f = lireFiltresRapport({ ...brut, du: brut.du || defaut.du, au: brut.au || defaut.au })
    return { filtres: f, erreur: null }
  } catch (err) {
    if (err instanceof FiltreInvalideError) return { filtres: defaut, erreur: err.message }
    throw err
  }
}

const jour = (v: string | null) => {
  if (!v) return '—'
  try {
    return formaterDateFr(v)
  } catch {
    return '—'
  }
}

function ListeATraiter({ titre, id, dossiers, libelleDate }: { titre: string; id: string; dossiers: DossierATraiter[]; libelleDate: string }) {
  return (
    <div style={carte} data-a-traiter={id}>
      <h4 style={{ margin: '0 0 8px' }}>
        {titre} <span style={{ color: 'var(--theme-elevation-600)', fontWeight: 400 }}>({dossiers.length}{dossiers.length === 10 ? '+' : ''})</span>
      </h4>
      {dossiers.length === 0 ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-600)' }}>Rien à traiter.</p>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {dossiers.map((d) => (
            <li key={d.id} style={{ marginBottom: 4 }}>
              <a href={`/admin/collections/dossiers/${d.id}`} style={{ fontWeight: 600 }}>
                {d.reference ?? `#${d.id}`}
              </a>{' '}
              — {d.beneficiaire}
              {d.opco ? ` · ${d.opco}` : ''} · {libelleDate} {jour(d.date)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/**
 * « Factures en retard »: open OPCO invoices past their « au plus tard » date (80th percentile of
 * their OPCO's observed payment delays, src/domain/facturation/previsionPaiement.ts), now and
 * whatever the period, most late first.
 */
function FacturesEnRetard({ total, factures }: Awaited<ReturnType<typeof facturesEnRetardPrevision>>) {
  return (
    <div style={{ ...carte, marginBottom: 16 }} data-testid="factures-en-retard">
      <h4 style={{ margin: '0 0 8px' }}>
        Factures en retard sur la prévision de paiement <span style={{ color: 'var(--theme-elevation-600)', fontWeight: 400 }}>({total})</span>
      </h4>
      {factures.length === 0 ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-600)' }}>Aucune facture en retard.</p>
      ) : (
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={th}>Facture</th>
              <th style={th}>OPCO</th>
              <th style={{ ...th, textAlign: 'right' }}>Montant TTC</th>
              <th style={th}>Émise le</th>
              <th style={th}>Paiement prévu le</th>
              <th style={th}>Au plus tard le</th>
              <th style={{ ...th, textAlign: 'right' }}>Jours de retard</th>
            </tr>
          </thead>
          <tbody>
            {factures.map((f) => (
              <tr key={f.facture} data-facture={f.facture}>
                <td style={td}>
                  <a href={`/admin/collections/invoices/${f.facture}`}>{f.numero ?? `#${f.facture}`}</a>
                </td>
                <td style={td}>{f.nomOpco ?? 'Sans OPCO'}</td>
                <td style={nombre}>{formaterEuros(f.montant)}</td>
                <td style={td}>{jour(f.jourEmission)}</td>
                <td style={td}>{jour(f.datePrevue)}</td>
                <td style={td}>{jour(f.dateAuPlusTard)}</td>
                <td style={nombre}>{f.joursRetard}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > factures.length ? <p style={{ margin: '8px 0 0', color: 'var(--theme-elevation-600)' }}>Les {factures.length} plus en retard sur {total}.</p> : null}
    </div>
  )
}

/** One of the « Échéances » lists (src/services/echeances.ts): dossier, OPCO, deadline, date, days left. */
function ListeEcheances({ titre, id, echeances }: { titre: string; id: string; echeances: EcheanceProche[] }) {
  return (
    <div style={carte} data-echeances={id}>
      <h4 style={{ margin: '0 0 8px' }}>
        {titre} <span style={{ color: 'var(--theme-elevation-600)', fontWeight: 400 }}>({echeances.length})</span>
      </h4>
      {echeances.length === 0 ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-600)' }}>Aucune échéance.</p>
      ) : (
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={th}>Dossier</th>
              <th style={th}>OPCO</th>
              <th style={th}>Échéance</th>
              <th style={th}>Date</th>
              <th style={{ ...th, textAlign: 'right' }}>Jours restants</th>
            </tr>
          </thead>
          <tbody>
            {echeances.map((p) => (
              <tr key={`${p.dossier}-${p.echeance.type}`} data-dossier={p.dossier} data-type={p.echeance.type}>
                <td style={td}>
                  <a href={`/admin/collections/dossiers/${p.dossier}`}>{p.reference ?? `#${p.dossier}`}</a>
                </td>
                <td style={td}>
                  {p.nomOpco}
                  {p.aVerifier ? <span title="Délais indicatifs, non vérifiés auprès de l’OPCO" style={{ color: 'var(--theme-elevation-600)' }}> (à vérifier)</span> : null}
                </td>
                <td style={td}>{p.echeance.libelle}</td>
                <td style={td}>{jour(p.echeance.date)}</td>
                <td style={{ ...nombre, ...(p.echeance.joursRestants === 0 ? { color: '#b00020', fontWeight: 600 } : {}) }} title={libelleJoursRestants(p.echeance)}>
                  {p.echeance.joursRestants}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/**
 * Admin home (before Payload's collection cards): KPI tiles, charts and the « à traiter
 * aujourd'hui » lists, all from SQL aggregates (src/services/rapports). Admins only.
 */
export async function TableauDeBord({ payload, user, searchParams }: { payload: Payload; user?: { role?: string } | null; searchParams?: Recherche }) {
  if (user?.role !== 'admin') return null
  const { filtres, erreur } = filtresDePage(searchParams)
  const { relances } = env().emails
  const [s, listes, opcos, enRetard, echeances] = await Promise.all([
    calculerStatistiques(payload, filtres),
    listesATraiter(payload, { opcoJours: relances.opcoJours, debutJours: relances.debutFormationJours, opco: filtres.opco }),
    payload.find({ collection: 'opcos', limit: 50, depth: 0, sort: 'nom', pagination: false, overrideAccess: true }),
    facturesEnRetardPrevision(payload),
    echeancesTableauDeBord(payload),
  ])
  return (
    <section id="tableau-de-bord" style={{ marginBottom: 32 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', flexWrap: 'wrap', gap: 12 }}>
        <h2 style={{ margin: 0 }}>Tableau de bord</h2>
        <nav style={{ display: 'flex', gap: 16 }}>
          <a href="/admin/rapports">Rapports mensuels et annuels</a>
          <a href="/admin/paiements">Paiements attendus et reçus</a>
          <a href="/admin/collections/exports">Exports</a>
        </nav>
      </div>
      <FormulaireFiltres action="/admin" du={filtres.du} au={filtres.au} opco={filtres.opco} opcos={opcos.docs.map((o) => ({ id: o.id, nom: String(o.nom) }))} />
      {erreur ? (
        <p role="alert" style={{ color: '#b00020' }}>
          {erreur} Période par défaut affichée.
        </p>
      ) : null}
      <h3 style={{ margin: '8px 0' }}>À traiter aujourd’hui</h3>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 12, marginBottom: 16 }}>
        <ListeATraiter id="a-revoir" titre="Dossiers à examiner" dossiers={listes.aRevoir} libelleDate="soumis le" />
        <ListeATraiter id="opco-en-retard" titre={`OPCO sans réponse depuis ${relances.opcoJours} jours`} dossiers={listes.opcoEnRetard} libelleDate="envoyé le" />
        <ListeATraiter id="debut-proche" titre={`Formation dans ${relances.debutFormationJours} jours, non envoyée`} dossiers={listes.debutProche} libelleDate="début le" />
        {/* Anomalies: detected by src/services/anomalies.ts, listed on its own admin view. */}
        <div style={carte} data-a-traiter="anomalies">
          <h4 style={{ margin: '0 0 8px' }}>Anomalies</h4>
          <p style={{ margin: 0 }}>
            <a href="/admin/anomalies">Voir les anomalies détectées sur les dossiers</a>
          </p>
        </div>
      </div>
      <FacturesEnRetard {...enRetard} />
      {/* Each OPCO's deadlines (src/domain/echeances.ts), still to meet: the first list is within the second. */}
      <h3 style={{ margin: '8px 0' }}>Échéances</h3>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 12, marginBottom: 16 }}>
        <ListeEcheances id="7" titre="Dans les 7 jours" echeances={echeances.sept} />
        <ListeEcheances id="30" titre="Dans les 30 jours" echeances={echeances.trente} />
      </div>
      <h3 style={{ margin: '8px 0' }}>Indicateurs de la période</h3>
      <Tuiles s={s} />
      <Graphiques s={s} />
    </section>
  )
}
