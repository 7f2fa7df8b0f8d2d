/**
 * Demo data set, as a pure function of "today": no Payload, no I/O, no Math.random, so the unit
 * tests check exactly what the seed writes and two runs on the same day produce the same data.
 * Records point to each other by natural key (OPCO code, SIRET, e-mail, dossier key); the seed
 * resolves those keys to database ids.
 */
import { DEFAULT_SEED_ADMIN_EMAIL } from '@/src/config/env'
import { construireSiret } from '@/src/domain/siret'
import { STATUTS_DOSSIER, type StatutDossier, type StatutPaiementDossier, type TypeFormation } from '@/src/domain/statuts'
import { statutPaiementDossier } from '@/src/domain/paiements'
import { texteRiche, type TexteRiche } from '@/src/domain/texteRiche'

export { texteRiche, type TexteRiche }

// ---------------------------------------------------------------------------------------------
// Types (field names are the collections' own)
// ---------------------------------------------------------------------------------------------

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
  secteurs: string
  actif: true
  reglesFinancement: RegleFinancementDemo[]
}

export interface Adresse {
  rue: string
  codePostal: string
  ville: string
}

export type RegimeTva = 'exoneration_261' | 'franchise_293B' | 'assujetti'

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

/** One signatory per demo company, in the order of the companies below. */
const SIGNATAIRES_DEMO: ReadonlyArray<EntrepriseDemo['signataire']> = [
  { prenom: 'Claire', nom: 'Morel', fonction: 'Présidente' },
  { prenom: 'Yann', nom: 'Le Goff', fonction: 'Gérant' },
  { prenom: 'Hélène', nom: 'Verdier', fonction: 'Associée gérante' },
  { prenom: 'Karim', nom: 'Benali', fonction: 'Gérant' },
  { prenom: 'Sophie', nom: 'Fournier', fonction: 'Gérante' },
  { prenom: 'Thierry', nom: 'Lefort', fonction: 'Directeur général' },
]

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
  statut: 'recu'
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

/**
 * Well-known IDCC → OPCO pairs, flagged as examples: the reference is France compétences'
 * open-data table, which an admin imports or edits in « Correspondances IDCC → OPCO ».
 */
export const CORRESPONDANCES_IDCC: readonly CorrespondanceIdccDemo[] = [
  { idcc: '0016', libelle: 'Transports routiers et activités auxiliaires du transport', opco: 'MOBILITES' },
  { idcc: '0044', libelle: 'Industries chimiques', opco: 'OPCO2I' },
  { idcc: '0086', libelle: 'Entreprises de la publicité et assimilées', opco: 'AFDAS' },
  { idcc: '0413', libelle: 'Établissements et services pour personnes inadaptées et handicapées (CCN 1966)', opco: 'SANTE' },
  { idcc: '0787', libelle: "Cabinets d'experts-comptables et de commissaires aux comptes", opco: 'ATLAS' },
  { idcc: '0843', libelle: 'Boulangerie-pâtisserie (entreprises artisanales)', opco: 'OPCOEP' },
  { idcc: '1090', libelle: "Services de l'automobile", opco: 'MOBILITES' },
  { idcc: '1351', libelle: 'Entreprises de prévention et de sécurité', opco: 'AKTO' },
  { idcc: '1480', libelle: 'Journalistes', opco: 'AFDAS' },
  { idcc: '1486', libelle: "Bureaux d'études techniques, cabinets d'ingénieurs-conseils et sociétés de conseils (Syntec)", opco: 'ATLAS' },
  { idcc: '1517', libelle: 'Commerces de détail non alimentaires', opco: 'OPCOMMERCE' },
  { idcc: '1596', libelle: "Bâtiment — ouvriers des entreprises occupant jusqu'à 10 salariés", opco: 'CONSTRUCTYS' },
  { idcc: '1597', libelle: 'Bâtiment — ouvriers des entreprises occupant plus de 10 salariés', opco: 'CONSTRUCTYS' },
  { idcc: '1702', libelle: 'Travaux publics — ouvriers', opco: 'CONSTRUCTYS' },
  { idcc: '1979', libelle: 'Hôtels, cafés, restaurants (HCR)', opco: 'AKTO' },
  { idcc: '2120', libelle: 'Banque', opco: 'ATLAS' },
  { idcc: '2205', libelle: 'Notariat', opco: 'OPCOEP' },
  { idcc: '2216', libelle: 'Commerce de détail et de gros à prédominance alimentaire', opco: 'OPCOMMERCE' },
  { idcc: '2264', libelle: 'Hospitalisation privée', opco: 'SANTE' },
  { idcc: '2941', libelle: "Aide, accompagnement, soins et services à domicile (BAD)", opco: 'UNIFORMATION' },
  { idcc: '3043', libelle: 'Entreprises de propreté et services associés', opco: 'AKTO' },
  { idcc: '3248', libelle: 'Métallurgie', opco: 'OPCO2I' },
].map((c) => ({ ...c, exemple: true as const }))

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

// ---------------------------------------------------------------------------------------------
// Small pure helpers
// ---------------------------------------------------------------------------------------------

/** mulberry32: tiny seeded PRNG, enough to spread demo values deterministically. */
export function mulberry32(graine: number): () => number {
  let a = graine >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** French intra-EU VAT number: FR + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function numeroTvaFr(siren: string): string {
  const cle = (12 + 3 * (Number(siren) % 97)) % 97
  return `FR${String(cle).padStart(2, '0')}${siren}`
}

function sansAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '')
}

