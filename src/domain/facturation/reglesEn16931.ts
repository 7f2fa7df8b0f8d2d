/**
 * Les règles de gestion EN 16931 (EN 16931-1:2017, §6.4 et annexes ; mêmes identifiants que les
 * schématrons du CEN) qui s'appliquent à nos pièces : parties et identifiants obligatoires,
 * totaux (BR-CO-10/13/14/15/16), ventilation de la TVA par catégorie et taux (BR-CO-17/18,
 * BR-S-*, BR-E-*), paiement par virement (BR-61). Chaque règle est une fonction pure d'une
 * FactureEn16931 vers ses violations ; `verifierReglesEn16931` les applique toutes.
 *
 * Une pièce qui en viole une n'est pas émise (422) : un destinataire ou sa plateforme agréée la
 * rejetterait, et un numéro émis ne se reprend pas.
 */
import type { CategorieTva, FactureEn16931, LigneEn16931, ViolationRegle } from './en16931'

export type RegleEn16931 = (f: FactureEn16931) => ViolationRegle[]

const v = (regle: string, message: string): ViolationRegle[] => [{ regle, message }]
const si = (condition: boolean, regle: string, message: string): ViolationRegle[] => (condition ? v(regle, message) : [])
const vide = (t: string | null | undefined): boolean => t === null || t === undefined || t.trim() === ''

/** TVA d'une base au taux donné, arrondie au centime (demi supérieur), comme BR-CO-17 l'exige. */
export function tvaArrondie(base: number, taux: number): number {
  return Math.round((base * Math.round(taux * 100)) / 10_000 + Number.EPSILON)
}

// --- En-tête ---------------------------------------------------------------------------------

/** BR-02 : une facture a un numéro (BT-1). */
export const br02: RegleEn16931 = (f) => si(vide(f.numero), 'BR-02', 'la facture doit porter un numéro (BT-1)')
/** BR-03 : une facture a une date d'émission (BT-2). */
export const br03: RegleEn16931 = (f) => si(vide(f.dateEmission), 'BR-03', 'la facture doit porter une date d’émission (BT-2)')
/** BR-04 : une facture a un code de type (BT-3). */
export const br04: RegleEn16931 = (f) => si(f.type !== '380' && f.type !== '381', 'BR-04', 'code de type de facture (BT-3) manquant ou inconnu')
/** BR-05 : une facture a une devise (BT-5). */
export const br05: RegleEn16931 = (f) => si(vide(f.devise), 'BR-05', 'devise de la facture (BT-5) manquante')

// --- Parties ---------------------------------------------------------------------------------

/** BR-06 : le nom du vendeur (BT-27). */
export const br06: RegleEn16931 = (f) => si(vide(f.vendeur.nom), 'BR-06', 'nom du vendeur (organisme de formation, BT-27) manquant')
/** BR-07 : le nom de l'acheteur (BT-44). */
export const br07: RegleEn16931 = (f) => si(vide(f.acheteur.nom), 'BR-07', 'nom de l’acheteur (BT-44) manquant')
/** BR-08 / BR-09 : l'adresse postale du vendeur (BG-5) et son code pays (BT-40). */
export const br08: RegleEn16931 = (f) => si(vide(f.vendeur.adresse.pays), 'BR-09', 'code pays de l’adresse du vendeur (BT-40) manquant')
/** BR-10 / BR-11 : l'adresse postale de l'acheteur (BG-8) et son code pays (BT-55). */
export const br10: RegleEn16931 = (f) => si(vide(f.acheteur.adresse.pays), 'BR-11', 'code pays de l’adresse de l’acheteur (BT-55) manquant')
/** BR-17 : le nom du bénéficiaire (BT-59) quand il est donné (BG-10). */
export const br17: RegleEn16931 = (f) => si(f.beneficiaire !== null && vide(f.beneficiaire.nom), 'BR-17', 'nom du bénéficiaire du paiement (BT-59) manquant')

