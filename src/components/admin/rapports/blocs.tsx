import type { Statistiques } from '@/src/services/rapports/statistiques'
import { formaterEuros } from '@/src/domain/money'
import { LIBELLES_STATUT, STATUTS_DOSSIER } from '@/src/domain/statuts'
import { LIBELLES_MONTANTS, type MontantsDossier } from '@/src/domain/reports/montants'
import { barresHorizontales, formaterJours, formaterTaux, histogramme, libelleMois } from '@/src/domain/reports/graphiques'

export const carte = { border: '1px solid var(--theme-elevation-150)', borderRadius: 6, padding: '12px 14px', background: 'var(--theme-elevation-0)' } as const
export const th = { textAlign: 'left', padding: '8px 10px', fontSize: 13, fontWeight: 600, color: 'var(--theme-elevation-600)', borderBottom: '1px solid var(--theme-elevation-150)', whiteSpace: 'nowrap' } as const
export const td = { padding: '8px 10px', fontSize: 14, borderBottom: '1px solid var(--theme-elevation-100)' } as const
export const nombre = { ...td, textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const

function Tuile({ titre, valeur, detail, id }: { titre: string; valeur: string; detail?: string; id: string }) {
  return (
    <div style={carte} data-kpi={id}>
      <div style={{ fontSize: 12, color: 'var(--theme-elevation-600)', textTransform: 'uppercase', letterSpacing: 0.3 }}>{titre}</div>
      <div style={{ fontSize: 24, fontWeight: 700, marginTop: 4 }} data-valeur>
        {valeur}
      </div>
      {detail ? <div style={{ fontSize: 12, color: 'var(--theme-elevation-600)', marginTop: 2 }}>{detail}</div> : null}
    </div>
  )
}

/** KPI tiles: the figures of the period, formatted the French way. */
export function Tuiles({ s }: { s: Statistiques }) {
  const evolution = s.soumis.moisCourant - s.soumis.moisPrecedent
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: 12 }}>
      <Tuile id="dossiers" titre="Dossiers (période)" valeur={String(s.totalDossiers)} detail={`${s.soumis.periode} soumis sur la période`} />
      <Tuile id="soumis-mois" titre="Soumis ce mois-ci" valeur={String(s.soumis.moisCourant)} detail={`${s.soumis.moisPrecedent} le mois dernier (${evolution >= 0 ? '+' : ''}${evolution})`} />
      <Tuile id="taux-validation" titre="Taux de validation" valeur={formaterTaux(s.validation.taux)} detail={`${s.validation.valides} validés / ${s.validation.soumis} soumis`} />
      <Tuile id="taux-acceptation" titre="Acceptation OPCO" valeur={formaterTaux(s.acceptationOpco.taux)} detail={`${s.acceptationOpco.acceptes} acceptés, ${s.acceptationOpco.refuses} refusés`} />
      <Tuile id="delai-validation" titre="Soumission → validation" valeur={formaterJours(s.delais.soumissionValidation.moyenneJours)} detail={`moyenne sur ${s.delais.soumissionValidation.nombre} dossiers`} />
      <Tuile id="delai-envoi" titre="Validation → envoi OPCO" valeur={formaterJours(s.delais.validationEnvoi.moyenneJours)} detail={`moyenne sur ${s.delais.validationEnvoi.nombre} dossiers`} />
      <Tuile id="delai-reponse" titre="Envoi → réponse OPCO" valeur={formaterJours(s.delais.envoiReponse.moyenneJours)} detail={`moyenne sur ${s.delais.envoiReponse.nombre} dossiers`} />
      <Tuile id="delai-paiement" titre="Réponse → paiement" valeur={formaterJours(s.delais.reponsePaiement.moyenneJours)} detail={`moyenne sur ${s.delais.reponsePaiement.nombre} dossiers`} />
      {/* One definition per figure (src/domain/reports/montants.ts): dossiers created in the period. */}
      <Tuile id="montant-demande" titre={LIBELLES_MONTANTS.demande} valeur={formaterEuros(s.montants.demande)} detail="dossiers créés sur la période" />
      <Tuile id="montant-valide" titre={LIBELLES_MONTANTS.valide} valeur={formaterEuros(s.montants.valide)} detail="accords de l’OPCO" />
      <Tuile id="montant-du-opco" titre={LIBELLES_MONTANTS.duOpco} valeur={formaterEuros(s.montants.duOpco)} detail="le validé, ou ses factures une fois facturé" />
      <Tuile id="montant-paye-opco" titre={LIBELLES_MONTANTS.payeOpco} valeur={formaterEuros(s.montants.payeOpco)} detail="dans la limite du dû" />
      <Tuile id="montant-reste-du" titre={LIBELLES_MONTANTS.resteDu} valeur={formaterEuros(s.montants.resteDu)} />
      <Tuile id="montant-paye-entreprise" titre={LIBELLES_MONTANTS.payeEntreprise} valeur={formaterEuros(s.montants.payeEntreprise)} />
      {s.montants.tropPercu > 0 ? (
        <Tuile id="montant-trop-percu" titre={LIBELLES_MONTANTS.tropPercu} valeur={formaterEuros(s.montants.tropPercu)} detail="versé au-delà du dû : voir Paiements" />
      ) : null}
      <Tuile id="retards" titre="Paiements en retard" valeur={String(s.retards.nombre)} detail={formaterEuros(s.retards.montant)} />
    </div>
  )
}

