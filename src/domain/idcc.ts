/**
 * IDCC (identifiant de convention collective) : 1 à 4 chiffres, publiés sur 4 chiffres
 * avec des zéros à gauche (« 0086 » pour la publicité). On les compare sous cette forme,
 * pour que « 86 » saisi sur une entreprise retrouve « 0086 » de la table de correspondance.
 */
export const estIdccValide = (v: unknown): v is string => typeof v === 'string' && /^\d{1,4}$/.test(v.trim())

/** Forme canonique sur 4 chiffres, ou null si la valeur n'est pas un IDCC. */
export function normaliserIdcc(v: unknown): string | null {
  if (typeof v === 'number' && Number.isInteger(v)) v = String(v)
  if (!estIdccValide(v)) return null
  return v.trim().padStart(4, '0')
}

export const validerIdcc = (v: unknown): true | string =>
  v == null || v === '' || estIdccValide(v) || "L'IDCC est un numéro de 1 à 4 chiffres."
