/**
 * Daily reminders: which rule applies to a dossier today, and its window. Pure (dates in, list
 * out). A reminder's key is (rule, dossier, window, recipient): the job may run any number of
 * times a day, a window sends once.
 *
 * - pièces demandées unanswered N days after the OPCO's request: every N days, to the owner;
 * - OPCO without answer N days after sending (or after the pieces came back): every N days, to
 *   the team and to the OPCO's users;
 * - training starting within N days and the dossier not yet sent (the fatal case: a request
 *   filed after the start is refused): once per start date, to the team and the owner —
 *   essential, sent even to users who opted out;
 * - payment overdue (invoice due date passed, the OPCO has not paid everything): every N days,
 *   to the team.
 */
import type { Identifiant } from '@/src/domain/workflow'
import type { StatutDossier } from '@/src/domain/statuts'
import { dansGroupe, STATUTS_AVANT_ENVOI } from '@/src/domain/workflow/groupes'

export const REGLES_RELANCE = ['pieces_demandees', 'opco_sans_reponse', 'debut_formation', 'paiement_retard'] as const
export type RegleRelance = (typeof REGLES_RELANCE)[number]

/** The status each periodic rule watches; `debut_formation` watches every status before sending (STATUTS_AVANT_ENVOI). */
export const STATUT_DE_REGLE = {
  pieces_demandees: 'pieces_demandees',
  opco_sans_reponse: 'envoye_opco',
  paiement_retard: 'facture',
} as const satisfies Record<Exclude<RegleRelance, 'debut_formation'>, StatutDossier>

/** Statuses a periodic rule may apply to: the reminders pass reads only these (and those before sending). */
export const STATUTS_RELANCES_PERIODIQUES: readonly StatutDossier[] = Object.values(STATUT_DE_REGLE)

export interface DelaisRelance {
  piecesJours: number
  opcoJours: number
  debutFormationJours: number
  paiementJours: number
}

export interface DossierRelance {
  id: Identifiant
  status: string
  reponseOpcoDate?: string | null
  envoiOpcoDate?: string | null
  dateDebut?: string | null
  paymentStatus?: string | null
  /** Due date of the dossier's invoice when known (invoices.dateEcheance). */
  echeanceFacture?: string | null
  /** When the dossier was invoiced (invoice issue date, else its last status change). */
  dateFacturation?: string | null
}

export interface RelanceDue {
  regle: RegleRelance
  dossier: Identifiant
  /** Identifies the window: the same reminder is never sent twice for one window. */
  fenetre: string
  essentielle: boolean
  /** Days since the reference date (or days left before the training for `debut_formation`). */
  jours: number
}

const JOUR = 86_400_000

/** Calendar day (UTC) of a date or ISO string, as a day number; null if unreadable. */
function jour(d: string | Date | null | undefined): number | null {
  if (d === null || d === undefined || d === '') return null
  const t = typeof d === 'string' ? Date.parse(d) : d.getTime()
  return Number.isNaN(t) ? null : Math.floor(t / JOUR)
}

const dateDuJour = (n: number): string => new Date(n * JOUR).toISOString().slice(0, 10)

export function relancesDues(d: DossierRelance, maintenant: Date, delais: DelaisRelance): RelanceDue[] {
  const aujourdhui = jour(maintenant)!
  const dues: RelanceDue[] = []
  const periodique = (regle: RegleRelance, depuis: number | null, n: number) => {
    if (depuis === null) return
    const jours = aujourdhui - depuis
    if (jours < n) return
    dues.push({ regle, dossier: d.id, fenetre: `${dateDuJour(depuis)}#${Math.floor(jours / n)}`, essentielle: false, jours })
  }

  if (d.status === STATUT_DE_REGLE.pieces_demandees) periodique('pieces_demandees', jour(d.reponseOpcoDate), delais.piecesJours)

  if (d.status === STATUT_DE_REGLE.opco_sans_reponse) {
    // After pieces came back the OPCO has been waiting since its own request, not since the first sending.
    const refs = [jour(d.envoiOpcoDate), jour(d.reponseOpcoDate)].filter((v): v is number => v !== null)
    periodique('opco_sans_reponse', refs.length > 0 ? Math.max(...refs) : null, delais.opcoJours)
  }

  if (dansGroupe(STATUTS_AVANT_ENVOI, d.status)) {
    const debut = jour(d.dateDebut)
    if (debut !== null) {
      const restants = debut - aujourdhui
      if (restants >= 0 && restants <= delais.debutFormationJours) {
        dues.push({ regle: 'debut_formation', dossier: d.id, fenetre: `debut:${dateDuJour(debut)}`, essentielle: true, jours: restants })
      }
    }
  }

  if (d.status === STATUT_DE_REGLE.paiement_retard && d.paymentStatus !== 'paye' && d.paymentStatus !== 'trop_percu') {
    const echeance = jour(d.echeanceFacture)
    const facturation = jour(d.dateFacturation)
    const reference = echeance ?? (facturation === null ? null : facturation + delais.paiementJours)
    if (reference !== null && aujourdhui > reference) {
      const retard = aujourdhui - reference
      dues.push({
        regle: 'paiement_retard',
        dossier: d.id,
        fenetre: `${dateDuJour(reference)}#${Math.floor((retard - 1) / delais.paiementJours)}`,
        essentielle: false,
        jours: retard,
      })
    }
  }
  return dues
}

export const cleRelance = (r: Pick<RelanceDue, 'regle' | 'dossier' | 'fenetre'>, destinataire: string): string =>
  `relance:${r.regle}:${String(r.dossier)}:${r.fenetre}:${destinataire.trim().toLowerCase()}`
