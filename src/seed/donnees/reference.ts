/**
 * Reference data of the demo: OPCOs and their docs/domaine.md funding examples, IDCC → OPCO pairs,
 * demo accounts' e-mails and passwords, rule years and headcount bands, how many dossiers per status.
 * Plain data, no computation: the builders (./regles, ./dossiers) turn it into records.
 */
import type { StatutDossier } from '@/src/domain/statuts'
import type { CorrespondanceIdccDemo, EntrepriseDemo, RegleFinancementDemo } from './types'

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

/** The OPCOs, in the order they are written. */
export const OPCOS_BASE: ReadonlyArray<{ code: string; nom: string; secteurs: string }> = [
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

/**
 * Each OPCO's deadlines (src/domain/echeances.ts), indicative and marked « à vérifier »: the
 * domain notes (DOMAIN.md §11) only say the request must reach the OPCO before the start, that
 * an approval is valid for a limited time, that vendors cite ~6 months to send the proof of
 * service, and that payments took 75 days on average in an old survey. Nothing per OPCO is
 * verified, so every OPCO gets the same cautious values until the team checks its conditions.
 */
export const ECHEANCES_INDICATIVES = {
  delaiDepotAvantDebutJours: 15,
  delaiJustificatifsApresFinJours: 180,
  validiteAccordJours: 365,
  delaiPaiementJours: 75,
  echeancesAVerifier: true,
  echeancesNote:
    'Valeurs indicatives, non vérifiées auprès de l’OPCO : demande 15 jours avant le début, justificatifs dans les 6 mois après la fin, accord valable un an, paiement en 75 jours (moyenne d’une ancienne enquête). À confirmer sur les conditions générales de l’OPCO.',
} as const

/** docs/domaine.md §7 examples; amounts in cents. */
export function reglesConnues(code: string): RegleFinancementDemo[] | undefined {
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

/** Headcount bands of the demo rules: under 11, 11–49, 50 and more (docs/domaine.md §3). */
export const TRANCHES_DEMO: ReadonlyArray<{ effectifMin: number; effectifMax?: number; libelle: string }> = [
  { effectifMin: 0, effectifMax: 10, libelle: 'moins de 11 salariés' },
  { effectifMin: 11, effectifMax: 49, libelle: '11 à 49 salariés' },
  { effectifMin: 50, libelle: '50 salariés et plus (cofinancement)' },
]

/** Indicative hourly cap per OPCO for trainings (cents HT/h); Atlas and Constructys follow their docs/domaine.md examples. */
export const TAUX_HORAIRE_DEMO: Readonly<Record<string, number>> = {
  AFDAS: 4_000, ATLAS: 5_500, AKTO: 3_000, CONSTRUCTYS: 2_400, OCAPIAT: 3_500, OPCO2I: 4_500,
  OPCOEP: 3_000, MOBILITES: 3_500, SANTE: 3_500, OPCOMMERCE: 3_000, UNIFORMATION: 3_000,
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

/** One signatory per demo company, in the order of ENTREPRISES_DEMO (./acteurs). */
export const SIGNATAIRES_DEMO: ReadonlyArray<EntrepriseDemo['signataire']> = [
  { prenom: 'Claire', nom: 'Morel', fonction: 'Présidente' },
  { prenom: 'Yann', nom: 'Le Goff', fonction: 'Gérant' },
  { prenom: 'Hélène', nom: 'Verdier', fonction: 'Associée gérante' },
  { prenom: 'Karim', nom: 'Benali', fonction: 'Gérant' },
  { prenom: 'Sophie', nom: 'Fournier', fonction: 'Gérante' },
  { prenom: 'Thierry', nom: 'Lefort', fonction: 'Directeur général' },
]

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
