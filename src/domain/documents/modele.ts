/**
 * Modèles de vue des documents générés, construits à partir de données simples.
 *
 * Toutes les décisions de contenu sont ici (quelle mention, quel libellé, que faire d'une valeur
 * absente), pas dans les gabarits : c'est ce qu'on teste sans navigateur, et ce qui garantit que
 * chaque document porte les mentions obligatoires de DOMAIN.md §4. Les références d'articles et
 * les formulations légales viennent de la configuration (`templates/pdf/configuration.json`).
 */
import type { ConfigurationDocuments, RegimeTva } from './configuration'
import { texteBrut } from '@/src/domain/texteRiche'
import { montantDemande } from '@/src/domain/funding/demande'
import {
  adresse,
  ajouterJours,
  dateFr,
  estRenseigne,
  euros,
  heures,
  NBSP,
  NON_RENSEIGNE,
  nombreFr,
  remplir,
  remplirAvecElision,
  siren,
  texte,
  TIRET,
} from './format'
import type {
  BlocSignature,
  CaseACocher,
  Champ,
  DossierEntree,
  EntreesDocument,
  EntrepriseEntree,
  LigneVue,
  OpcoEntree,
  OrganismeEntree,
  Partie,
  Section,
  TypeDocument,
  VueCertificatRealisation,
  VueConvention,
  VueDemandePriseEnCharge,
  VueDocument,
  VueFacture,
  VueOperateur,
} from './types'

export class DonneesDocumentInvalidesError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DonneesDocumentInvalidesError'
  }
}

const champ = (libelle: string, valeur: string): Champ => ({ libelle, valeur })
const section = (titre: string, s: Partial<Omit<Section, 'titre'>> = {}): Section => ({
  titre,
  introduction: s.introduction ?? [],
  champs: s.champs ?? [],
  paragraphes: s.paragraphes ?? [],
  liste: s.liste ?? [],
})

// ---------------------------------------------------------------------------------------------
// Mentions réutilisées

/** « Déclaration d'activité enregistrée sous le numéro … auprès du préfet de région de … ». */
export function mentionDeclarationActivite(organisme: OrganismeEntree | null | undefined, config: ConfigurationDocuments): string {
  return remplirAvecElision(config.mentions.declarationActivite, {
    nda: texte(organisme?.nda),
    region: texte(organisme?.regionNda, '[région non renseignée]'),
  })
}

/** La mention de TVA imprimée selon le régime de l'organisme (exonération, franchise, taux). */
export function mentionTva(regime: RegimeTva | null | undefined, config: ConfigurationDocuments): string {
  // Régime absent : l'exonération de l'article 261-4-4°-a est le cas général des organismes
  // déclarés (et la valeur par défaut de la collection) ; on ne devine pas un autre régime.
  const r: RegimeTva = regime ?? 'exoneration_261'
  return remplir(config.mentions.tva[r], { taux: nombreFr(config.facturation.tauxTvaPourcent) })
}

function qualiopi(organisme: OrganismeEntree | null | undefined, bilan: boolean): string {
  const categorie = bilan ? 'bilans de compétences' : 'actions de formation'
  const q = organisme?.qualiopi
  const detenue = bilan ? q?.bilansCompetences : q?.actionsFormation
  if (!detenue) return `catégorie « ${categorie} » non renseignée`
  const debut = dateFr(q?.validiteDebut)
  const fin = dateFr(q?.validiteFin)
  return `catégorie « ${categorie} », valide du ${debut} au ${fin}`
}

function operateur(config: ConfigurationDocuments): VueOperateur {
  const o = config.operateur
  return { nom: o.nom, adresse: adresse(o.adresse), siret: o.siret, email: o.emailContact, couleur: o.couleurAccent, logo: o.logo }
}

function nomBeneficiaire(d: DossierEntree): string {
  const b = d.beneficiaire
  const nom = [texte(b?.prenom, ''), texte(b?.nom, '')].filter(Boolean).join(' ')
  return nom || NON_RENSEIGNE
}

