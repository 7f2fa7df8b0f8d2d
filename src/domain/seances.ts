/**
 * Training sessions and the hours they prove (issue 17): the planning of half-days between the
 * training's dates, and the hours done computed from the signed sessions. The OPCO pays hours
 * proved by attendance signed per half-day by the trainee and the trainer; the certificate and
 * the prorated invoice take `heuresRealisees` from here.
 */
import { ajouterJours, ecartJours, estJourOuvre, jourDeDateStockee, type Jour } from './echeances'

export const DEMI_JOURNEES = [
  { value: 'matin', label: 'Matin' },
  { value: 'apres-midi', label: 'Après-midi' },
] as const
export type DemiJournee = (typeof DEMI_JOURNEES)[number]['value']

export const STATUTS_SEANCE = [
  { value: 'a_signer', label: 'À signer' },
  { value: 'signee', label: 'Signée' },
  { value: 'absence', label: 'Absence' },
  { value: 'annulee', label: 'Annulée' },
] as const
export type StatutSeance = (typeof STATUTS_SEANCE)[number]['value']
export const STATUT_SEANCE = { a_signer: 'a_signer', signee: 'signee', absence: 'absence', annulee: 'annulee' } as const satisfies { [S in StatutSeance]: S }

export const ROLES_SIGNATAIRE_SEANCE = [
  { value: 'stagiaire', label: 'Stagiaire' },
  { value: 'formateur', label: 'Formateur' },
] as const

/** `HH:MM`, 00:00 to 23:59. */
export const FORMAT_HEURE = /^([01]\d|2[0-3]):[0-5]\d$/

export interface SeancePlanifiee {
  date: Jour
  demiJournee: DemiJournee
  /** `HH:MM`, Paris time. */
  heureDebut: string
  heureFin: string
  dureeMinutes: number
}

/** A half-day longer than this is not a half-day: the training's dates or hours are wrong. */
export const DEMI_JOURNEE_MAX_MINUTES = 4 * 60
const DEBUT: Record<DemiJournee, number> = { matin: 9 * 60, 'apres-midi': 14 * 60 }

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

export type ResultatPlanification = { ok: true; seances: SeancePlanifiee[] } | { ok: false; erreur: string }

/**
 * Every working day between the first and last day (inclusive; weekends and French public
 * holidays excluded), two half-days each, of equal length summing to `dureeHeures` — to the
 * minute: when the minutes do not divide evenly, the first half-days get one minute more.
 * Mornings start at 09:00, afternoons at 14:00.
 */
export function planifierSeances(dateDebut: string | null | undefined, dateFin: string | null | undefined, dureeHeures: number | null | undefined): ResultatPlanification {
  const debut = jourDeDateStockee(dateDebut)
  const fin = jourDeDateStockee(dateFin)
  if (!debut || !fin) return { ok: false, erreur: 'Les dates de début et de fin de la formation sont nécessaires pour créer les séances.' }
  if (fin < debut) return { ok: false, erreur: 'La date de fin de la formation précède sa date de début.' }
  if (typeof dureeHeures !== 'number' || !Number.isFinite(dureeHeures) || dureeHeures <= 0) {
    return { ok: false, erreur: 'La durée de la formation (en heures) est nécessaire pour créer les séances.' }
  }
  if (ecartJours(debut, fin) > 366) return { ok: false, erreur: 'La formation dure plus d’un an : créez les séances à la main.' }
  const jours: Jour[] = []
  for (let j = debut; j <= fin; j = ajouterJours(j, 1)) if (estJourOuvre(j)) jours.push(j)
  if (jours.length === 0) return { ok: false, erreur: 'Aucun jour ouvré entre les dates de la formation.' }
  const totalMinutes = Math.round(dureeHeures * 60)
  const nombre = jours.length * 2
  const base = Math.floor(totalMinutes / nombre)
  const reste = totalMinutes - base * nombre
  if (base + (reste > 0 ? 1 : 0) > DEMI_JOURNEE_MAX_MINUTES) {
    return { ok: false, erreur: `${dureeHeures} h sur ${jours.length} jour(s) ouvré(s) ferait des demi-journées de plus de 4 h : vérifiez les dates et la durée.` }
  }
  if (base === 0) return { ok: false, erreur: 'La durée est trop courte pour être répartie en demi-journées.' }
  const seances: SeancePlanifiee[] = []
  for (const date of jours) {
    for (const demiJournee of ['matin', 'apres-midi'] as const) {
      const dureeMinutes = base + (seances.length < reste ? 1 : 0)
      seances.push({ date, demiJournee, heureDebut: hhmm(DEBUT[demiJournee]), heureFin: hhmm(DEBUT[demiJournee] + dureeMinutes), dureeMinutes })
    }
  }
  return { ok: true, seances }
}

