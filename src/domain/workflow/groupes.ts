import { STATUTS_DOSSIER, type StatutDossier } from '@/src/domain/statuts'
import { ACTIONS_DOSSIER } from './actions'
import { TRANSITIONS } from './transitions'

/**
 * The groups of statuses the rest of the code reasons with (who sees a dossier, what is frozen,
 * what counts as granted money, what may be invoiced…), derived from the transition table instead
 * of being listed again: a status added to the table lands in the right groups by itself.
 * Cancellation is not a step of the life cycle: `annule` is in none of the groups below.
 */

/** Statuses reachable from `departs` (included) through the table, without cancelling, in life-cycle order. */
export function statutsAtteignables(departs: readonly StatutDossier[]): StatutDossier[] {
  const vus = new Set<StatutDossier>(departs)
  const aVisiter = [...departs]
  while (aVisiter.length > 0) {
    const statut = aVisiter.shift()!
    for (const action of ACTIONS_DOSSIER) {
      const { depuis, vers } = TRANSITIONS[action]
      if (!depuis.includes(statut)) continue
      for (const suivant of vers) {
        if (suivant === 'annule' || vus.has(suivant)) continue
        vus.add(suivant)
        aVisiter.push(suivant)
      }
    }
  }
  return STATUTS_DOSSIER.filter((s) => vus.has(s))
}

const sauf = (statuts: readonly StatutDossier[], exclus: readonly StatutDossier[]): StatutDossier[] => statuts.filter((s) => !exclus.includes(s))

/**
 * The dossier is at its OPCO or the OPCO has decided (`send` and everything after it): what OPCO
 * users may see, and what freezes the terms the OPCO answers on.
 */
export const STATUTS_ENVOYES_OPCO: readonly StatutDossier[] = statutsAtteignables(TRANSITIONS.send.vers)

/** Not yet sent to the OPCO (the start-of-training reminder, the « début proche » report list). */
export const STATUTS_AVANT_ENVOI: readonly StatutDossier[] = sauf(STATUTS_DOSSIER, [...STATUTS_ENVOYES_OPCO, 'annule'])

/** Not yet validated by the team: the stored conformity summary is still ahead of its check. */
export const STATUTS_AVANT_VALIDATION: readonly StatutDossier[] = sauf(STATUTS_AVANT_ENVOI, statutsAtteignables(TRANSITIONS.validate.vers))

/** Submitted and waiting for the team's review and validation (the « à revoir » list). */
export const STATUTS_A_INSTRUIRE: readonly StatutDossier[] = sauf(statutsAtteignables(TRANSITIONS.submit.vers), statutsAtteignables(TRANSITIONS.validate.vers))

/** The OPCO's answers that grant money. */
export const DECISIONS_ACCORD: readonly StatutDossier[] = TRANSITIONS.answer.vers.filter((s) => s === 'accepte' || s === 'accepte_partiel')

/**
 * The OPCO granted `montantValide` (an accord and every later step): it counts in the figures and
 * against the company's annual ceiling, and the portal shows the granted amount.
 */
export const STATUTS_ACCORD: readonly StatutDossier[] = statutsAtteignables(DECISIONS_ACCORD)

/** The training is done (`complete` and after): the dossier may be invoiced. */
export const STATUTS_FACTURABLES: readonly StatutDossier[] = statutsAtteignables(TRANSITIONS.complete.vers)

export const dansGroupe = (groupe: readonly StatutDossier[], statut: unknown): statut is StatutDossier =>
  typeof statut === 'string' && (groupe as readonly string[]).includes(statut)
