/**
 * Contrôles d'une pièce avant émission et construction d'un avoir.
 *
 * Une facture émise ne change plus jamais (L441-9 C. com.) : tout ce qui est imprimé doit donc
 * être juste au moment de l'émission — d'où ce contrôle, qui vaut aussi pour les brouillons
 * saisis à la main dans l'administration.
 */
import { estMontantCentimesValide } from '@/src/domain/money'
import { montantLigne } from './montants'
import type { Probleme } from './regles'
import { TYPE_PIECE } from './statuts'

export const MOTIF_AVOIR_MAX = 500

/** A line as stored: what the form lets through may be missing until the issue checks it. */
export interface LigneSaisie {
  libelle?: string | null
  quantite?: number | null
  prixUnitaireHT?: number | null
  montantHT?: number | null
  id?: unknown
}

export interface PieceFacturation {
  id?: number | string
  type?: string | null
  statut?: string | null
  numero?: string | null
  dossier?: unknown
  destinataire?: string | null
  factureOrigine?: unknown
  lignes?: LigneSaisie[] | null
  totalHT?: number | null
  totalTVA?: number | null
  totalTTC?: number | null
  mentionTva?: string | null
}

/** Ce qui empêche d'émettre la pièce (vide : émettable). Les montants doivent tomber juste au centime. */
export function verifierPieceEmettable(p: PieceFacturation): Probleme[] {
  const problemes: Probleme[] = []
  if (p.destinataire !== 'opco' && p.destinataire !== 'entreprise') problemes.push({ champ: 'destinataire', message: 'destinataire manquant' })
  if (p.type === TYPE_PIECE.avoir && (p.factureOrigine === null || p.factureOrigine === undefined)) problemes.push({ champ: 'factureOrigine', message: 'facture corrigée manquante' })
  const lignes = p.lignes ?? []
  if (lignes.length === 0) problemes.push({ champ: 'lignes', message: 'aucune ligne' })
  let somme = 0
  let lignesLisibles = true
  lignes.forEach((l, i) => {
    const champ = `lignes.${i}`
    if (typeof l.libelle !== 'string' || l.libelle.trim() === '') problemes.push({ champ: `${champ}.libelle`, message: `ligne ${i + 1} : désignation manquante` })
    let attendu: number | null = null
    try {
      attendu = montantLigne(l.quantite as number, l.prixUnitaireHT as number)
    } catch {
      problemes.push({ champ: `${champ}.quantite`, message: `ligne ${i + 1} : quantité ou prix unitaire invalide` })
    }
    if (!estMontantCentimesValide(l.montantHT)) {
      lignesLisibles = false
      problemes.push({ champ: `${champ}.montantHT`, message: `ligne ${i + 1} : montant HT manquant ou invalide` })
    } else {
      somme += l.montantHT as number
      if (attendu !== null && attendu !== l.montantHT) {
        problemes.push({ champ: `${champ}.montantHT`, message: `ligne ${i + 1} : le montant HT (${l.montantHT}) n'est pas quantité × prix unitaire (${attendu}) en centimes` })
      }
    }
  })
  const { totalHT, totalTVA, totalTTC } = p
  if (!estMontantCentimesValide(totalHT) || totalHT === 0) problemes.push({ champ: 'totalHT', message: 'total HT manquant ou nul' })
  else if (lignesLisibles && lignes.length > 0 && somme !== totalHT) problemes.push({ champ: 'totalHT', message: `le total HT (${totalHT}) n'est pas la somme des lignes (${somme}) en centimes` })
  if (!estMontantCentimesValide(totalTVA)) problemes.push({ champ: 'totalTVA', message: 'TVA manquante (0 si l’organisme en est exonéré)' })
  if (!estMontantCentimesValide(totalTTC)) problemes.push({ champ: 'totalTTC', message: 'total TTC manquant' })
  else if (estMontantCentimesValide(totalHT) && estMontantCentimesValide(totalTVA) && (totalHT as number) + (totalTVA as number) !== totalTTC) {
    problemes.push({ champ: 'totalTTC', message: `le total TTC (${totalTTC}) n'est pas total HT + TVA (${(totalHT as number) + (totalTVA as number)}) en centimes` })
  }
  if (typeof p.mentionTva !== 'string' || p.mentionTva.trim() === '') problemes.push({ champ: 'mentionTva', message: 'mention de TVA manquante (taux, exonération ou franchise)' })
  return problemes
}