export interface SeancePourHeures {
  statut: StatutSeance
  dureeMinutes: number
  /** Minutes the trainer declared for a partial presence (overrides the planned duration). */
  minutesDeclarees?: number | null
}

/**
 * Hours proved by the sessions: a signed session counts its duration, or the minutes the trainer
 * declared; an absence, an unsigned session and a cancelled one count nothing. Planned hours
 * leave cancelled sessions out. Hours to two decimals (minutes / 60, rounded to the cent of an
 * hour), the unit of `heuresRealisees`.
 */
export function heuresDesSeances(seances: readonly SeancePourHeures[]): { heuresSignees: number; heuresPrevues: number; nonSignees: number } {
  let signees = 0
  let prevues = 0
  let nonSignees = 0
  for (const s of seances) {
    if (s.statut === 'annulee') continue
    prevues += s.dureeMinutes
    if (s.statut === 'signee') signees += typeof s.minutesDeclarees === 'number' ? Math.min(s.minutesDeclarees, s.dureeMinutes) : s.dureeMinutes
    if (s.statut === 'a_signer') nonSignees += 1
  }
  const enHeures = (m: number) => Math.round((m / 60) * 100) / 100
  return { heuresSignees: enHeures(signees), heuresPrevues: enHeures(prevues), nonSignees }
}

/**
 * The hours `complete` proposes from the signed hours: rounded down to the half-hour (the unit of
 * `heuresRealisees`), so the claim never exceeds what the signatures prove.
 */
export function heuresProposees(heuresSignees: number): number {
  return Math.floor(Math.round(heuresSignees * 100) / 50) / 2
}

/** Attendance rate for the « attestation d'assiduité »: a whole percentage, never above 100. */
export function tauxAssiduite(heuresSuivies: number, heuresPrevues: number): number {
  if (!(heuresPrevues > 0)) return 0
  return Math.min(100, Math.round((heuresSuivies / heuresPrevues) * 100))
}

/** A session as the admin calendar and the beneficiary's portal list it. */
export interface SeanceAffichee {
  id: number | string
  /** `jj/mm/aaaa`. */
  jour: string
  demiJournee: string
  horaires: string
  statut: StatutSeance
  libelleStatut: string
  /** « Stagiaire : Marie Martin », one per signature. */
  signataires: string[]
}

export interface SeanceLue {
  id: number | string
  date: string
  demiJournee: string
  heureDebut: string
  heureFin: string
  statut?: string | null
  minutesDeclarees?: number | null
  signatures?: readonly { role?: string | null; nom?: string | null }[] | null
}

const estStatutSeance = (v: unknown): v is StatutSeance => STATUTS_SEANCE.some((s) => s.value === v)

/**
 * Sessions by day then half-day (morning first), dates `jj/mm/aaaa`, grouped per day: what the
 * calendar on the dossier and the portal print.
 */
export function seancesParJour(seances: readonly SeanceLue[]): { jour: string; seances: SeanceAffichee[] }[] {
  const triees = [...seances].sort((a, b) => a.date.slice(0, 10).localeCompare(b.date.slice(0, 10)) || (a.demiJournee === b.demiJournee ? 0 : a.demiJournee === 'matin' ? -1 : 1))
  const jours: { jour: string; seances: SeanceAffichee[] }[] = []
  for (const s of triees) {
    const jour = s.date.slice(0, 10).split('-').reverse().join('/')
    const statut = estStatutSeance(s.statut) ? s.statut : 'a_signer'
    const libelle = STATUTS_SEANCE.find((x) => x.value === statut)!.label
    const partiel = typeof s.minutesDeclarees === 'number' ? ` (${s.minutesDeclarees} min déclarées par le formateur)` : ''
    const vue: SeanceAffichee = {
      id: s.id,
      jour,
      demiJournee: DEMI_JOURNEES.find((d) => d.value === s.demiJournee)?.label ?? s.demiJournee,
      horaires: `${s.heureDebut}–${s.heureFin}`,
      statut,
      libelleStatut: `${libelle}${partiel}`,
      signataires: (s.signatures ?? []).map((x) => `${ROLES_SIGNATAIRE_SEANCE.find((r) => r.value === x.role)?.label ?? 'Signataire'} : ${x.nom ?? ''}`),
    }
    const dernier = jours[jours.length - 1]
    if (dernier && dernier.jour === jour) dernier.seances.push(vue)
    else jours.push({ jour, seances: [vue] })
  }
  return jours
}
