/**
 * Les chiffres d'argent des dossiers : **une seule définition**, utilisée par le tableau de bord,
 * les rapports (écran et PDF), la page Paiements et les exports CSV/XLSX. Les agrégats SQL de
 * src/services/rapports/montants.ts (`COLONNES_MONTANTS`) en sont la traduction exacte ; les tests
 * (tests/int/chiffres.test.ts) recalculent chaque chiffre avec ces fonctions à partir des lignes.
 *
 * **Population** : les dossiers **créés** dans la période (même règle que les filtres des
 * exports et le décompte « par statut »), filtrés par OPCO le cas échéant. Les chiffres d'un
 * dossier suivent le dossier : un paiement reçu en 2027 pour un dossier créé en 2026 compte
 * en 2026 (sinon le « payé » d'une période pourrait dépasser son « validé » sans anomalie).
 *
 * Par dossier, en centimes :
 * - **demandé** : pour un dossier soumis (`soumissionDate` posée), le montant estimé s'il est
 *   positif, sinon le coût total HT ; 0 pour un brouillon jamais soumis ;
 * - **validé** : `montantValide` quand l'OPCO a accordé sa prise en charge (statuts
 *   `STATUTS_ACCORD` : accepté, accepté partiellement et les suivants), sinon 0 (refusé, annulé,
 *   sans réponse) ;
 * - **dû par l'OPCO** : ce que l'OPCO doit payer, la règle de `montantAttenduOpco`
 *   (src/domain/paiements.ts, celle du statut de paiement du dossier) — une fois le dossier
 *   facturé, ses factures émises à l'OPCO (heures réellement faites, TVA comprise le cas
 *   échéant), avant, le validé ;
 * - **reçu de l'OPCO** : somme des paiements `payeur = opco` au statut « reçu » (un paiement sans
 *   statut est reçu, valeur par défaut de la collection) ;
 * - **payé par l'OPCO** : le reçu de l'OPCO **plafonné au dû** ;
 * - **trop-perçu** : ce que l'OPCO a versé au-delà de ce qu'il doit — une **anomalie**, listée
 *   dossier par dossier, jamais fondue dans « payé » (à rembourser ou à expliquer) ;
 * - **payé par l'entreprise** : somme des paiements `payeur = entreprise` reçus (son reste à
 *   charge, hors rapprochement avec l'OPCO) ;
 * - **reste dû** (par l'OPCO) : dû − payé par l'OPCO, jamais négatif.
 *
 * Les totaux sont des sommes de ces valeurs par dossier : un trop-perçu sur un dossier ne
 * compense jamais un reste dû sur un autre. Identité toujours vraie : dû par l'OPCO = payé par
 * l'OPCO + reste dû (et dû = validé tant que rien n'est facturé à l'OPCO).
 */
import { montantAttenduOpco, type FactureRapprochee } from '@/src/domain/paiements'
import { STATUTS_ACCORD } from '@/src/domain/workflow/groupes'
import { STATUTS_FACTURE_EMISES, TYPE_PIECE } from '@/src/domain/facturation/statuts'
import { STATUT_PAIEMENT, STATUT_PAIEMENT_PAR_DEFAUT } from '@/src/domain/paiements'


/** Statuts où l'OPCO a accordé (et doit) le montant validé. */

export interface DossierPourMontants {
  status?: string | null
  soumissionDate?: string | Date | null
  montantEstime?: number | null
  coutTotalHT?: number | null
  montantValide?: number | null
}

export interface PaiementPourMontants {
  montant?: number | null
  payeur?: string | null
  statut?: string | null
}

export interface MontantsDossier {
  demande: number
  valide: number
  duOpco: number
  payeOpco: number
  tropPercu: number
  payeEntreprise: number
  resteDu: number
}

export const MONTANTS_VIDES: Readonly<MontantsDossier> = Object.freeze({ demande: 0, valide: 0, duOpco: 0, payeOpco: 0, tropPercu: 0, payeEntreprise: 0, resteDu: 0 })

const centimesPositifs = (v: unknown): number => {
  const n = typeof v === 'number' ? v : v === null || v === undefined || v === '' ? NaN : Number(v)
  return Number.isSafeInteger(n) && n > 0 ? n : 0
}

export function montantDemande(d: DossierPourMontants): number {
  if (!d.soumissionDate) return 0
  const estime = centimesPositifs(d.montantEstime)
  return estime > 0 ? estime : centimesPositifs(d.coutTotalHT)
}

export function montantValideAccorde(d: DossierPourMontants): number {
  return (STATUTS_ACCORD as readonly string[]).includes(String(d.status)) ? centimesPositifs(d.montantValide) : 0
}

/** Somme des paiements reçus d'un payeur (un paiement sans statut est reçu). */
export function recuDe(paiements: readonly PaiementPourMontants[], payeur: 'opco' | 'entreprise'): number {
  let total = 0
  for (const p of paiements) if (p.payeur === payeur && (p.statut ?? STATUT_PAIEMENT_PAR_DEFAUT) === STATUT_PAIEMENT.recu) total += centimesPositifs(p.montant)
  return total
}

/**
 * Les chiffres d'un dossier à partir des sommes (forme commune aux lignes SQL et aux fiches) :
 * `factureOpco` = total TTC de ses factures émises à l'OPCO, `null` s'il n'y en a aucune.
 */
export function montantsDepuisSommes(d: DossierPourMontants, recuOpco: number, recuEntreprise: number, factureOpco: number | null = null): MontantsDossier {
  const valide = montantValideAccorde(d)
  const duOpco = factureOpco === null ? valide : factureOpco
  const payeOpco = Math.min(recuOpco, duOpco)
  return {
    demande: montantDemande(d),
    valide,
    duOpco,
    payeOpco,
    tropPercu: recuOpco - payeOpco,
    payeEntreprise: recuEntreprise,
    resteDu: duOpco - payeOpco,
  }
}

/** Total TTC des factures émises à l'OPCO, `null` sans facture émise (même filtre que montantAttenduOpco). */
export function factureOpco(factures: readonly FactureRapprochee[]): number | null {
  const emises = factures.filter((f) => (f.type ?? TYPE_PIECE.facture) === TYPE_PIECE.facture && f.destinataire === 'opco' && (STATUTS_FACTURE_EMISES as readonly unknown[]).includes(f.statut))
  // montantAttenduOpco is the rule; asked with no validated amount, it answers the invoices or null.
  return emises.length === 0 ? null : (montantAttenduOpco(null, emises) ?? 0)
}

export function montantsDossier(d: DossierPourMontants, paiements: readonly PaiementPourMontants[], factures: readonly FactureRapprochee[] = []): MontantsDossier {
  return montantsDepuisSommes(d, recuDe(paiements, 'opco'), recuDe(paiements, 'entreprise'), factureOpco(factures))
}

export function additionnerMontants(liste: Iterable<MontantsDossier>): MontantsDossier {
  const t = { ...MONTANTS_VIDES }
  for (const m of liste) for (const k of Object.keys(t) as (keyof MontantsDossier)[]) t[k] += m[k]
  return t
}

/** Libellés affichés partout (tuiles, tableaux, PDF, en-têtes d'export). */
export const LIBELLES_MONTANTS: Record<keyof MontantsDossier, string> = {
  demande: 'Montant demandé',
  valide: 'Montant validé',
  duOpco: 'Dû par l’OPCO',
  payeOpco: 'Payé par l’OPCO',
  tropPercu: 'Trop-perçu (anomalie)',
  payeEntreprise: 'Payé par l’entreprise',
  resteDu: 'Reste dû par l’OPCO',
}
