import type { CollectionConfig, TextFieldSingleValidation } from 'payload'
import { text as validationTexte } from 'payload/shared'
import { adminSeulement, champAdminSeulement, lectureParDossier } from '@/src/access/roles'
import { selectAvecDefaut } from '@/collections/champs'
import { endpointRenvoyerLien } from './endpoints/renvoyerLien'
import { feuilleEmargementApresModification, feuilleEmargementApresSuppression, liensAvantSuppression } from './hooks/feuilleEmargement'
import { DEMI_JOURNEES, FORMAT_HEURE, ROLES_SIGNATAIRE_SEANCE, STATUT_SEANCE, STATUTS_SEANCE } from '@/src/domain/seances'

/** The text field's own checks (required, type, length), then the HH:MM format. */
const heure: TextFieldSingleValidation = (v, args) => {
  const base = validationTexte(v, args)
  if (base !== true) return base
  return v == null || v === '' || FORMAT_HEURE.test(v) || 'Heure au format HH:MM (par exemple 09:00).'
}

/**
 * Training sessions, one per half-day (issue 17): the attendance the OPCO pays for, signed by the
 * trainee and the trainer. Admins plan and edit them; beneficiaries and OPCO users read those of
 * the dossiers they can read. Signatures are written by the signing route only (never by an
 * edit): each keeps who, when, from where, and the sha256 of what was signed — the attendance
 * sheet's evidence footer.
 */
export const Seances: CollectionConfig = {
  slug: 'seances',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Seance', pluralName: 'Seances' },
  labels: { singular: 'Séance', plural: 'Séances' },
  admin: {
    useAsTitle: 'date',
    defaultColumns: ['dossier', 'date', 'demiJournee', 'heureDebut', 'heureFin', 'statut'],
    group: 'Dossiers',
    description: 'Demi-journées de formation et leur émargement électronique (stagiaire et formateur).',
  },
  defaultSort: 'date',
  // The attendance sheet follows every change (collections/seances/hooks/feuilleEmargement.ts).
  hooks: { beforeDelete: [liensAvantSuppression], afterChange: [feuilleEmargementApresModification], afterDelete: [feuilleEmargementApresSuppression] },
  // « Renvoyer le lien » (admins): a new signing link for one signer.
  endpoints: [endpointRenvoyerLien],
  access: { read: lectureParDossier('dossier', { opco: true }), create: adminSeulement, update: adminSeulement, delete: adminSeulement },
  indexes: [{ fields: ['dossier', 'date', 'demiJournee'], unique: true }],
  fields: [
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    {
      type: 'row',
      fields: [
        { name: 'date', label: 'Date', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } } },
        { name: 'demiJournee', label: 'Demi-journée', type: 'select', required: true, options: [...DEMI_JOURNEES] },
        { name: 'heureDebut', label: 'Début', type: 'text', required: true, maxLength: 5, validate: heure },
        { name: 'heureFin', label: 'Fin', type: 'text', required: true, maxLength: 5, validate: heure },
        { name: 'dureeMinutes', label: 'Durée (minutes)', type: 'number', required: true, min: 1, max: 240 },
      ],
    },
    selectAvecDefaut({ name: 'statut', label: 'Statut', defaultValue: STATUT_SEANCE.a_signer, options: [...STATUTS_SEANCE] }),
    {
      // Partial presence declared by the trainer: replaces the planned duration in the hours done.
      name: 'minutesDeclarees',
      label: 'Minutes de présence déclarées par le formateur',
      type: 'number',
      min: 0,
      max: 240,
      admin: { readOnly: true },
    },
    // Signature status per signer and « Renvoyer le lien » (admins).
    { name: 'emargement', type: 'ui', admin: { position: 'sidebar', disableListColumn: true, components: { Field: '/src/components/admin/EmargementSeance#EmargementSeance' } } },
    {
      name: 'signatures',
      label: 'Signatures',
      type: 'array',
      maxRows: 2,
      admin: { readOnly: true },
      access: { create: () => false, update: () => false },
      fields: [
        { name: 'role', label: 'Rôle', type: 'select', required: true, options: [...ROLES_SIGNATAIRE_SEANCE] },
        { name: 'nom', label: 'Signataire', type: 'text', required: true, maxLength: 200 },
        { name: 'signeLe', label: 'Signée le', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd/MM/yyyy HH:mm' } } },
        // Evidence for the team (and the archive of a control), not for the other signer or the OPCO: personal data (RGPD).
        { name: 'ip', label: 'Adresse IP', type: 'text', maxLength: 64, access: { read: champAdminSeulement } },
        { name: 'userAgent', label: 'Navigateur', type: 'text', maxLength: 500, access: { read: champAdminSeulement } },
        // Data URL of the drawn signature (PNG/SVG ≤ 200 KB, checked by content) or null for a typed name.
        { name: 'image', label: 'Image de la signature', type: 'textarea', maxLength: 300_000 },
        { name: 'empreinte', label: 'Empreinte SHA-256 de l’enregistrement signé', type: 'text', required: true, maxLength: 64 },
      ],
    },
  ],
}