function estBilan(d: DossierEntree): boolean {
  return d.typeFormation === 'bilan'
}

const LIBELLES_MODALITE: Record<string, string> = {
  presentiel: 'en présentiel',
  distanciel: 'à distance',
  mixte: 'mixte (présentiel et à distance)',
}

function modalite(d: DossierEntree): string {
  const m = d.formation?.modalite
  return (m && LIBELLES_MODALITE[m]) || NON_RENSEIGNE
}

function periode(d: DossierEntree): string {
  return `du ${dateFr(d.formation?.dateDebut)} au ${dateFr(d.formation?.dateFin)}`
}

function paragraphesDe(t: string): string[] {
  return t
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
}

function objectifs(d: DossierEntree): string[] {
  const p = paragraphesDe(texteBrut(d.formation?.objectifs))
  return p.length ? p : [`Objectifs : ${NON_RENSEIGNE}s.`]
}

function programme(d: DossierEntree): string[] {
  const p = paragraphesDe(texte(d.formation?.programme, ''))
  return p.length ? p : [`Programme détaillé : ${NON_RENSEIGNE}.`]
}

function partieOrganisme(organisme: OrganismeEntree | null | undefined, config: ConfigurationDocuments, bilan: boolean, role = "L'organisme de formation"): Partie {
  const champs = [
    champ('Adresse', adresse(organisme?.adresse)),
    champ('SIRET', texte(organisme?.siret)),
    champ('SIREN', siren(organisme?.siret)),
    champ('N° de déclaration d\u2019activité (NDA)', texte(organisme?.nda)),
    champ('Certification Qualiopi', qualiopi(organisme, bilan)),
  ]
  if (estRenseigne(organisme?.numeroTva)) champs.push(champ('N° de TVA intracommunautaire', texte(organisme?.numeroTva)))
  return {
    role,
    nom: texte(organisme?.nom),
    champs,
    mentions: [mentionDeclarationActivite(organisme, config), config.mentions.nonAgrement],
  }
}

/** « Prénom Nom, fonction » du signataire de l'entreprise, ou null s'il n'est pas renseigné. */
export function signataireEntreprise(e: EntrepriseEntree | null | undefined): string | null {
  const s = e?.signataire
  const nom = [texte(s?.prenom, ''), texte(s?.nom, '')].filter(Boolean).join(' ')
  if (!nom) return null
  return estRenseigne(s?.fonction) ? `${nom}, ${texte(s?.fonction)}` : nom
}

/** Le bloc de signature de l'entreprise : sa raison sociale et, quand on la connaît, la personne qui signe. */
function signatureEntreprise(e: EntrepriseEntree | null | undefined, role: string): BlocSignature {
  const qui = signataireEntreprise(e)
  return { role, nom: qui ? `${texte(e?.raisonSociale)}, représentée par ${qui}` : texte(e?.raisonSociale), consigne: 'Nom, qualité, date, cachet et signature' }
}

function partieEntreprise(e: EntrepriseEntree | null | undefined, role = "L'entreprise"): Partie {
  return {
    role,
    nom: texte(e?.raisonSociale),
    champs: [
      champ('Adresse', adresse(e?.adresse)),
      champ('Représentée par', signataireEntreprise(e) ?? NON_RENSEIGNE),
      champ('SIRET', texte(e?.siret)),
      champ('SIREN', siren(e?.siret, e?.siren)),
      champ('Code NAF', texte(e?.codeNaf)),
      champ('IDCC', texte(e?.idcc)),
      champ('Effectif', typeof e?.effectif === 'number' && Number.isFinite(e.effectif) ? `${e.effectif}${NBSP}salarié${e.effectif >= 2 ? 's' : ''}` : NON_RENSEIGNE),
    ],
    mentions: [],
  }
}