/**
 * Mentions de la réforme (DOMAIN.md §12) : le SIREN du vendeur et celui du client. Pas une règle
 * EN 16931 : le socle français (identifiants BT-30 et BT-47) que les plateformes agréées exigent.
 */
export const brFrSiren: RegleEn16931 = (f) => [
  ...si(f.vendeur.siren === null, 'BR-FR-SIREN-VENDEUR', 'SIREN du vendeur (organisme de formation, BT-30) manquant : renseignez son SIRET'),
  ...si(f.acheteur.siren === null, 'BR-FR-SIREN-ACHETEUR', 'SIREN du client (OPCO ou entreprise, BT-47) manquant : renseignez son SIRET'),
]

// --- Lignes ----------------------------------------------------------------------------------

/** BR-16 : au moins une ligne (BG-25). */
export const br16: RegleEn16931 = (f) => si(f.lignes.length === 0, 'BR-16', 'la facture doit avoir au moins une ligne (BG-25)')

/** BR-21 à BR-26 : chaque ligne a un identifiant, une quantité, un montant net, un libellé, un prix net ≥ 0. */
export const lignesCompletes: RegleEn16931 = (f) =>
  f.lignes.flatMap((l) => [
    ...si(vide(l.id), 'BR-21', `ligne sans identifiant (BT-126)`),
    ...si(l.quantite === null, 'BR-22', `ligne ${l.id} : quantité facturée (BT-129) manquante`),
    ...si(l.montantNet === null, 'BR-24', `ligne ${l.id} : montant net (BT-131) manquant`),
    ...si(vide(l.libelle), 'BR-25', `ligne ${l.id} : désignation (BT-153) manquante`),
    ...si(l.prixUnitaire === null, 'BR-26', `ligne ${l.id} : prix unitaire net (BT-146) manquant`),
    ...si(l.prixUnitaire !== null && l.prixUnitaire < 0, 'BR-27', `ligne ${l.id} : prix unitaire net (BT-146) négatif`),
  ])

// --- Totaux ----------------------------------------------------------------------------------

/** BR-12 à BR-15 : les totaux obligatoires (BT-106, BT-109, BT-112, BT-115). */
export const totauxPresents: RegleEn16931 = (f) => [
  ...si(f.totaux.sommeLignes === null, 'BR-12', 'somme des montants nets des lignes (BT-106) manquante'),
  ...si(f.totaux.totalHT === null, 'BR-13', 'total hors TVA (BT-109) manquant'),
  ...si(f.totaux.totalTTC === null, 'BR-14', 'total TVA comprise (BT-112) manquant'),
  ...si(f.totaux.montantDu === null, 'BR-15', 'montant à payer (BT-115) manquant'),
]

/** BR-CO-10 : somme des montants nets des lignes (BT-106) = Σ montants nets des lignes (BT-131). */
export const brCo10: RegleEn16931 = (f) => {
  if (f.totaux.sommeLignes === null || f.lignes.some((l) => l.montantNet === null)) return []
  const somme = f.lignes.reduce((s, l) => s + l.montantNet!, 0)
  return si(f.totaux.sommeLignes !== somme, 'BR-CO-10', `somme des lignes (BT-106) ${f.totaux.sommeLignes} ≠ Σ des montants nets des lignes ${somme} (centimes)`)
}

/** BR-CO-13 : total HT (BT-109) = somme des lignes (BT-106) − remises (BT-107) + charges (BT-108) ; nous n'avons ni remise ni charge. */
export const brCo13: RegleEn16931 = (f) => {
  const { sommeLignes, totalHT } = f.totaux
  if (sommeLignes === null || totalHT === null) return []
  return si(totalHT !== sommeLignes, 'BR-CO-13', `total HT (BT-109) ${totalHT} ≠ somme des lignes (BT-106) ${sommeLignes} (centimes)`)
}

