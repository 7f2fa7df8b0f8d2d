/**
 * Estimation d'un dossier, telle qu'elle est enregistrée sur lui (`montantEstime` et
 * `estimationFinancement`) : rassemble les entrées, dit ce qui manque, puis délègue le
 * calcul à `estimerFinancement`. Pure : l'appelant fournit les règles, l'effectif et l'heure.
 */
import type { TypeFormation } from '@/src/domain/statuts'
import { choisirRegle, estimerFinancement, type PlafondDeterminant, type RegleFinancement } from './index'

export interface EntreeEstimationDossier {
  /** Règles de l'OPCO du dossier ; `undefined` : pas d'OPCO sur le dossier. */
  regles: readonly RegleFinancement[] | null | undefined
  opcoRenseigne: boolean
  typeFormation: TypeFormation | null | undefined
  effectif: number | null | undefined
  dureeHeures: number | null | undefined
  coutTotalHT: number | null | undefined
  dateDebut: string | Date | null | undefined
  /** Centimes déjà engagés par l'OPCO pour cette entreprise la même année (autres dossiers). */
  consommeAnnuel?: number
}

export interface EstimationFinancement {
  plafondDeterminant: PlafondDeterminant | null
  regleAppliquee: string | null
  heuresRetenues: number | null
  resteACharge: number | null
  detail: string[]
  avertissements: string[]
  /** Données manquantes (estimation non calculée). */
  manquants: string[]
  /** ISO 8601. */
  calculeLe: string
}

export interface ResultatEstimationDossier {
  /** Centimes ; null quand il n'y a pas d'estimation (données manquantes ou aucune règle). */
  montantEstime: number | null
  estimationFinancement: EstimationFinancement
}

const estNombre = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/** Année qui fixe les règles : celle du début de la formation, sinon l'année en cours. */
export function anneeDeReference(dateDebut: string | Date | null | undefined, maintenant: Date): number {
  if (dateDebut) {
    const d = dateDebut instanceof Date ? dateDebut : new Date(dateDebut)
    if (!Number.isNaN(d.getTime())) return d.getUTCFullYear()
  }
  return maintenant.getUTCFullYear()
}

export function estimerDossier(e: EntreeEstimationDossier, maintenant: Date): ResultatEstimationDossier {
  const calculeLe = maintenant.toISOString()
  const manquants: string[] = []
  if (!e.opcoRenseigne) manquants.push('OPCO du dossier')
  if (!e.typeFormation) manquants.push('type (formation ou bilan)')
  if (!estNombre(e.coutTotalHT) || e.coutTotalHT < 0 || !Number.isSafeInteger(e.coutTotalHT)) manquants.push('coût total HT')
  if (!estNombre(e.dureeHeures) || e.dureeHeures < 0) manquants.push('durée (heures)')
  const annee = anneeDeReference(e.dateDebut, maintenant)
  // Sans effectif, seules les règles sans tranche peuvent servir : s'il n'y en a pas, c'est
  // l'effectif qui manque (et non « aucune règle », qui se contredirait une fois l'effectif saisi).
  const regles = e.regles ?? []
  const parTranche = regles.some((r) => estNombre(r.effectifMin) || estNombre(r.effectifMax))
  if (e.opcoRenseigne && !estNombre(e.effectif) && parTranche && choisirRegle(regles, e.typeFormation, null, annee) === null) {
    manquants.push('effectif de l’entreprise')
  }
  if (manquants.length > 0) {
    return {
      montantEstime: null,
      estimationFinancement: {
        plafondDeterminant: null,
        regleAppliquee: null,
        heuresRetenues: null,
        resteACharge: null,
        detail: [`Estimation non calculée : il manque ${manquants.join(', ')}.`],
        avertissements: [],
        manquants,
        calculeLe,
      },
    }
  }
  const r = estimerFinancement({
    regles: e.regles ?? [],
    typeFormation: e.typeFormation,
    effectif: e.effectif,
    dureeHeures: e.dureeHeures,
    coutTotalHT: e.coutTotalHT,
    annee,
    consommeAnnuel: e.consommeAnnuel ?? 0,
  })
  const aucuneRegle = r.plafondDeterminant === 'aucune_regle'
  const hypotheses = e.dateDebut ? [] : [`Date de début non renseignée : les règles de ${annee} (année en cours) sont appliquées.`]
  return {
    // Sans règle, 0 voudrait dire « l'OPCO ne finance rien » : on laisse l'estimation vide.
    montantEstime: aucuneRegle ? null : r.montantEstime,
    estimationFinancement: {
      plafondDeterminant: r.plafondDeterminant,
      regleAppliquee: r.regleAppliquee,
      heuresRetenues: r.heuresRetenues,
      resteACharge: aucuneRegle ? null : r.resteACharge,
      detail: r.detail,
      avertissements: [...hypotheses, ...r.avertissements],
      manquants: [],
      calculeLe,
    },
  }
}

/** Même estimation, à la date de calcul près : pour ne pas réécrire (ni journaliser) un calcul inchangé. */
export function memeEstimation(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  const { calculeLe: _a, ...ra } = a as Record<string, unknown>
  const { calculeLe: _b, ...rb } = b as Record<string, unknown>
  return stable(ra) === stable(rb)
}

/** JSON with sorted keys: PostgreSQL's jsonb does not keep the key order it was given. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}
