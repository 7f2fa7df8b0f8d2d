/**
 * Numéro de facture : `F-<année>-<5 chiffres>` pour une facture, `A-<année>-<5 chiffres>` pour un
 * avoir (ex. `F-2026-00042`). Code de commerce L441-9 et CGI ann. II art. 242 nonies A : numéro
 * unique, chronologique et sans trou. Chaque type a sa propre séquence, qui repart à 1 chaque
 * année : l'année et la lettre suffisent à distinguer les séries.
 *
 * L'attribution sans trou sous concurrence est faite par la base (src/db/numerotation.ts) ;
 * ici, seulement le format.
 */

import { TYPE_PIECE, type TypePiece } from './statuts'

export const PREFIXES_PIECE: Readonly<Record<TypePiece, 'F' | 'A'>> = { facture: 'F', avoir: 'A' }

export const SEQUENCE_FACTURE_MAX = 99_999
const ANNEE_MIN = 1000
const ANNEE_MAX = 9999

// Ancré et sans drapeau `g` (un RegExp global garde un lastIndex entre deux appels de test()).
export const REGEX_NUMERO_FACTURE = /^([FA])-(\d{4})-(\d{5})$/

const estAnneeValide = (annee: number): boolean => Number.isInteger(annee) && annee >= ANNEE_MIN && annee <= ANNEE_MAX
const estSequenceValide = (sequence: number): boolean => Number.isInteger(sequence) && sequence >= 1 && sequence <= SEQUENCE_FACTURE_MAX

/**
 * Début commun des numéros d'une série (`F-2026-`). Sa longueur est fixe (7) : la séquence
 * commence toujours au 8e caractère, ce que la requête de numérotation exploite.
 */
export function prefixeSerie(type: TypePiece, annee: number): string {
  if (!(type in PREFIXES_PIECE)) throw new RangeError(`Type de pièce inconnu : ${String(type)}.`)
  if (!estAnneeValide(annee)) throw new RangeError(`Année de facturation invalide : ${String(annee)} (4 chiffres attendus).`)
  return `${PREFIXES_PIECE[type]}-${annee}-`
}

export const LONGUEUR_PREFIXE_SERIE = 7

export function formaterNumeroFacture(type: TypePiece, annee: number, sequence: number): string {
  const prefixe = prefixeSerie(type, annee)
  if (!estSequenceValide(sequence)) {
    // Au-delà de 99 999 le numéro changerait de longueur : le tri alphabétique ne suivrait plus
    // l'ordre d'émission, et la requête de numérotation lit 5 chiffres.
    throw new RangeError(`Numéro de séquence de facture invalide : ${String(sequence)} (entre 1 et ${SEQUENCE_FACTURE_MAX}).`)
  }
  return `${prefixe}${String(sequence).padStart(5, '0')}`
}

export interface NumeroFacture {
  type: TypePiece
  annee: number
  sequence: number
}

export function parserNumeroFacture(numero: unknown): NumeroFacture | null {
  if (typeof numero !== 'string') return null
  const m = REGEX_NUMERO_FACTURE.exec(numero)
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return null
  const annee = Number(m[2])
  const sequence = Number(m[3])
  // Refuse ce que formaterNumeroFacture n'aurait jamais produit (F-0999-…, …-00000).
  if (!estAnneeValide(annee) || !estSequenceValide(sequence)) return null
  return { type: m[1] === 'F' ? TYPE_PIECE.facture : TYPE_PIECE.avoir, annee, sequence }
}

export const estNumeroFactureValide = (numero: unknown): boolean => parserNumeroFacture(numero) !== null

/** Validateur de champ Payload : vide accepté (un brouillon n'a pas de numéro). */
export function validerNumeroFacture(numero: unknown): true | string {
  if (numero === null || numero === undefined || numero === '') return true
  return estNumeroFactureValide(numero) ? true : 'Le numéro de facture doit être de la forme F-AAAA-00001 (facture) ou A-AAAA-00001 (avoir).'
}

/**
 * Numéro suivant d'une série, connaissant la plus haute séquence déjà émise (0 si aucune).
 * Une série pleine est une erreur, jamais un retour à 1 (ce serait un doublon).
 */
export function numeroSuivant(type: TypePiece, annee: number, derniereSequence: number): string {
  if (!Number.isInteger(derniereSequence) || derniereSequence < 0) {
    throw new RangeError(`Dernière séquence de facture illisible : ${String(derniereSequence)}.`)
  }
  if (derniereSequence >= SEQUENCE_FACTURE_MAX) {
    throw new RangeError(`Plus de numéro disponible dans la série ${prefixeSerie(type, annee)} (${SEQUENCE_FACTURE_MAX} au plus).`)
  }
  return formaterNumeroFacture(type, annee, derniereSequence + 1)
}

/**
 * Année de la série d'une émission : l'année UTC de la date d'émission, comme les références de
 * dossier et l'affichage des dates (src/domain/dates.ts lit les composantes UTC) — le numéro et la
 * date imprimés sur la facture désignent donc toujours la même année.
 */
export const anneeDeFacturation = (dateEmission: Date): number => dateEmission.getUTCFullYear()
