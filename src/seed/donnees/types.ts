/** Shapes of the demo data set (field names are the collections' own). */
import type { RegimeTva } from '@/src/domain/documents/configuration'
import type { StatutDossier, StatutPaiementDossier, TypeFormation } from '@/src/domain/statuts'
import type { TexteRiche } from '@/src/domain/texteRiche'
import type { STATUT_PAIEMENT } from '@/src/domain/paiements'

export interface RegleFinancementDemo {
  libelle: string
  annee: number
  typeFormation?: TypeFormation
  effectifMin?: number
  effectifMax?: number
  plafondHoraireHT?: number
  plafondActionHT?: number
  plafondAnnuelHT?: number
  heuresMin?: number
  heuresMax?: number
  exemple: true
}

export interface OpcoDemo {
  code: string
  nom: string
  contactEmail: string
  /** Fictitious (valid key): the e-invoice needs the buyer's SIREN; an operator enters the real one. */
  siret: string
  secteurs: string
  actif: true
  delaiDepotAvantDebutJours: number | null
  delaiJustificatifsApresFinJours: number | null
  validiteAccordJours: number | null
  delaiPaiementJours: number | null
  echeancesAVerifier: boolean
  echeancesNote: string
  reglesFinancement: RegleFinancementDemo[]
}

export interface Adresse {
  rue: string
  codePostal: string
  ville: string
}


/** The VAT regimes of the training providers collection (the documents' configuration names them). */
export type { RegimeTva }

export interface OrganismeDemo {
  nom: string
  siret: string
  nda: string
  regionNda: string
  qualiopi: { actionsFormation: boolean; bilansCompetences: boolean; validiteDebut: string; validiteFin: string }
  adresse: Adresse
  regimeTva: RegimeTva
  numeroTva?: string
}

export interface EntrepriseDemo {
  siret: string
  raisonSociale: string
  adresse: Adresse
  codeNaf: string
  idcc: string
  effectif: number
  /** OPCO code. */
  opco: string
  /** Who signs the conventions for the company (printed on conventions and DPC). */
  signataire: { nom: string; prenom: string; fonction: string }
}


export type RoleDemo = 'admin' | 'user' | 'opco'

export interface UtilisateurDemo {
  email: string
  password: string
  role: RoleDemo
  nom: string
  prenom: string
  telephone?: string
  /** Company SIRET. */
  company?: string
  /** OPCO code (required by the users collection when role = opco). */
  opco?: string
}

export type Modalite = 'presentiel' | 'distanciel' | 'mixte'
export type { StatutPaiementDossier }

export interface DossierDemo {
  /** Seed-only key that payments and messages use to point at the dossier. */
  cle: string
  typeFormation: TypeFormation
  status: StatutDossier
  /** Owner e-mail. */
  owner: string
  beneficiaire: { nom: string; prenom: string; email: string; telephone: string }
  /** Company SIRET. */
  company: string
  /** OPCO code. */
  opco: string
  formation: {
    titre: string
    objectifs: TexteRiche
    /** Provider SIRET. */
    organisme: string
    dureeHeures: number
    dateDebut: string
    dateFin: string
    lieu: string
    modalite: Modalite
  }
  coutTotalHT: number
  montantEstime: number
  montantValide?: number
  numeroDossierOpco?: string
  /** Stamped by `submit`: every dossier past the draft has one (reports count submissions by it). */
  soumissionDate?: string
  validationAdminDate?: string
  /** Admin e-mail. */
  validationAdminBy?: string
  envoiOpcoDate?: string
  reponseOpcoDate?: string
  motifRefus?: string
  paymentStatus: StatutPaiementDossier
  justification: TexteRiche
}

export interface PaiementDemo {
  /** Dossier key. */
  dossier: string
  montant: number
  date: string
  payeur: 'opco' | 'entreprise'
  reference: string
  statut: typeof STATUT_PAIEMENT.recu
}

export interface MessageDemo {
  /** Dossier key. */
  dossier: string
  /** Author e-mail. */
  auteur: string
  body: TexteRiche
}

/** One row of the IDCC → OPCO table (collection `correspondances-idcc`). */
export interface CorrespondanceIdccDemo {
  idcc: string
  libelle: string
  /** OPCO code. */
  opco: string
  exemple: true
}

export interface DonneesDemo {
  opcos: OpcoDemo[]
  correspondancesIdcc: CorrespondanceIdccDemo[]
  organismes: OrganismeDemo[]
  entreprises: EntrepriseDemo[]
  /** Portal and OPCO demo accounts; the admin and the integration account depend on the environment. */
  utilisateurs: UtilisateurDemo[]
  dossiers: DossierDemo[]
  paiements: PaiementDemo[]
  messages: MessageDemo[]
}

export interface OptionsDonneesDemo {
  /** Admin who validated the dossiers and answers messages (the seed passes SEED_ADMIN_EMAIL). */
  adminEmail?: string
}

/** An employee of a demo company, who becomes a dossier's beneficiary. */
export interface Salarie {
  prenom: string
  nom: string
}

/** One training (or bilan) of a demo catalogue. */
export interface Formation {
  titre: string
  heures: number
  modalite: Modalite
  objectifs: string
  besoin: string
}

/** A demo company with what the dossier builder draws from: employees, catalogue, e-mail domain. */
export interface EntrepriseInterne extends Omit<EntrepriseDemo, 'signataire'> {
  domaineEmail: string
  proprietaire?: string
  salaries: Salarie[]
  catalogue: Formation[]
  lieuIntra: string
}
