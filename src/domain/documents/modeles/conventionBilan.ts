/** Modèle de vue : la convention de bilan de compétences, tripartite (R6313-8). */
import type { ConfigurationDocuments } from '@/src/domain/documents/configuration'
import { estRenseigne, heures, NBSP, NON_RENSEIGNE, texte } from '@/src/domain/documents/format'
import type { EntreesDocument, VueConvention } from '@/src/domain/documents/types'
import { champ, section, operateur, nomBeneficiaire, modalite, periode, objectifs, programme, partieOrganisme, signatureEntreprise, partieEntreprise, partieBeneficiaire, champsPrix, paragrapheFinancement, champsFinancement, paiementConvention, dateEdition } from './commun'

/** Les trois phases de R6313-4, dans les termes du code. */
export const PHASES_BILAN = [
  'Phase préliminaire : analyser la demande et le besoin du bénéficiaire, déterminer le format le plus adapté à sa situation et définir conjointement les modalités de déroulement du bilan.',
  'Phase d\u2019investigation : permettre au bénéficiaire de construire son projet professionnel et d\u2019en vérifier la pertinence, ou d\u2019élaborer une ou plusieurs alternatives.',
  'Phase de conclusions : permettre au bénéficiaire de s\u2019approprier les résultats détaillés de la phase d\u2019investigation, de recenser les conditions et moyens favorisant la réalisation de son projet et d\u2019en prévoir les principales étapes, dont la possibilité d\u2019un entretien de suivi.',
] as const

export function conventionBilan(e: EntreesDocument, config: ConfigurationDocuments): VueConvention {
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
