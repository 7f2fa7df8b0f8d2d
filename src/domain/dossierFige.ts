import { STATUTS_ENVOYES_OPCO } from './workflow/groupes'

/**
 * What the OPCO answers on: once the dossier is sent, its OPCO, company, cost and training no
 * longer change by an edit, or the OPCO's accord (and the invoice after it) would cover
 * something else than what it was asked. Only the workflow moves a sent dossier.
 */
export const CHAMPS_FIGES_APRES_ENVOI = ['opco', 'company', 'coutTotalHT', 'formation'] as const

interface EtatDossier {
  status?: unknown
  envoiOpcoDate?: unknown
}

/** Sent and not withdrawn — or cancelled after being sent (the OPCO saw it as it was). */
export function estFigeApresEnvoi(d: EtatDossier): boolean {
  if ((STATUTS_ENVOYES_OPCO as readonly unknown[]).includes(d.status)) return true
  return d.status === 'annule' && d.envoiOpcoDate != null && d.envoiOpcoDate !== ''
}

const JOUR_ISO = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

/** One comparable form for a stored value and the same value sent back by a client. */
function normaliser(v: unknown): string {
  if (v === null || v === undefined || v === '') return ''
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (typeof v === 'string') {
    // Dates: the day only — the panel sends back day-only dates at another hour of the same day.
    if (JOUR_ISO.test(v)) return v.slice(0, 10)
    return v
  }
  if (typeof v === 'object' && !Array.isArray(v) && 'id' in (v as object)) {
    // A populated relationship is its id.
    return normaliser((v as { id: unknown }).id)
  }
  return JSON.stringify(trier(v))
}

function trier(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(trier)
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, trier((v as Record<string, unknown>)[k])]))
  }
  return v
}

/**
 * The frozen fields an update would change (`formation.titre`, `opco`…): only keys present in
 * `donnees` count, and a value sent back unchanged is no change.
 */
export function champsFigesModifies(avant: Record<string, unknown>, donnees: Record<string, unknown>): string[] {
  const changes: string[] = []
  for (const champ of CHAMPS_FIGES_APRES_ENVOI) {
    if (!(champ in donnees)) continue
    if (champ === 'formation') {
      const nouveau = donnees.formation
      const ancien = (avant.formation ?? {}) as Record<string, unknown>
      if (nouveau === null || typeof nouveau !== 'object' || Array.isArray(nouveau)) {
        if (normaliser(nouveau) !== normaliser(avant.formation)) changes.push('formation')
        continue
      }
      for (const [cle, valeur] of Object.entries(nouveau as Record<string, unknown>)) {
        if (cle === 'id') continue
        if (normaliser(valeur) !== normaliser(ancien[cle])) changes.push(`formation.${cle}`)
      }
      continue
    }
    if (normaliser(donnees[champ]) !== normaliser(avant[champ])) changes.push(champ)
  }
  return changes
}
