import type { StatutDossier, TypeFormation } from '@/src/domain/statuts'
import type { ActionDossier } from './actions'
import type { DecisionOpco, MotifRefus } from './motifs'

export type Identifiant = string | number

/** Une relation Payload arrive tantôt comme identifiant, tantôt peuplée : les deux sont acceptées. */
export type Relation = Identifiant | { id: Identifiant } | null | undefined

export type RoleActeur = 'admin' | 'user' | 'opco' | 'systeme'

export interface Acteur {
  role: RoleActeur
  id: Identifiant
  /** OPCO de rattachement d'un compte `opco` ; ignoré pour les autres rôles. */
  opco?: Relation
}

export type DateMetier = string | Date | null | undefined

/**
 * Ce que la machine à états doit savoir d'un dossier pour décider. La couche Payload
 * le construit à partir du document ; rien ici ne dépend de la forme exacte en base.
 */
export interface DossierWorkflow {
  id?: Identifiant | null
  status: StatutDossier
  typeFormation?: TypeFormation | null
  owner?: Relation
  company?: Relation
  opco?: Relation
  beneficiaire?: {
    nom?: string | null
    prenom?: string | null
    email?: string | null
  } | null
  formation?: {
    titre?: string | null
    organisme?: Relation
    dureeHeures?: number | null
    dateDebut?: DateMetier
    dateFin?: DateMetier
    modalite?: string | null
  } | null
  /** Centimes HT. */
  coutTotalHT?: number | null
  /** Centimes ; 0 ou absent = pas d'estimation (aucune règle), on se rabat sur le coût total. */
  montantEstime?: number | null
  /** Centimes, fixé par la réponse de l'OPCO. */
  montantValide?: number | null
  /** Total des paiements reçus, en centimes (pour `paiement-complet`). */
  montantPaye?: number | null
  /** Centimes dus par l'OPCO : ses factures émises une fois facturé, sinon le montant validé. */
  montantAttenduOpco?: number | null
  /** Subrogation de paiement (l'OPCO paie l'organisme) ; vrai par défaut. */
  subrogation?: boolean | null
  /** Heures réellement faites (certificat de réalisation). */
  heuresRealisees?: number | null
  /**
   * Ce que prouvent les séances émargées du dossier (src/domain/seances.ts, heuresDesSeances) ;
   * absent ou null : le dossier n'a pas de séance, l'admin saisit les heures réalisées.
   */
  heuresSeances?: { heuresSignees: number; heuresPrevues: number; nonSignees: number } | null
  /** Types des documents générés présents (`convention`, `convention_bilan`, `demande_prise_en_charge`…). */
  documentsGeneres?: readonly string[] | null
  /**
   * Tant que la génération des documents n'existe pas, `send` ne peut pas les exiger ;
   * la capacité « documents » active ce drapeau quand elle est branchée.
   */
  exigerDocumentsGeneres?: boolean | null
  /**
   * La dernière convention générée est signée par toutes les parties (signature électronique,
   * issue 17) ; exigée par `send` avec les documents générés. Absent : pas exigée.
   */
  conventionSignee?: boolean | null
  /** Plafond d'heures d'un bilan de compétences (⚠ donnée réglementaire, 24 h par défaut). */
  plafondHeuresBilan?: number | null
  /**
   * Rapport de conformité calculé pour cette action (src/domain/conformity) : `validate` refuse
   * tant qu'il porte un constat `bloquant`. Absent : aucun contrôle de conformité n'est exigé.
   */
  conformite?: { constats?: readonly { regle: string; severite: string; message: string; champs?: readonly string[] }[] | null } | null
}

/** Paramètres transmis avec l'action (corps de la requête) ; lus défensivement. */
export interface ParametresTransition {
  decision?: unknown
  numeroDossierOpco?: unknown
  montantValide?: unknown
  motif?: unknown
  commentaire?: unknown
  pieces?: unknown
  heuresRealisees?: unknown
  /** Motif écrit d'heures réalisées différentes des heures émargées (feuilles papier déposées…). */
  motifHeures?: unknown
  [cle: string]: unknown
}

/** Champs que la transition horodate/attribue ; seuls ceux présents sont à écrire. */
export interface ChampsTransition {
  soumissionDate?: string
  validationAdminDate?: string
  validationAdminBy?: Identifiant
  envoiOpcoDate?: string
  reponseOpcoDate?: string
  motifRefus?: string
  numeroDossierOpco?: string
  montantValide?: number
  heuresRealisees?: number
  motifHeures?: string
}

interface BaseEvenement<T extends string> {
  type: T
  dossier: Identifiant | null
  statutPrecedent: StatutDossier
  statutCible: StatutDossier
  acteur: { role: RoleActeur; id: Identifiant }
  /** ISO 8601. */
  date: string
}

export type EvenementSoumission = BaseEvenement<'dossier.submit'>
export type EvenementRevue = BaseEvenement<'dossier.review'>
export type EvenementValidation = BaseEvenement<'dossier.validate'>
export type EvenementEnvoi = BaseEvenement<'dossier.send'>

export type ReponseOpco =
  | { decision: 'accepte'; numeroDossierOpco: string; montantValide: number; montantDemande: number }
  | { decision: 'accepte_partiel'; numeroDossierOpco: string; montantValide: number; montantDemande: number }
  | { decision: 'refuse'; motif: MotifRefus; commentaire: string }
  | { decision: 'pieces_demandees'; pieces: string[] }

export type EvenementReponse = BaseEvenement<'dossier.answer'> & ReponseOpco
export type EvenementPiecesTransmises = BaseEvenement<'dossier.complete-documents'> & { commentaire?: string }
export type EvenementDebut = BaseEvenement<'dossier.start'>
export type EvenementRealisation = BaseEvenement<'dossier.complete'> & {
  heuresRealisees: number
  heuresPrevues: number
  /** Heures proposées depuis les séances émargées (absent : dossier sans séance). */
  heuresEmargees?: number
  motifHeures?: string
}
export type EvenementFacturation = BaseEvenement<'dossier.invoice'>
export type EvenementPaiementComplet = BaseEvenement<'dossier.paiement-complet'> & { montantValide: number; montantPaye: number }
export type EvenementCloture = BaseEvenement<'dossier.close'>
export type EvenementAnnulation = BaseEvenement<'dossier.cancel'> & { commentaire?: string }

export type EvenementDossier =
  | EvenementSoumission
  | EvenementRevue
  | EvenementValidation
  | EvenementEnvoi
  | EvenementReponse
  | EvenementPiecesTransmises
  | EvenementDebut
  | EvenementRealisation
  | EvenementFacturation
  | EvenementPaiementComplet
  | EvenementCloture
  | EvenementAnnulation

export type TypeEvenementDossier = EvenementDossier['type']

export interface TransitionAcceptee {
  ok: true
  action: ActionDossier
  statutPrecedent: StatutDossier
  statutCible: StatutDossier
  champs: ChampsTransition
  evenement: EvenementDossier
}

export interface TransitionRefusee {
  ok: false
  code: 403 | 409 | 422
  message: string
  /** Chemins des champs ou paramètres en cause (`formation.dateDebut`, `parametres.motif`…), pour la mise en évidence. */
  manquants?: string[]
  /** Sur un 409 : actions que cet acteur peut déclencher depuis le statut actuel. */
  actionsPossibles?: ActionDossier[]
}

export type ResultatTransition = TransitionAcceptee | TransitionRefusee

/** Pour les abonnés : type d'événement → forme précise. */
export type EvenementDeType<T extends TypeEvenementDossier> = Extract<EvenementDossier, { type: T }>

export type { DecisionOpco }
