/**
 * Identifiants SIRENE (SIREN / SIRET).
 *
 * Seule la cohérence syntaxique est vérifiée ici (longueur + clé de contrôle) :
 * l'existence réelle de l'établissement relève d'un appel à l'API SIRENE,
 * qui n'a pas sa place dans une règle métier pure.
 */

/** SIREN unique de tous les établissements du groupe La Poste. */
export const SIREN_LA_POSTE = '356000000'

/**
 * Le siège de La Poste a été immatriculé avant le regroupement de tous les
 * bureaux sous un seul SIREN : il respecte Luhn mais pas la règle du multiple
 * de 5 (somme des chiffres = 26). Sans cette exception, on refuserait le SIRET
 * réel le plus connu du groupe.
 */
export const SIRET_SIEGE_LA_POSTE = '35600000000048'

const NEUF_CHIFFRES = /^\d{9}$/
const QUATORZE_CHIFFRES = /^\d{14}$/
const QUE_DES_CHIFFRES = /^\d+$/

/**
 * Formule de Luhn : en partant de la droite, un chiffre sur deux est doublé
 * (et réduit de 9 s'il dépasse 9) ; la somme doit être un multiple de 10.
 * Partir de la droite rend la fonction valable pour le SIREN (9) comme pour le SIRET (14).
 */
export function cleLuhnValide(digits: string): boolean {
  if (typeof digits !== 'string' || !QUE_DES_CHIFFRES.test(digits)) return false
  let somme = 0
  for (let i = 0; i < digits.length; i++) {
    let chiffre = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      chiffre *= 2
      if (chiffre > 9) chiffre -= 9
    }
    somme += chiffre
  }
  return somme % 10 === 0
}

function sommeDesChiffres(digits: string): number {
  let somme = 0
  for (let i = 0; i < digits.length; i++) somme += digits.charCodeAt(i) - 48
  return somme
}

// Une suite de zéros passe Luhn (somme nulle) mais n'est jamais attribuée par
// l'INSEE : c'est la valeur « bouche-trou » que les utilisateurs saisissent.
function queDesZeros(digits: string): boolean {
  return /^0+$/.test(digits)
}

export function estSirenValide(siren: string): boolean {
  return (
    typeof siren === 'string' &&
    NEUF_CHIFFRES.test(siren) &&
    !queDesZeros(siren) &&
    cleLuhnValide(siren)
  )
}

export function estSiretValide(siret: string): boolean {
  if (typeof siret !== 'string' || !QUATORZE_CHIFFRES.test(siret)) return false
  const siren = siret.slice(0, 9)
  if (siren === SIREN_LA_POSTE) {
    // Trop d'établissements pour les clés Luhn disponibles : l'INSEE applique
    // aux établissements de La Poste la règle « somme des 14 chiffres multiple de 5 ».
    return siret === SIRET_SIEGE_LA_POSTE || sommeDesChiffres(siret) % 5 === 0
  }
  // La clé du SIRET ne garantit pas celle du SIREN qu'il contient : on vérifie les deux.
  return estSirenValide(siren) && cleLuhnValide(siret)
}

/** Retire les séparateurs que les utilisateurs tapent ou collent (`123 456 789 00012`, `123.456.789-00012`). */
export function normaliserSiret(input: string): string {
  // \s couvre aussi les espaces insécables (U+00A0, U+202F) des copier-coller depuis un PDF ou Word.
  return input.replace(/[\s.\-]/g, '')
}

/** Le SIREN est l'entreprise, le SIRET l'établissement : c'est le SIREN qui sert à regrouper. */
export function sirenDuSiret(siret: string): string {
  const normalise = normaliserSiret(siret)
  if (!QUATORZE_CHIFFRES.test(normalise)) {
    // Renvoyer 9 caractères quelconques produirait un faux SIREN silencieusement.
    throw new RangeError(`Le SIRET doit comporter 14 chiffres : « ${siret} ».`)
  }
  return normalise.slice(0, 9)
}

/**
 * Validateur de champ Payload : `true` ou message affiché tel quel à l'utilisateur.
 * La saisie est normalisée avant contrôle pour ne pas refuser `123 456 789 00012` ;
 * la valeur stockée doit être normalisée par un hook.
 */
export function validerSiret(input: unknown): true | string {
  if (typeof input !== 'string') return 'Le SIRET doit comporter 14 chiffres.'
  const siret = normaliserSiret(input)
  if (siret === '') return 'Le SIRET est obligatoire.'
  if (!QUE_DES_CHIFFRES.test(siret)) return 'Le SIRET ne doit contenir que des chiffres.'
  if (siret.length !== 14) return 'Le SIRET doit comporter 14 chiffres.'
  if (!estSiretValide(siret)) return `Le SIRET ${siret} est invalide (clé de contrôle incorrecte).`
  return true
}

/** Appends the digit that makes `prefixe` pass the Luhn check. */
export function completerCleLuhn(prefixe: string): string {
  if (!QUE_DES_CHIFFRES.test(prefixe)) throw new RangeError(`Préfixe non numérique : « ${prefixe} ».`)
  for (let d = 0; d <= 9; d++) if (cleLuhnValide(prefixe + String(d))) return prefixe + String(d)
  throw new Error('inaccessible : une clé de Luhn existe toujours')
}

/**
 * A SIRET whose SIREN and SIRET both pass Luhn, from an 8-digit SIREN stem and a 4-digit NIC
 * stem: for demo data, fixtures and benchmarks. It proves format only, not existence.
 */
export function construireSiret(siren8: string, nic4: string): string {
  if (!/^\d{8}$/.test(siren8) || !/^\d{4}$/.test(nic4)) throw new RangeError('Attendu : 8 chiffres de SIREN et 4 de NIC.')
  return completerCleLuhn(completerCleLuhn(siren8) + nic4)
}
