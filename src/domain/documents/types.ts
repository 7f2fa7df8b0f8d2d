/**
 * Entrées et modèles de vue des documents générés.
 *
 * Entrées : les objets tels que la Local API de Payload les renvoie (profondeur 0, relations
 * chargées par l'appelant). Tout y est facultatif ou nullable, parce que c'est ce que la base
 * peut rendre : le modèle décide de ce qui s'imprime quand une valeur manque.
 * Modèles de vue : uniquement des textes déjà mis en forme, que les gabarits placent sans
 * calcul ni décision.
 */
import type { ConfigurationDocuments, RegimeTva } from './configuration'
import type { AdresseEntree } from './format'

export const TYPES_DOCUMENT = [
  'convention',
  'convention_bilan',
  'demande_prise_en_charge',
  'certificat_realisation',
  'attestation_assiduite',
  'feuille_emargement',
  'facture',
  'avoir',
] as const
export type TypeDocument = (typeof TYPES_DOCUMENT)[number]

export function estTypeDocument(v: unknown): v is TypeDocument {
  return typeof v === 'string' && (TYPES_DOCUMENT as readonly string[]).includes(v)
}

type Texte = string | null | undefined
type Nombre = number | null | undefined

export interface DossierEntree {
  reference?: Texte
  typeFormation?: 'formation' | 'bilan' | null
  status?: Texte
  beneficiaire?: { nom?: Texte; prenom?: Texte; email?: Texte; telephone?: Texte } | null
  formation?: {
    titre?: Texte
    /** Lexical rich text (JSON). */
    objectifs?: unknown
    programme?: Texte
    dureeHeures?: Nombre
    dateDebut?: Texte
    dateFin?: Texte
    lieu?: Texte
    modalite?: 'presentiel' | 'distanciel' | 'mixte' | null
    formateur?: { nom?: Texte; prenom?: Texte; email?: Texte } | null
  } | null
  coutTotalHT?: Nombre
  montantEstime?: Nombre
  montantValide?: Nombre
  subrogation?: boolean | null
  numeroDossierOpco?: Texte
  heuresRealisees?: Nombre
  validationAdminDate?: Texte
  envoiOpcoDate?: Texte
}

export interface EntrepriseEntree {
  raisonSociale?: Texte
  siret?: Texte
  siren?: Texte
  adresse?: AdresseEntree | null
  codeNaf?: Texte
  idcc?: Texte
  effectif?: Nombre
  numeroTva?: Texte
  /** Qui signe les conventions pour l'entreprise (collection `companies`). */
  signataire?: { nom?: Texte; prenom?: Texte; fonction?: Texte } | null
}

export interface OrganismeEntree {
  nom?: Texte
  siret?: Texte
  nda?: Texte
  regionNda?: Texte
  qualiopi?: {
    actionsFormation?: boolean | null
    bilansCompetences?: boolean | null
    validiteDebut?: Texte
    validiteFin?: Texte
  } | null
  adresse?: AdresseEntree | null
  regimeTva?: RegimeTva | null
  numeroTva?: Texte
}

export interface OpcoEntree {
  code?: Texte
  nom?: Texte
  contactEmail?: Texte
  siret?: Texte
  adresse?: AdresseEntree | null
}

export interface LigneFactureEntree {
  libelle?: Texte
  /** Heures. */
  quantite?: Nombre
  prixUnitaireHT?: Nombre
  montantHT?: Nombre
}

export interface FactureEntree {
  numero?: Texte
  type?: 'facture' | 'avoir' | null
  destinataire?: 'opco' | 'entreprise' | null
  lignes?: LigneFactureEntree[] | null
  totalHT?: Nombre
  totalTVA?: Nombre
  totalTTC?: Nombre
  mentionTva?: Texte
  dateEmission?: Texte
  dateEcheance?: Texte
  /** Motif d'un avoir. */
  motif?: Texte
  /** Numéro de la facture corrigée, pour un avoir. */
  factureOrigine?: Texte | { numero?: Texte } | null
}

/** Une demi-journée et ses signatures (collection `seances`), pour la feuille d'émargement. */
export interface SeanceEntree {
  id?: number | string | null
  date?: Texte
  demiJournee?: Texte
  heureDebut?: Texte
  heureFin?: Texte
  dureeMinutes?: Nombre
  statut?: Texte
  minutesDeclarees?: Nombre
  signatures?: { role?: Texte; nom?: Texte; signeLe?: Texte; image?: Texte; empreinte?: Texte }[] | null
}

