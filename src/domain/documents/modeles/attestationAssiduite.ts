/**
 * Modèle de vue : l'attestation d'assiduité remise au stagiaire (issue 17) — heures suivies sur
 * heures prévues, taux d'assiduité, dates de l'action. Les heures suivies sont les heures
 * réalisées déclarées à la réalisation (proposées depuis les séances émargées) : les mêmes que
 * le certificat de réalisation et la facture, pour qu'aucun document ne contredise l'autre.
 */
import type { ConfigurationDocuments } from '@/src/domain/documents/configuration'
import { heures, NBSP, NON_RENSEIGNE, texte } from '@/src/domain/documents/format'
import type { EntreesDocument, VueAttestationAssiduite } from '@/src/domain/documents/types'
import { tauxAssiduite } from '@/src/domain/seances'
import { champ, dateEdition, estBilan, nomBeneficiaire, operateur, partieOrganisme, periode } from './commun'

const nombre = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

export function attestationAssiduite(e: EntreesDocument, config: ConfigurationDocuments): VueAttestationAssiduite {
  const d = e.dossier
  const suivies = d.heuresRealisees
  const prevues = d.formation?.dureeHeures
  const taux = nombre(suivies) && nombre(prevues) && prevues > 0 ? `${tauxAssiduite(suivies, prevues)}${NBSP}%` : NON_RENSEIGNE
  return {
    type: 'attestation_assiduite',
    titre: 'Attestation d\u2019assiduité',
    baseLegale: 'Remise au stagiaire à l\u2019issue de l\u2019action (article L6353-1 du code du travail)',
    reference: texte(d.reference),
    dateEdition: dateEdition(e),
    operateur: operateur(config),
    organisme: partieOrganisme(e.organisme, config, estBilan(d), 'Dispensateur de l\u2019action'),
    soussigne: `Je soussigné(e), représentant légal de ${texte(e.organisme?.nom)}, atteste que :`,
    stagiaire: nomBeneficiaire(d),
    entreprise: texte(e.entreprise?.raisonSociale),
    intitule: texte(d.formation?.titre),
    periode: periode(d),
    assiduite: [
      champ('Heures suivies', heures(suivies)),
      champ('Heures prévues', heures(prevues)),
      champ('Taux d\u2019assiduité', taux),
    ],
    faitLe: `Fait à ${texte(e.organisme?.adresse?.ville, NON_RENSEIGNE)}, le ${dateEdition(e)}.`,
    signature: {
      role: 'Le dispensateur de l\u2019action',
      nom: texte(e.organisme?.nom),
      consigne: 'Cachet et signature du responsable du dispensateur de l\u2019action',
    },
  }
}
