/**
 * Mentions obligatoires de chaque document (docs/domaine.md §4), sous une forme qu'un test — ou un
 * contrôle de conformité — peut chercher dans le texte extrait du PDF.
 *
 * Une seule liste, à côté du modèle : quand une mention entre dans la loi ou la configuration,
 * on l'ajoute ici et tous les tests de rendu la cherchent. Les valeurs (noms, SIRET, dates,
 * heures, montants) sont mises en forme par les mêmes fonctions que le modèle : un test qui
 * veut une preuve indépendante compare en plus à des littéraux (`1 234,56 €`, `15/03/2026`).
 */
import type { ConfigurationDocuments } from './configuration'
import { texteBrut } from '@/src/domain/texteRiche'
import { montantDemande } from '@/src/domain/funding/demande'
import { adresse, dateFr, euros, heures, nombreFr, siren, texte } from './format'
import { mentionDeclarationActivite, mentionTva, PHASES_BILAN, NATURES_ACTION } from './modele'
import type { EntreesDocument, TypeDocument } from './types'
import { tauxAssiduite } from '@/src/domain/seances'

export interface MentionObligatoire {
  /** Ce que la mention représente, pour un message d'échec lisible. */
  libelle: string
  attendu: string | RegExp
}

/**
 * Forme comparable d'un texte : espaces (insécables, fines, retours à la ligne) réduits à une
 * espace, apostrophes typographiques ramenées à l'apostrophe droite, tirets longs à « - ».
 * Les extracteurs de texte PDF ne rendent pas tous U+00A0 de la même façon.
 */
export function normaliserTexte(t: string): string {
  return t
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[\s\u00a0\u202f\u2009]+/g, ' ')
    .trim()
}

function m(libelle: string, attendu: string | RegExp | null | undefined): MentionObligatoire[] {
  if (attendu === null || attendu === undefined || attendu === '') return []
  return [{ libelle, attendu }]
}

function premierParagraphe(t: string): string | null {
  const p = t.split(/\n/).map((s) => s.trim()).find(Boolean)
  // Assez pour être sûr que c'est le bon texte, assez court pour ne pas dépendre des coupures.
  return p ? p.slice(0, 60) : null
}

function nomBeneficiaire(e: EntreesDocument): string {
  const b = e.dossier.beneficiaire
  return [texte(b?.prenom, ''), texte(b?.nom, '')].filter(Boolean).join(' ')
}

function organisme(e: EntreesDocument, config: ConfigurationDocuments): MentionObligatoire[] {
  return [
    ...m("nom de l'organisme", texte(e.organisme?.nom)),
    ...m("SIRET de l'organisme", texte(e.organisme?.siret)),
    ...m('NDA (déclaration d’activité)', mentionDeclarationActivite(e.organisme, config)),
    ...m('NDA : non-agrément', config.mentions.nonAgrement),
  ]
}

function action(e: EntreesDocument): MentionObligatoire[] {
  const f = e.dossier.formation
  return [
    ...m('intitulé', texte(f?.titre)),
    ...m('date de début', dateFr(f?.dateDebut)),
    ...m('date de fin', dateFr(f?.dateFin)),
    ...m('stagiaire', nomBeneficiaire(e)),
  ]
}

function prix(e: EntreesDocument, config: ConfigurationDocuments): MentionObligatoire[] {
  return [
    ...m('prix HT', euros(e.dossier.coutTotalHT)),
    ...m('mention de TVA', mentionTva(e.organisme?.regimeTva, config)),
    ...m('modalités de paiement', `à ${config.facturation.delaiPaiementJours} jours à compter de sa date d'émission`),
    ...m('financeur', texte(e.opco?.nom)),
    ...m('subrogation', /Subrogation de paiement : (oui|non)/),
  ]
}

function entreprise(e: EntreesDocument): MentionObligatoire[] {
  return [
    ...m("raison sociale de l'entreprise", texte(e.entreprise?.raisonSociale)),
    ...m("SIRET de l'entreprise", texte(e.entreprise?.siret)),
  ]
}

