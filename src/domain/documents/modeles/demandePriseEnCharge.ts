/** Modèle de vue : la demande de prise en charge adressée à l'OPCO. */
import type { ConfigurationDocuments } from '@/src/domain/documents/configuration'
import { montantDemande } from '@/src/domain/funding/demande'
import { dateFr, euros, heures, NON_RENSEIGNE, texte, TIRET } from '@/src/domain/documents/format'
import type { EntreesDocument, VueDemandePriseEnCharge } from '@/src/domain/documents/types'
import { champ, section, mentionTva, operateur, nomBeneficiaire, estBilan, modalite, periode, objectifs, partieOrganisme, signatureEntreprise, partieEntreprise, partieBeneficiaire, partieOpco, dateEdition } from './commun'

export function demandePriseEnCharge(e: EntreesDocument, config: ConfigurationDocuments): VueDemandePriseEnCharge {
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
