/**
 * Le montant demandé à l'OPCO : une seule définition, utilisée par la demande de prise en
 * charge (PDF), la convention, les e-mails, les écrans et le contrôle de la réponse de l'OPCO
 * (src/domain/workflow la réexporte) — pour qu'aucun document ne dise un autre chiffre.
 * Les rapports en ont la traduction SQL (src/services/rapports/statistiques.ts, MONTANT_DEMANDE).
 */
import { estMontantCentimesValide } from '@/src/domain/money'

export interface SourceMontantDemande {
  /** Centimes ; 0 ou absent = pas d'estimation (aucune règle). Figé une fois le dossier envoyé. */
  montantEstime?: number | null
  /** Centimes HT. */
  coutTotalHT?: number | null
}

/**
 * L'estimation si elle existe, sinon le coût total HT : sans règle applicable, l'entreprise
 * demande la prise en charge de tout le coût et l'OPCO fixe ce qu'il accorde.
 * Une estimation à 0 signifie « aucune règle connue », pas « rien demandé ».
 * `null` seulement quand le coût lui-même manque.
 */
export function montantDemande(d: SourceMontantDemande): number | null {
  if (typeof d.montantEstime === 'number' && estMontantCentimesValide(d.montantEstime) && d.montantEstime > 0) {
    return d.montantEstime
  }
  if (typeof d.coutTotalHT === 'number' && estMontantCentimesValide(d.coutTotalHT) && d.coutTotalHT > 0) {
    return d.coutTotalHT
  }
  return null
}