/** The three charts (by month, by OPCO, by status), as server-rendered SVG. */
export function Graphiques({ s }: { s: Statistiques }) {
  const parMois = histogramme(s.parMois.map((m) => ({ libelle: libelleMois(m.mois), valeur: m.soumis })), { titre: 'Dossiers soumis par mois' })
  const parOpco = barresHorizontales(s.parOpco.map((o) => ({ libelle: o.nom, valeur: o.soumis })), { titre: 'Dossiers soumis par OPCO' })
  const parStatut = barresHorizontales(
    STATUTS_DOSSIER.filter((st) => (s.parStatut[st] ?? 0) > 0).map((st) => ({ libelle: LIBELLES_STATUT[st], valeur: s.parStatut[st] ?? 0 })),
    { titre: 'Dossiers par statut' },
  )
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 12, marginTop: 16 }}>
      <div style={carte} data-graphique="mois">
        <h4 style={{ margin: '0 0 8px' }}>Soumis par mois</h4>
        <div dangerouslySetInnerHTML={{ __html: parMois.toString() }} />
      </div>
      <div style={carte} data-graphique="opco">
        <h4 style={{ margin: '0 0 8px' }}>Soumis par OPCO</h4>
        <div dangerouslySetInnerHTML={{ __html: parOpco.toString() }} />
      </div>
      <div style={carte} data-graphique="statut">
        <h4 style={{ margin: '0 0 8px' }}>Par statut (créés sur la période)</h4>
        <div dangerouslySetInnerHTML={{ __html: parStatut.toString() }} />
      </div>
    </div>
  )
}

/** Headers of the money columns of a per-OPCO table (src/domain/reports/montants.ts), then « Trop-perçu ». */
export function EntetesMontants() {
  return (
    <>
      <th style={{ ...th, textAlign: 'right' }}>{LIBELLES_MONTANTS.demande}</th>
      <th style={{ ...th, textAlign: 'right' }}>{LIBELLES_MONTANTS.valide}</th>
      <th style={{ ...th, textAlign: 'right' }}>{LIBELLES_MONTANTS.duOpco}</th>
      <th style={{ ...th, textAlign: 'right' }}>{LIBELLES_MONTANTS.payeOpco}</th>
      <th style={{ ...th, textAlign: 'right' }}>{LIBELLES_MONTANTS.resteDu}</th>
      <th style={{ ...th, textAlign: 'right' }}>{LIBELLES_MONTANTS.payeEntreprise}</th>
      <th style={{ ...th, textAlign: 'right' }}>Trop-perçu</th>
    </>
  )
}

/** The cells under EntetesMontants: euros, an overpayment in red, « — » when there is none. */
export function CellulesMontants({ m }: { m: MontantsDossier }) {
  return (
    <>
      <td style={nombre}>{formaterEuros(m.demande)}</td>
      <td style={nombre}>{formaterEuros(m.valide)}</td>
      <td style={nombre}>{formaterEuros(m.duOpco)}</td>
      <td style={nombre}>{formaterEuros(m.payeOpco)}</td>
      <td style={nombre}>{formaterEuros(m.resteDu)}</td>
      <td style={nombre}>{formaterEuros(m.payeEntreprise)}</td>
      <td style={m.tropPercu > 0 ? { ...nombre, color: '#b00020', fontWeight: 700 } : nombre}>{m.tropPercu > 0 ? formaterEuros(m.tropPercu) : '—'}</td>
    </>
  )
}

/** Per-OPCO table of the period. */
export function TableauOpco({ s }: { s: Statistiques }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="rapport-par-opco">
        <thead>
          <tr>
            <th style={th}>OPCO</th>
            <th style={{ ...th, textAlign: 'right' }}>Soumis</th>
            <th style={{ ...th, textAlign: 'right' }}>Acceptés</th>
            <th style={{ ...th, textAlign: 'right' }}>Refusés</th>
            <th style={{ ...th, textAlign: 'right' }}>Taux d’acceptation</th>
            <EntetesMontants />
          </tr>
        </thead>
        <tbody>
          {s.parOpco.length === 0 ? (
            <tr>
              <td style={td} colSpan={12}>
                Aucune donnée sur la période.
              </td>
            </tr>
          ) : (
            s.parOpco.map((o) => (
              <tr key={String(o.opco)}>
                <td style={td}>{o.nom}</td>
                <td style={nombre}>{o.soumis}</td>
                <td style={nombre}>{o.acceptes}</td>
                <td style={nombre}>{o.refuses}</td>
                <td style={nombre}>{formaterTaux(o.acceptes + o.refuses > 0 ? o.acceptes / (o.acceptes + o.refuses) : null)}</td>
                <CellulesMontants m={o} />
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
}

/** GET form shared by the pages: period and OPCO (the values go back in the query string). */
export function FormulaireFiltres({ action, du, au, opco, opcos }: { action: string; du?: string; au?: string; opco?: number; opcos: { id: unknown; nom: string }[] }) {
  return (
    <form method="get" action={action} style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end', margin: '12px 0 16px' }}>
      <label style={{ display: 'flex', flexDirection: 'column', fontSize: 13 }}>
        Du
        <input type="date" name="du" defaultValue={du} />
      </label>
      <label style={{ display: 'flex', flexDirection: 'column', fontSize: 13 }}>
        Au
        <input type="date" name="au" defaultValue={au} />
      </label>
      <label style={{ display: 'flex', flexDirection: 'column', fontSize: 13 }}>
        OPCO
        <select name="opco" defaultValue={opco ? String(opco) : ''}>
          <option value="">Tous</option>
          {opcos.map((o) => (
            <option key={String(o.id)} value={String(o.id)}>
              {o.nom}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }}>
        Filtrer
      </button>
    </form>
  )
}
