/**
 * Who the demo is about: training providers, companies (with their employees and catalogue) and
 * the portal / OPCO demo accounts. Plain data; only the providers' Qualiopi period depends on
 * "today" (a certificate valid on every demo start date).
 */
import { construireSiret } from '@/src/domain/siret'
import { BILANS, CATALOGUE_BATIMENT, CATALOGUE_NUMERIQUE } from './catalogues'
import { numeroTvaFr } from './outils'
import { EMAILS_DEMO, MOTS_DE_PASSE_DEMO, SIGNATAIRES_DEMO } from './reference'
import type { EntrepriseDemo, EntrepriseInterne, OrganismeDemo, UtilisateurDemo } from './types'

export { BILANS }

export const SIRET_CAMPUS = construireSiret('91284735', '0002')
export const SIRET_CAP_BILAN = construireSiret('88417206', '0001')
export const SIRET_ATELIER_BTP = construireSiret('84035912', '0003')

/** The training providers; `qualiopi` is the current Qualiopi period (ISO), given by the caller. */
export function organismesDemo(qualiopi: { validiteDebut: string; validiteFin: string }): OrganismeDemo[] {
  return [
    {
      nom: 'Campus Horizon Formation',
      siret: SIRET_CAMPUS,
      nda: '84691274569',
      regionNda: 'Auvergne-Rhône-Alpes',
      qualiopi: { actionsFormation: true, bilansCompetences: false, ...qualiopi },
      adresse: { rue: '25 quai Perrache', codePostal: '69002', ville: 'Lyon' },
      regimeTva: 'assujetti',
      numeroTva: numeroTvaFr(SIRET_CAMPUS.slice(0, 9)),
    },
    {
      nom: 'Cap Bilan Évolution',
      siret: SIRET_CAP_BILAN,
      nda: '52440876544',
      regionNda: 'Pays de la Loire',
      qualiopi: { actionsFormation: false, bilansCompetences: true, ...qualiopi },
      adresse: { rue: '3 rue Crébillon', codePostal: '44000', ville: 'Nantes' },
      regimeTva: 'exoneration_261',
      // Exempt operations still need the seller's VAT identifier on an e-invoice (EN 16931 BR-E-02).
      numeroTva: numeroTvaFr(SIRET_CAP_BILAN.slice(0, 9)),
    },
    {
      // Certificate lapsed in 2025 and never renewed: the conformity checks must flag it.
      nom: 'Atelier Savoir-Faire BTP',
      siret: SIRET_ATELIER_BTP,
      nda: '53350432135',
      regionNda: 'Bretagne',
      qualiopi: { actionsFormation: true, bilansCompetences: false, validiteDebut: '2022-09-01T12:00:00.000Z', validiteFin: '2025-08-31T12:00:00.000Z' },
      adresse: { rue: '14 rue de la Mabilais', codePostal: '35000', ville: 'Rennes' },
      regimeTva: 'franchise_293B',
      numeroTva: numeroTvaFr(SIRET_ATELIER_BTP.slice(0, 9)),
    },
  ]
}

/** The demo companies; the first two (Numéria, ATLAS; Bâtir Ouest, CONSTRUCTYS) carry the dossiers. */
export const ENTREPRISES_DEMO: readonly EntrepriseInterne[] = [
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

/** The companies as the `companies` collection stores them (one signatory each). */
export function entreprisesDemo(): EntrepriseDemo[] {
  return ENTREPRISES_DEMO.map(({ siret, raisonSociale, adresse, codeNaf, idcc, effectif, opco }, i) => ({
    siret,
    raisonSociale,
    adresse: { ...adresse },
    codeNaf,
    idcc,
    effectif,
    opco,
    signataire: SIGNATAIRES_DEMO[i % SIGNATAIRES_DEMO.length]!,
  }))
}

export const [NUMERIA, BATIR] = ENTREPRISES_DEMO as readonly [EntrepriseInterne, EntrepriseInterne, ...EntrepriseInterne[]]

// Phone numbers from the range ARCEP reserves for fiction (06 39 98 xx xx).
export const UTILISATEURS_DEMO: readonly UtilisateurDemo[] = [
  { email: EMAILS_DEMO.beneficiaire, password: MOTS_DE_PASSE_DEMO.beneficiaire, role: 'user', prenom: 'Camille', nom: 'Martin', telephone: '06 39 98 10 01', company: NUMERIA.siret },
  { email: EMAILS_DEMO.rh, password: MOTS_DE_PASSE_DEMO.rh, role: 'user', prenom: 'Sophie', nom: 'Lambert', telephone: '06 39 98 10 02', company: BATIR.siret },
  { email: EMAILS_DEMO.opcoAtlas, password: MOTS_DE_PASSE_DEMO.opcoAtlas, role: 'opco', prenom: 'Julien', nom: 'Mercier', telephone: '06 39 98 10 03', opco: 'ATLAS' },
]
