/**
 * Prévision de paiement des factures adressées aux OPCO (issue 18, point 4).
 *
 * Définitions (reprises dans docs/guide-equipe.md « Prévision des paiements ») :
 *
 * - **Factures prises en compte** : les factures (pas les avoirs) adressées à l'OPCO
 *   (subrogation), émises ou payées, avec une date d'émission et un montant TTC positif. Un
 *   brouillon n'est pas dû ; une facture annulée par un avoir ne sera jamais payée : ni l'une ni
 *   l'autre ne compte, ni comme observation ni comme facture ouverte. Les factures à l'entreprise
 *   (reste à charge) n'ont pas de prévision : elles ne sont pas payées par l'OPCO.
 * - **Paiements pris en compte** : ceux de l'OPCO (`payeur = opco`), au statut « reçu ».
 * - **Date de paiement d'une facture** : les paiements sont enregistrés par dossier, pas par
 *   facture. Dans un dossier, les factures de l'OPCO sont soldées dans l'ordre de leur émission
 *   par les paiements dans l'ordre de leur date (premier émis, premier payé) : la facture n° k est
 *   payée le jour où le total des paiements reçus atteint le total des factures 1 à k. Un
 *   acompte ne solde donc rien à lui seul : un paiement partiel ne vaut pas paiement. Un paiement
 *   daté avant l'émission compte pour 0 jour (jamais un délai négatif).
 * - **Jours** : jours de calendrier à Paris entre le jour d'émission et le jour du paiement (les
 *   instants sont ramenés à leur jour à Paris avant la soustraction : un changement d'heure ne
 *   fait ni gagner ni perdre un jour).
 * - **Médiane** : la valeur du milieu des délais observés ; pour un nombre pair, la moyenne des
 *   deux du milieu arrondie au jour supérieur (une prévision prudente). **80e centile** : le rang
 *   le plus proche, la ⌈0,8 × n⌉-ième plus petite valeur (toujours un délai réellement observé).
 * - **Moins de 5 observations** pour un OPCO (ou une facture sans OPCO) : valeurs par défaut,
 *   médiane = le délai de paiement de l'OPCO s'il est renseigné sur sa fiche
 *   (`opcos.delaiPaiementJours`, ce qu'il annonce), sinon celui de nos factures
 *   (`facturation.delaiPaiementJours`, 30 jours par défaut : l'échéance imprimée, ce que l'OPCO
 *   s'est vu demander) ; 80e centile = ce délai + 15 jours, la marge d'un cycle de paiement à
 *   quinzaine, pour ne pas crier au retard le lendemain de l'échéance.
 * - **Facture ouverte** : prise en compte, au statut « émise », pas encore soldée. Date prévue =
 *   jour d'émission + médiane ; « au plus tard » = jour d'émission + 80e centile ; **en retard**
 *   quand aujourd'hui (jour à Paris) est après la date « au plus tard », de `joursRetard` jours.
 */
import { ajouterJours, ecartJours, jourDeDateStockee, jourParis as jourParisDe } from '../echeances'
import { STATUT_FACTURE, TYPE_PIECE } from './statuts'

// Paris calendar days: the same helpers as the OPCO deadlines (src/domain/echeances.ts).
export { ajouterJours, ecartJours }

/** Under this many observed payments, an OPCO's figures are the defaults. */
export const OBSERVATIONS_MIN = 5
/** Default 80th percentile = the payment term + this margin (days). */
export const MARGE_DEFAUT_P80_JOURS = 15

export interface FacturePourPrevision {
  id: number
  dossier: number
  opco: number | null
  numero?: string | null
  type?: string | null
  destinataire?: string | null
  statut?: string | null
  /** Total TTC, integer cents. */
  montant: number | null | undefined
  /** Issue instant, ISO 8601. */
  dateEmission: string | null | undefined
}

export interface PaiementPourPrevision {
  id: number
  dossier: number
  payeur?: string | null
  statut?: string | null
  montant: number | null | undefined
  date: string | null | undefined
}

export interface DelaisPaiement {
  medianeJours: number
  p80Jours: number
}

export interface StatistiquesOpco extends DelaisPaiement {
  opco: number | null
  /** Number of paid invoices observed (all of them, even under OBSERVATIONS_MIN). */
  observations: number
  /** Observed delays, the OPCO record's payment term, or the configured one. */
  source: 'observee' | 'delai_opco' | 'defaut'
}

