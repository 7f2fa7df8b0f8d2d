import type { RegleFinancement } from '@/src/domain/funding'
import type { DocumentDuDossier } from '@/src/domain/piecesRequises'
import type { StatutDossier, TypeFormation } from '@/src/domain/statuts'
import type { ReglesEcheances } from '@/src/domain/echeances'
import type { LectureDocument } from '@/src/domain/coherenceDocuments'

/**
 * `bloquant` : l'OPCO refusera (ou la loi l'interdit) — seul niveau qui arrête `validate` ;
 * `avertissement` : risque de refus ou de prise en charge partielle, à regarder ;
 * `info` : à savoir, sans conséquence directe.
 */
export type Severite = 'bloquant' | 'avertissement' | 'info'

export const SEVERITES: readonly Severite[] = ['bloquant', 'avertissement', 'info']

/** Identifiants stables des règles (étiquettes du jeu de dossiers de test, filtres, statistiques). */
export type IdRegle =
  | 'champs-obligatoires'
  | 'siret-entreprise'
  | 'etablissement-ferme'
  | 'effectif-plan'
  | 'organisme-nda'
  | 'organisme-qualiopi'
  | 'dpc-avant-debut'
  | 'echeance-proche'
  | 'dates-incoherentes'
  | 'heures-plafond'
  | 'cout-horaire-plafond'
  | 'cout-plafond-action'
  | 'regles-opco-absentes'
  | 'montants-incoherents'
  | 'programme-present'
  | 'objectifs-evaluables'
  | 'pieces-requises'
  | 'heures-certificat'
  | 'heures-emargement'
  | 'seances-non-signees'
  | 'paiements-depassent'
  | 'facture-avant-paiement'
  | 'doublon'
  | 'heures-jours'
  | 'dates-improbables'
  | 'opco-branche'
  | 'cout-horaire-improbable'
  | 'coherence-pieces'
  | 'piece-illisible'

export interface Constat {
  regle: IdRegle
  severite: Severite
  /** Phrase en français qui dit ce qui ne va pas et comment le corriger. */
  message: string
  /** Chemins des champs concernés (`formation.organisme`, `coutTotalHT`…), pour la mise en évidence. */
  champs: string[]
  /** Les deux valeurs comparées, quand le constat en compare deux (pièce déposée ≠ dossier). */
  valeurs?: { document: string; dossier: string }
  /** La pièce déposée dont il s'agit (constats de cohérence des pièces). */
  piece?: { id: number | string; type: string; fichier?: string | null }
  /** Proposé par l'IA : une suggestion à vérifier, jamais écrite dans le dossier. */
  suggestionIa?: boolean
}

export interface RapportConformite {
  /** 100 = aucun constat ; chaque bloquant coûte 40 points, chaque avertissement 10 (jamais sous 0). */
  score: number
  /** ISO 8601. */
  calculeLe: string
  bloquants: number
  avertissements: number
  infos: number
  constats: Constat[]
  /** Résumé en mots simples, pour le bénéficiaire. */
  resume: string
}

type Rel = number | string | { id: number | string } | null | undefined

export interface DossierConformite {
  id?: number | string | null
  reference?: string | null
  status?: StatutDossier | string | null
  typeFormation?: TypeFormation | null
  beneficiaire?: { nom?: string | null; prenom?: string | null; email?: string | null; telephone?: string | null } | null
  company?: Rel
  opco?: Rel
  formation?: {
    titre?: string | null
    /** Objectifs en texte brut (le texte riche converti par l'appelant, ou déjà du texte). */
    objectifs?: unknown
    programme?: string | null
    organisme?: Rel
    dureeHeures?: number | null
    dateDebut?: string | Date | null
    dateFin?: string | Date | null
    lieu?: string | null
    modalite?: string | null
  } | null
  coutTotalHT?: number | null
  montantEstime?: number | null
  montantValide?: number | null
  heuresRealisees?: number | null
  /** Motif écrit d'heures réalisées différentes des heures émargées. */
  motifHeures?: string | null
  envoiOpcoDate?: string | Date | null
}

export interface EntrepriseConformite {
  siret?: string | null
  effectif?: number | null
  /** Ce que le registre des entreprises disait du SIRET quand il a été consulté (null : jamais consulté). */
  registre?: { etatAdministratif?: 'actif' | 'ferme' | null; consulteLe?: string | null } | null
}

export interface OrganismeConformite {
  nom?: string | null
  siret?: string | null
  nda?: string | null
  qualiopi?: {
    actionsFormation?: boolean | null
    bilansCompetences?: boolean | null
    validiteDebut?: string | Date | null
    validiteFin?: string | Date | null
  } | null
}

export interface AutreDossier {
  id: number | string
  reference?: string | null
  status?: string | null
  beneficiaire?: { nom?: string | null; prenom?: string | null; email?: string | null } | null
  formation?: { titre?: string | null; dateDebut?: string | Date | null; dateFin?: string | Date | null } | null
}

export interface PaiementConformite {
  montant?: number | null
  payeur?: string | null
  statut?: string | null
}

export interface SeanceConformite {
  /** Jour `AAAA-MM-JJ` (ou date ISO stockée). */
  date: string
  demiJournee: string
  statut?: string | null
  dureeMinutes: number
  minutesDeclarees?: number | null
}

export interface FactureConformite {
  type?: string | null
  statut?: string | null
  destinataire?: string | null
}

/** Une pièce déposée et ce qu'on a pu en lire (champ `lecture` du document). */
export interface PieceLueConformite {
  id: number | string
  documentType?: string | null
  filename?: string | null
  createdAt?: string | null
  lecture?: LectureDocument | null
}

/** Tout ce que les règles lisent, en objets simples ; `src/services/conformite.ts` l'assemble depuis la base. */
export interface EntreeConformite {
  dossier: DossierConformite
  entreprise?: EntrepriseConformite | null
  organisme?: OrganismeConformite | null
  /** Règles de financement de l'OPCO du dossier (null : OPCO inconnu). */
  reglesOpco?: readonly RegleFinancement[] | null
  documents?: readonly DocumentDuDossier[]
  /** Autres dossiers du même bénéficiaire (doublons). */
  autresDossiers?: readonly AutreDossier[]
  paiements?: readonly PaiementConformite[]
  factures?: readonly FactureConformite[]
  /** Séances (demi-journées) du dossier et leur émargement ; vide ou absent : pas de séance. */
  seances?: readonly SeanceConformite[]
  /** ⚠ Plafond d'heures d'un bilan (24 h par défaut). */
  plafondHeuresBilan?: number | null
  /**
   * Délais de l'OPCO du dossier (src/domain/echeances.ts) et les dates de facturation qu'ils
   * lisent ; absent : seule la règle « demande avant le début » s'applique.
   */
  /** Les pièces déposées (devis, programme, convention, émargement) et leur texte extrait. */
  piecesLues?: readonly PieceLueConformite[]
  /**
   * L'OPCO de la branche de l'entreprise, d'après la table IDCC → OPCO (null : IDCC absent ou
   * inconnu de la table).
   */
  branche?: { idcc: string; opco: number | string | null; opcoNom?: string | null; opcoDossierNom?: string | null } | null
  echeances?: {
    regles: ReglesEcheances
    reponseOpcoDate?: string | null
    dateFacture?: string | null
    datePaiementComplet?: string | null
  } | null
}
