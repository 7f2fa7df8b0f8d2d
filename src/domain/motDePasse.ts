/** Password policy (ANSSI-style minimum length rather than composition rules). */
export const LONGUEUR_MIN_MOT_DE_PASSE = 10
export const LONGUEUR_MAX_MOT_DE_PASSE = 128

export function validerMotDePasse(value: unknown): true | string {
  if (typeof value !== 'string') return 'Le mot de passe est obligatoire.'
  if (value.length < LONGUEUR_MIN_MOT_DE_PASSE) {
    return `Le mot de passe doit comporter au moins ${LONGUEUR_MIN_MOT_DE_PASSE} caractères.`
  }
  if (value.length > LONGUEUR_MAX_MOT_DE_PASSE) {
    return `Le mot de passe doit comporter au plus ${LONGUEUR_MAX_MOT_DE_PASSE} caractères.`
  }
  return true
}
