/**
 * What an OPCO instructor finds implausible in a dossier (issue 19 item 3): hours against the
 * days available, dates against each other and against today, the OPCO against the company's
 * branch, the hourly rate and the amount requested against the cost. Pure; each finding names
 * the fields it is about (`champs`) and says the values it compared.
 */
import { ajouterJours, ecartJours, estJourOuvre, jourDeDateStockee, jourParis, type Jour } from '@/src/domain/echeances'
import { formaterDateFr } from '@/src/domain/dates'
import { montantDemande } from '@/src/domain/funding/demande'
import { formaterEuros } from '@/src/domain/money'
import type { Constat, DossierConformite, EntreeConformite } from './types'

/** Code du travail L3121-18 : 10 h de travail effectif par jour au plus ; une formation ne tient pas plus dans une journée. */
export const HEURES_MAX_PAR_JOUR = 10
/** Une journée de formation ordinaire (base de calcul des OPCO). */
export const HEURES_PAR_JOUR_OUVRE = 7
/** Un coût horaire sous ce seuil (centimes HT) ressemble à une erreur de saisie (un coût par jour, un zéro oublié). */
export const COUT_HORAIRE_MIN = 500
/** Au-dessus (centimes HT par heure et par stagiaire), le coût est presque toujours une erreur (un coût de groupe, un zéro de trop). */
export const COUT_HORAIRE_MAX = 50_000
/** Une action de formation de plus de 3 ans, ou qui commence dans plus de 2 ans : une date mal saisie. */
export const DUREE_MAX_JOURS = 3 * 366
export const HORIZON_MAX_JOURS = 2 * 366
/** Avant cette date, la réforme de 2018 et les OPCO n'existaient pas : une année mal saisie. */
export const DATE_MIN: Jour = '2019-01-01'

const nombre = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const heuresFr = (h: number): string => `${String(h).replace('.', ',')} h`
const jourDe = (v: unknown): Jour | null => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : jourParis(v)
  try {
    return typeof v === 'string' ? jourDeDateStockee(v) : null
  } catch {
    return null
  }
}
const dateFr = (j: Jour): string => formaterDateFr(j)

/** Working days (Monday to Friday, public holidays off) from `debut` to `fin` included. */
export function joursOuvres(debut: Jour, fin: Jour): number {
  let n = 0
  for (let j = debut; j <= fin; j = ajouterJours(j, 1)) if (estJourOuvre(j)) n += 1
  return n
}

/**
 * Hours against the days between start and end: more than 10 h per calendar day cannot be
 * attended (bloquant); in the room (présentiel, mixte), more than 7 h per working day means
 * weekends or long days to explain (avertissement). Distance learning is not held to the
 * working days (evenings, weekends).
 */
export function heuresContreJours(d: DossierConformite): Constat[] {
  const f = d.formation ?? {}
  const heures = f.dureeHeures
  const debut = jourDe(f.dateDebut)
  const fin = jourDe(f.dateFin)
  if (!nombre(heures) || heures <= 0 || debut === null || fin === null || fin < debut) return []
  const calendaires = ecartJours(debut, fin) + 1
  if (calendaires > DUREE_MAX_JOURS) return []
  const champs = ['formation.dureeHeures', 'formation.dateDebut', 'formation.dateFin']
  const periode = `du ${dateFr(debut)} au ${dateFr(fin)}`
  if (heures > calendaires * HEURES_MAX_PAR_JOUR) {
    return [
      {
        regle: 'heures-jours',
        severite: 'bloquant',
        message: `Durée de ${heuresFr(heures)} en ${calendaires} jour${calendaires > 1 ? 's' : ''} calendaire${calendaires > 1 ? 's' : ''} (${periode}) : plus de ${HEURES_MAX_PAR_JOUR} h par jour, impossible à suivre. Corrigez la durée ou les dates.`,
        champs,
      },
    ]
  }
  if (f.modalite === 'distanciel') return []
  const ouvres = joursOuvres(debut, fin)
  if (heures > ouvres * HEURES_PAR_JOUR_OUVRE) {
    return [
      {
        regle: 'heures-jours',
        severite: 'avertissement',
        message: `Durée de ${heuresFr(heures)} pour ${ouvres} jour${ouvres > 1 ? 's' : ''} ouvré${ouvres > 1 ? 's' : ''} (${periode}), soit plus de ${HEURES_PAR_JOUR_OUVRE} h par jour ouvré : l'OPCO demandera le planning (week-ends, jours fériés, longues journées). Vérifiez la durée et les dates.`,
        champs,
      },
    ]
  }
  return []
}

