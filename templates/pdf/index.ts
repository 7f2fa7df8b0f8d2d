/**
 * Le HTML de chaque document : modèle de vue (src/domain/documents) → gabarit.
 * Sans navigateur : c'est aussi ce que le banc d'essai et les tests du modèle utilisent.
 */
import type { ConfigurationDocuments } from '@/src/domain/documents/configuration'
import { construireModele } from '@/src/domain/documents/modele'
import type { EntreesDocument, TypeDocument } from '@/src/domain/documents/types'
import { gabaritCertificatRealisation } from './certificat-realisation'
import { gabaritConvention } from './convention'
import { gabaritConventionBilan } from './convention-bilan'
import { gabaritDemandePriseEnCharge } from './demande-prise-en-charge'
import { gabaritFacture } from './facture'
import { gabaritAttestationAssiduite } from './attestation-assiduite'
import { gabaritFeuilleEmargement } from './feuille-emargement'

export function rendreHtmlDocument(type: TypeDocument, entrees: EntreesDocument, config: ConfigurationDocuments): string {
  switch (type) {
    case 'convention':
      return gabaritConvention(construireModele(type, entrees, config))
    case 'convention_bilan':
      return gabaritConventionBilan(construireModele(type, entrees, config))
    case 'demande_prise_en_charge':
      return gabaritDemandePriseEnCharge(construireModele(type, entrees, config))
    case 'certificat_realisation':
      return gabaritCertificatRealisation(construireModele(type, entrees, config))
    case 'attestation_assiduite':
      return gabaritAttestationAssiduite(construireModele(type, entrees, config))
    case 'feuille_emargement':
      return gabaritFeuilleEmargement(construireModele(type, entrees, config))
    case 'facture':
    case 'avoir':
      return gabaritFacture(construireModele(type, entrees, config))
  }
}
