import { ErreurMetier } from '@/src/domain/erreurs'
import { STATUTS_DOSSIER, type StatutDossier } from '@/src/domain/statuts'

/**
 * Filters shared by the dashboard, the reports and the exports. Validated here, once, so every
 * entry point (query string, export request, admin page) refuses the same inputs with the same
 * French message — a 400, never a 500 nor a silently ignored filter.
 */
export interface FiltresRapport {
  /** Inclusive start day (UTC), `AAAA-MM-JJ`. */
  du?: string
  /** Inclusive end day (UTC), `AAAA-MM-JJ`. */
  au?: string
  opco?: number
}

export interface FiltresDossiers extends FiltresRapport {
  statuts?: StatutDossier[]
  typeFormation?: 'formation' | 'bilan'
  company?: number
  organisme?: number
  /** Reference, beneficiary name or company SIRET (contains, case-insensitive). */
  recherche?: string
}

/** A filter refused: a 400 with its French message (the endpoint wrapper answers it). */
export class FiltreInvalideError extends ErreurMetier {
  constructor(message: string) {
    super(message, 400)
    this.name = 'FiltreInvalideError'
  }
}

const JOUR = /^(\d{4})-(\d{2})-(\d{2})$/
export const RECHERCHE_MAX = 100
const CLES_RAPPORT = ['du', 'au', 'opco'] as const
const CLES_DOSSIERS = [...CLES_RAPPORT, 'statuts', 'typeFormation', 'company', 'organisme', 'recherche'] as const

function lireJour(nom: string, v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined
  const m = typeof v === 'string' ? JOUR.exec(v) : null
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3]) || d.getUTCFullYear() < 2000 || d.getUTCFullYear() > 2100) {
    throw new FiltreInvalideError(`Le filtre « ${nom} » doit être une date AAAA-MM-JJ valide.`)
  }
  return v as string
}

function lireId(nom: string, v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN
  if (!Number.isSafeInteger(n) || n <= 0) throw new FiltreInvalideError(`Le filtre « ${nom} » doit être un identifiant (entier positif).`)
  return n
}

function verifierCles(entree: Record<string, unknown>, permises: readonly string[]): void {
  const inconnues = Object.keys(entree).filter((k) => !permises.includes(k))
  if (inconnues.length > 0) {
    throw new FiltreInvalideError(`Filtre inconnu : ${inconnues.slice(0, 5).join(', ')}. Filtres acceptés : ${permises.join(', ')}.`)
  }
}

function objet(entree: unknown): Record<string, unknown> {
  if (entree === undefined || entree === null) return {}
  if (typeof entree !== 'object' || Array.isArray(entree)) throw new FiltreInvalideError('Les filtres doivent être un objet.')
  return entree as Record<string, unknown>
}

export function lireFiltresRapport(entree: unknown): FiltresRapport {
  const e = objet(entree)
  verifierCles(e, CLES_RAPPORT)
  return periode({ du: lireJour('du', e.du), au: lireJour('au', e.au), opco: lireId('opco', e.opco) })
}

function periode<T extends FiltresRapport>(f: T): T {
  if (f.du && f.au && f.du > f.au) throw new FiltreInvalideError('La date de début (« du ») doit précéder la date de fin (« au »).')
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as T
}

export function lireFiltresDossiers(entree: unknown): FiltresDossiers {
  const e = objet(entree)
  verifierCles(e, CLES_DOSSIERS)
  let statuts: StatutDossier[] | undefined
  if (e.statuts !== undefined && e.statuts !== null && e.statuts !== '') {
    const liste = typeof e.statuts === 'string' ? e.statuts.split(',') : e.statuts
    if (!Array.isArray(liste) || liste.length > STATUTS_DOSSIER.length || liste.some((s) => typeof s !== 'string' || !(STATUTS_DOSSIER as readonly string[]).includes(s))) {
      throw new FiltreInvalideError(`Le filtre « statuts » doit être une liste de statuts parmi : ${STATUTS_DOSSIER.join(', ')}.`)
    }
    statuts = [...new Set(liste as StatutDossier[])]
  }
  let typeFormation: FiltresDossiers['typeFormation']
  if (e.typeFormation !== undefined && e.typeFormation !== null && e.typeFormation !== '') {
    if (e.typeFormation !== 'formation' && e.typeFormation !== 'bilan') throw new FiltreInvalideError('Le filtre « typeFormation » vaut « formation » ou « bilan ».')
    typeFormation = e.typeFormation
  }
  let recherche: string | undefined
  if (e.recherche !== undefined && e.recherche !== null && e.recherche !== '') {
    if (typeof e.recherche !== 'string') throw new FiltreInvalideError('Le filtre « recherche » doit être un texte.')
    if (e.recherche.length > RECHERCHE_MAX) throw new FiltreInvalideError(`Le filtre « recherche » est trop long (${RECHERCHE_MAX} caractères au plus).`)
    // Control characters are never part of a reference, a name or a SIRET.
    if (/[\u0000-\u001f\u007f]/.test(e.recherche)) throw new FiltreInvalideError('Le filtre « recherche » contient des caractères de contrôle.')
    recherche = e.recherche.trim() || undefined
  }
  return periode({
    du: lireJour('du', e.du),
    au: lireJour('au', e.au),
    opco: lireId('opco', e.opco),
    statuts,
    typeFormation,
    company: lireId('company', e.company),
    organisme: lireId('organisme', e.organisme),
    recherche,
  })
}

/** `[debut, fin)` ISO instants of a filter period (end day inclusive), or nulls when open. */
export function bornesPeriode(f: FiltresRapport): { debut: string | null; fin: string | null } {
  const fin = f.au ? new Date(Date.parse(`${f.au}T00:00:00.000Z`) + 86_400_000).toISOString() : null
  return { debut: f.du ? `${f.du}T00:00:00.000Z` : null, fin }
}

/** Calendar month `[debut, fin)` containing `d`, shifted by `decalage` months (UTC). */
export function mois(d: Date, decalage = 0): { debut: string; fin: string; cle: string } {
  const debut = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + decalage, 1))
  const fin = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + decalage + 1, 1))
  return { debut: debut.toISOString(), fin: fin.toISOString(), cle: debut.toISOString().slice(0, 7) }
}

/** Query string (`URLSearchParams` or a plain record) → filter object, unknown keys kept for the check. */
export function depuisRecherche(params: URLSearchParams | Record<string, unknown>): Record<string, unknown> {
  const entrees = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params)
  const r: Record<string, unknown> = {}
  for (const [k, v] of entrees) {
    if (k === 'format') continue
    r[k] = Array.isArray(v) ? v.join(',') : v
  }
  return r
}