/** Dates out of any plausible range: before 2019, more than 2 years ahead, or an action longer than 3 years. */
export function datesImprobables(d: DossierConformite, maintenant: Date): Constat[] {
  const f = d.formation ?? {}
  const debut = jourDe(f.dateDebut)
  const fin = jourDe(f.dateFin)
  const aujourdhui = jourParis(maintenant)
  const constats: Constat[] = []
  const ajouter = (message: string, champs: string[]) => constats.push({ regle: 'dates-improbables', severite: 'avertissement', message, champs })
  if (debut !== null && debut < DATE_MIN) ajouter(`Date de début le ${dateFr(debut)} : une date aussi ancienne est sans doute une erreur de saisie (année ?). Corrigez la date de début.`, ['formation.dateDebut'])
  else if (debut !== null && ecartJours(aujourdhui, debut) > HORIZON_MAX_JOURS) {
    ajouter(`Date de début le ${dateFr(debut)}, à plus de 2 ans d'aujourd'hui (${dateFr(aujourdhui)}) : l'OPCO n'instruit pas une demande aussi lointaine, et l'année est peut-être mal saisie. Vérifiez la date de début.`, ['formation.dateDebut'])
  }
  if (fin !== null && debut !== null && fin >= debut && ecartJours(debut, fin) + 1 > DUREE_MAX_JOURS) {
    ajouter(`La formation durerait du ${dateFr(debut)} au ${dateFr(fin)}, plus de 3 ans : la date de fin est sans doute mal saisie. Vérifiez-la.`, ['formation.dateFin'])
  } else if (fin !== null && debut === null && fin < DATE_MIN) {
    ajouter(`Date de fin le ${dateFr(fin)} : une date aussi ancienne est sans doute une erreur de saisie. Corrigez la date de fin.`, ['formation.dateFin'])
  }
  return constats
}

/**
 * The OPCO a company pays its contribution to is the one of its branch (its IDCC): a dossier
 * addressed to another OPCO is sent back. The table (`correspondances-idcc`) can lag behind a
 * change of branch, hence a warning.
 */
export function opcoContreBranche(e: Pick<EntreeConformite, 'dossier' | 'branche'>): Constat[] {
  const b = e.branche
  const opco = e.dossier.opco
  const idDossier = opco !== null && typeof opco === 'object' ? opco.id : opco
  if (!b || b.opco === null || b.opco === undefined || idDossier === null || idDossier === undefined) return []
  if (String(b.opco) === String(idDossier)) return []
  return [
    {
      regle: 'opco-branche',
      severite: 'avertissement',
      message: `Le dossier est adressé à l'OPCO ${b.opcoDossierNom ?? `n° ${String(idDossier)}`}, mais la convention collective de l'entreprise (IDCC ${b.idcc}) relève de ${b.opcoNom ?? `l'OPCO n° ${String(b.opco)}`} d'après la table des branches : l'OPCO renverra la demande. Vérifiez l'IDCC de l'entreprise ou l'OPCO du dossier.`,
      champs: ['opco', 'company.idcc'],
    },
  ]
}

/**
 * The amounts against each other: an hourly cost outside any market price (a daily or group
 * price typed as the trainee's), an amount requested from the OPCO above the cost.
 */
export function montantsPlausibles(d: DossierConformite): Constat[] {
  const constats: Constat[] = []
  const cout = d.coutTotalHT
  const heures = d.formation?.dureeHeures
  if (nombre(cout) && cout > 0 && nombre(heures) && heures > 0) {
    const horaire = Math.round(cout / heures)
    if (horaire < COUT_HORAIRE_MIN || horaire > COUT_HORAIRE_MAX) {
      constats.push({
        regle: 'cout-horaire-improbable',
        severite: 'avertissement',
        message: `Coût horaire de ${formaterEuros(horaire)} HT (${formaterEuros(cout)} pour ${heuresFr(heures)}) : ${horaire < COUT_HORAIRE_MIN ? `sous ${formaterEuros(COUT_HORAIRE_MIN)} de l'heure` : `au-delà de ${formaterEuros(COUT_HORAIRE_MAX)} de l'heure`}, c'est sans doute une erreur de saisie (coût par jour, coût du groupe, zéro en trop ou en moins). Vérifiez le coût et la durée.`,
        champs: ['coutTotalHT', 'formation.dureeHeures'],
      })
    }
  }
  const demande = montantDemande(d)
  if (nombre(cout) && cout > 0 && demande !== null && demande > cout) {
    constats.push({
      regle: 'montants-incoherents',
      severite: 'bloquant',
      message: `Le montant demandé à l'OPCO (${formaterEuros(demande)}) dépasse le coût de la formation (${formaterEuros(cout)} HT) : l'OPCO ne finance pas plus que le coût. Recalculez l'estimation après avoir corrigé le coût.`,
      champs: ['montantEstime', 'coutTotalHT'],
    })
  }
  return constats
}
