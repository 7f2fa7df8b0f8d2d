/** Modèle de vue : la convention de formation professionnelle (L6353-1, D6353-1). */
import type { ConfigurationDocuments } from '@/src/domain/documents/configuration'
import { heures, NON_RENSEIGNE, texte } from '@/src/domain/documents/format'
import type { EntreesDocument, VueConvention } from '@/src/domain/documents/types'
import { champ, section, operateur, nomBeneficiaire, modalite, periode, objectifs, programme, partieOrganisme, signatureEntreprise, partieEntreprise, champsPrix, paragrapheFinancement, champsFinancement, paiementConvention, dateEdition } from './commun'

export function conventionFormation(e: EntreesDocument, config: ConfigurationDocuments): VueConvention {
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