function majuscule(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function slugEmail(s: string): string {
  return sansAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

const JOUR_MS = 86_400_000

/** Midnight UTC of the given instant's UTC day. */
function minuitUtc(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
}

// ---------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------

export const MOTS_DE_PASSE_DEMO = {
  beneficiaire: 'Demo-beneficiaire-2026',
  rh: 'Demo-rh-entreprise-2026',
  opcoAtlas: 'Demo-opco-atlas-2026',
} as const

export const EMAILS_DEMO = {
  beneficiaire: 'beneficiaire@monopco.local',
  rh: 'rh@monopco.local',
  opcoAtlas: 'opco.atlas@monopco.local',
  integration: 'integration@monopco.local',
} as const

const OPCOS_BASE: ReadonlyArray<{ code: string; nom: string; secteurs: string }> = [
  { code: 'AFDAS', nom: 'Afdas', secteurs: 'Culture, médias, communication, sport, loisirs, une partie du tourisme' },
  { code: 'ATLAS', nom: 'Atlas', secteurs: 'Banque, assurance, ingénierie, numérique et conseil (Syntec), experts-comptables' },
  { code: 'AKTO', nom: 'Akto', secteurs: 'Propreté, sécurité, travail temporaire, hôtels-cafés-restaurants, commerce de gros, enseignement privé' },
  { code: 'CONSTRUCTYS', nom: 'Constructys', secteurs: 'Bâtiment, travaux publics' },
  { code: 'OCAPIAT', nom: 'Ocapiat', secteurs: 'Agriculture, pêche, industries agroalimentaires, coopératives agricoles' },
  { code: 'OPCO2I', nom: 'OPCO 2i', secteurs: 'Interindustriel : métallurgie, chimie, plasturgie, textile, papier-carton' },
  { code: 'OPCOEP', nom: 'OPCO EP', secteurs: 'Artisanat, professions libérales, services de proximité' },
  { code: 'MOBILITES', nom: 'OPCO Mobilités', secteurs: 'Transport, logistique, services de l’automobile' },
  { code: 'SANTE', nom: 'OPCO Santé', secteurs: 'Secteur sanitaire, social et médico-social privé' },
  { code: 'OPCOMMERCE', nom: 'L’Opcommerce', secteurs: 'Commerce de détail et distribution' },
  { code: 'UNIFORMATION', nom: 'Uniformation', secteurs: 'Économie sociale, aide à domicile, logement social, insertion' },
]

/** DOMAIN.md §7 examples; amounts in cents. */
function reglesConnues(code: string): RegleFinancementDemo[] | undefined {
  switch (code) {
    case 'OPCOEP':
      return [
        { libelle: 'OPCO EP 2026 — une branche, moins de 11 salariés', annee: 2026, typeFormation: 'formation', effectifMin: 0, effectifMax: 10, plafondActionHT: 200_000, heuresMin: 4, exemple: true },
        { libelle: 'OPCO EP 2026 — une branche, 11 à 49 salariés', annee: 2026, typeFormation: 'formation', effectifMin: 11, effectifMax: 49, plafondActionHT: 300_000, heuresMin: 4, exemple: true },
      ]
    case 'CONSTRUCTYS':
      return [
        { libelle: 'Constructys 2025 — bâtiment, moins de 11 salariés', annee: 2025, typeFormation: 'formation', effectifMin: 0, effectifMax: 10, plafondHoraireHT: 2_400, plafondAnnuelHT: 350_000, exemple: true },
        { libelle: 'Constructys 2025 — bâtiment, 11 à 49 salariés', annee: 2025, typeFormation: 'formation', effectifMin: 11, effectifMax: 49, plafondHoraireHT: 2_400, plafondAnnuelHT: 500_000, exemple: true },
        { libelle: 'Constructys 2025 — travaux publics, moins de 11 salariés', annee: 2025, typeFormation: 'formation', effectifMin: 0, effectifMax: 10, plafondHoraireHT: 3_200, plafondAnnuelHT: 350_000, exemple: true },
        { libelle: 'Constructys 2025 — travaux publics, 11 à 49 salariés', annee: 2025, typeFormation: 'formation', effectifMin: 11, effectifMax: 49, plafondHoraireHT: 3_200, plafondAnnuelHT: 500_000, exemple: true },
        { libelle: 'Constructys 2025 — bilan de compétences / VAE', annee: 2025, typeFormation: 'bilan', plafondActionHT: 200_000, exemple: true },
      ]
    case 'ATLAS':
      // No type: the example caps any action of a company under 11 employees.
      return [{ libelle: 'Atlas 2024 — moins de 11 salariés', annee: 2024, effectifMin: 0, effectifMax: 10, plafondAnnuelHT: 600_000, plafondHoraireHT: 5_500, exemple: true }]
    default:
      return undefined
  }
}

/** Years the demo rules cover, so that next year's trainings get an estimate too (issue 13). */
export const ANNEES_REGLES_DEMO = [2026, 2027] as const

/** Headcount bands of the demo rules: under 11, 11–49, 50 and more (DOMAIN.md §3). */
export const TRANCHES_DEMO: ReadonlyArray<{ effectifMin: number; effectifMax?: number; libelle: string }> = [
  { effectifMin: 0, effectifMax: 10, libelle: 'moins de 11 salariés' },
  { effectifMin: 11, effectifMax: 49, libelle: '11 à 49 salariés' },
  { effectifMin: 50, libelle: '50 salariés et plus (cofinancement)' },
]

/** Indicative hourly cap per OPCO for trainings (cents HT/h); Atlas and Constructys follow their DOMAIN.md examples. */
const TAUX_HORAIRE_DEMO: Readonly<Record<string, number>> = {
  AFDAS: 4_000, ATLAS: 5_500, AKTO: 3_000, CONSTRUCTYS: 2_400, OCAPIAT: 3_500, OPCO2I: 4_500,
  OPCOEP: 3_000, MOBILITES: 3_500, SANTE: 3_500, OPCOMMERCE: 3_000, UNIFORMATION: 3_000,
}

/**
 * The DOMAIN.md example an indicative rule carries forward: the most recent one for this type
 * (or for any type) and this band (or for every band under 50), so that next year's estimate
 * stays what this year's example says until an admin enters the OPCO's published criteria.
 */
function exempleAReprendre(connues: readonly RegleFinancementDemo[], type: TypeFormation, t: (typeof TRANCHES_DEMO)[number]): RegleFinancementDemo | undefined {
  const memeTranche = (r: RegleFinancementDemo) =>
    r.effectifMin === undefined && r.effectifMax === undefined ? t.effectifMax !== undefined : r.effectifMin === t.effectifMin && r.effectifMax === t.effectifMax
  return [...connues].filter((r) => (r.typeFormation === undefined || r.typeFormation === type) && memeTranche(r)).sort((a, b) => b.annee - a.annee)[0]
}

/**
 * Example rules for every year of ANNEES_REGLES_DEMO × band × type (formation, bilan), flagged
 * « à vérifier »: an admin replaces them with the OPCO's published criteria. Combinations that a
 * DOMAIN.md example already covers (same year, type and band) are left to the example; the others
 * carry the most recent example forward, or indicative amounts when there is none.
 */
function reglesIndicatives(code: string, nom: string, connues: readonly RegleFinancementDemo[]): RegleFinancementDemo[] {
  const taux = TAUX_HORAIRE_DEMO[code] ?? 3_000
  const regles: RegleFinancementDemo[] = []
  for (const annee of ANNEES_REGLES_DEMO) {
    for (const t of TRANCHES_DEMO) {
      for (const typeFormation of ['formation', 'bilan'] as const) {
        const couverte = connues.some(
          (r) => r.annee === annee && r.typeFormation === typeFormation && r.effectifMin === t.effectifMin && r.effectifMax === t.effectifMax,
        )
        if (couverte) continue
        const grande = t.effectifMax === undefined
        const exemple = exempleAReprendre(connues, typeFormation, t)
        const libelle = `Exemple indicatif — à vérifier — ${nom} ${annee}, ${typeFormation === 'bilan' ? 'bilan de compétences' : 'formation'}, ${t.libelle}${exemple ? ` (reprend « ${exemple.libelle} »)` : ''}`
        const tranche = { effectifMin: t.effectifMin, ...(t.effectifMax !== undefined ? { effectifMax: t.effectifMax } : {}) }
        if (exemple) {
          const { plafondHoraireHT, plafondActionHT, plafondAnnuelHT, heuresMin, heuresMax } = exemple
          const plafonds = Object.fromEntries(Object.entries({ plafondHoraireHT, plafondActionHT, plafondAnnuelHT, heuresMin, heuresMax }).filter(([, v]) => v !== undefined))
          regles.push({ libelle, annee, typeFormation, ...tranche, ...plafonds, exemple: true })
          continue
        }
        regles.push(
          typeFormation === 'bilan'
            ? { libelle, annee, typeFormation, ...tranche, plafondActionHT: grande ? 150_000 : 200_000, heuresMax: 24, exemple: true }
            : grande
              ? { libelle, annee, typeFormation, ...tranche, plafondHoraireHT: Math.round(taux / 2), plafondActionHT: 150_000, exemple: true }
              : { libelle, annee, typeFormation, ...tranche, plafondHoraireHT: taux, plafondAnnuelHT: t.effectifMax === 10 ? 600_000 : 800_000, exemple: true },
        )
      }
    }
  }
  return regles
}

/**
 * Funding estimate of DOMAIN.md §7 for one trainee, from the first rule matching the action
 * (type, headcount band, and `branche` when the OPCO has per-branch rules). No rule: no cap.
 * The remaining company ceiling is taken as the whole annual ceiling (demo simplification).
 */
export function estimerPriseEnCharge(
  regles: readonly RegleFinancementDemo[],
  action: { typeFormation: TypeFormation; effectif: number; heures: number; coutHT: number; branche?: string },
): number {
  const regle = regles.find(
    (r) =>
      (r.typeFormation === undefined || r.typeFormation === action.typeFormation) &&
      (r.effectifMin ?? 0) <= action.effectif &&
      action.effectif <= (r.effectifMax ?? Number.POSITIVE_INFINITY) &&
      (action.branche === undefined || r.typeFormation === 'bilan' || r.libelle.toLowerCase().includes(action.branche)),
  )
  if (!regle) return action.coutHT
  if (regle.heuresMin !== undefined && action.heures < regle.heuresMin) return 0
  const heures = regle.heuresMax === undefined ? action.heures : Math.min(action.heures, regle.heuresMax)
  let montant = action.coutHT
  if (regle.plafondHoraireHT !== undefined) montant = Math.min(montant, Math.round(heures * regle.plafondHoraireHT))
  if (regle.plafondActionHT !== undefined) montant = Math.min(montant, regle.plafondActionHT)
  if (regle.plafondAnnuelHT !== undefined) montant = Math.min(montant, regle.plafondAnnuelHT)
  return montant
}

interface Salarie {
  prenom: string
  nom: string
}

interface Formation {
  titre: string
  heures: number
  modalite: Modalite
  objectifs: string
  besoin: string
}

interface EntrepriseInterne extends Omit<EntrepriseDemo, 'signataire'> {
  domaineEmail: string
  proprietaire?: string
  branche?: string
  salaries: Salarie[]
  catalogue: Formation[]
  lieuIntra: string
}

const CATALOGUE_NUMERIQUE: Formation[] = [
  { titre: 'Développement d’applications web avec React et TypeScript', heures: 35, modalite: 'presentiel', objectifs: 'Concevoir une application web monopage avec React ; typer composants et appels d’API avec TypeScript ; écrire des tests unitaires des composants.', besoin: 'les nouveaux projets clients sont développés en React et l’équipe ne maîtrise que des technologies plus anciennes' },
  { titre: 'Administration et optimisation de PostgreSQL', heures: 21, modalite: 'distanciel', objectifs: 'Installer et configurer un serveur PostgreSQL ; mettre en place sauvegardes et réplication ; diagnostiquer et corriger des requêtes lentes.', besoin: 'l’entreprise reprend l’hébergement des bases de données de deux clients' },
  { titre: 'Scrum Master — préparation à la certification PSM I', heures: 14, modalite: 'distanciel', objectifs: 'Animer les événements Scrum ; accompagner une équipe dans l’amélioration continue ; réussir l’examen de certification PSM I.', besoin: 'l’équipe passe à une organisation agile et a besoin d’un Scrum Master certifié en interne' },
  { titre: 'Sécuriser les applications web (OWASP Top 10)', heures: 21, modalite: 'presentiel', objectifs: 'Identifier les vulnérabilités de l’OWASP Top 10 ; corriger injections, failles d’authentification et de contrôle d’accès ; intégrer des contrôles de sécurité dans la chaîne de livraison.', besoin: 'les clients exigent désormais un audit de sécurité avant chaque mise en production' },
  { titre: 'Power BI : modélisation et visualisation de données', heures: 14, modalite: 'mixte', objectifs: 'Importer et nettoyer des données ; construire un modèle relationnel ; publier des tableaux de bord interactifs.', besoin: 'le pilotage des projets repose encore sur des tableurs consolidés à la main' },
  { titre: 'Anglais professionnel — préparation au TOEIC', heures: 40, modalite: 'distanciel', objectifs: 'Conduire une réunion et rédiger des courriels en anglais ; atteindre un score TOEIC de 785 points.', besoin: 'les échanges avec un nouveau client international se font exclusivement en anglais' },
  { titre: 'Prise de poste de manager d’équipe', heures: 28, modalite: 'presentiel', objectifs: 'Fixer des objectifs et conduire des entretiens individuels ; déléguer et suivre l’activité ; gérer les situations de tension.', besoin: 'la personne prend la responsabilité d’une équipe de quatre développeurs' },
  { titre: 'Kubernetes : déployer et exploiter des conteneurs', heures: 28, modalite: 'presentiel', objectifs: 'Conteneuriser une application ; la déployer sur un cluster Kubernetes ; superviser et mettre à l’échelle les services.', besoin: 'l’infrastructure des clients migre vers des plateformes de conteneurs' },
]

const CATALOGUE_BATIMENT: Formation[] = [
  { titre: 'Habilitation électrique B1V-BR — formation initiale', heures: 21, modalite: 'presentiel', objectifs: 'Connaître les risques électriques et les règles de prévention ; réaliser des opérations d’ordre électrique en sécurité ; obtenir l’avis favorable préalable à l’habilitation B1V-BR.', besoin: 'les chantiers de rénovation imposent des interventions sur les installations électriques' },
  { titre: 'Travail en hauteur et port du harnais', heures: 7, modalite: 'presentiel', objectifs: 'Identifier les risques de chute ; choisir et vérifier les équipements de protection ; utiliser un harnais et des points d’ancrage.', besoin: 'les chantiers de toiture et de façade se multiplient' },
  { titre: 'CACES R486 — plateformes élévatrices (catégories A et B)', heures: 21, modalite: 'presentiel', objectifs: 'Conduire une plateforme élévatrice mobile de personnes en sécurité ; réussir les tests théorique et pratique du CACES R486 A et B.', besoin: 'l’entreprise a acquis une nacelle et seule une personne est titulaire du CACES' },
  { titre: 'Sauveteur secouriste du travail (SST) — formation initiale', heures: 14, modalite: 'presentiel', objectifs: 'Intervenir face à une situation d’accident du travail ; mettre en œuvre les gestes de premiers secours ; contribuer à la prévention des risques sur le chantier.', besoin: 'chaque équipe de chantier doit compter un sauveteur secouriste du travail' },
  { titre: 'Rénovation énergétique — FEE Bat RENOVE (RGE)', heures: 21, modalite: 'mixte', objectifs: 'Évaluer la performance énergétique d’un logement ; proposer un bouquet de travaux cohérent ; maintenir la qualification RGE de l’entreprise.', besoin: 'la qualification RGE de l’entreprise exige un référent technique formé' },
  { titre: 'Pose de menuiseries extérieures et étanchéité à l’air', heures: 28, modalite: 'presentiel', objectifs: 'Poser des menuiseries selon le DTU 36.5 ; traiter les jonctions pour l’étanchéité à l’air ; contrôler la qualité de la pose.', besoin: 'plusieurs reprises de pose ont été demandées par des clients cette année' },
  { titre: 'Lecture de plans et métrés pour chefs d’équipe', heures: 14, modalite: 'presentiel', objectifs: 'Lire un plan d’exécution ; établir un métré et un quantitatif ; préparer les commandes de matériaux.', besoin: 'la personne va encadrer une équipe et préparer elle-même les commandes' },
  { titre: 'Chef de chantier : organisation et management de l’équipe', heures: 35, modalite: 'presentiel', objectifs: 'Planifier les travaux et les approvisionnements ; animer l’équipe et les réunions de chantier ; suivre la sécurité et la qualité.', besoin: 'la personne est promue chef de chantier à la suite d’un départ à la retraite' },
]

const BILANS: Formation[] = [
  { titre: 'Bilan de compétences — projet de reconversion professionnelle', heures: 24, modalite: 'mixte', objectifs: 'Analyser ses compétences, aptitudes et motivations ; explorer des métiers cibles et vérifier leur faisabilité ; construire un plan d’action de reconversion.', besoin: 'la personne souhaite construire un projet professionnel réaliste' },
  { titre: 'Bilan de compétences — évolution vers un poste d’encadrement', heures: 20, modalite: 'mixte', objectifs: 'Identifier ses compétences transférables au management ; confronter son projet à la réalité du poste ; définir les étapes de l’évolution.', besoin: 'un poste d’encadrement pourrait s’ouvrir et la personne veut s’y préparer' },
  { titre: 'Bilan de compétences — sécuriser son parcours professionnel', heures: 18, modalite: 'distanciel', objectifs: 'Faire le point sur son expérience et ses acquis ; repérer les besoins de formation ; définir un projet d’évolution dans l’entreprise.', besoin: 'l’entretien professionnel a fait apparaître le besoin de clarifier un projet d’évolution' },
]

// ---------------------------------------------------------------------------------------------
// The data set
// ---------------------------------------------------------------------------------------------

/** How many demo dossiers per status (40 in all, every status at least twice). */
export const REPARTITION_STATUTS: ReadonlyArray<readonly [StatutDossier, number]> = [
  ['brouillon', 3],
  ['soumis', 3],
  ['en_revue', 2],
  ['valide', 2],
  ['envoye_opco', 3],
  ['pieces_demandees', 2],
  ['accepte', 3],
  ['accepte_partiel', 2],
  ['refuse', 2],
  ['en_formation', 3],
  ['realise', 3],
  ['facture', 3],
  ['paye', 3],
  ['cloture', 4],
  ['annule', 2],
]

const rang = (s: StatutDossier): number => STATUTS_DOSSIER.indexOf(s)
const ENVOYE = (s: StatutDossier): boolean => s !== 'annule' && rang(s) >= rang('envoye_opco')
const VALIDE = (s: StatutDossier): boolean => s !== 'annule' && rang(s) >= rang('valide')
const REPONDU = (s: StatutDossier): boolean => s !== 'annule' && rang(s) >= rang('pieces_demandees')
const ACCEPTE = (s: StatutDossier): boolean => s !== 'annule' && s !== 'refuse' && rang(s) >= rang('accepte')

export interface OptionsDonneesDemo {
  /** Admin who validated the dossiers and answers messages (the seed passes SEED_ADMIN_EMAIL). */
  adminEmail?: string
}

export function construireDonneesDemo(aujourdhui: Date, options: OptionsDonneesDemo = {}): DonneesDemo {
  const adminEmail = (options.adminEmail ?? DEFAULT_SEED_ADMIN_EMAIL).trim().toLowerCase()
  const rnd = mulberry32(20_260_101)
  const entre = (min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1))
  const t0 = minuitUtc(aujourdhui)
  const annee = new Date(t0).getUTCFullYear()

  // Day-only fields at noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
  const jour = (decalage: number): string => new Date(t0 + decalage * JOUR_MS + 12 * 3_600_000).toISOString()
  // Workflow timestamps in office hours (Paris), always on a past day.
  const horodatage = (decalage: number): string =>
    new Date(t0 + decalage * JOUR_MS + entre(7, 15) * 3_600_000 + entre(0, 59) * 60_000).toISOString()
  const jourSemaine = (decalage: number): number => new Date(t0 + decalage * JOUR_MS).getUTCDay()
  // Training days fall on working days: forward for future starts, backward when it must stay in the past.
  const ouvre = (decalage: number, sens: 1 | -1 = 1): number => {
    let d = decalage
    while (jourSemaine(d) === 0 || jourSemaine(d) === 6) d += sens
    return d
  }

  // --- OPCOs -------------------------------------------------------------------------------
  const opcos: OpcoDemo[] = OPCOS_BASE.map(({ code, nom, secteurs }) => ({
    code,
    nom,
    contactEmail: `dossiers@${code.toLowerCase()}.exemple.fr`,
    secteurs,
    actif: true,
    // The DOMAIN.md examples first: the demo's own estimates (estimerPriseEnCharge) take the first match.
    reglesFinancement: [...(reglesConnues(code) ?? []), ...reglesIndicatives(code, nom, reglesConnues(code) ?? [])],
  }))
  const reglesDe = (code: string): RegleFinancementDemo[] => opcos.find((o) => o.code === code)?.reglesFinancement ?? []

  // --- Training providers ------------------------------------------------------------------
  // Qualiopi cycles last 3 years; the valid ones started 400 days ago so every demo start date is covered.
  const debutQualiopi = t0 - 400 * JOUR_MS
  const finQualiopi = Date.UTC(new Date(debutQualiopi).getUTCFullYear() + 3, new Date(debutQualiopi).getUTCMonth(), new Date(debutQualiopi).getUTCDate()) - JOUR_MS
  const isoMidi = (ms: number): string => new Date(ms + 12 * 3_600_000).toISOString()

  const siretCampus = construireSiret('91284735', '0002')
  const siretCapBilan = construireSiret('88417206', '0001')
  const siretAtelierBtp = construireSiret('84035912', '0003')

  const organismes: OrganismeDemo[] = [
    {
      nom: 'Campus Horizon Formation',
      siret: siretCampus,
      nda: '84691274569',
      regionNda: 'Auvergne-Rhône-Alpes',
      qualiopi: { actionsFormation: true, bilansCompetences: false, validiteDebut: isoMidi(debutQualiopi), validiteFin: isoMidi(finQualiopi) },
      adresse: { rue: '25 quai Perrache', codePostal: '69002', ville: 'Lyon' },
      regimeTva: 'assujetti',
      numeroTva: numeroTvaFr(siretCampus.slice(0, 9)),
    },
    {
      nom: 'Cap Bilan Évolution',
      siret: siretCapBilan,
      nda: '52440876544',
      regionNda: 'Pays de la Loire',
      qualiopi: { actionsFormation: false, bilansCompetences: true, validiteDebut: isoMidi(debutQualiopi), validiteFin: isoMidi(finQualiopi) },
      adresse: { rue: '3 rue Crébillon', codePostal: '44000', ville: 'Nantes' },
      regimeTva: 'exoneration_261',
    },
    {
      // Certificate lapsed in 2025 and never renewed: the conformity checks must flag it.
      nom: 'Atelier Savoir-Faire BTP',
      siret: siretAtelierBtp,
      nda: '53350432135',
      regionNda: 'Bretagne',
      qualiopi: { actionsFormation: true, bilansCompetences: false, validiteDebut: '2022-09-01T12:00:00.000Z', validiteFin: '2025-08-31T12:00:00.000Z' },
      adresse: { rue: '14 rue de la Mabilais', codePostal: '35000', ville: 'Rennes' },
      regimeTva: 'franchise_293B',
    },
  ]

  // --- Companies ---------------------------------------------------------------------------
  const entreprisesInternes: EntrepriseInterne[] = [
    {
      siret: construireSiret('81927364', '0001'),
      raisonSociale: 'Numéria Conseil',
      adresse: { rue: '18 rue de la Villette', codePostal: '69003', ville: 'Lyon' },
      codeNaf: '62.02A',
      idcc: '1486',
      effectif: 8,
      opco: 'ATLAS',
      domaineEmail: 'numeria-conseil.exemple.fr',
      proprietaire: EMAILS_DEMO.beneficiaire,
      salaries: [
        { prenom: 'Camille', nom: 'Martin' },
        { prenom: 'Thomas', nom: 'Girard' },
        { prenom: 'Léa', nom: 'Bonnet' },
        { prenom: 'Hugo', nom: 'Lefèvre' },
        { prenom: 'Inès', nom: 'Moreau' },
        { prenom: 'Nathan', nom: 'Fabre' },
        { prenom: 'Chloé', nom: 'Perrin' },
      ],
      catalogue: CATALOGUE_NUMERIQUE,
      lieuIntra: 'Numéria Conseil, 18 rue de la Villette, 69003 Lyon',
    },
    {
      siret: construireSiret('79351842', '0002'),
      raisonSociale: 'Bâtir Ouest Rénovation',
      adresse: { rue: '7 rue du Bignon', codePostal: '35000', ville: 'Rennes' },
      codeNaf: '43.32A',
      idcc: '1597',
      effectif: 27,
      opco: 'CONSTRUCTYS',
      branche: 'bâtiment',
      domaineEmail: 'batir-ouest.exemple.fr',
      proprietaire: EMAILS_DEMO.rh,
      salaries: [
        { prenom: 'Kévin', nom: 'Garnier' },
        { prenom: 'Julie', nom: 'Faure' },
        { prenom: 'Mathieu', nom: 'Blanc' },
        { prenom: 'Sébastien', nom: 'Guérin' },
        { prenom: 'Laura', nom: 'Chevalier' },
        { prenom: 'Antoine', nom: 'Robin' },
        { prenom: 'Émilie', nom: 'Marchand' },
        { prenom: 'Nicolas', nom: 'Masson' },
      ],
      catalogue: CATALOGUE_BATIMENT,
      lieuIntra: 'Bâtir Ouest Rénovation, 7 rue du Bignon, 35000 Rennes (formation intra)',
    },
    {
      siret: construireSiret('83260419', '0004'),
      raisonSociale: 'Cabinet Verdier & Associés',
      adresse: { rue: '42 cours de l’Intendance', codePostal: '33000', ville: 'Bordeaux' },
      codeNaf: '69.20Z',
      idcc: '0787',
      effectif: 23,
      opco: 'ATLAS',
      domaineEmail: 'verdier-associes.exemple.fr',
      salaries: [],
      catalogue: [],
      lieuIntra: '',
    },
    {
      siret: construireSiret('90173528', '0001'),
      raisonSociale: 'Le Comptoir des Halles',
      adresse: { rue: '5 place Victor-Hugo', codePostal: '31000', ville: 'Toulouse' },
      codeNaf: '56.10A',
      idcc: '1979',
      effectif: 14,
      opco: 'AKTO',
      domaineEmail: 'comptoir-des-halles.exemple.fr',
      salaries: [],
      catalogue: [],
      lieuIntra: '',
    },
    {
      siret: construireSiret('85402917', '0002'),
      raisonSociale: 'Boulangerie Maison Fournier',
      adresse: { rue: '12 rue Nationale', codePostal: '37000', ville: 'Tours' },
      codeNaf: '10.71C',
      idcc: '0843',
      effectif: 4,
      opco: 'OPCOEP',
      domaineEmail: 'maison-fournier.exemple.fr',
      salaries: [],
      catalogue: [],
      lieuIntra: '',
    },
    {
      siret: construireSiret('77816354', '0005'),
      raisonSociale: 'Transports Lefort & Fils',
      adresse: { rue: 'ZA des Bruyères, 1 rue de l’Industrie', codePostal: '38070', ville: 'Saint-Quentin-Fallavier' },
      codeNaf: '49.41A',
      idcc: '0016',
      effectif: 62,
      opco: 'MOBILITES',
      domaineEmail: 'transports-lefort.exemple.fr',
      salaries: [],
      catalogue: [],
      lieuIntra: '',
    },
  ]
  const entreprises: EntrepriseDemo[] = entreprisesInternes.map(({ siret, raisonSociale, adresse, codeNaf, idcc, effectif, opco }, i) => ({
    siret,
    raisonSociale,
    adresse,
    codeNaf,
    idcc,
    effectif,
    opco,
    signataire: SIGNATAIRES_DEMO[i % SIGNATAIRES_DEMO.length]!,
  }))
  const [numeria, batir] = entreprisesInternes as [EntrepriseInterne, EntrepriseInterne, ...EntrepriseInterne[]]

  // --- Users -------------------------------------------------------------------------------
  // Phone numbers from the range ARCEP reserves for fiction (06 39 98 xx xx).
  const utilisateurs: UtilisateurDemo[] = [
    { email: EMAILS_DEMO.beneficiaire, password: MOTS_DE_PASSE_DEMO.beneficiaire, role: 'user', prenom: 'Camille', nom: 'Martin', telephone: '06 39 98 10 01', company: numeria.siret },
    { email: EMAILS_DEMO.rh, password: MOTS_DE_PASSE_DEMO.rh, role: 'user', prenom: 'Sophie', nom: 'Lambert', telephone: '06 39 98 10 02', company: batir.siret },
    { email: EMAILS_DEMO.opcoAtlas, password: MOTS_DE_PASSE_DEMO.opcoAtlas, role: 'opco', prenom: 'Julien', nom: 'Mercier', telephone: '06 39 98 10 03', opco: 'ATLAS' },
  ]

  // --- Dossiers ----------------------------------------------------------------------------
  const dossiers: DossierDemo[] = []
  const paiements: PaiementDemo[] = []
  const compteurs = new Map<string, { formation: number; bilan: number; salarie: number }>()
  let numeroOpco = 0
  let virementEntreprise = 0
  let k = 0

  for (const [status, nombre] of REPARTITION_STATUTS) {
    for (let i = 0; i < nombre; i++, k++) {
      // Alternating companies gives every status both an ATLAS and a CONSTRUCTYS dossier.
      const entreprise = k % 2 === 0 ? numeria : batir
      const refusQualiopi = status === 'refuse' && entreprise === batir
      const refusTardif = status === 'refuse' && entreprise === numeria
      const typeFormation: TypeFormation = k % 5 === 2 && !refusQualiopi ? 'bilan' : 'formation'

      const c = compteurs.get(entreprise.siret) ?? { formation: 0, bilan: 0, salarie: 0 }
      compteurs.set(entreprise.siret, c)
      let formation = typeFormation === 'bilan' ? BILANS[c.bilan++ % BILANS.length]! : entreprise.catalogue[c.formation++ % entreprise.catalogue.length]!
      // "In training" needs a start before today and an end after it: at least 3 training days.
      while (status === 'en_formation' && formation.heures < 21) formation = entreprise.catalogue[c.formation++ % entreprise.catalogue.length]!
      const salarie = entreprise.salaries[c.salarie++ % entreprise.salaries.length]!

      const organisme = typeFormation === 'bilan' ? siretCapBilan : refusQualiopi ? siretAtelierBtp : siretCampus
      const heures = formation.heures

      // Cost: hourly rate (60–220 € HT/h for a training, often an intra-company session; 55–110 €
      // for a bilan) drawn so the total stays within 1 200 € – 9 000 € HT, rounded to 10 €.
      const tauxMin = Math.max(typeFormation === 'bilan' ? 5_500 : 6_000, Math.ceil(120_000 / heures))
      const tauxMax = Math.max(tauxMin, Math.min(typeFormation === 'bilan' ? 11_000 : 22_000, Math.floor(900_000 / heures)))
      const cout = Math.min(900_000, Math.max(120_000, Math.round((heures * entre(tauxMin, tauxMax)) / 1_000) * 1_000))
      const estime = estimerPriseEnCharge(reglesDe(entreprise.opco), {
        typeFormation,
        effectif: entreprise.effectif,
        heures,
        coutHT: cout,
        branche: entreprise.branche,
      })

      // Calendar: a bilan spreads over 6–10 weeks; a training runs on consecutive days up to 3
      // days, beyond that in weekly sessions.
      const nbJours = Math.ceil(heures / 7)
      const etendue = typeFormation === 'bilan' ? entre(42, 70) : nbJours <= 3 ? nbJours - 1 : (nbJours - 1) * 3
      let debut: number
      switch (status) {
        case 'brouillon': debut = entre(30, 90); break
        case 'soumis': debut = entre(25, 70); break
        case 'en_revue': debut = entre(21, 60); break
        case 'valide': debut = entre(20, 50); break
        case 'envoye_opco': debut = entre(15, 45); break
        case 'pieces_demandees': debut = entre(14, 40); break
        case 'accepte':
        case 'accepte_partiel': debut = entre(5, 30); break
        case 'refuse': debut = refusTardif ? -entre(10, 20) : entre(5, 25); break
        case 'en_formation': debut = -entre(1, etendue - 1); break
        case 'realise': debut = -entre(3, 15) - etendue; break
        case 'facture': debut = (i === 2 ? -entre(42, 50) : -entre(15, 35)) - etendue; break
        case 'paye': debut = -entre(45, 100) - etendue; break
        case 'cloture': debut = -entre(110, 240) - etendue; break
        case 'annule': debut = entre(10, 60); break
      }
      debut = ouvre(debut, status === 'en_formation' ? -1 : 1)
      // A start pulled back off a weekend must not bring an ongoing training's end back to today.
      const fin = ouvre(status === 'en_formation' ? Math.max(1, debut + etendue) : debut + etendue, 1)

      // Workflow dates, in order: validation < sending (before the start, except the late
      // filing) < OPCO answer (before the start, and in the past).
      let validation: number | undefined
      let envoi: number | undefined
      let reponse: number | undefined
      if (ENVOYE(status)) {
        envoi = refusTardif ? Math.min(-1, debut + entre(2, 5)) : Math.min(-2, debut - 14) - entre(0, 10)
        validation = envoi - entre(1, 4)
        if (REPONDU(status)) {
          const limite = status === 'pieces_demandees' || status === 'refuse' ? -1 : Math.min(-1, debut - 1)
          reponse = Math.max(envoi + 1, Math.min(limite, envoi + entre(6, 21)))
        }
      } else if (status === 'valide' || (status === 'annule' && entreprise === batir)) {
        validation = -entre(1, 3)
      }

      let valide: number | undefined
      if (ACCEPTE(status)) {
        const partiel = status === 'accepte_partiel' || (status !== 'accepte' && k % 3 === 0)
        valide = partiel ? Math.max(1_000, Math.round((estime * (0.6 + rnd() * 0.25)) / 1_000) * 1_000) : estime
        valide = Math.min(valide, estime)
      }

      let numeroDossierOpco: string | undefined
      if (envoi !== undefined) {
        numeroOpco++
        const prefixe = entreprise.opco === 'ATLAS' ? 'ATL' : 'CSY'
        const anneeEnvoi = new Date(t0 + envoi * JOUR_MS).getUTCFullYear()
        numeroDossierOpco = `${prefixe}-${anneeEnvoi}-${String(104_217 + numeroOpco * 173).padStart(6, '0')}`
      }

      // Payments: the OPCO pays the validated amount (subrogation), the company the remainder.
      const cle = `D${String(k + 1).padStart(2, '0')}`
      const paiementsAvant = paiements.length
      const reste = valide === undefined ? 0 : cout - valide
      const payerEntreprise = (): void => {
        if (reste <= 0) return
        virementEntreprise++
        paiements.push({ dossier: cle, montant: reste, date: jour(Math.min(-1, fin + entre(5, 15))), payeur: 'entreprise', reference: `VIR-${entreprise.siret.slice(0, 9)}-${String(virementEntreprise).padStart(4, '0')}`, statut: 'recu' })
      }
      if (status === 'facture') {
        // One awaiting payment, one where only the company's share came in, one overdue (> 30 days).
        if (i === 1) payerEntreprise()
      } else if (status === 'paye' || status === 'cloture') {
        paiements.push({ dossier: cle, montant: valide!, date: jour(Math.min(-1, fin + entre(20, 40))), payeur: 'opco', reference: `${numeroDossierOpco!}-REGL`, statut: 'recu' })
        payerEntreprise()
      }
      // Derived exactly as the payments collection derives it once they are recorded.
      const paymentStatus: StatutPaiementDossier = statutPaiementDossier(valide, paiements.slice(paiementsAvant))

      const lieu =
        typeFormation === 'bilan'
          ? `Entretiens en visioconférence et à l’antenne de ${entreprise.adresse.ville}`
          : formation.modalite === 'distanciel'
            ? 'À distance (classe virtuelle)'
            : refusQualiopi
              ? '14 rue de la Mabilais, 35000 Rennes'
              : formation.modalite === 'mixte'
                ? `${entreprise.lieuIntra} et à distance`
                : entreprise.lieuIntra

      const benef = {
        nom: salarie.nom,
        prenom: salarie.prenom,
        email: `${slugEmail(salarie.prenom)}.${slugEmail(salarie.nom)}@${entreprise.domaineEmail}`,
        telephone: `06 39 98 ${String(20 + k).padStart(2, '0')} ${String(10 + ((k * 37) % 90)).padStart(2, '0')}`,
      }

      const dossier: DossierDemo = {
        cle,
        typeFormation,
        status,
        owner: entreprise.proprietaire!,
        beneficiaire: benef,
        company: entreprise.siret,
        opco: entreprise.opco,
        formation: {
          titre: formation.titre,
          objectifs: texteRiche(...formation.objectifs.split(' ; ').map((o) => majuscule(o.replace(/\.$/, '')) + '.')),
          organisme,
          dureeHeures: heures,
          dateDebut: jour(debut),
          dateFin: jour(fin),
          lieu,
          modalite: formation.modalite,
        },
        coutTotalHT: cout,
        montantEstime: estime,
        paymentStatus,
        justification: texteRiche(
          `Demande pour ${benef.prenom} ${benef.nom} (${entreprise.raisonSociale}) : ${formation.besoin}.`,
          typeFormation === 'bilan'
            ? 'Le bilan a été proposé lors de l’entretien professionnel, avec l’accord de la personne concernée, seule destinataire de ses résultats.'
            : 'Le besoin a été identifié lors de l’entretien professionnel et figure au plan de développement des compétences de l’année.',
        ),
      }
      // Submitted a few days before validation (or recently, when not validated yet). No draw from
      // the random sequence: every other demo value stays as it was.
      if (status !== 'brouillon') {
        const soumission = (validation ?? envoi ?? -1) - ((k % 5) + 2)
        dossier.soumissionDate = new Date(t0 + soumission * JOUR_MS + 9 * 3_600_000 + (k % 60) * 60_000).toISOString()
      }
      if (valide !== undefined) dossier.montantValide = valide
      if (numeroDossierOpco !== undefined) dossier.numeroDossierOpco = numeroDossierOpco
      if (validation !== undefined) {
        dossier.validationAdminDate = horodatage(validation)
        dossier.validationAdminBy = adminEmail
      }
      if (envoi !== undefined) dossier.envoiOpcoDate = horodatage(envoi)
      if (reponse !== undefined) dossier.reponseOpcoDate = horodatage(reponse)
      if (refusTardif) dossier.motifRefus = 'Demande de prise en charge reçue après le début de la formation : elle ne peut pas être financée.'
      if (refusQualiopi) dossier.motifRefus = 'L’organisme de formation ne dispose pas d’une certification Qualiopi valide à la date de début de l’action.'
      dossiers.push(dossier)
    }
  }

  // --- Messages ----------------------------------------------------------------------------
  const premier = (status: StatutDossier, siret: string): DossierDemo => dossiers.find((d) => d.status === status && d.company === siret)!
  const brouillonNumeria = premier('brouillon', numeria.siret)
  const piecesBatir = premier('pieces_demandees', batir.siret)
  const enFormationNumeria = premier('en_formation', numeria.siret)
  const messages: MessageDemo[] = [
    { dossier: brouillonNumeria.cle, auteur: EMAILS_DEMO.beneficiaire, body: texteRiche('Bonjour, le devis de l’organisme suffit-il, ou faut-il aussi joindre le programme détaillé ?') },
    { dossier: brouillonNumeria.cle, auteur: adminEmail, body: texteRiche('Bonjour, il faut les deux : le devis et le programme avec des objectifs évaluables.', 'Vous pouvez les déposer dans l’onglet Documents du dossier, puis le soumettre.') },
    { dossier: piecesBatir.cle, auteur: adminEmail, body: texteRiche('L’OPCO demande le programme détaillé, daté et signé par l’organisme de formation. Merci de le déposer pour que nous puissions renvoyer le dossier.') },
    { dossier: piecesBatir.cle, auteur: EMAILS_DEMO.rh, body: texteRiche('C’est noté, je le demande à l’organisme et je le dépose dès réception.') },
    { dossier: enFormationNumeria.cle, auteur: EMAILS_DEMO.beneficiaire, body: texteRiche('Une session a été décalée d’une semaine par l’organisme : faut-il prévenir l’OPCO ?') },
  ]

  return { opcos, correspondancesIdcc: CORRESPONDANCES_IDCC.map((c) => ({ ...c })), organismes, entreprises, utilisateurs, dossiers, paiements, messages }
}
