/**
 * Each OPCO's deadlines (issue 19, item 2), as one pure function that the dossier page, the
 * dashboard's « Échéances », the reminders and the conformity engine all call, so that they
 * cannot disagree.
 *
 * Days are French calendar days (Europe/Paris), not 24-hour periods: « 15 jours avant le
 * début » means a date, whatever the hour and the clock change. A deadline that falls on a
 * Saturday, a Sunday or a French public holiday is brought FORWARD to the previous working day,
 * for the windows after an event too: MonOPCO never shows a date that might already be too late
 * for the OPCO (which may or may not extend a deadline to the next working day — its rules say
 * neither, so the safe reading is ours).
 */

/** A day of the calendar, `AAAA-MM-JJ`. */
export type Jour = string

/** The deadline rules of one OPCO (fields of the `opcos` record); `null` = the OPCO has no such rule. */
export interface ReglesEcheances {
  /** Minimum calendar days between sending the request to the OPCO and the training's first day. */
  delaiDepotAvantDebutJours: number | null
  /** Days after the training's last day to send the proof of service (certificate, invoice). */
  delaiJustificatifsApresFinJours: number | null
  /** Days an approval stays valid: the training must start by then. */
  validiteAccordJours: number | null
  /** The OPCO's payment term, in days after the invoice. */
  delaiPaiementJours: number | null
}

export type TypeEcheance = 'depot_demande' | 'validite_accord' | 'justificatifs' | 'paiement'

/**
 * - `a_venir`: more than {@link JOURS_PROCHE} days left;
 * - `proche`: 0 < days left ≤ {@link JOURS_PROCHE};
 * - `aujourdhui`: the last day is today;
 * - `depassee`: the day has passed and what it asks was not done (or was done late);
 * - `respectee`: done in time.
 */
export type EtatEcheance = 'a_venir' | 'proche' | 'aujourdhui' | 'depassee' | 'respectee'

export interface Echeance {
  type: TypeEcheance
  libelle: string
  /** Last day on which it is still in time (already moved to a working day). */
  date: Jour
  /** Calendar days from today (Paris) to `date`; negative once passed. */
  joursRestants: number
  etat: EtatEcheance
}

/** What of the dossier the deadlines depend on (ISO dates as stored). */
export interface DossierPourEcheances {
  status?: string | null
  formation?: { dateDebut?: string | null; dateFin?: string | null } | null
  envoiOpcoDate?: string | null
  reponseOpcoDate?: string | null
  /** Date of the dossier's first issued invoice, when there is one. */
  dateFacture?: string | null
  /** Day the OPCO's payments covered the invoices, when they have. */
  datePaiementComplet?: string | null
}

export const JOURS_PROCHE = 7

const LIBELLES: Record<TypeEcheance, string> = {
  depot_demande: 'Envoi de la demande à l’OPCO',
  validite_accord: 'Début de la formation avant la fin de validité de l’accord',
  justificatifs: 'Envoi des justificatifs de réalisation',
  paiement: 'Paiement attendu de l’OPCO',
}

// Order of the workflow, to know whether a step has been passed (src/domain/workflow has the
// transitions; only the order matters here).
const ORDRE = [
  'brouillon', 'soumis', 'en_revue', 'valide', 'envoye_opco', 'pieces_demandees', 'accepte', 'accepte_partiel',
  'en_formation', 'realise', 'facture', 'paye', 'cloture',
] as const
const rang = (statut: string | null | undefined): number => ORDRE.indexOf((statut ?? 'brouillon') as (typeof ORDRE)[number])
const STATUTS_FINIS = new Set(['refuse', 'annule', 'cloture'])

const MS_JOUR = 86_400_000
const REGEX_JOUR = /^(\d{4})-(\d{2})-(\d{2})$/

/** The Paris calendar day of an instant. */
export function jourParis(instant: Date): Jour {
  const parties = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
  return parties // en-CA formats as AAAA-MM-JJ
}

/**
 * The Paris day of a stored date. Dates entered as a day are stored at 00:00 or 12:00 UTC
 * (src/domain/dates.ts), which is the same day in Paris; full instants (sending date) are read
 * in Paris.
 */
export function jourDeDateStockee(iso: string | null | undefined): Jour | null {
  if (typeof iso !== 'string' || iso === '') return null
  if (REGEX_JOUR.test(iso)) return iso
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : jourParis(new Date(t))
}

