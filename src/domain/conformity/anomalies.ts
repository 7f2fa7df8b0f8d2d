/**
 * Anomalies sur l'ensemble des dossiers (pur) : règles déterministes et comparaisons
 * statistiques aux pairs. Ce sont des signalements à vérifier par une personne, jamais des
 * décisions. L'assemblage des données (agrégats SQL) est dans src/services/anomalies.ts.
 */
import { formaterEuros } from '@/src/domain/money'

export type TypeAnomalie = 'doublon' | 'cout_horaire' | 'paiement_excedentaire' | 'heures_certificat' | 'dossier_bloque'

export const LIBELLES_ANOMALIE: Record<TypeAnomalie, string> = {
  doublon: 'Doublon probable',
  cout_horaire: 'Coût horaire atypique',
  paiement_excedentaire: 'Paiements au-delà du montant validé',
  heures_certificat: 'Heures réalisées au-delà de la convention',
  dossier_bloque: 'Dossier immobile',
}

export interface DossierAnalyse {
  id: number | string
  reference?: string | null
  status?: string | null
  typeFormation?: string | null
  opco?: number | string | null
  beneficiaire?: { nom?: string | null; prenom?: string | null; email?: string | null } | null
  titre?: string | null
  dateDebut?: string | null
  dateFin?: string | null
  coutTotalHT?: number | null
  dureeHeures?: number | null
  montantValide?: number | null
  heuresRealisees?: number | null
  /** Entrée dans le statut actuel (dernière transition, sinon création), ISO 8601. */
  depuis?: string | null
}

export interface SejourStatut {
  statut: string
  jours: number
}

export interface Anomalie {
  type: TypeAnomalie
  dossier: number | string
  reference: string | null
  message: string
  /** Valeurs qui fondent le signalement (pour l'écran et l'explication par l'IA). */
  details: Record<string, string | number>
}

export interface EntreeAnomalies {
  dossiers: readonly DossierAnalyse[]
  /** Total reçu de l'OPCO par dossier, en centimes (agrégat SQL). */
  payeOpco: ReadonlyMap<string, number>
  /** Séjours terminés dans chaque statut (durées observées, en jours). */
  sejours: readonly SejourStatut[]
}

/** Pairs minimum pour qu'une comparaison statistique ait un sens. */
export const PAIRS_MIN = 5
/** Écart au coût horaire médian des pairs (même OPCO, même type) au-delà duquel on signale. */
export const FACTEUR_COUT = 2
/** Un dossier est immobile au-delà de ce multiple de la durée habituelle de son statut. */
export const FACTEUR_DUREE = 2

/** Durées habituelles (jours) quand l'historique ne suffit pas encore à les mesurer. */
export const DUREES_PAR_DEFAUT: Record<string, number> = {
  brouillon: 30,
  soumis: 7,
  en_revue: 7,
  valide: 7,
  envoye_opco: 30,
  pieces_demandees: 15,
  accepte: 60,
  accepte_partiel: 60,
  en_formation: 120,
  realise: 30,
  facture: 60,
  paye: 30,
}

const MS_JOUR = 86_400_000
const nombre = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function normaliser(s: unknown): string {
  return typeof s === 'string' ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim() : ''
}

function jour(v: unknown): number | null {
  if (typeof v !== 'string' || v === '') return null
  const t = Date.parse(v)
  return Number.isNaN(t) ? null : Math.floor(t / MS_JOUR)
}

export function mediane(valeurs: readonly number[]): number | null {
  if (valeurs.length === 0) return null
  const v = [...valeurs].sort((a, b) => a - b)
  const m = Math.floor(v.length / 2)
  return v.length % 2 === 1 ? v[m]! : (v[m - 1]! + v[m]!) / 2
}

const ref = (d: DossierAnalyse): string | null => d.reference ?? null

function doublons(dossiers: readonly DossierAnalyse[]): Anomalie[] {
  const groupes = new Map<string, DossierAnalyse[]>()
  for (const d of dossiers) {
    if (d.status === 'annule') continue
    const b = d.beneficiaire ?? {}
    const personne = normaliser(b.email) || normaliser(`${b.nom ?? ''} ${b.prenom ?? ''}`)
    const titre = normaliser(d.titre)
    if (personne === '' || titre === '' || jour(d.dateDebut) === null) continue
    const cle = `${personne}|${titre}`
    groupes.set(cle, [...(groupes.get(cle) ?? []), d])
  }
  const res: Anomalie[] = []
  for (const g of groupes.values()) {
    for (const d of g) {
      const a1 = jour(d.dateDebut)!
      const a2 = jour(d.dateFin) ?? a1
      const autres = g.filter((o) => o !== d && a1 <= (jour(o.dateFin) ?? jour(o.dateDebut)!) && jour(o.dateDebut)! <= a2)
      if (autres.length === 0) continue
      res.push({
        type: 'doublon',
        dossier: d.id,
        reference: ref(d),
        message: `Même bénéficiaire et même formation, dates qui se chevauchent avec ${autres.map((o) => o.reference ?? `dossier ${o.id}`).join(', ')}.`,
        details: { avec: autres.map((o) => o.reference ?? String(o.id)).join(', ') },
      })
    }
  }
  return res
}