/** BR-CO-14 : total TVA (BT-110) = Σ des montants de TVA par catégorie (BT-117). */
export const brCo14: RegleEn16931 = (f) => {
  if (f.totaux.totalTva === null) return []
  const somme = f.ventilation.reduce((s, ven) => s + ven.montantTva, 0)
  return si(f.totaux.totalTva !== somme, 'BR-CO-14', `total TVA (BT-110) ${f.totaux.totalTva} ≠ Σ de la ventilation (BT-117) ${somme} (centimes)`)
}

/** BR-CO-15 : total TTC (BT-112) = total HT (BT-109) + total TVA (BT-110). */
export const brCo15: RegleEn16931 = (f) => {
  const { totalHT, totalTva, totalTTC } = f.totaux
  if (totalHT === null || totalTTC === null) return []
  const attendu = totalHT + (totalTva ?? 0)
  return si(totalTTC !== attendu, 'BR-CO-15', `total TTC (BT-112) ${totalTTC} ≠ total HT + TVA ${attendu} (centimes)`)
}

/** BR-CO-16 : montant à payer (BT-115) = TTC (BT-112) − déjà payé (BT-113) + arrondi (BT-114). */
export const brCo16: RegleEn16931 = (f) => {
  const { totalTTC, dejaPaye, montantDu } = f.totaux
  if (totalTTC === null || montantDu === null) return []
  return si(montantDu !== totalTTC - dejaPaye, 'BR-CO-16', `montant à payer (BT-115) ${montantDu} ≠ TTC − déjà payé ${totalTTC - dejaPaye} (centimes)`)
}

// --- Ventilation de la TVA -------------------------------------------------------------------

/** BR-CO-18 : au moins une ventilation de TVA (BG-23). */
export const brCo18: RegleEn16931 = (f) => si(f.ventilation.length === 0, 'BR-CO-18', 'aucune ventilation de la TVA (BG-23)')

/** BR-CO-17 : TVA d'une catégorie (BT-117) = base (BT-116) × taux (BT-119) / 100, arrondie à 2 décimales. */
export const brCo17: RegleEn16931 = (f) =>
  f.ventilation.flatMap((ven) =>
    si(ven.montantTva !== tvaArrondie(ven.baseImposable, ven.taux), 'BR-CO-17', `TVA de la catégorie ${ven.categorie} à ${ven.taux} % : ${ven.montantTva} ≠ ${tvaArrondie(ven.baseImposable, ven.taux)} (centimes)`),
  )

const lignesDe = (f: FactureEn16931, c: CategorieTva): LigneEn16931[] => f.lignes.filter((l) => l.categorie === c)
const baseDe = (ls: LigneEn16931[]): number => ls.reduce((s, l) => s + (l.montantNet ?? 0), 0)

/** BR-S-01, -02, -05, -08, -09, -10 : lignes au taux normal. */
export const brS: RegleEn16931 = (f) => {
  const lignes = lignesDe(f, 'S')
  if (lignes.length === 0) return []
  const ventilations = f.ventilation.filter((ven) => ven.categorie === 'S')
  const taux = [...new Set(lignes.map((l) => l.taux))]
  return [
    ...si(ventilations.length === 0, 'BR-S-01', 'des lignes au taux normal (S) sans ventilation de TVA « S »'),
    ...si(vide(f.vendeur.numeroTva), 'BR-S-02', 'n° de TVA intracommunautaire du vendeur (BT-31) manquant pour une facture avec TVA'),
    ...lignes.flatMap((l) => si(!(l.taux > 0), 'BR-S-05', `ligne ${l.id} au taux normal (S) sans taux de TVA positif (BT-152)`)),
    ...taux.flatMap((t) => {
      const ven = ventilations.find((x) => x.taux === t)
      const base = baseDe(lignes.filter((l) => l.taux === t))
      return si(ven !== undefined && ven.baseImposable !== base, 'BR-S-08', `base imposable à ${t} % (BT-116) ${ven?.baseImposable ?? 0} ≠ Σ des lignes à ce taux ${base} (centimes)`)
    }),
    ...ventilations.flatMap((ven) => si(ven.montantTva !== tvaArrondie(ven.baseImposable, ven.taux), 'BR-S-09', `TVA à ${ven.taux} % (BT-117) ${ven.montantTva} ≠ base × taux ${tvaArrondie(ven.baseImposable, ven.taux)} (centimes)`)),
    ...ventilations.flatMap((ven) => si(!vide(ven.motifExoneration) || !vide(ven.codeExoneration), 'BR-S-10', 'une ventilation au taux normal (S) ne porte pas de motif d’exonération (BT-120, BT-121)')),
  ]
}