export interface PrevisionFacture {
  facture: number
  dossier: number
  opco: number | null
  numero: string | null
  montant: number
  /** Days are Paris calendar days, `AAAA-MM-JJ`. */
  jourEmission: string
  datePrevue: string
  dateAuPlusTard: string
  enRetard: boolean
  /** Days after the « au plus tard » date (0 when not late). */
  joursRetard: number
  source: StatistiquesOpco['source']
}

export interface FacturePayee {
  facture: number
  opco: number | null
  jourEmission: string
  jourPaiement: string
  jours: number
}

export interface PrevisionsPaiement {
  /** Per OPCO having at least one invoice taken into account, by id (null: dossiers without OPCO). */
  parOpco: StatistiquesOpco[]
  /** Every open invoice with its forecast, by issue day then id. */
  ouvertes: PrevisionFacture[]
  /** The open invoices late against their « au plus tard » date, most late first. */
  enRetard: PrevisionFacture[]
  /** The paid invoices with their payment day (the observations). */
  payees: FacturePayee[]
}

/** The Paris calendar day (`AAAA-MM-JJ`) of an instant as stored or a Date; null when unreadable. */
export function jourParis(instant: string | Date | null | undefined): string | null {
  if (instant instanceof Date) return Number.isNaN(instant.getTime()) ? null : jourParisDe(instant)
  return jourDeDateStockee(instant)
}

const tries = (valeurs: readonly number[]): number[] => [...valeurs].sort((a, b) => a - b)

/** Median in whole days: the middle value; for an even count the mean of the two middle ones, rounded up. */
export function medianeJours(valeurs: readonly number[]): number {
  if (valeurs.length === 0) throw new RangeError('Médiane d’une liste vide.')
  const t = tries(valeurs)
  const m = Math.floor(t.length / 2)
  // Indices within the non-empty sorted list.
  return t.length % 2 === 1 ? t[m]! : Math.ceil((t[m - 1]! + t[m]!) / 2)
}

/** 80th percentile, nearest rank: the ⌈0.8 n⌉-th smallest value. */
export function percentile80Jours(valeurs: readonly number[]): number {
  if (valeurs.length === 0) throw new RangeError('Centile d’une liste vide.')
  const t = tries(valeurs)
  // 0.8 × n in integer arithmetic: 0.8 * 5 is 4.000000000000001 in floating point.
  return t[Math.ceil((4 * t.length) / 5) - 1]!
}

/** The defaults below OBSERVATIONS_MIN observations: the payment term, and the term + 15 days. */
export function delaisParDefaut(delaiPaiementJours: number): DelaisPaiement {
  if (!Number.isInteger(delaiPaiementJours) || delaiPaiementJours < 0) throw new RangeError(`Délai de paiement invalide : ${String(delaiPaiementJours)} jours.`)
  return { medianeJours: delaiPaiementJours, p80Jours: delaiPaiementJours + MARGE_DEFAUT_P80_JOURS }
}

/**
 * An OPCO's figures from its observed delays (days), or under OBSERVATIONS_MIN the defaults of its
 * own payment term (`delaiOpco`, from its record) when it has one, else `defauts`.
 */
export function statistiquesOpco(opco: number | null, jours: readonly number[], defauts: DelaisPaiement, delaiOpco: number | null = null): StatistiquesOpco {
  if (jours.length < OBSERVATIONS_MIN) {
    return delaiOpco === null ? { opco, observations: jours.length, source: 'defaut', ...defauts } : { opco, observations: jours.length, source: 'delai_opco', ...delaisParDefaut(delaiOpco) }
  }
  return { opco, observations: jours.length, source: 'observee', medianeJours: medianeJours(jours), p80Jours: percentile80Jours(jours) }
}

const montantValide = (m: unknown): m is number => typeof m === 'number' && Number.isSafeInteger(m) && m > 0

/** An invoice the forecast takes into account (see the header), with its issue day. */
function facturePriseEnCompte(f: FacturePourPrevision): string | null {
  if ((f.type ?? TYPE_PIECE.facture) !== TYPE_PIECE.facture || f.destinataire !== 'opco') return null
  if (f.statut !== STATUT_FACTURE.emise && f.statut !== STATUT_FACTURE.payee) return null
  if (!montantValide(f.montant)) return null
  return jourParis(f.dateEmission)
}

const paiementPrisEnCompte = (p: PaiementPourPrevision): boolean =>
  p.payeur === 'opco' && (p.statut ?? 'recu') === 'recu' && montantValide(p.montant) && jourParis(p.date) !== null

const instant = (v: string | null | undefined): number => (v ? Date.parse(v) : Number.NaN)

/**
 * The Paris day each invoice taken into account was paid on (absent: not paid yet), by the
 * first-issued-first-paid rule of the header, dossier by dossier.
 */
