/**
 * Pièces d'un dossier selon son type : lesquelles sont attendues, qui les fournit, à partir de
 * quel statut elles sont exigibles, et lesquelles sont présentes parmi les documents du dossier.
 * Règle pure (aucun import Payload) : l'endpoint GET /api/dossiers/:id/pieces et le panneau de
 * l'admin l'affichent, les relances et la conformité pourront la réutiliser.
 *
 * Sources : docs/domaine.md §3 (devis, programme, convention, DPC avant le début, émargement par
 * demi-journée, certificat de réalisation, facture), §6 (« devis, programme, convention »
 * attachés) et la table des transitions de docs/architecture.md (quels documents chaque transition génère).
 */
import { LIBELLES_STATUT, type StatutDossier, type TypeFormation } from './statuts'

/** Types de documents de la collection `documents` utilisés par la liste. */
export type TypePiece =
  | 'devis'
  | 'programme'
  | 'convention'
  | 'convention_bilan'
  | 'demande_prise_en_charge'
  | 'feuille_emargement'
  | 'certificat_realisation'
  | 'facture'

/** Qui doit agir pour que la pièce existe. */
export type Fournisseur = 'beneficiaire' | 'organisme' | 'genere'

export const LIBELLES_FOURNISSEUR: Record<Fournisseur, string> = {
  beneficiaire: 'Bénéficiaire ou entreprise (à déposer)',
  organisme: 'Organisme de formation (à déposer)',
  genere: 'Généré par MonOPCO',
}

export interface PieceRequise {
  type: TypePiece
  libelle: string
  fournisseur: Fournisseur
  /** Statut à partir duquel la pièce manque si elle est absente. */
  requiseDes: StatutDossier
  /** Quand et pourquoi, en une phrase. */
  moment: string
}

/**
 * Formation : le devis et le programme de l'organisme accompagnent la demande ; la convention
 * et la DPC sont générées à la validation (elles partent à l'OPCO avec `send`) ; les feuilles
 * d'émargement (par demi-journée) sont nécessaires pour déclarer la formation réalisée ; le
 * certificat de réalisation est généré à la réalisation, la facture à la facturation.
 */
const FORMATION: readonly PieceRequise[] = [
  { type: 'devis', libelle: 'Devis de l’organisme de formation', fournisseur: 'beneficiaire', requiseDes: 'soumis', moment: 'À joindre au dépôt du dossier.' },
  { type: 'programme', libelle: 'Programme de la formation', fournisseur: 'beneficiaire', requiseDes: 'soumis', moment: 'À joindre au dépôt du dossier (objectifs évaluables, contenu, durée).' },
  { type: 'convention', libelle: 'Convention de formation', fournisseur: 'genere', requiseDes: 'valide', moment: 'Générée à la validation, envoyée à l’OPCO.' },
  { type: 'demande_prise_en_charge', libelle: 'Demande de prise en charge', fournisseur: 'genere', requiseDes: 'valide', moment: 'Générée à la validation, à envoyer à l’OPCO avant le début de la formation.' },
  { type: 'feuille_emargement', libelle: 'Feuilles d’émargement', fournisseur: 'organisme', requiseDes: 'en_formation', moment: 'Signées par demi-journée par le stagiaire et le formateur ; nécessaires pour déclarer la formation réalisée.' },
  { type: 'certificat_realisation', libelle: 'Certificat de réalisation', fournisseur: 'genere', requiseDes: 'realise', moment: 'Généré quand la formation est déclarée réalisée (heures effectuées).' },
  { type: 'facture', libelle: 'Facture', fournisseur: 'genere', requiseDes: 'facture', moment: 'Générée à la facturation.' },
]

/**
 * Bilan de compétences : la convention tripartite (R6313-8) remplace la convention de formation.
 * Elle décrit elle-même le contenu, les moyens et le déroulement des trois phases : aucun
 * programme séparé n'est exigé. Le reste suit la formation (devis, DPC, émargement des séances,
 * certificat de réalisation, facture).
 */
const BILAN: readonly PieceRequise[] = [
  { type: 'devis', libelle: 'Devis de l’organisme (bilan de compétences)', fournisseur: 'beneficiaire', requiseDes: 'soumis', moment: 'À joindre au dépôt du dossier.' },
  { type: 'convention_bilan', libelle: 'Convention de bilan de compétences (tripartite)', fournisseur: 'genere', requiseDes: 'valide', moment: 'Générée à la validation ; signée par l’employeur, le salarié et l’organisme (le salarié dispose de 10 jours).' },
  { type: 'demande_prise_en_charge', libelle: 'Demande de prise en charge', fournisseur: 'genere', requiseDes: 'valide', moment: 'Générée à la validation, à envoyer à l’OPCO avant le début du bilan.' },
  { type: 'feuille_emargement', libelle: 'Feuilles d’émargement des séances', fournisseur: 'organisme', requiseDes: 'en_formation', moment: 'Signées à chaque séance ; nécessaires pour déclarer le bilan réalisé.' },
  { type: 'certificat_realisation', libelle: 'Certificat de réalisation', fournisseur: 'genere', requiseDes: 'realise', moment: 'Généré quand le bilan est déclaré réalisé (heures effectuées).' },
  { type: 'facture', libelle: 'Facture', fournisseur: 'genere', requiseDes: 'facture', moment: 'Générée à la facturation.' },
]