function coutsHoraires(dossiers: readonly DossierAnalyse[]): Anomalie[] {
  const groupes = new Map<string, { d: DossierAnalyse; horaire: number }[]>()
  for (const d of dossiers) {
    if (d.status === 'annule' || !nombre(d.coutTotalHT) || !nombre(d.dureeHeures) || d.dureeHeures <= 0 || d.coutTotalHT <= 0) continue
    const cle = `${String(d.opco ?? '')}|${d.typeFormation ?? 'formation'}`
    groupes.set(cle, [...(groupes.get(cle) ?? []), { d, horaire: d.coutTotalHT / d.dureeHeures }])
  }
  const res: Anomalie[] = []
  for (const g of groupes.values()) {
    if (g.length < PAIRS_MIN) continue
    for (const { d, horaire } of g) {
      // The median of the *other* dossiers: an outlier does not pull its own reference.
      const m = mediane(g.filter((x) => x.d !== d).map((x) => x.horaire))
      if (m === null || m <= 0) continue
      const ratio = horaire / m
      if (ratio < FACTEUR_COUT && ratio > 1 / FACTEUR_COUT) continue
      res.push({
        type: 'cout_horaire',
        dossier: d.id,
        reference: ref(d),
        message: `Coût horaire de ${formaterEuros(Math.round(horaire))} HT, ${ratio >= 1 ? `${ratio.toFixed(1).replace('.', ',')} fois plus` : `${(1 / ratio).toFixed(1).replace('.', ',')} fois moins`} que la médiane de ${g.length - 1} dossiers du même OPCO et du même type (${formaterEuros(Math.round(m))} HT/h).`,
        details: { coutHoraire: Math.round(horaire), medianePairs: Math.round(m), pairs: g.length - 1 },
      })
    }
  }
  return res
}

function paiementsEtHeures(e: EntreeAnomalies): Anomalie[] {
  const res: Anomalie[] = []
  for (const d of e.dossiers) {
    const paye = e.payeOpco.get(String(d.id)) ?? 0
    const valide = nombre(d.montantValide) ? d.montantValide : 0
    if (paye > valide) {
      res.push({
        type: 'paiement_excedentaire',
        dossier: d.id,
        reference: ref(d),
        message: `L'OPCO a versé ${formaterEuros(paye)} pour un montant validé de ${formaterEuros(valide)} (trop-perçu de ${formaterEuros(paye - valide)}).`,
        details: { paye, montantValide: valide },
      })
    }
    if (nombre(d.heuresRealisees) && nombre(d.dureeHeures) && d.heuresRealisees > d.dureeHeures) {
      res.push({
        type: 'heures_certificat',
        dossier: d.id,
        reference: ref(d),
        message: `Certificat de ${d.heuresRealisees} h pour une convention de ${d.dureeHeures} h : l'OPCO ne paie que le service fait.`,
        details: { heuresRealisees: d.heuresRealisees, heuresConvention: d.dureeHeures },
      })
    }
  }
  return res
}

/** Durée habituelle d'un statut : médiane des séjours observés, sinon la valeur par défaut. */
export function dureesHabituelles(sejours: readonly SejourStatut[]): Record<string, number> {
  const parStatut = new Map<string, number[]>()
  for (const s of sejours) if (nombre(s.jours) && s.jours >= 0) parStatut.set(s.statut, [...(parStatut.get(s.statut) ?? []), s.jours])
  const res: Record<string, number> = { ...DUREES_PAR_DEFAUT }
  for (const [statut, v] of parStatut) {
    const m = mediane(v)
    // At least a day: a status usually left within the hour would flag every dossier.
    if (v.length >= PAIRS_MIN && m !== null && statut in DUREES_PAR_DEFAUT) res[statut] = Math.max(1, m)
  }
  return res
}

function immobiles(e: EntreeAnomalies, maintenant: Date): Anomalie[] {
  const habituelles = dureesHabituelles(e.sejours)
  const aujourdhui = maintenant.getTime() / MS_JOUR
  const res: Anomalie[] = []
  for (const d of e.dossiers) {
    const h = d.status ? habituelles[d.status] : undefined
    const depuis = typeof d.depuis === 'string' ? Date.parse(d.depuis) : NaN
    if (h === undefined || Number.isNaN(depuis)) continue
    const jours = Math.floor(aujourdhui - depuis / MS_JOUR)
    if (jours <= FACTEUR_DUREE * h) continue
    res.push({
      type: 'dossier_bloque',
      dossier: d.id,
      reference: ref(d),
      message: `Au statut « ${d.status} » depuis ${jours} jours, pour une durée habituelle de ${Math.round(h)} jours.`,
      details: { statut: String(d.status), jours, dureeHabituelle: Math.round(h) },
    })
  }
  return res
}

export function detecterAnomalies(e: EntreeAnomalies, maintenant: Date): Anomalie[] {
  return [...doublons(e.dossiers), ...coutsHoraires(e.dossiers), ...paiementsEtHeures(e), ...immobiles(e, maintenant)]
}