export interface EntreesDocument {
  dossier: DossierEntree
  /** Les séances du dossier (feuille d'émargement). */
  seances?: SeanceEntree[] | null
  entreprise?: EntrepriseEntree | null
  organisme?: OrganismeEntree | null
  opco?: OpcoEntree | null
  facture?: FactureEntree | null
  /** Date portée sur le document (« Fait le … ») ; l'appelant la fournit, le modèle reste pur. */
  dateEdition?: string | null
}

export type { ConfigurationDocuments }

// ---------------------------------------------------------------------------------------------
// Modèles de vue

/** Une ligne « libellé : valeur ». */
export interface Champ {
  libelle: string
  valeur: string
}

export interface Section {
  titre: string
  /** Phrases imprimées avant les champs. */
  introduction: string[]
  champs: Champ[]
  paragraphes: string[]
  liste: string[]
}

export interface Partie {
  role: string
  nom: string
  champs: Champ[]
  /** Mentions réglementaires imprimées sous la partie (NDA, non-agrément). */
  mentions: string[]
}

export interface CaseACocher {
  libelle: string
  cochee: boolean
}

export interface BlocSignature {
  role: string
  nom: string
  consigne: string
}

export interface VueOperateur {
  nom: string
  adresse: string
  siret: string
  email: string
  couleur: string
  logo: string | null
}

interface VueBase {
  titre: string
  baseLegale: string
  /** Référence du dossier MonOPCO. */
  reference: string
  dateEdition: string
  operateur: VueOperateur
}

export interface VueConvention extends VueBase {
  type: 'convention' | 'convention_bilan'
  preambule: string
  parties: Partie[]
  sections: Section[]
  faitLe: string
  signatures: BlocSignature[]
}

export interface VueDemandePriseEnCharge extends VueBase {
  type: 'demande_prise_en_charge'
  destinataire: Partie
  sections: Section[]
  subrogation: CaseACocher[]
  faitLe: string
  signatures: BlocSignature[]
}

export interface VueCertificatRealisation extends VueBase {
  type: 'certificat_realisation'
  organisme: Partie
  /** Le texte du modèle ministériel, phrase par phrase, avec les valeurs insérées. */
  attestation: {
    soussigne: string
    beneficiaire: string
    entreprise: string
    intitule: string
    natures: CaseACocher[]
    periode: string
    duree: string
  }
  references: Champ[]
  conservation: string[]
  faitLe: string
  signature: BlocSignature
}

export interface VueAttestationAssiduite extends VueBase {
  type: 'attestation_assiduite'
  organisme: Partie
  soussigne: string
  stagiaire: string
  entreprise: string
  intitule: string
  /** « du jj/mm/aaaa au jj/mm/aaaa ». */
  periode: string
  /** Heures suivies, heures prévues, taux d'assiduité. */
  assiduite: Champ[]
  faitLe: string
  signature: BlocSignature
}

/** Une signature imprimée : l'image (data URL PNG/SVG vérifiée) ou, à défaut, le nom tapé. */
export interface SignatureImprimee {
  role: string
  nom: string
  signeLe: string
  /** `data:image/png;base64,…` ou `data:image/svg+xml;base64,…`, sinon null. */
  image: string | null
  mention: string
}

export interface LigneEmargement {
  date: string
  demiJournee: string
  horaires: string
  duree: string
  statut: string
  /** « Présent », « Absent (déclaré par le formateur) », « Présent 120 min sur 210 »… */
  presence: string
  stagiaire: SignatureImprimee | null
  formateur: SignatureImprimee | null
}

export interface VueFeuilleEmargement extends VueBase {
  type: 'feuille_emargement'
  organisme: Partie
  entreprise: Partie
  references: Champ[]
  stagiaire: string
  formateur: string
  lignes: LigneEmargement[]
  totaux: Champ[]
  /** Pied de preuve : l'empreinte SHA-256 de chaque enregistrement de signature. */
  preuves: { libelle: string; empreinte: string }[]
  mentionPreuve: string
}

export interface LigneVue {
  libelle: string
  quantite: string
  prixUnitaire: string
  montant: string
}

export interface VueFacture extends VueBase {
  type: 'facture' | 'avoir'
  numero: string
  dateEmission: string
  emetteur: Partie
  destinataire: Partie
  mandat: string
  /** Dossier, n° OPCO, stagiaire, action, dates, heures, date de la prestation… */
  references: Champ[]
  lignes: LigneVue[]
  totaux: Champ[]
  mentionTva: string
  /** Échéance, pénalités, indemnité de recouvrement, escompte (facture) ; imputation (avoir). */
  conditions: string[]
}

export type VueDocument = VueConvention | VueDemandePriseEnCharge | VueCertificatRealisation | VueAttestationAssiduite | VueFeuilleEmargement | VueFacture