function partieBeneficiaire(d: DossierEntree, role = 'Le bénéficiaire'): Partie {
  return {
    role,
    nom: nomBeneficiaire(d),
    champs: [champ('E-mail', texte(d.beneficiaire?.email)), champ('Téléphone', texte(d.beneficiaire?.telephone))],
    mentions: [],
  }
}

function partieOpco(o: OpcoEntree | null | undefined, role = "L'OPCO"): Partie {
  const champs = [champ('Adresse', adresse(o?.adresse)), champ('SIREN', siren(o?.siret))]
  if (estRenseigne(o?.contactEmail)) champs.push(champ('E-mail', texte(o?.contactEmail)))
  const nom = texte(o?.nom)
  const code = texte(o?.code, '')
  return { role, nom: code && code.toLowerCase() !== nom.toLowerCase() ? `${nom} (${code})` : nom, champs, mentions: [] }
}

/** Prix HT, mention de TVA et, pour un organisme assujetti, le TTC. */
function champsPrix(d: DossierEntree, organisme: OrganismeEntree | null | undefined, config: ConfigurationDocuments): Champ[] {
  const champs = [champ('Coût total de l\u2019action', `${euros(d.coutTotalHT)} HT`), champ('TVA', mentionTva(organisme?.regimeTva, config))]
  if (organisme?.regimeTva === 'assujetti' && typeof d.coutTotalHT === 'number' && Number.isSafeInteger(d.coutTotalHT)) {
    // Arrondi au centime le plus proche, en entiers : pas de flottant sur un montant.
    const tva = Math.round((d.coutTotalHT * config.facturation.tauxTvaPourcent) / 100)
    champs.push(champ('Montant de la TVA', euros(tva)), champ('Coût total TTC', euros(d.coutTotalHT + tva)))
  }
  return champs
}

function paragrapheFinancement(d: DossierEntree, opco: OpcoEntree | null | undefined): string {
  const nom = texte(opco?.nom, 'l\u2019OPCO')
  if (d.subrogation === true) {
    return `Subrogation de paiement : oui. ${nom} règle directement à l\u2019organisme de formation le montant qu\u2019il prend en charge ; le reste éventuel est facturé à l\u2019entreprise.`
  }
  if (d.subrogation === false) {
    return `Subrogation de paiement : non. L\u2019entreprise règle l\u2019organisme de formation et demande à ${nom} le remboursement du montant pris en charge.`
  }
  return `Subrogation de paiement : ${NON_RENSEIGNE}.`
}

/**
 * Ce que la convention dit du financement : le financeur et le montant demandé, rien de la
 * réponse de l'OPCO (n° de dossier, montant accordé) — elle vient après la signature, et un
 * document signé ne doit pas porter « en attente » d'une décision déjà prise.
 */
function champsFinancement(d: DossierEntree, opco: OpcoEntree | null | undefined): Champ[] {
  return [champ('Financeur (OPCO)', partieOpco(opco).nom), champ('Prise en charge demandée', `${euros(montantDemande(d))} HT`)]
}

function paiementConvention(config: ConfigurationDocuments): string {
  return `Le prix est payable sur facture, à ${config.facturation.delaiPaiementJours}${NBSP}jours à compter de sa date d\u2019émission, par virement. ${config.facturation.escompte}.`
}

function dateEdition(e: EntreesDocument): string {
  return dateFr(e.dateEdition)
}

// ---------------------------------------------------------------------------------------------
// Convention de formation (L6353-1, D6353-1)