/** Ce qu'on doit trouver dans le texte du document `type` généré depuis `entrees`. */
export function mentionsObligatoires(type: TypeDocument, entrees: EntreesDocument, config: ConfigurationDocuments): MentionObligatoire[] {
  const r = config.references
  const d = entrees.dossier
  const f = d.formation
  switch (type) {
    case 'convention':
      return [
        ...m('titre', 'Convention de formation professionnelle'),
        ...m('base légale', r.conventionFormation),
        ...m("nature de l'action (L6313-1)", r.natureAction),
        ...organisme(entrees, config),
        ...m("adresse de l'organisme", adresse(entrees.organisme?.adresse)),
        ...entreprise(entrees),
        ...m("adresse de l'entreprise", adresse(entrees.entreprise?.adresse)),
        ...action(entrees),
        ...m('objectifs', premierParagraphe(texteBrut(f?.objectifs))),
        ...m('programme', premierParagraphe(texte(f?.programme, ''))),
        ...m('durée', heures(f?.dureeHeures)),
        ...m('lieu', texte(f?.lieu)),
        ...m('modalités de déroulement, de suivi et de sanction', 'Modalités de déroulement, de suivi et de sanction'),
        ...m('suivi : émargement', "feuilles d'émargement signées par demi-journée"),
        ...m('sanction', 'certificat de réalisation'),
        ...prix(entrees, config),
        ...m("signature de l'entreprise", "Pour l'entreprise"),
        ...m("signature de l'organisme", "Pour l'organisme de formation"),
      ]
    case 'convention_bilan':
      return [
        ...m('titre', 'Convention de bilan de compétences'),
        ...m('base légale', r.conventionBilan),
        ...organisme(entrees, config),
        ...entreprise(entrees),
        ...action(entrees),
        ...m('objectif', premierParagraphe(texteBrut(f?.objectifs))),
        ...PHASES_BILAN.flatMap((p, i) => m(`phase ${i + 1}`, p.split(' : ')[0])),
        ...m('moyens', 'Moyens'),
        ...m('durée', heures(f?.dureeHeures)),
        ...m('déroulement et suivi', 'Modalités de déroulement et de suivi'),
        ...m('résultats au seul bénéficiaire', 'Les résultats détaillés et le document de synthèse sont remis au seul bénéficiaire'),
        ...prix(entrees, config),
        ...m('délai de réflexion', `délai de ${config.bilan.delaiReflexionJours} jours`),
        ...m("signature de l'employeur", "Pour l'employeur"),
        ...m('signature du bénéficiaire', 'Le bénéficiaire'),
        ...m("signature de l'organisme", "Pour l'organisme prestataire"),
      ]
    case 'demande_prise_en_charge':
      return [
        ...m('titre', 'Demande de prise en charge'),
        ...entreprise(entrees),
        ...m('code NAF', texte(entrees.entreprise?.codeNaf)),
        ...m('IDCC', texte(entrees.entreprise?.idcc)),
        ...m('effectif', /Effectif : \d+ salariés?/),
        ...m('OPCO', texte(entrees.opco?.nom)),
        ...action(entrees),
        ...organisme(entrees, config),
        ...m('Qualiopi', /Certification Qualiopi : catégorie « (actions de formation|bilans de compétences) », valide du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}/),
        ...m('durée', heures(f?.dureeHeures)),
        ...m('modalité', /Modalité : (en présentiel|à distance|mixte)/),
        ...m('coût HT', `${euros(d.coutTotalHT)} HT`),
        ...m('montant demandé', `Montant de prise en charge demandé : ${euros(montantDemande(d))} HT`),
        ...m('choix de subrogation', /☒ (Subrogation|Remboursement)/),
      ]
    case 'certificat_realisation':
      return [
        ...m('titre', 'Certificat de réalisation'),
        ...m('stagiaire', nomBeneficiaire(entrees)),
        ...m('employeur', texte(entrees.entreprise?.raisonSociale)),
        ...m('intitulé', texte(f?.titre)),
        ...m("nature de l'action", "Nature de l'action concourant au développement des compétences"),
        ...NATURES_ACTION.flatMap((n) => m(`case « ${n.libelle} »`, n.libelle)),
        ...m('nature cochée', new RegExp(`☒ ${d.typeFormation === 'bilan' ? 'bilan de compétences' : 'action de formation'}`)),
        ...m('date de début', dateFr(f?.dateDebut)),
        ...m('date de fin', dateFr(f?.dateFin)),
        ...m('heures réalisées', `pour une durée de ${heures(d.heuresRealisees)}`),
        ...organisme(entrees, config),
        ...m('signature', "Cachet et signature du responsable du dispensateur de l'action"),
      ]
    case 'attestation_assiduite': {
      const suivies = d.heuresRealisees
      const prevues = f?.dureeHeures
      return [
        ...m('titre', "Attestation d'assiduité"),
        ...m('stagiaire', nomBeneficiaire(entrees)),
        ...m('employeur', texte(entrees.entreprise?.raisonSociale)),
        ...m('intitulé', texte(f?.titre)),
        ...m('date de début', dateFr(f?.dateDebut)),
        ...m('date de fin', dateFr(f?.dateFin)),
        ...m('heures suivies', `Heures suivies : ${heures(suivies)}`),
        ...m('heures prévues', `Heures prévues : ${heures(prevues)}`),
        ...m(
          "taux d'assiduité",
          typeof suivies === 'number' && typeof prevues === 'number' && prevues > 0 ? `Taux d'assiduité : ${tauxAssiduite(suivies, prevues)} %` : /Taux d'assiduité : /,
        ),
        ...organisme(entrees, config),
        ...m('signature', "Cachet et signature du responsable du dispensateur de l'action"),
      ]
    }
    case 'feuille_emargement':
      return [
        ...m('titre', 'Feuille d’émargement'),
        ...organisme(entrees, config),
        ...entreprise(entrees),
        ...action(entrees),
        ...m('durée prévue', heures(f?.dureeHeures)),
        ...m('une ligne par demi-journée', 'Demi-journée'),
        ...(entrees.seances ?? []).flatMap((s) => m(`séance du ${dateFr(s.date)}`, dateFr(s.date))),
        ...m('pied de preuve', 'Éléments de preuve'),
      ]
    case 'facture':
    case 'avoir': {
      const fac = entrees.facture
      const fc = config.facturation
      const versOpco = fac?.destinataire === 'opco'
      return [
        ...m('titre et numéro', `${type === 'avoir' ? 'Avoir' : 'Facture'} n° ${texte(fac?.numero)}`),
        ...m("date d'émission", dateFr(fac?.dateEmission)),
        ...organisme(entrees, config),
        ...m("adresse de l'organisme", adresse(entrees.organisme?.adresse)),
        ...m("SIREN de l'organisme", `SIREN : ${siren(entrees.organisme?.siret)}`),
        ...m('n° de TVA', /N° de TVA intracommunautaire : /),
        ...(versOpco
          ? [
              ...m("nom de l'OPCO", texte(entrees.opco?.nom)),
              ...m("adresse de l'OPCO", adresse(entrees.opco?.adresse)),
              ...m("SIREN de l'OPCO", `SIREN : ${siren(entrees.opco?.siret)}`),
            ]
          : [
              ...m("raison sociale de l'entreprise", texte(entrees.entreprise?.raisonSociale)),
              ...m("adresse de l'entreprise", adresse(entrees.entreprise?.adresse)),
            ]),
        ...m("SIREN de l'entreprise", siren(entrees.entreprise?.siret, entrees.entreprise?.siren)),
        ...m('mandat de facturation', 'au nom et pour le compte de'),
        ...m('date de la prestation', `Date de la prestation : du ${dateFr(f?.dateDebut)} au ${dateFr(f?.dateFin)}`),
        ...m('stagiaire', nomBeneficiaire(entrees)),
        ...m('heures réalisées', heures(d.heuresRealisees)),
        ...m('n° de dossier OPCO', texte(d.numeroDossierOpco)),
        ...(Array.isArray(fac?.lignes) ? fac.lignes : []).flatMap((l, i) => [
          ...m(`libellé de la ligne ${i + 1}`, texte(l.libelle)),
          // Heures × taux : la quantité et le prix unitaire, sur la même ligne du tableau.
          ...m(`heures × taux de la ligne ${i + 1}`, typeof l.quantite === 'number' ? `${nombreFr(l.quantite)} h ${euros(l.prixUnitaireHT)}` : null),
        ]),
        ...m('total HT', `Total HT ${euros(fac?.totalHT)}`),
        ...m('total TTC', euros(fac?.totalTTC)),
        ...m('mention de TVA', texte(fac?.mentionTva, '') || mentionTva(entrees.organisme?.regimeTva, config)),
        ...(type === 'avoir'
          ? [...m('facture corrigée', `Avoir sur la facture n° : ${texte(typeof fac?.factureOrigine === 'object' ? fac?.factureOrigine?.numero : fac?.factureOrigine)}`)]
          : [
              ...m("date d'échéance", /Date d'échéance : \d{2}\/\d{2}\/\d{4}/),
              ...m('pénalités de retard', fc.penalitesRetard),
              ...m('indemnité forfaitaire de recouvrement', `Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : ${euros(fc.indemniteRecouvrementCentimes)}`),
              ...m('escompte', fc.escompte),
            ]),
      ]
    }
  }
}

/** Les mentions absentes de `texteDocument` (vide = conforme). */
export function mentionsManquantes(mentions: readonly MentionObligatoire[], texteDocument: string): MentionObligatoire[] {
  const t = normaliserTexte(texteDocument)
  return mentions.filter((mention) =>
    typeof mention.attendu === 'string' ? !t.includes(normaliserTexte(mention.attendu)) : !mention.attendu.test(t),
  )
}
