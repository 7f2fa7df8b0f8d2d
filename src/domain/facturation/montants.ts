/**
 * Arithmétique des factures, en centimes entiers et sans flottant : une facture dont les lignes
 * ne tombent pas exactement sur le total est refusée par l'OPCO au rapprochement.
 */
import { estMontantCentimesValide } from '@/src/domain/money'

/** Une ligne de facture : `quantite` heures × `prixUnitaireHT` (centimes) = `montantHT` (centimes). */
export interface LigneFacture {
  libelle: string
  quantite: number
  prixUnitaireHT: number
  montantHT: number
}

/**
 * Heures en centièmes entiers (13,5 h → 1350). Au-delà de 2 décimales la quantité n'est pas
 * représentable sur une facture : null.
 */
export function heuresEnCentiemes(heures: unknown): number | null {
  if (typeof heures !== 'number' || !Number.isFinite(heures) || heures < 0) return null
  const c = Math.round(heures * 100)
  // 13.5 * 100 = 1350 exactement, mais 0.07 * 100 = 7.000000000000001 : on compare à 1e-6 près.
  if (Math.abs(c - heures * 100) > 1e-6 || !Number.isSafeInteger(c)) return null
  return c
}

/** a × b / c arrondi au centime inférieur (c > 0), en BigInt : jamais de dépassement ni de flottant. */
export function produitDivisionPlancher(a: number, b: number, c: number): number {
  if (![a, b, c].every(Number.isSafeInteger) || a < 0 || b < 0 || c <= 0) {
    throw new RangeError(`Calcul au prorata impossible : ${a} × ${b} / ${c}.`)
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(c))
}

/** n / d arrondi « au demi supérieur » (0,5 centime → 1 centime), n ≥ 0, d > 0, en BigInt. */
function diviserArrondiDemiSuperieur(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (d * 2n)
}

/**
 * Montant d'une ligne : quantité × prix unitaire, arrondi au centime le plus proche (demi
 * supérieur). Exact dès que la quantité a au plus 2 décimales ; sinon RangeError.
 */
export function montantLigne(quantite: number, prixUnitaireHT: number): number {
  const q = heuresEnCentiemes(quantite)
  if (q === null) throw new RangeError(`Quantité invalide : ${String(quantite)} (positive, 2 décimales au plus).`)
  if (!estMontantCentimesValide(prixUnitaireHT)) throw new RangeError(`Prix unitaire invalide : ${String(prixUnitaireHT)} centimes.`)
  return Number(diviserArrondiDemiSuperieur(BigInt(q) * BigInt(prixUnitaireHT), 100n))
}

/**
 * TVA d'un total HT au taux donné en pourcentage (20, 5,5…), arrondie au centime au demi
 * supérieur, calculée une fois sur le total (et non ligne à ligne, ce qui accumulerait les arrondis).
 */
export function calculerTva(totalHT: number, tauxPourcent: number): number {
  if (!estMontantCentimesValide(totalHT)) throw new RangeError(`Total HT invalide : ${String(totalHT)} centimes.`)
  const pointsDeBase = Math.round(tauxPourcent * 100)
  // Le taux en points de base (20 % → 2000, 5,5 % → 550) doit être exact : 5,555 % ne l'est pas.
  if (!Number.isFinite(tauxPourcent) || tauxPourcent < 0 || tauxPourcent > 100 || Math.abs(pointsDeBase - tauxPourcent * 100) > 1e-6) {
    throw new RangeError(`Taux de TVA invalide : ${String(tauxPourcent)} %.`)
  }
  return Number(diviserArrondiDemiSuperieur(BigInt(totalHT) * BigInt(pointsDeBase), 10_000n))
}

/**
 * Lignes « heures × taux horaire » dont la somme fait exactement `montant` centimes.
 *
 * Un montant quelconque (part OPCO 1 200,00 € pour 14 h) ne se divise presque jamais en un taux
 * horaire entier de centimes : 14 × 85,71 € = 1 199,94 €. Plutôt qu'une ligne « arrondi » (une
 * quantité sans sens) ou un forfait (les heures réalisées doivent figurer, DOMAIN.md §4), on
 * répartit le reste au centime sur les heures : 8 h × 85,71 € + 6 h × 85,72 € = 1 200,00 €.
 * Chaque ligne reste un vrai « heures × taux » exact, les taux ne diffèrent que de quelques
 * centimes, et la dernière ligne porte le reste.
 *
 * Les heures vont par demi-heure (règle du dossier) : une demi-heure isolée reçoit un taux pair,
 * pour que 0,5 h × taux tombe sur un centime entier.
 */
export function lignesHoraires(libelle: string, heures: number, montant: number): LigneFacture[] {
  const c = heuresEnCentiemes(heures)
  if (c === null || c <= 0 || c % 50 !== 0) throw new RangeError(`Heures facturées invalides : ${String(heures)} (par demi-heure, plus de zéro).`)
  if (!estMontantCentimesValide(montant)) throw new RangeError(`Montant facturé invalide : ${String(montant)} centimes.`)
  const demiHeures = c / 50
  const ligne = (quantite: number, prixUnitaireHT: number): LigneFacture => ({ libelle, quantite, prixUnitaireHT, montantHT: exactement(quantite, prixUnitaireHT) })

  // Un taux exact existe : une seule ligne.
  if ((2 * montant) % demiHeures === 0) return [ligne(heures, (2 * montant) / demiHeures)]

  const heuresEntieres = Math.floor(demiHeures / 2)
  const lignes: Array<{ quantite: number; prix: number }> = []
  let reste = montant
  if (demiHeures % 2 === 1) {
    // heuresEntieres ≥ 1 ici : pour une demi-heure seule, 2 × montant se divise toujours par 1.
    const tauxPlancher = Math.floor((2 * montant) / demiHeures)
    const tauxPair = tauxPlancher - (tauxPlancher % 2)
    lignes.push({ quantite: 0.5, prix: tauxPair })
    reste -= tauxPair / 2
  }
  const taux = Math.floor(reste / heuresEntieres)
  const heuresAuCentimeDePlus = reste - taux * heuresEntieres
  lignes.push({ quantite: heuresEntieres - heuresAuCentimeDePlus, prix: taux })
  if (heuresAuCentimeDePlus > 0) lignes.push({ quantite: heuresAuCentimeDePlus, prix: taux + 1 })

  // Regroupe les lignes de même taux (la demi-heure tombe souvent sur l'un des deux taux).
  const parTaux = new Map<number, number>()
  for (const l of lignes) if (l.quantite > 0) parTaux.set(l.prix, (parTaux.get(l.prix) ?? 0) + l.quantite)
  const resultat = [...parTaux.entries()].sort(([a], [b]) => a - b).map(([prix, quantite]) => ligne(quantite, prix))

  const total = resultat.reduce((s, l) => s + l.montantHT, 0)
  if (total !== montant) throw new Error(`Répartition horaire incohérente : ${total} ≠ ${montant} centimes.`)
  return resultat
}

/** quantité × prix quand il tombe sur un centime entier ; sinon c'est une erreur de programmation. */
function exactement(quantite: number, prixUnitaireHT: number): number {
  const q = heuresEnCentiemes(quantite)!
  const produit = BigInt(q) * BigInt(prixUnitaireHT)
  if (produit % 100n !== 0n) throw new Error(`${quantite} h × ${prixUnitaireHT} centimes ne tombe pas sur un centime entier.`)
  return Number(produit / 100n)
}