function conventionFormation(e: EntreesDocument, config: ConfigurationDocuments): VueConvention {
  const d = e.dossier
  const r = config.references
  const distanciel = d.formation?.modalite === 'distanciel'
  return {
    type: 'convention',
    titre: 'Convention de formation professionnelle',
    baseLegale: `Conclue en application des ${r.conventionFormation}`,
    reference: texte(d.reference),
    dateEdition: dateEdition(e),
    operateur: operateur(config),
    preambule: 'Entre les soussignés :',
    parties: [partieOrganisme(e.organisme, config, false), partieEntreprise(e.entreprise)],
    sections: [
      section('Article 1 – Objet et nature de l\u2019action', {
        introduction: [
          'L\u2019organisme de formation organise, au bénéfice du salarié de l\u2019entreprise désigné à l\u2019article 4, l\u2019action décrite ci-après.',
        ],
        champs: [
          champ('Nature de l\u2019action', `action de formation (${r.natureAction})`),
          champ('Intitulé', texte(d.formation?.titre)),
        ],
      }),
      section('Article 2 – Objectifs', { paragraphes: objectifs(d) }),
      section('Article 3 – Contenu et programme', { paragraphes: programme(d) }),
      section('Article 4 – Stagiaire', {
        champs: [champ('Stagiaire', nomBeneficiaire(d)), champ('E-mail', texte(d.beneficiaire?.email))],
      }),
      section('Article 5 – Durée, période et lieu', {
        champs: [
          champ('Durée', heures(d.formation?.dureeHeures)),
          champ('Période', periode(d)),
          champ('Lieu', texte(d.formation?.lieu, distanciel ? 'à distance' : NON_RENSEIGNE)),
          champ('Modalité', modalite(d)),
        ],
      }),
      section('Article 6 – Modalités de déroulement, de suivi et de sanction', {
        champs: [
          champ('Déroulement', `formation ${modalite(d)}, alternant apports théoriques, mises en situation et exercices pratiques, animée par un formateur de l\u2019organisme.`),
          champ(
            'Suivi',
            distanciel
              ? 'relevés de connexion et feuilles d\u2019émargement signées par demi-journée par le stagiaire et le formateur.'
              : 'feuilles d\u2019émargement signées par demi-journée par le stagiaire et le formateur.',
          ),
          champ('Sanction', 'évaluation des acquis en fin de formation ; un certificat de réalisation est délivré à l\u2019issue de l\u2019action.'),
        ],
      }),
      section('Article 7 – Prix et modalités de paiement', { champs: champsPrix(d, e.organisme, config), paragraphes: [paiementConvention(config)] }),
      section('Article 8 – Financement', { champs: champsFinancement(d, e.opco), paragraphes: [paragrapheFinancement(d, e.opco)] }),
    ],
    faitLe: `Fait en deux exemplaires originaux, le ${dateEdition(e)}.`,
    signatures: [
      signatureEntreprise(e.entreprise, 'Pour l\u2019entreprise'),
      { role: 'Pour l\u2019organisme de formation', nom: texte(e.organisme?.nom), consigne: 'Nom, qualité, date, cachet et signature' },
    ],
  }
}

// ---------------------------------------------------------------------------------------------
// Convention de bilan de compétences, tripartite (R6313-8)

/** Les trois phases de R6313-4, dans les termes du code. */
export const PHASES_BILAN = [
  'Phase préliminaire : analyser la demande et le besoin du bénéficiaire, déterminer le format le plus adapté à sa situation et définir conjointement les modalités de déroulement du bilan.',
  'Phase d\u2019investigation : permettre au bénéficiaire de construire son projet professionnel et d\u2019en vérifier la pertinence, ou d\u2019élaborer une ou plusieurs alternatives.',
  'Phase de conclusions : permettre au bénéficiaire de s\u2019approprier les résultats détaillés de la phase d\u2019investigation, de recenser les conditions et moyens favorisant la réalisation de son projet et d\u2019en prévoir les principales étapes, dont la possibilité d\u2019un entretien de suivi.',
] as const

