/**
 * The states of a generation row (collection `generations`: one document the product must
 * produce), named once: the collection's options, the generation job and the admin's list of
 * generated documents read them from here.
 */
export const STATUTS_GENERATION = [
  { value: 'en_attente', label: 'En attente' },
  { value: 'genere', label: 'Généré' },
  { value: 'echec', label: 'Échec' },
] as const

export type StatutGeneration = (typeof STATUTS_GENERATION)[number]['value']

/** Each state by its name: `STATUT_GENERATION.genere`. */
export const STATUT_GENERATION = { en_attente: 'en_attente', genere: 'genere', echec: 'echec' } as const satisfies { [S in StatutGeneration]: S }
