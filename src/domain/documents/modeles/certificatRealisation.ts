/** Modèle de vue : le certificat de réalisation (modèle du ministère du Travail). */
import type { ConfigurationDocuments } from '@/src/domain/documents/configuration'
import { heures, NBSP, NON_RENSEIGNE, texte } from '@/src/domain/documents/format'
import type { CaseACocher, EntreesDocument, VueCertificatRealisation } from '@/src/domain/documents/types'
import { champ, operateur, nomBeneficiaire, estBilan, periode, partieOrganisme, partieOpco, dateEdition } from './commun'

export const NATURES_ACTION = [
  { cle: 'formation', libelle: 'action de formation' },
  { cle: 'bilan', libelle: 'bilan de compétences' },
  { cle: 'vae', libelle: 'action de VAE' },
  { cle: 'apprentissage', libelle: 'action de formation par apprentissage' },
] as const

export function certificatRealisation(e: EntreesDocument, config: ConfigurationDocuments): VueCertificatRealisation {
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