function conventionBilan(e: EntreesDocument, config: ConfigurationDocuments): VueConvention {
  const d = e.dossier
  const r = config.references
  const delai = config.bilan.delaiReflexionJours
  return {
    type: 'convention_bilan',
    titre: 'Convention de bilan de compétences',
    baseLegale: `Convention tripartite conclue en application de l\u2019${r.conventionBilan}`,
    reference: texte(d.reference),
    dateEdition: dateEdition(e),
    operateur: operateur(config),
    preambule: 'Entre les soussignés :',
    parties: [
      partieEntreprise(e.entreprise, 'L\u2019employeur'),
      partieBeneficiaire(d, 'Le bénéficiaire (salarié)'),
      partieOrganisme(e.organisme, config, true, 'L\u2019organisme prestataire du bilan'),
    ],
    sections: [
      section('Article 1 – Intitulé et objectif', {
        champs: [
          champ('Nature de l\u2019action', `bilan de compétences (${r.natureAction})`),
          champ('Intitulé', texte(d.formation?.titre)),
        ],
        paragraphes: [
          'Le bilan de compétences a pour objet de permettre au bénéficiaire d\u2019analyser ses compétences professionnelles et personnelles, ses aptitudes et ses motivations afin de définir un projet professionnel et, le cas échéant, un projet de formation.',
          ...objectifs(d),
        ],
      }),
      section(`Article 2 – Contenu : les trois phases du bilan (${r.phasesBilan})`, {
        liste: [...PHASES_BILAN],
        paragraphes: estRenseigne(d.formation?.programme) ? programme(d) : [],
      }),
      section('Article 3 – Moyens', {
        paragraphes: [
          'Entretiens individuels avec un consultant de l\u2019organisme, outils d\u2019évaluation (questionnaires, tests), travail personnel accompagné, recherches documentaires et enquêtes métiers.',
        ],
      }),
      section('Article 4 – Durée, période et lieu', {
        champs: [
          champ('Durée', heures(d.formation?.dureeHeures)),
          champ('Période', periode(d)),
          champ('Lieu', texte(d.formation?.lieu, d.formation?.modalite === 'distanciel' ? 'à distance' : NON_RENSEIGNE)),
          champ('Modalité', modalite(d)),
        ],
      }),
      section('Article 5 – Modalités de déroulement et de suivi', {
        paragraphes: [
          'Les séances sont planifiées avec le bénéficiaire par le consultant ; chacune est attestée par une feuille d\u2019émargement signée par le bénéficiaire et le consultant. Un entretien de suivi peut être proposé au bénéficiaire dans les six mois suivant la fin du bilan.',
        ],
      }),
      section('Article 6 – Résultats détaillés et document de synthèse', {
        paragraphes: [
          `Les résultats détaillés et le document de synthèse sont remis au seul bénéficiaire. Ils ne peuvent être communiqués à aucun tiers, y compris l\u2019employeur, sans l\u2019accord exprès du bénéficiaire (${r.resultatsBilan}).`,
          'Les documents de travail élaborés pendant le bilan sont détruits par l\u2019organisme à son issue.',
        ],
      }),
      section('Article 7 – Prix et modalités de paiement', { champs: champsPrix(d, e.organisme, config), paragraphes: [paiementConvention(config)] }),
      section('Article 8 – Financement', { champs: champsFinancement(d, e.opco), paragraphes: [paragrapheFinancement(d, e.opco)] }),
      section('Article 9 – Consentement du bénéficiaire', {
        paragraphes: [
          'Le bilan de compétences ne peut être réalisé qu\u2019avec le consentement du salarié.',
          `Le salarié dispose d\u2019un délai de ${delai}${NBSP}jours à compter de la transmission de la présente convention par l\u2019employeur pour faire connaître son acceptation en la signant. L\u2019absence de réponse dans ce délai de ${delai}${NBSP}jours vaut refus de conclure la convention.`,
        ],
      }),
    ],
    faitLe: `Fait en trois exemplaires originaux, le ${dateEdition(e)}.`,
    signatures: [
      signatureEntreprise(e.entreprise, 'Pour l\u2019employeur'),
      { role: 'Le bénéficiaire', nom: nomBeneficiaire(d), consigne: 'Date et signature, précédées de « Lu et approuvé »' },
      { role: 'Pour l\u2019organisme prestataire', nom: texte(e.organisme?.nom), consigne: 'Nom, qualité, date, cachet et signature' },
    ],
  }
}

// ---------------------------------------------------------------------------------------------
// Demande de prise en charge

