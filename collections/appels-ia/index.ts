import type { CollectionConfig } from 'payload'
import { adminSeulement, personne } from '@/src/access/roles'

/**
 * One row per call to the AI model (src/services/ia.ts): which feature, for which dossier,
 * the model, the tokens used, the outcome, and what was sent — pseudonymised, never the personal
 * data itself. Written by server code only; admins read it; nobody edits or deletes it.
 */
export const AppelsIa: CollectionConfig = {
  slug: 'appels-ia',
  labels: { singular: 'Appel à l’IA', plural: 'Appels à l’IA' },
  admin: { group: 'Administration', defaultColumns: ['createdAt', 'fonction', 'dossier', 'modele', 'statut', 'tokensTotal'] },
  defaultSort: '-createdAt',
  access: { read: adminSeulement, create: personne, update: personne, delete: personne },
  fields: [
    {
      name: 'fonction',
      label: 'Fonction',
      type: 'select',
      required: true,
      index: true,
      options: [
        { value: 'justification', label: 'Améliorer la justification' },
        { value: 'objectifs', label: 'Objectifs et programme' },
        { value: 'narratif', label: 'Synthèse de conformité' },
        { value: 'anomalie', label: 'Explication d’une anomalie' },
        { value: 'pieces', label: 'Lecture des pièces déposées' },
      ],
    },
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', index: true },
    { name: 'auteur', label: 'Demandé par', type: 'relationship', relationTo: 'users' },
    { name: 'modele', label: 'Modèle', type: 'text' },
    {
      name: 'statut',
      label: 'Résultat',
      type: 'select',
      required: true,
      options: [
        { value: 'ok', label: 'Suggestion rendue' },
        { value: 'erreur', label: 'Échec' },
      ],
    },
    { name: 'erreur', label: 'Erreur', type: 'text' },
    { name: 'tokensPrompt', label: 'Jetons envoyés', type: 'number' },
    { name: 'tokensReponse', label: 'Jetons reçus', type: 'number' },
    { name: 'tokensTotal', label: 'Jetons (total)', type: 'number' },
    { name: 'dureeMs', label: 'Durée (ms)', type: 'number' },
    { name: 'envoye', label: 'Envoyé au modèle (pseudonymisé)', type: 'json', admin: { components: { Field: '/src/components/admin/JsonLecture#JsonLecture' } } },
  ],
}