export function joursDePaiement(factures: readonly FacturePourPrevision[], paiements: readonly PaiementPourPrevision[]): Map<number, string> {
  const facturesParDossier = new Map<number, FacturePourPrevision[]>()
  for (const f of factures) {
    if (facturePriseEnCompte(f) === null) continue
    facturesParDossier.set(f.dossier, [...(facturesParDossier.get(f.dossier) ?? []), f])
  }
  const paiementsParDossier = new Map<number, PaiementPourPrevision[]>()
  for (const p of paiements) {
    if (!paiementPrisEnCompte(p)) continue
    paiementsParDossier.set(p.dossier, [...(paiementsParDossier.get(p.dossier) ?? []), p])
  }
  const payees = new Map<number, string>()
  for (const [dossier, fs] of facturesParDossier) {
    const ps = (paiementsParDossier.get(dossier) ?? []).sort((a, b) => instant(a.date) - instant(b.date) || a.id - b.id)
    fs.sort((a, b) => instant(a.dateEmission) - instant(b.dateEmission) || a.id - b.id)
    let du = 0
    let recu = 0
    let j = 0
    for (const f of fs) {
      du += f.montant as number
      while (recu < du && j < ps.length) recu += ps[j++]!.montant as number
      if (recu < du) break
      // recu ≥ du > 0: at least one payment was counted.
      payees.set(f.id, jourParis(ps[j - 1]!.date) as string)
    }
  }
  return payees
}

/**
 * The forecast of every open invoice, the per-OPCO figures and the late list, from the invoices
 * and payments as stored (anything not taken into account is ignored here, whatever the caller
 * read) and today's instant (its Paris day is « today »). `delaisOpcos`: the payment term of the
 * OPCOs whose record has one (days, already checked), for their defaults.
 */
export function calculerPrevisions(
  factures: readonly FacturePourPrevision[],
  paiements: readonly PaiementPourPrevision[],
  maintenant: Date,
  defauts: DelaisPaiement,
  delaisOpcos: ReadonlyMap<number, number> = new Map(),
): PrevisionsPaiement {
  const aujourdhui = jourParis(maintenant)
  if (aujourdhui === null) throw new RangeError('Date du jour invalide.')
  const jours = joursDePaiement(factures, paiements)
  const cle = (opco: number | null) => (opco === null ? '' : String(opco))
  const delais = new Map<string, { opco: number | null; jours: number[] }>()
  const payees: FacturePayee[] = []
  const retenues: { f: FacturePourPrevision; jour: string }[] = []
  for (const f of factures) {
    const jour = facturePriseEnCompte(f)
    if (jour === null) continue
    const groupe = delais.get(cle(f.opco)) ?? { opco: f.opco, jours: [] }
    delais.set(cle(f.opco), groupe)
    const paye = jours.get(f.id)
    if (paye !== undefined) {
      const n = Math.max(0, ecartJours(jour, paye))
      groupe.jours.push(n)
      payees.push({ facture: f.id, opco: f.opco, jourEmission: jour, jourPaiement: paye, jours: n })
    } else if (f.statut === STATUT_FACTURE.emise) {
      retenues.push({ f, jour })
    }
  }
  const stats = new Map([...delais].map(([k, g]) => [k, statistiquesOpco(g.opco, g.jours, defauts, g.opco === null ? null : (delaisOpcos.get(g.opco) ?? null))]))
  const ouvertes = retenues
    .map(({ f, jour }): PrevisionFacture => {
      const s = stats.get(cle(f.opco)) as StatistiquesOpco
      const dateAuPlusTard = ajouterJours(jour, s.p80Jours)
      const retard = ecartJours(dateAuPlusTard, aujourdhui)
      return {
        facture: f.id,
        dossier: f.dossier,
        opco: f.opco,
        numero: f.numero ?? null,
        montant: f.montant as number,
        jourEmission: jour,
        datePrevue: ajouterJours(jour, s.medianeJours),
        dateAuPlusTard,
        enRetard: retard > 0,
        joursRetard: Math.max(0, retard),
        source: s.source,
      }
    })
    .sort((a, b) => a.jourEmission.localeCompare(b.jourEmission) || a.facture - b.facture)
  return {
    parOpco: [...stats.values()].sort((a, b) => (a.opco ?? 0) - (b.opco ?? 0)),
    ouvertes,
    enRetard: ouvertes.filter((p) => p.enRetard).sort((a, b) => b.joursRetard - a.joursRetard || a.facture - b.facture),
    payees: payees.sort((a, b) => a.facture - b.facture),
  }
}
