/** Réponses possibles de l'OPCO à une demande de prise en charge (docs/domaine.md §3, étape 5). */
export const DECISIONS_OPCO = ['accepte', 'accepte_partiel', 'refuse', 'pieces_demandees'] as const
export type DecisionOpco = (typeof DECISIONS_OPCO)[number]

export const LIBELLES_DECISION: Record<DecisionOpco, string> = {
  accepte: 'Accord',
  accepte_partiel: 'Accord partiel',
  refuse: 'Refus',
  pieces_demandees: 'Pièces complémentaires demandées',
}

/**
 * Motifs de refus sous forme de liste fermée : les statistiques d'acceptation par OPCO
 * n'ont de sens que si les refus sont classés de la même façon partout. Le commentaire
 * libre, obligatoire, garde la formulation exacte de l'OPCO.
 */
export const MOTIFS_REFUS = [
  { value: 'hors_delai', label: 'Demande déposée hors délai (après le début de la formation)' },
  { value: 'plafond_depasse', label: 'Coût supérieur aux plafonds de prise en charge' },
  { value: 'entreprise_non_eligible', label: 'Entreprise non éligible' },
  { value: 'organisme_non_certifie', label: 'Organisme de formation non certifié Qualiopi' },
  { value: 'dossier_incomplet', label: 'Dossier incomplet' },
  { value: 'action_non_eligible', label: 'Action de formation non éligible' },
  { value: 'fonds_epuises', label: 'Fonds épuisés' },
  { value: 'autre', label: 'Autre motif' },
] as const

export type MotifRefus = (typeof MOTIFS_REFUS)[number]['value']

export function estMotifRefus(valeur: unknown): valeur is MotifRefus {
  return typeof valeur === 'string' && MOTIFS_REFUS.some((m) => m.value === valeur)
}

export function libelleMotifRefus(motif: MotifRefus): string {
  return MOTIFS_REFUS.find((m) => m.value === motif)?.label ?? motif
}

export function estDecisionOpco(valeur: unknown): valeur is DecisionOpco {
  return typeof valeur === 'string' && (DECISIONS_OPCO as readonly string[]).includes(valeur)
}