/** BR-E-01, -02, -05, -08, -09, -10 : lignes exonérées (exonération 261-4-4°-a, franchise 293 B). */
export const brE: RegleEn16931 = (f) => {
  const lignes = lignesDe(f, 'E')
  if (lignes.length === 0) return []
  const ventilations = f.ventilation.filter((ven) => ven.categorie === 'E')
  return [
    ...si(ventilations.length !== 1, 'BR-E-01', `des lignes exonérées (E) demandent exactement une ventilation « E » (${ventilations.length} trouvée(s))`),
    ...si(vide(f.vendeur.numeroTva), 'BR-E-02', 'n° de TVA intracommunautaire du vendeur (BT-31) manquant : EN 16931 l’exige aussi pour une facture exonérée'),
    ...lignes.flatMap((l) => si(l.taux !== 0, 'BR-E-05', `ligne ${l.id} exonérée (E) avec un taux de TVA ${l.taux} % au lieu de 0`)),
    ...ventilations.flatMap((ven) => si(ven.baseImposable !== baseDe(lignes), 'BR-E-08', `base exonérée (BT-116) ${ven.baseImposable} ≠ Σ des lignes exonérées ${baseDe(lignes)} (centimes)`)),
    ...ventilations.flatMap((ven) => si(ven.montantTva !== 0, 'BR-E-09', `TVA d’une ventilation exonérée (BT-117) ${ven.montantTva} au lieu de 0`)),
    ...ventilations.flatMap((ven) => si(vide(ven.motifExoneration) && vide(ven.codeExoneration), 'BR-E-10', 'motif d’exonération (BT-120 ou code VATEX BT-121) manquant')),
  ]
}

// --- Paiement --------------------------------------------------------------------------------

/** BR-61 : un virement (code 30 ou 58) porte l'identifiant du compte du bénéficiaire (BT-84, IBAN). */
export const br61: RegleEn16931 = (f) => si(f.paiement !== null && vide(f.paiement.iban), 'BR-61', 'IBAN du bénéficiaire (BT-84) manquant pour un paiement par virement')

/** BR-CO-25 : un montant à payer positif demande une échéance (BT-9) ou des conditions de paiement (BT-20). */
export const brCo25: RegleEn16931 = (f) =>
  si(f.type === '380' && (f.totaux.montantDu ?? 0) > 0 && vide(f.dateEcheance) && vide(f.conditionsPaiement), 'BR-CO-25', 'échéance (BT-9) ou conditions de paiement (BT-20) manquantes')

/** BR-55 : un avoir mentionne la facture qu'il corrige (BT-25) — règle du socle français pour le type 381. */
export const brAvoir: RegleEn16931 = (f) => si(f.type === '381' && (f.factureOrigine === null || vide(f.factureOrigine.numero)), 'BR-55', 'un avoir doit citer la facture qu’il annule (BT-25)')

export const REGLES_EN16931: readonly RegleEn16931[] = [
  br02, br03, br04, br05, br06, br07, br08, br10, br17, brFrSiren,
  br16, lignesCompletes,
  totauxPresents, brCo10, brCo13, brCo14, brCo15, brCo16,
  brCo18, brCo17, brS, brE,
  br61, brCo25, brAvoir,
]

/** Toutes les violations d'une pièce (vide : la pièce respecte les règles qui la concernent). */
export function verifierReglesEn16931(f: FactureEn16931): ViolationRegle[] {
  return REGLES_EN16931.flatMap((r) => r(f))
}
