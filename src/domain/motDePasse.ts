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

/**
 * The rules as the portal states them, next to every new-password field and before any error
 * (inscription, réinitialisation, Mon compte): built from the same constants as the check.
 */
export const REGLES_MOT_DE_PASSE = `Au moins ${LONGUEUR_MIN_MOT_DE_PASSE} caractères (${LONGUEUR_MAX_MOT_DE_PASSE} au plus). Lettres, chiffres, espaces et symboles sont tous permis : une courte phrase se retient facilement.`
