/**
 * Moteur de règles de conformité (pur) : entrée en objets simples, rapport daté avec score.
 * Les constats sont des conseils pour une personne (RGPD art. 22) ; seul un constat `bloquant`
 * arrête l'action `validate`, par la précondition du workflow qui lit `bloquantsConformite`.
 */
import { verifierConformite } from './regles'
import type { Constat, EntreeConformite, RapportConformite } from './types'

export * from './types'
export { verifierConformite, texteObjectifs } from './regles'

const POIDS = { bloquant: 40, avertissement: 10, info: 0 } as const

export function scoreConformite(constats: readonly Constat[]): number {
  return Math.max(0, 100 - constats.reduce((t, c) => t + POIDS[c.severite], 0))
}

function resume(constats: readonly Constat[]): string {
  const b = constats.filter((c) => c.severite === 'bloquant').length
  const a = constats.filter((c) => c.severite === 'avertissement').length
  if (b === 0 && a === 0) return 'Votre dossier est complet au regard des contrôles automatiques. Un conseiller le vérifie avant de l’envoyer à l’OPCO.'
  const parties: string[] = []
  if (b > 0) parties.push(`${b} point${b > 1 ? 's' : ''} à corriger avant que le dossier puisse partir à l’OPCO`)
  if (a > 0) parties.push(`${a} point${a > 1 ? 's' : ''} d’attention qui pourrai${a > 1 ? 'ent' : 't'} réduire ou retarder le financement`)
  return `Votre dossier a ${parties.join(' et ')}. Chaque point dit comment le régler ; un conseiller reste votre interlocuteur et prend la décision, pas l’outil.`
}

export function rapportConformite(e: EntreeConformite, maintenant: Date): RapportConformite {
  const constats = verifierConformite(e, maintenant)
  return {
    score: scoreConformite(constats),
    calculeLe: maintenant.toISOString(),
    bloquants: constats.filter((c) => c.severite === 'bloquant').length,
    avertissements: constats.filter((c) => c.severite === 'avertissement').length,
    infos: constats.filter((c) => c.severite === 'info').length,
    constats,
    resume: resume(constats),
  }
}

/** Les constats bloquants d'un rapport (ce que la transition `validate` refuse). */
export function constatsBloquants(r: Pick<RapportConformite, 'constats'> | null | undefined): Constat[] {
  return (r?.constats ?? []).filter((c) => c.severite === 'bloquant')
}
