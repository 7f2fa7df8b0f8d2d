/**
 * Référence lisible d'un dossier de financement : `MO-<année>-<séquence sur 6 chiffres>`,
 * ex. `MO-2026-000123`. C'est celle que l'entreprise et l'OPCO citent au téléphone.
 *
 * La séquence repart à 1 chaque année. L'unicité en cas de créations simultanées
 * est garantie par la base (index unique + nouvel essai), pas ici.
 */

export const SEQUENCE_MAX = 999_999
const ANNEE_MIN = 1000
const ANNEE_MAX = 9999

// Ancré et sans drapeau `g` : un RegExp global garde un lastIndex entre appels de test().
export const REGEX_REFERENCE_DOSSIER = /^MO-(\d{4})-(\d{6})$/

function estAnneeValide(annee: number): boolean {
  return Number.isInteger(annee) && annee >= ANNEE_MIN && annee <= ANNEE_MAX
}

function estSequenceValide(sequence: number): boolean {
  return Number.isInteger(sequence) && sequence >= 1 && sequence <= SEQUENCE_MAX
}

export function formaterReferenceDossier(annee: number, sequence: number): string {
  if (!estAnneeValide(annee)) {
    throw new RangeError(`Année de référence invalide : ${String(annee)} (4 chiffres attendus).`)
  }
  if (!estSequenceValide(sequence)) {
    // Au-delà de 999 999 le format déborderait et le tri alphabétique des références ne suivrait plus l'ordre de création.
    throw new RangeError(
      `Numéro de séquence invalide : ${String(sequence)} (entre 1 et ${SEQUENCE_MAX}).`,
    )
  }
  return `MO-${annee}-${String(sequence).padStart(6, '0')}`
}

export function parserReferenceDossier(ref: string): { annee: number; sequence: number } | null {
  if (typeof ref !== 'string') return null
  const m = REGEX_REFERENCE_DOSSIER.exec(ref)
  if (!m || m[1] === undefined || m[2] === undefined) return null
  const annee = Number(m[1])
  const sequence = Number(m[2])
  // Refuse ce que formaterReferenceDossier n'aurait jamais produit (MO-0999-…, …-000000).
  if (!estAnneeValide(annee) || !estSequenceValide(sequence)) return null
  return { annee, sequence }
}

/**
 * Séquence suivante pour `annee`, connaissant la plus haute référence existante
 * de cette année (ou rien s'il n'y en a pas encore).
 */
export function prochaineSequence(
  derniereReference: string | null | undefined,
  annee: number,
): number {
  if (!estAnneeValide(annee)) {
    throw new RangeError(`Année de référence invalide : ${String(annee)} (4 chiffres attendus).`)
  }
  if (derniereReference === null || derniereReference === undefined) return 1
  const derniere = parserReferenceDossier(derniereReference)
  if (derniere === null) {
    // Repartir à 1 sur une référence illisible masquerait une donnée corrompue
    // et provoquerait des collisions en série avec les dossiers existants.
    throw new Error(`Référence de dossier illisible : « ${derniereReference} ».`)
  }
  if (derniere.annee !== annee) return 1
  if (derniere.sequence >= SEQUENCE_MAX) {
    throw new RangeError(`Plus de numéro de dossier disponible pour ${annee}.`)
  }
  return derniere.sequence + 1
}
