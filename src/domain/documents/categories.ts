/**
 * The kinds of a dossier's documents, with their labels, named once: the collections `documents`
 * and `generations` offer them, the admin's list of generated documents prints their labels.
 * The generated ones (src/domain/documents/types.ts, TYPES_DOCUMENT) are among them.
 */
export const TYPES_DOCUMENT_DOSSIER = [
  { value: 'convention', label: 'Convention de formation' },
  { value: 'convention_bilan', label: 'Convention de bilan de compétences' },
  { value: 'convention_signee', label: 'Convention signée' },
  { value: 'demande_prise_en_charge', label: 'Demande de prise en charge' },
  { value: 'certificat_realisation', label: 'Certificat de réalisation' },
  { value: 'attestation_assiduite', label: 'Attestation d’assiduité' },
  { value: 'facture', label: 'Facture' },
  { value: 'avoir', label: 'Avoir' },
  { value: 'programme', label: 'Programme' },
  { value: 'devis', label: 'Devis' },
  { value: 'feuille_emargement', label: 'Feuille d’émargement' },
  { value: 'justificatif', label: 'Justificatif' },
  { value: 'autre', label: 'Autre' },
] as const

export type TypeDocumentDossier = (typeof TYPES_DOCUMENT_DOSSIER)[number]['value']

/** The label of a kind, or the value itself when it is not one of ours. */
export const libelleTypeDocument = (type: string): string => TYPES_DOCUMENT_DOSSIER.find((t) => t.value === type)?.label ?? type
