/**
 * Realistic inputs for the generated documents (as the Local API returns them at depth 0) and a
 * real PDF text extractor (pdf.js), shared by the model's unit tests and the rendering tests.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { EntreesDocument, FactureEntree } from '@/src/domain/documents/types'
import { construireSiret } from '@/src/domain/siret'
import { texteRiche } from '@/src/domain/texteRiche'

export const SIRET_ENTREPRISE = construireSiret('81234567', '0012') // 81234567600124
export const SIRET_ORGANISME = construireSiret('44556677', '0001') // 44556677100017
export const SIRET_OPCO = construireSiret('85197602', '0001')

export const entreprise = {
  raisonSociale: 'Alpha Conseil SARL',
  siret: SIRET_ENTREPRISE,
  siren: SIRET_ENTREPRISE.slice(0, 9),
  adresse: { rue: '8 rue des Lilas', codePostal: '69003', ville: 'Lyon' },
  codeNaf: '62.02A',
  idcc: '1486',
  effectif: 8,
  numeroTva: 'FR19812345676',
}

export const organisme = {
  nom: 'Forma Pro Conseil',
  siret: SIRET_ORGANISME,
  nda: '11755555575',
  regionNda: 'Île-de-France',
  qualiopi: { actionsFormation: true, bilansCompetences: true, validiteDebut: '2024-01-15T00:00:00.000Z', validiteFin: '2027-01-14T00:00:00.000Z' },
  adresse: { rue: '45 boulevard Voltaire', codePostal: '75011', ville: 'Paris' },
  regimeTva: 'exoneration_261' as const,
  numeroTva: null,
}

export const opco = {
  code: 'ATLAS',
  nom: 'Atlas',
  contactEmail: 'dossiers@atlas.exemple.fr',
  siret: SIRET_OPCO,
  adresse: { rue: '25 quai Panhard et Levassor', codePostal: '75013', ville: 'Paris' },
}

export const dossierFormation = {
  reference: 'MO-2026-000123',
  typeFormation: 'formation' as const,
  status: 'realise',
  beneficiaire: { nom: 'Durand', prenom: 'Élodie', email: 'elodie.durand@alpha-conseil.fr', telephone: '06 12 34 56 78' },
  formation: {
    titre: 'Excel avancé : tableaux croisés dynamiques et Power Query',
    objectifs: texteRiche(
      'Construire et mettre en forme des tableaux croisés dynamiques à partir de plusieurs sources.',
      'Automatiser l’import et le nettoyage des données avec Power Query.',
    ),
    programme: 'Jour 1 : rappels sur les plages nommées et les tableaux structurés.\nJour 2 : tableaux croisés dynamiques, segments et chronologies.\nJour 3 : Power Query, fusion de requêtes et actualisation.\nJour 4 : cas pratique sur les données de l’entreprise.',
    dureeHeures: 28,
    dateDebut: '2026-03-16T00:00:00.000Z',
    dateFin: '2026-03-19T00:00:00.000Z',
    lieu: '12 avenue des Ternes, 75017 Paris',
    modalite: 'presentiel' as const,
  },
  coutTotalHT: 123456,
  montantEstime: 105000,
  montantValide: 123456,
  subrogation: true,
  numeroDossierOpco: 'ATL-2026-004512',
  heuresRealisees: 24,
  validationAdminDate: '2026-02-02T10:15:00.000Z',
  envoiOpcoDate: '2026-02-03T09:00:00.000Z',
}

export const dossierBilan = {
  ...dossierFormation,
  reference: 'MO-2026-000456',
  typeFormation: 'bilan' as const,
  beneficiaire: { nom: 'Martin', prenom: 'Karim', email: 'karim.martin@alpha-conseil.fr', telephone: '07 98 76 54 32' },
  formation: {
    titre: 'Bilan de compétences – projet de reconversion vers les métiers de la donnée',
    objectifs: texteRiche('Identifier des pistes de reconversion réalistes et construire un plan d’action.'),
    programme: null,
    dureeHeures: 24,
    dateDebut: '2026-04-07T00:00:00.000Z',
    dateFin: '2026-06-02T00:00:00.000Z',
    lieu: null,
    modalite: 'mixte' as const,
  },
  coutTotalHT: 180000,
  montantEstime: 180000,
  montantValide: 150000,
  heuresRealisees: 22.5,
  numeroDossierOpco: 'ATL-2026-007788',
}

/** 24 h × 51,44 € = 1 234,56 € HT, exonérée, adressée à l'OPCO (subrogation). */
export const facture: FactureEntree = {
  numero: 'F-2026-000042',
  type: 'facture',
  destinataire: 'opco',
  lignes: [{ libelle: 'Formation « Excel avancé » – heures réalisées', quantite: 24, prixUnitaireHT: 5144, montantHT: 123456 }],
  totalHT: 123456,
  totalTVA: 0,
  totalTTC: 123456,
  mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI',
  dateEmission: '2026-03-25T00:00:00.000Z',
  dateEcheance: null,
  factureOrigine: null,
}