const versUtc = (j: Jour): number => {
  const m = REGEX_JOUR.exec(j)
  if (!m) throw new RangeError(`Jour invalide : « ${j} ».`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
}
const depuisUtc = (t: number): Jour => new Date(t).toISOString().slice(0, 10)

export const ajouterJours = (j: Jour, n: number): Jour => depuisUtc(versUtc(j) + n * MS_JOUR)
export const ecartJours = (de: Jour, a: Jour): number => Math.round((versUtc(a) - versUtc(de)) / MS_JOUR)

/** Easter Sunday (Gregorian computus, « anonymous » algorithm). */
export function paques(annee: number): Jour {
  const a = annee % 19
  const b = Math.floor(annee / 100)
  const c = annee % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const mois = Math.floor((h + l - 7 * m + 114) / 31)
  const jour = ((h + l - 7 * m + 114) % 31) + 1
  return `${annee}-${String(mois).padStart(2, '0')}-${String(jour).padStart(2, '0')}`
}

/** The eleven French public holidays of metropolitan France (Code du travail L3133-1). */
export function joursFeries(annee: number): Set<Jour> {
  const p = paques(annee)
  const fixes = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${annee}-${md}`)
  return new Set([...fixes, ajouterJours(p, 1), ajouterJours(p, 39), ajouterJours(p, 50)])
}

export function estJourOuvre(j: Jour): boolean {
  const jourSemaine = new Date(versUtc(j)).getUTCDay()
  if (jourSemaine === 0 || jourSemaine === 6) return false
  return !joursFeries(Number(j.slice(0, 4))).has(j)
}

/** The day itself if it is a working day, else the previous working day. */
export function jourOuvreAuPlusTard(j: Jour): Jour {
  let jour = j
  while (!estJourOuvre(jour)) jour = ajouterJours(jour, -1)
  return jour
}

function etat(date: Jour, aujourdhui: Jour, faitLe: Jour | null): Pick<Echeance, 'etat' | 'joursRestants'> {
  const joursRestants = ecartJours(aujourdhui, date)
  if (faitLe !== null) return { joursRestants, etat: faitLe <= date ? 'respectee' : 'depassee' }
  if (joursRestants < 0) return { joursRestants, etat: 'depassee' }
  if (joursRestants === 0) return { joursRestants, etat: 'aujourdhui' }
  return { joursRestants, etat: joursRestants <= JOURS_PROCHE ? 'proche' : 'a_venir' }
}

const valide = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0

/**
 * The deadlines that apply to a dossier at its stage, in date order. A deadline appears once the
 * dates it depends on are known; a cancelled, refused or closed dossier has none.
 * `maintenant` is injected (tests, reminders that run « as of » a window).
 */
export function echeancesDossier(dossier: DossierPourEcheances, regles: ReglesEcheances, maintenant: Date): Echeance[] {
  if (STATUTS_FINIS.has(dossier.status ?? '')) return []
  const aujourdhui = jourParis(maintenant)
  const r = rang(dossier.status)
  const debut = jourDeDateStockee(dossier.formation?.dateDebut)
  const fin = jourDeDateStockee(dossier.formation?.dateFin)
  const envoi = jourDeDateStockee(dossier.envoiOpcoDate)
  const reponse = jourDeDateStockee(dossier.reponseOpcoDate)
  const facture = jourDeDateStockee(dossier.dateFacture)
  const sortie: Echeance[] = []
  const ajouter = (type: TypeEcheance, brute: Jour, faitLe: Jour | null) => {
    const date = jourOuvreAuPlusTard(brute)
    sortie.push({ type, libelle: LIBELLES[type], date, ...etat(date, aujourdhui, faitLe) })
  }

  if (debut && valide(regles.delaiDepotAvantDebutJours)) {
    // Every OPCO wants the request before the first day (DOMAIN §11): the day before at the latest, even at 0.
    ajouter('depot_demande', ajouterJours(debut, -Math.max(1, regles.delaiDepotAvantDebutJours)), r >= rang('envoye_opco') ? envoi ?? aujourdhui : null)
  }
  if (reponse && r >= rang('accepte') && valide(regles.validiteAccordJours) && debut) {
    // The planned first day is what the OPCO will compare: a training planned (or postponed)
    // after the approval's end reads « dépassée » now, not on the day it lapses.
    ajouter('validite_accord', ajouterJours(reponse, regles.validiteAccordJours), debut)
  }
  if (fin && r >= rang('en_formation') && valide(regles.delaiJustificatifsApresFinJours)) {
    ajouter('justificatifs', ajouterJours(fin, regles.delaiJustificatifsApresFinJours), r >= rang('facture') ? facture ?? aujourdhui : null)
  }
  if (facture && r >= rang('facture') && valide(regles.delaiPaiementJours)) {
    // Paid without a known day (older rows): counted as in time rather than guessed late.
    const paye = jourDeDateStockee(dossier.datePaiementComplet)
    ajouter('paiement', ajouterJours(facture, regles.delaiPaiementJours), r >= rang('paye') ? paye ?? facture : null)
  }
  return sortie.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/** The deadline to show first: the earliest one not met (passed ones first), or null. */
export function prochaineEcheance(echeances: Echeance[]): Echeance | null {
  return echeances.find((e) => e.etat !== 'respectee') ?? null
}

/** « dans 3 jours », « aujourd'hui », « dépassée de 2 jours », « respectée ». */
export function libelleJoursRestants(e: Pick<Echeance, 'etat' | 'joursRestants'>): string {
  const jours = (n: number) => `${n} jour${n > 1 ? 's' : ''}`
  if (e.etat === 'respectee') return 'respectée'
  if (e.etat === 'aujourdhui') return "aujourd'hui"
  if (e.etat === 'depassee') return e.joursRestants < 0 ? `dépassée de ${jours(-e.joursRestants)}` : 'dépassée'
  return `dans ${jours(e.joursRestants)}`
}

/** Bounds of an OPCO's deadline fields (days): ten years is already far beyond any known rule. */
export const JOURS_ECHEANCE_MAX = 3650

/**
 * The check of one deadline field of an OPCO beyond the number type's own (which the collection
 * runs too): empty (no such rule) or a whole number of days, 0 to {@link JOURS_ECHEANCE_MAX}.
 */
export function validerJoursEcheance(v: unknown): true | string {
  if (v === null || v === undefined) return true
  if (typeof v !== 'number' || !Number.isInteger(v)) return 'Indiquez un nombre entier de jours (ou laissez vide si l’OPCO n’a pas cette règle).'
  if (v < 0 || v > JOURS_ECHEANCE_MAX) return `Indiquez un nombre de jours entre 0 et ${JOURS_ECHEANCE_MAX}.`
  return true
}

/** The four rules read from an OPCO record (missing or invalid values: no rule). */
export function reglesEcheancesDe(opco: Partial<Record<keyof ReglesEcheances, unknown>> | null | undefined): ReglesEcheances {
  const lire = (v: unknown): number | null => (validerJoursEcheance(v) === true && typeof v === 'number' ? v : null)
  return {
    delaiDepotAvantDebutJours: lire(opco?.delaiDepotAvantDebutJours),
    delaiJustificatifsApresFinJours: lire(opco?.delaiJustificatifsApresFinJours),
    validiteAccordJours: lire(opco?.validiteAccordJours),
    delaiPaiementJours: lire(opco?.delaiPaiementJours),
  }
}

/** A deadline still to meet whose day is today or within `jours` days (the dashboard's 7 / 30 days). */
export const estDansLesJours = (e: Pick<Echeance, 'etat' | 'joursRestants'>, jours: number): boolean =>
  (e.etat === 'aujourdhui' || e.etat === 'proche' || e.etat === 'a_venir') && e.joursRestants >= 0 && e.joursRestants <= jours

/** `j7`: {@link JOURS_PROCHE} days or fewer left; `jour`: the last day is today. */
export type PalierRappel = 'j7' | 'jour'

/**
 * The reminders a deadline calls for today: once when {@link JOURS_PROCHE} days or fewer are
 * left (a deadline first known with 3 days left still gets it), once on its day. The reminders
 * job keys each by (dossier, type, date, step), so a daily run sends each once; a deadline whose
 * date moves (new start date) is a new deadline.
 */
export function palierRappel(e: Pick<Echeance, 'etat'>): PalierRappel | null {
  if (e.etat === 'aujourdhui') return 'jour'
  if (e.etat === 'proche') return 'j7'
  return null
}

export const cleRappelEcheance = (dossier: number | string, e: Pick<Echeance, 'type' | 'date'>, palier: PalierRappel, destinataire: string): string =>
  `echeance:${e.type}:${String(dossier)}:${e.date}:${palier}:${destinataire.trim().toLowerCase()}`

/**
 * The statuses in which each deadline can still be to meet (not done yet), for a database
 * pre-filter: the approval's deadline is never « to meet » (it is judged on the planned start).
 */
export const STATUTS_ECHEANCE_A_TENIR: Readonly<Record<Exclude<TypeEcheance, 'validite_accord'>, readonly string[]>> = {
  depot_demande: ORDRE.slice(0, rang('envoye_opco')),
  justificatifs: ORDRE.slice(rang('en_formation'), rang('facture')),
  paiement: ORDRE.slice(rang('facture'), rang('paye')),
}

/**
 * The most a deadline can move back to a working day (a week-end next to a public holiday: 3
 * days; 7 is a safe bound), for the pre-filter's date ranges.
 */
export const DECALAGE_JOUR_OUVRE_MAX = 7

/** `AAAA-MM-JJ` → `jj/mm/aaaa`. */
export const jourFr = (j: Jour): string => j.split('-').reverse().join('/')

/**
 * What the dossier views show after « Prochaine échéance : »:
 * « Envoi des justificatifs de réalisation — 15/01/2027 (dans 3 jours) », or « aucune ».
 */
export function texteProchaineEcheance(e: Echeance | null): string {
  return e === null ? 'aucune' : `${e.libelle} — ${jourFr(e.date)} (${libelleJoursRestants(e)})`
}
