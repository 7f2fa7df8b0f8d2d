/**
 * Numéro de déclaration d'activité (NDA) d'un organisme de formation,
 * attribué par la DREETS : 11 chiffres, sans clé de contrôle publiée.
 * On ne peut donc vérifier que la forme ; l'existence se contrôle sur la
 * liste publique des organismes de formation.
 */

const ONZE_CHIFFRES = /^\d{11}$/

/** Les NDA sont souvent présentés groupés (`11 75 12345 75`) sur les conventions. */
export function normaliserNda(input: string): string {
  return input.replace(/\s/g, '')
}

export function estNdaValide(nda: string): boolean {
  return typeof nda === 'string' && ONZE_CHIFFRES.test(nda)
}

/** Validateur de champ Payload : `true` ou message affiché tel quel. */
export function validerNda(input: unknown): true | string {
  if (typeof input !== 'string') {
    return "Le numéro de déclaration d'activité doit comporter 11 chiffres."
  }
  const nda = normaliserNda(input)
  if (nda === '') return "Le numéro de déclaration d'activité est obligatoire."
  if (!/^\d+$/.test(nda)) {
    return "Le numéro de déclaration d'activité ne doit contenir que des chiffres."
  }
  if (!estNdaValide(nda)) {
    return "Le numéro de déclaration d'activité doit comporter 11 chiffres."
  }
  return true
}
