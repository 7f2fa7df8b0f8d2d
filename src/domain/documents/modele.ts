/**
 * Modèles de vue des documents générés, construits à partir de données simples.
 *
 * Toutes les décisions de contenu sont ici (quelle mention, quel libellé, que faire d'une valeur
 * absente), pas dans les gabarits : c'est ce qu'on teste sans navigateur, et ce qui garantit que
 * chaque document porte les mentions obligatoires de docs/domaine.md §4. Les références d'articles et
 * les formulations légales viennent de la configuration (`templates/pdf/configuration.json`).
 *
 * Un fichier par document sous `./modeles/` (convention, convention de bilan, demande de prise en
 * charge, certificat de réalisation, facture/avoir) et leur partie commune (`./modeles/commun`) ;
 * ici, le choix du modèle selon le type demandé.
 */
import type { ConfigurationDocuments } from './configuration'
import { DonneesDocumentInvalidesError, estBilan } from './modeles/commun'
import { conventionFormation } from './modeles/convention'
import { conventionBilan } from './modeles/conventionBilan'
import { demandePriseEnCharge } from './modeles/demandePriseEnCharge'
import { certificatRealisation } from './modeles/certificatRealisation'
import { feuilleEmargement } from './modeles/feuilleEmargement'
import { facture } from './modeles/facture'
import { attestationAssiduite } from './modeles/attestationAssiduite'
import type { DossierEntree, EntreesDocument, TypeDocument, VueAttestationAssiduite, VueCertificatRealisation, VueConvention, VueDemandePriseEnCharge, VueDocument, VueFacture, VueFeuilleEmargement } from './types'

export { DonneesDocumentInvalidesError, mentionDeclarationActivite, mentionTva, signataireEntreprise } from './modeles/commun'
export { PHASES_BILAN } from './modeles/conventionBilan'
export { NATURES_ACTION } from './modeles/certificatRealisation'

/** Le modèle de vue d'un document, prêt pour son gabarit. */
export function construireModele(type: 'convention' | 'convention_bilan', entrees: EntreesDocument, config: ConfigurationDocuments): VueConvention
export function construireModele(type: 'demande_prise_en_charge', entrees: EntreesDocument, config: ConfigurationDocuments): VueDemandePriseEnCharge
export function construireModele(type: 'certificat_realisation', entrees: EntreesDocument, config: ConfigurationDocuments): VueCertificatRealisation
export function construireModele(type: 'attestation_assiduite', entrees: EntreesDocument, config: ConfigurationDocuments): VueAttestationAssiduite
export function construireModele(type: 'feuille_emargement', entrees: EntreesDocument, config: ConfigurationDocuments): VueFeuilleEmargement
export function construireModele(type: 'facture' | 'avoir', entrees: EntreesDocument, config: ConfigurationDocuments): VueFacture
export function construireModele(type: TypeDocument, entrees: EntreesDocument, config: ConfigurationDocuments): VueDocument
export function construireModele(type: TypeDocument, entrees: EntreesDocument, config: ConfigurationDocuments): VueDocument {
  if (!entrees?.dossier) throw new DonneesDocumentInvalidesError('Le dossier est requis pour générer un document.')
  const bilan = estBilan(entrees.dossier)
  switch (type) {
    case 'convention':
      // Un bilan employeur exige la convention tripartite (R6313-8), pas une convention de formation.
      if (bilan) throw new DonneesDocumentInvalidesError('Ce dossier est un bilan de compétences : sa convention est « convention_bilan ».')
      return conventionFormation(entrees, config)
    case 'convention_bilan':
      if (!bilan) throw new DonneesDocumentInvalidesError('Ce dossier est une action de formation : sa convention est « convention ».')
      return conventionBilan(entrees, config)
    case 'demande_prise_en_charge':
      return demandePriseEnCharge(entrees, config)
    case 'certificat_realisation':
      return certificatRealisation(entrees, config)
    case 'attestation_assiduite':
      return attestationAssiduite(entrees, config)
    case 'feuille_emargement':
      return feuilleEmargement(entrees, config)
    case 'facture':
    case 'avoir':
      return facture(entrees, config, type)
  }
}

/** La convention qui convient au dossier : tripartite pour un bilan, de formation sinon. */
export function typeConvention(dossier: DossierEntree): 'convention' | 'convention_bilan' {
  return estBilan(dossier) ? 'convention_bilan' : 'convention'
}