export const avoir: FactureEntree = {
  ...facture,
  numero: 'A-2026-000003',
  type: 'avoir',
  motif: '4 heures facturées mais non réalisées (absence du stagiaire le 19/03/2026)',
  lignes: [{ libelle: 'Annulation de 4 heures non réalisées', quantite: 4, prixUnitaireHT: 5144, montantHT: 20576 }],
  totalHT: 20576,
  totalTVA: 0,
  totalTTC: 20576,
  dateEmission: '2026-04-02T00:00:00.000Z',
  factureOrigine: 'F-2026-000042',
}

/** A 1×1 PNG: the drawn signature of the attendance sheet's tests. */
export const PNG_SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const EMPREINTE = (c: string) => c.repeat(64)

/** Two half-days: the morning signed by both, the afternoon signed by the trainee only. */
export const seancesEmargement: NonNullable<EntreesDocument['seances']> = [
  {
    date: '2026-03-16T00:00:00.000Z',
    demiJournee: 'matin',
    heureDebut: '09:00',
    heureFin: '12:30',
    dureeMinutes: 210,
    statut: 'signee',
    signatures: [
      { role: 'stagiaire', nom: 'Élodie Durand', signeLe: '2026-03-16T08:05:00.000Z', image: PNG_SIGNATURE, empreinte: EMPREINTE('a') },
      { role: 'formateur', nom: 'Luc Moreau', signeLe: '2026-03-16T11:31:00.000Z', image: PNG_SIGNATURE, empreinte: EMPREINTE('b') },
    ],
  },
  {
    date: '2026-03-16T00:00:00.000Z',
    demiJournee: 'apres-midi',
    heureDebut: '14:00',
    heureFin: '17:30',
    dureeMinutes: 210,
    statut: 'a_signer',
    signatures: [{ role: 'stagiaire', nom: 'Élodie Durand', signeLe: '2026-03-16T13:02:00.000Z', image: null, empreinte: EMPREINTE('c') }],
  },
]

export const DATE_EDITION = '2026-02-02T10:15:00.000Z'
/** The certificate is signed once the training is over. */
export const DATE_CERTIFICAT = '2026-03-20T08:00:00.000Z'

/** Inputs of each document kind of the test suite. */
export function entreesDe(type: string): EntreesDocument {
  const base = { entreprise, organisme, opco, dateEdition: DATE_EDITION }
  switch (type) {
    case 'convention_bilan':
      return { ...base, dossier: dossierBilan }
    case 'certificat_realisation':
    case 'attestation_assiduite':
      return { ...base, dossier: dossierFormation, dateEdition: DATE_CERTIFICAT }
    case 'feuille_emargement':
      return { ...base, dossier: { ...dossierFormation, formation: { ...dossierFormation.formation, formateur: { prenom: 'Luc', nom: 'Moreau', email: 'luc.moreau@formapro.fr' } } }, seances: seancesEmargement }
    case 'facture':
      return { ...base, dossier: dossierFormation, facture }
    case 'avoir':
      return { ...base, dossier: dossierFormation, facture: avoir }
    default:
      return { ...base, dossier: dossierFormation }
  }
}

/**
 * The text of a PDF, page after page, as pdf.js extracts it (what a reader copying the text,
 * an OPCO's OCR-less intake or a search engine gets). Items are joined as they come; line ends
 * become new lines.
 */
export function texteDuPdf(pdf: Uint8Array): Promise<{ texte: string; pages: number }> {
  // One document at a time: pdf.js's in-process worker mixes up pages of concurrent documents.
  const resultat = file.then(() => extraire(pdf))
  file = resultat.catch(() => undefined)
  return resultat
}

let file: Promise<unknown> = Promise.resolve()

async function extraire(pdf: Uint8Array): Promise<{ texte: string; pages: number }> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise
  try {
    const morceaux: string[] = []
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i)
      const contenu = await page.getTextContent()
      for (const item of contenu.items) {
        if ('str' in item) morceaux.push(item.str + (item.hasEOL ? '\n' : ''))
      }
      morceaux.push('\n')
    }
    return { texte: morceaux.join(''), pages: doc.numPages }
  } finally {
    await doc.destroy()
  }
}