/**
 * Totaux d'un brouillon déduits de ses lignes : montant de chaque ligne sans montant, total HT =
 * somme des lignes, TTC = HT + TVA. Ne touche que ce que la saisie rend calculable ; ce qui est
 * incohérent reste à corriger et l'émission le refuse (verifierPieceEmettable).
 */
export function completerTotauxBrouillon(data: Record<string, unknown>, actuel: Record<string, unknown> = {}): Record<string, unknown> {
  const sortie = { ...data }
  if (Array.isArray(data.lignes)) {
    const lignes = (data.lignes as Array<Record<string, unknown>>).map((l) => {
      if (l.montantHT !== null && l.montantHT !== undefined) return l
      try {
        return { ...l, montantHT: montantLigne(l.quantite as number, l.prixUnitaireHT as number) }
      } catch {
        return l
      }
    })
    sortie.lignes = lignes
    if (lignes.every((l) => estMontantCentimesValide(l.montantHT))) sortie.totalHT = lignes.reduce((s, l) => s + (l.montantHT as number), 0)
  }
  if ('lignes' in data || 'totalHT' in data || 'totalTVA' in data) {
    const ht = 'totalHT' in sortie ? sortie.totalHT : actuel.totalHT
    const tvaSaisie = 'totalTVA' in sortie ? sortie.totalTVA : actuel.totalTVA
    const tva = tvaSaisie === null || tvaSaisie === undefined ? 0 : tvaSaisie
    if (estMontantCentimesValide(ht) && estMontantCentimesValide(tva)) {
      sortie.totalTVA = tva
      sortie.totalTTC = (ht as number) + (tva as number)
    }
  }
  return sortie
}

type LigneDe<P extends PieceFacturation> = NonNullable<P['lignes']>[number]
type ChampLigne = 'libelle' | 'quantite' | 'prixUnitaireHT' | 'montantHT'

/** Le brouillon d'un avoir, avec les types mêmes de la facture qu'il annule. */
export interface BrouillonAvoir<P extends PieceFacturation & { id: number | string }> {
  type: typeof TYPE_PIECE.avoir
  dossier: P['dossier']
  factureOrigine: P['id']
  destinataire: P['destinataire']
  lignes: Array<{ [K in ChampLigne]: LigneDe<P>[K] }>
  totalHT: P['totalHT']
  totalTVA: P['totalTVA']
  totalTTC: P['totalTTC']
  mentionTva: P['mentionTva']
  motif?: string
}

/**
 * Le brouillon de l'avoir qui annule entièrement `facture` : mêmes destinataire, lignes, totaux
 * et mention de TVA, montants **positifs** — c'est le type « avoir » et la référence à la facture
 * d'origine qui en font une pièce en déduction (les montants négatifs sont refusés partout dans
 * le produit et compliquent le rapprochement). Pas d'échéance : un avoir ne se paie pas.
 */
export function brouillonAvoir<P extends PieceFacturation & { id: number | string }>(facture: P, motif?: string): BrouillonAvoir<P> {
  const lignes: readonly LigneDe<P>[] = facture.lignes ?? []
  return {
    type: TYPE_PIECE.avoir,
    dossier: facture.dossier,
    factureOrigine: facture.id,
    destinataire: facture.destinataire,
    lignes: lignes.map((l) => ({ libelle: l.libelle, quantite: l.quantite, prixUnitaireHT: l.prixUnitaireHT, montantHT: l.montantHT })),
    totalHT: facture.totalHT,
    totalTVA: facture.totalTVA,
    totalTTC: facture.totalTTC,
    mentionTva: facture.mentionTva,
    ...(motif ? { motif } : {}),
  }
}