export function piecesRequises(typeFormation: TypeFormation): readonly PieceRequise[] {
  return typeFormation === 'bilan' ? BILAN : FORMATION
}

/**
 * Avancement dans le parcours : les réponses de l'OPCO sont au même rang, `pieces_demandees`
 * au rang de l'envoi (le dossier y retourne). `annule` n'a pas de rang : plus rien n'est exigé.
 */
const RANG: Record<Exclude<StatutDossier, 'annule'>, number> = {
  brouillon: 0,
  soumis: 1,
  en_revue: 2,
  valide: 3,
  envoye_opco: 4,
  pieces_demandees: 4,
  accepte: 5,
  accepte_partiel: 5,
  refuse: 5,
  en_formation: 6,
  realise: 7,
  facture: 8,
  paye: 9,
  cloture: 10,
}

/** Un refus arrête le parcours : les pièces des étapes suivantes ne seront jamais demandées. */
const RANG_MAX_SI_REFUS = RANG.refuse

export interface DocumentDuDossier {
  id: number | string
  documentType?: string | null
  origin?: string | null
  filename?: string | null
  url?: string | null
  version?: number | null
  createdAt?: string | null
}

/**
 * - `present` : au moins un document de ce type (pour une pièce générée : un document généré, comme
 *   l'exige l'envoi à l'OPCO — une copie déposée à la main ne remplace pas la génération) ;
 * - `manquant` : absent alors que le dossier a atteint le statut qui l'exige ;
 * - `a_venir` : pas encore exigible ;
 * - `non_requis` : absent, et le dossier (annulé, refusé) n'atteindra jamais ce statut.
 */
export type EtatPiece = 'present' | 'manquant' | 'a_venir' | 'non_requis'

export interface PieceDuDossier extends PieceRequise {
  libelleFournisseur: string
  libelleRequiseDes: string
  exigible: boolean
  etat: EtatPiece
  documents: DocumentDuDossier[]
}

export interface ListePieces {
  typeFormation: TypeFormation
  status: StatutDossier
  pieces: PieceDuDossier[]
  /** Aucune pièce exigible ne manque. */
  complet: boolean
  manquantes: number
}

function exigible(requiseDes: StatutDossier, status: StatutDossier): boolean {
  if (status === 'annule' || requiseDes === 'annule') return false
  return RANG[status] >= RANG[requiseDes]
}

function atteignable(requiseDes: StatutDossier, status: StatutDossier): boolean {
  if (status === 'annule' || requiseDes === 'annule') return false
  if (status === 'refuse') return RANG[requiseDes] <= RANG_MAX_SI_REFUS
  return true
}

const plusRecentDabord = (a: DocumentDuDossier, b: DocumentDuDossier): number =>
  String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')) || (b.version ?? 0) - (a.version ?? 0)

export function listerPieces(dossier: { typeFormation: TypeFormation; status: StatutDossier }, documents: readonly DocumentDuDossier[]): ListePieces {
  const pieces = piecesRequises(dossier.typeFormation).map((piece): PieceDuDossier => {
    const correspondants = documents
      .filter((d) => d.documentType === piece.type && (piece.fournisseur !== 'genere' || d.origin === 'generated'))
      .slice()
      .sort(plusRecentDabord)
    const estExigible = exigible(piece.requiseDes, dossier.status)
    const etat: EtatPiece =
      correspondants.length > 0 ? 'present' : estExigible ? 'manquant' : atteignable(piece.requiseDes, dossier.status) ? 'a_venir' : 'non_requis'
    return {
      ...piece,
      libelleFournisseur: LIBELLES_FOURNISSEUR[piece.fournisseur],
      libelleRequiseDes: LIBELLES_STATUT[piece.requiseDes],
      exigible: estExigible,
      etat,
      documents: correspondants,
    }
  })
  const manquantes = pieces.filter((p) => p.etat === 'manquant').length
  return { typeFormation: dossier.typeFormation, status: dossier.status, pieces, complet: manquantes === 0, manquantes }
}