function demandePriseEnCharge(e: EntreesDocument, config: ConfigurationDocuments): VueDemandePriseEnCharge {
  const d = e.dossier
  const bilan = estBilan(d)
  const cout = d.coutTotalHT
  // Le même chiffre que les e-mails et les écrans : l'estimation, sinon le coût total.
  const demande = montantDemande(d)
  const resteACharge =
    typeof cout === 'number' && typeof demande === 'number' && Number.isSafeInteger(cout) && Number.isSafeInteger(demande)
      ? euros(Math.max(0, cout - demande))
      : TIRET
  const organisme = partieOrganisme(e.organisme, config, bilan, 'Organisme de formation')
  return {
    type: 'demande_prise_en_charge',
    titre: 'Demande de prise en charge',
    baseLegale: bilan ? 'Bilan de compétences – plan de développement des compétences' : 'Action de formation – plan de développement des compétences',
    reference: texte(d.reference),
    dateEdition: dateEdition(e),
    operateur: operateur(config),
    destinataire: partieOpco(e.opco, 'À l\u2019attention de l\u2019OPCO'),
    sections: [
      section('1. Entreprise', { champs: [champ('Raison sociale', texte(e.entreprise?.raisonSociale)), ...partieEntreprise(e.entreprise).champs] }),
      section('2. Bénéficiaire', { champs: [champ('Nom', nomBeneficiaire(d)), ...partieBeneficiaire(d).champs] }),
      section('3. Action', {
        champs: [
          champ('Nature de l\u2019action', bilan ? 'bilan de compétences' : 'action de formation'),
          champ('Intitulé', texte(d.formation?.titre)),
          champ('Dates', periode(d)),
          champ('Durée', heures(d.formation?.dureeHeures)),
          champ('Modalité', modalite(d)),
          champ('Lieu', texte(d.formation?.lieu, d.formation?.modalite === 'distanciel' ? 'à distance' : NON_RENSEIGNE)),
        ],
        paragraphes: objectifs(d),
      }),
      section('4. Organisme de formation', { champs: [champ('Nom', organisme.nom), ...organisme.champs], paragraphes: organisme.mentions }),
      section('5. Coûts et financement demandé', {
        champs: [
          champ('Coût pédagogique total', `${euros(cout)} HT`),
          champ('Montant de prise en charge demandé', `${euros(demande)} HT`),
          champ('Reste à charge de l\u2019entreprise', `${resteACharge} HT`),
          champ('TVA', mentionTva(e.organisme?.regimeTva, config)),
        ],
      }),
    ],
    subrogation: [
      { libelle: `Subrogation : l\u2019OPCO règle directement l\u2019organisme de formation`, cochee: d.subrogation === true },
      { libelle: `Remboursement : l\u2019entreprise règle l\u2019organisme et l\u2019OPCO la rembourse`, cochee: d.subrogation === false },
    ],
    faitLe: `Demande établie le ${dateEdition(e)}, avant le début de l\u2019action prévu le ${dateFr(d.formation?.dateDebut)}.`,
    signatures: [signatureEntreprise(e.entreprise, 'Pour l\u2019entreprise')],
  }
}

// ---------------------------------------------------------------------------------------------
// Certificat de réalisation (modèle du ministère du Travail)

export const NATURES_ACTION = [
  { cle: 'formation', libelle: 'action de formation' },
  { cle: 'bilan', libelle: 'bilan de compétences' },
  { cle: 'vae', libelle: 'action de VAE' },
  { cle: 'apprentissage', libelle: 'action de formation par apprentissage' },
] as const

