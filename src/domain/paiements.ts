/**
 * Paiements d'un dossier : statut de paiement dérivé et idempotence de l'enregistrement.
 *
 * Le montant validé (`montantValide`) est l'engagement de l'OPCO : ce sont donc les paiements
 * **reçus de l'OPCO** qui le couvrent (ou le dépassent : trop-perçu). Les virements de
 * l'entreprise règlent le reste à charge (coût total − montant validé) et ne comptent pas
 * dans ce rapprochement. Tout est en centimes entiers.
 */
import type { StatutPaiementDossier } from './statuts'
import { STATUTS_FACTURE_EMISES, TYPE_PIECE } from './facturation/statuts'

export const PAYEURS_PAIEMENT = [
  { value: 'opco', label: 'OPCO' },
  { value: 'entreprise', label: 'Entreprise' },
] as const
export type PayeurPaiement = (typeof PAYEURS_PAIEMENT)[number]['value']

/** The states of a recorded payment (collection `payments`), named once. */
export const STATUTS_PAIEMENT = [
  { value: 'attendu', label: 'Attendu' },
  { value: 'recu', label: 'Reçu' },
  { value: 'annule', label: 'Annulé' },
] as const
export type StatutPaiement = (typeof STATUTS_PAIEMENT)[number]['value']

export const STATUT_PAIEMENT = { attendu: 'attendu', recu: 'recu', annule: 'annule' } as const satisfies { [S in StatutPaiement]: S }

/** A payment recorded without a state is received: the collection's default. */
export const STATUT_PAIEMENT_PAR_DEFAUT: StatutPaiement = STATUT_PAIEMENT.recu

export interface PaiementRapproche {
  montant?: number | null
  payeur?: PayeurPaiement | string | null
  statut?: StatutPaiement | string | null
}

/** Total des paiements reçus de l'OPCO (ceux qui couvrent le montant validé), en centimes. */
export function totalRecuOpco(paiements: readonly PaiementRapproche[]): number {
  let total = 0
  for (const p of paiements) {
    // Un paiement sans statut est reçu : c'est la valeur par défaut de la collection.
    if ((p.statut ?? STATUT_PAIEMENT_PAR_DEFAUT) !== STATUT_PAIEMENT.recu || p.payeur !== 'opco') continue
    const m = Number(p.montant)
    if (Number.isSafeInteger(m) && m > 0) total += m
  }
  return total
}

export interface FactureRapprochee {
  type?: string | null
  destinataire?: string | null
  statut?: string | null
  totalTTC?: number | null
}

/**
 * Ce que l'OPCO doit : une fois le dossier facturé, ses factures émises (proratisées aux heures
 * réellement faites, TVA comprise le cas échéant) ; avant, le montant validé, son engagement.
 * `null` : rien de connu (ni facture ni montant validé).
 */
export function montantAttenduOpco(montantValide: number | null | undefined, factures: readonly FactureRapprochee[]): number | null {
  let total = 0
  let emises = 0
  for (const f of factures) {
    if ((f.type ?? TYPE_PIECE.facture) !== TYPE_PIECE.facture || f.destinataire !== 'opco' || !(STATUTS_FACTURE_EMISES as readonly unknown[]).includes(f.statut)) continue
    const m = Number(f.totalTTC)
    if (!Number.isSafeInteger(m) || m < 0) continue
    total += m
    emises++
  }
  if (emises > 0) return total
  return typeof montantValide === 'number' && Number.isSafeInteger(montantValide) && montantValide > 0 ? montantValide : null
}

/**
 * Comparé au montant attendu de l'OPCO (`montantAttenduOpco`) : `aucun` : rien reçu de l'OPCO ;
 * `partiel` : moins (ou montant encore inconnu) ; `paye` : exactement ; `trop_percu` : davantage — signalé,
 * jamais masqué, pour être remboursé à l'OPCO.
 */
export function statutPaiementDossier(montantAttendu: number | null | undefined, paiements: readonly PaiementRapproche[]): StatutPaiementDossier {
  const recu = totalRecuOpco(paiements)
  if (recu === 0) return 'aucun'
  if (typeof montantAttendu !== 'number' || !Number.isFinite(montantAttendu) || montantAttendu <= 0) return 'partiel'
  if (recu < montantAttendu) return 'partiel'
  return recu === montantAttendu ? 'paye' : 'trop_percu'
}

export interface PaiementIdentifie {
  id?: string | number
  dossier?: unknown
  montant?: unknown
  payeur?: unknown
  reference?: unknown
}

const idDe = (v: unknown): string => {
  if (v !== null && typeof v === 'object' && 'id' in v) return String((v as { id: unknown }).id)
  return v === null || v === undefined ? '' : String(v)
}

export type ComparaisonPaiement = { identique: true } | { identique: false; message: string }

/**
 * Un second enregistrement avec le même payeur et la même référence est le même paiement
 * (rejeu, double clic, import relancé) s'il porte sur le même dossier et le même montant ;
 * sinon la référence est réutilisée à tort et la demande est refusée (409).
 */
export function comparerPaiement(existant: PaiementIdentifie, demande: PaiementIdentifie): ComparaisonPaiement {
  const ecarts: string[] = []
  if (idDe(existant.dossier) !== idDe(demande.dossier)) ecarts.push(`il concerne un autre dossier (n° ${idDe(existant.dossier)})`)
  if (Number(existant.montant) !== Number(demande.montant)) ecarts.push(`son montant est différent (${String(existant.montant)} centimes)`)
  if (ecarts.length === 0) return { identique: true }
  const payeur = existant.payeur === 'opco' ? "de l'OPCO" : existant.payeur === 'entreprise' ? "de l'entreprise" : 'de ce payeur'
  return {
    identique: false,
    message: `La référence « ${String(existant.reference)} » est déjà celle d'un paiement ${payeur} enregistré (n° ${String(existant.id ?? '?')}), mais ${ecarts.join(' et ')} : vérifiez la référence du virement.`,
  }
}