function certificatRealisation(e: EntreesDocument, config: ConfigurationDocuments): VueCertificatRealisation {
  const d = e.dossier
  const nature = estBilan(d) ? 'bilan' : 'formation'
  const organisme = partieOrganisme(e.organisme, config, nature === 'bilan', 'Dispensateur de l\u2019action')
  const natures: CaseACocher[] = NATURES_ACTION.map((n) => ({ libelle: n.libelle, cochee: n.cle === nature }))
  return {
    type: 'certificat_realisation',
    titre: 'Certificat de réalisation',
    baseLegale: `Modèle du ministère du Travail (${config.references.certificatRealisation})`,
    reference: texte(d.reference),
    dateEdition: dateEdition(e),
    operateur: operateur(config),
    organisme,
    attestation: {
      soussigne: `Je soussigné(e), représentant légal du dispensateur de l\u2019action concourant au développement des compétences ${texte(e.organisme?.nom)}, atteste que :`,
      beneficiaire: nomBeneficiaire(d),
      entreprise: texte(e.entreprise?.raisonSociale),
      intitule: texte(d.formation?.titre),
      natures,
      periode: periode(d),
      duree: heures(d.heuresRealisees),
    },
    references: [
      champ('N° de dossier OPCO', texte(d.numeroDossierOpco)),
      champ('Financeur (OPCO)', partieOpco(e.opco).nom),
      champ('Durée prévue', heures(d.formation?.dureeHeures)),
    ],
    conservation: [
      `Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je m\u2019engage à conserver l\u2019ensemble des pièces justificatives qui ont permis d\u2019établir le présent certificat pendant une durée de ${config.conservation.certificatAnnees}${NBSP}ans à compter de la fin de l\u2019année du dernier paiement.`,
      'En cas de cofinancement des fonds européens, la durée de conservation est étendue conformément aux obligations conventionnelles spécifiques.',
    ],
    faitLe: `Fait à ${texte(e.organisme?.adresse?.ville, NON_RENSEIGNE)}, le ${dateEdition(e)}.`,
    signature: {
      role: 'Le dispensateur de l\u2019action',
      nom: texte(e.organisme?.nom),
      consigne: 'Cachet et signature du responsable du dispensateur de l\u2019action',
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Facture et avoir (L441-9 C. com., art. 242 nonies A ann. II CGI), émis sous mandat

function numeroFactureOrigine(f: EntreesDocument['facture']): string {
  const o = f?.factureOrigine
  if (o && typeof o === 'object') return texte(o.numero)
  return texte(o)
}

function facture(e: EntreesDocument, config: ConfigurationDocuments, attendu: 'facture' | 'avoir'): VueFacture {
  const d = e.dossier
  const f = e.facture
  if (!f) throw new DonneesDocumentInvalidesError(`Un ${attendu} ne se génère qu\u2019à partir de la facture enregistrée (entrée « facture » manquante).`)
  const type = f.type ?? 'facture'
  if (type !== attendu) throw new DonneesDocumentInvalidesError(`La pièce ${texte(f.numero)} est de type « ${type} », pas « ${attendu} ».`)
  const avoir = type === 'avoir'
  const fac = config.facturation

  const emetteur = partieOrganisme(e.organisme, config, estBilan(d), 'Prestataire (vendeur)')
  // Numéro de TVA : obligatoire sur la facture, même quand il n'existe pas (visible alors).
  if (!emetteur.champs.some((c) => c.libelle.startsWith('N° de TVA'))) emetteur.champs.push(champ('N° de TVA intracommunautaire', NON_RENSEIGNE))

  const versOpco = f.destinataire === 'opco'
  const destinataire = versOpco ? partieOpco(e.opco, 'Client (OPCO, subrogation)') : partieEntreprise(e.entreprise, 'Client (entreprise)')
  if (!versOpco) {
    destinataire.champs = destinataire.champs.filter((c) => ['Adresse', 'SIRET', 'SIREN'].includes(c.libelle))
    destinataire.champs.push(champ('N° de TVA intracommunautaire', texte(e.entreprise?.numeroTva)))
  }

  const lignes: LigneVue[] = (Array.isArray(f.lignes) ? f.lignes : []).map((l) => ({
    libelle: texte(l.libelle),
    quantite: typeof l.quantite === 'number' && Number.isFinite(l.quantite) ? `${nombreFr(l.quantite)}${NBSP}h` : TIRET,
    prixUnitaire: euros(l.prixUnitaireHT),
    montant: euros(l.montantHT),
  }))

  const echeance = estRenseigne(f.dateEcheance) ? dateFr(f.dateEcheance) : dateFr(ajouterJours(f.dateEmission, fac.delaiPaiementJours))
  const references = [
    champ('Dossier MonOPCO', texte(d.reference)),
    champ('N° de dossier OPCO', texte(d.numeroDossierOpco)),
    ...(versOpco ? [champ('Entreprise bénéficiaire', `${texte(e.entreprise?.raisonSociale)} (SIREN ${siren(e.entreprise?.siret, e.entreprise?.siren)})`)] : []),
    champ('Stagiaire', nomBeneficiaire(d)),
    champ('Action', `${estBilan(d) ? 'bilan de compétences' : 'action de formation'} « ${texte(d.formation?.titre)} »`),
    champ('Date de la prestation', periode(d)),
    champ('Heures réalisées', heures(d.heuresRealisees)),
  ]
  if (avoir) {
    references.unshift(champ('Avoir sur la facture n°', numeroFactureOrigine(f)))
    if (estRenseigne(f.motif)) references.splice(1, 0, champ('Motif', texte(f.motif)))
  }

  const conditions = avoir
    ? [`Le présent avoir annule et remplace, pour les montants indiqués, la facture n°${NBSP}${numeroFactureOrigine(f)} ; il vient en déduction des sommes dues au titre de celle-ci.`]
    : [
        `Date d\u2019échéance : ${echeance} (paiement à ${fac.delaiPaiementJours}${NBSP}jours à compter de la date d\u2019émission).`,
        `${fac.penalitesRetard}.`,
        `Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : ${euros(fac.indemniteRecouvrementCentimes)} (${fac.indemniteRecouvrementReference}).`,
        `${fac.escompte}.`,
      ]

  return {
    type,
    titre: avoir ? 'Avoir' : 'Facture',
    baseLegale: `Mentions prévues par les ${config.references.facture} et l\u2019${config.references.factureCgi}`,
    reference: texte(d.reference),
    dateEdition: dateFr(f.dateEmission),
    operateur: operateur(config),
    numero: texte(f.numero),
    dateEmission: dateFr(f.dateEmission),
    emetteur,
    destinataire,
    mandat: remplir(config.mentions.mandatFacturation, {
      operateur: config.operateur.nom,
      organisme: texte(e.organisme?.nom),
      reference: config.references.mandatFacturation,
    }),
    references,
    lignes,
    totaux: [
      champ('Total HT', euros(f.totalHT)),
      champ('TVA', euros(f.totalTVA)),
      champ(avoir ? 'Total TTC de l\u2019avoir' : 'Total TTC', euros(f.totalTTC)),
    ],
    // La mention enregistrée à l'émission fait foi (une facture émise ne change plus) ;
    // à défaut, celle du régime de l'organisme.
    mentionTva: texte(f.mentionTva, '') || mentionTva(e.organisme?.regimeTva, config),
    conditions,
  }
}

// ---------------------------------------------------------------------------------------------

/** Le modèle de vue d'un document, prêt pour son gabarit. */
export function construireModele(type: 'convention' | 'convention_bilan', entrees: EntreesDocument, config: ConfigurationDocuments): VueConvention
export function construireModele(type: 'demande_prise_en_charge', entrees: EntreesDocument, config: ConfigurationDocuments): VueDemandePriseEnCharge
export function construireModele(type: 'certificat_realisation', entrees: EntreesDocument, config: ConfigurationDocuments): VueCertificatRealisation
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
    case 'facture':
    case 'avoir':
      return facture(entrees, config, type)
  }
}

/** La convention qui convient au dossier : tripartite pour un bilan, de formation sinon. */
export function typeConvention(dossier: DossierEntree): 'convention' | 'convention_bilan' {
  return estBilan(dossier) ? 'convention_bilan' : 'convention'
}
