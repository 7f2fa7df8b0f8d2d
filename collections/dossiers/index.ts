import type { CollectionConfig, JSONField, Where } from 'payload'
import { estAdmin, lectureParDossier, roleOf } from '@/src/access/roles'
import {
  LIBELLES_STATUT,
  STATUTS_DOSSIER,
  STATUTS_EDITABLES_PAR_BENEFICIAIRE,
  STATUTS_PAIEMENT_DOSSIER,
  LIBELLES_STATUT_PAIEMENT,
} from '@/src/domain/statuts'
import { refuserChampsReserves } from '@/hooks/champsReserves'
import { selectAvecDefaut } from '@/collections/champs'
import { champMontant } from '@/collections/montant'
import { attribuerReference } from './hooks/reference'
import { refuserSuppressionAvecPieces } from './hooks/suppression'
import { proprietaireEtEntreprise } from './hooks/proprietaire'
import { refuserChampsDeTransition } from './hooks/champsDeTransition'
import { refuserChampsFiges } from './hooks/fige'
import { calculerEstimation } from './hooks/financement'
import { endpointTransition } from './endpoints/transition'
import { endpointEstimation } from './endpoints/estimation'
import { endpointMessagesNonLus } from './endpoints/messagesNonLus'
import { endpointFil, endpointFilLu } from './endpoints/fil'
import { endpointActions } from './endpoints/actions'
import { endpointHistorique } from './endpoints/historique'
import { endpointPieces } from './endpoints/pieces'
import { endpointArchive } from './endpoints/archive'
import { champConformite, protegerConformite } from './hooks/conformite'
import { endpointConformite } from './endpoints/conformite'
import { endpointIa } from './endpoints/ia'
import { endpointListe } from './endpoints/liste'
import { endpointGenererSeances } from './endpoints/seances'
import { endpointMonLienSignature, endpointSignatureConvention } from './endpoints/signatureConvention'
import { verifierDocumentsApresModification } from '@/hooks/documentsAJour'

/** Set by the workflow and by admins only; the beneficiary never writes them. */
export const CHAMPS_DOSSIER_RESERVES = [
  'reference',
  'status',
  'owner',
  'montantEstime',
  'estimationFinancement',
  'montantValide',
  'paymentStatus',
  'soumissionDate',
  'validationAdminDate',
  'validationAdminBy',
  'envoiOpcoDate',
  'reponseOpcoDate',
  'motifRefus',
  'numeroDossierOpco',
  // Computed by the server (src/services/conformite.ts): submit, validate, POST /api/dossiers/:id/conformite.
  'conformite',
] as const

const dateFr = { date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } } as const

const champEstimationFinancement: JSONField = {
  name: 'estimationFinancement',
  label: 'Estimation du financement (détail)',
  type: 'json',
  admin: {
    readOnly: true,
    components: { Field: '/src/components/admin/EstimationFinancement#EstimationFinancement' },
    description: "Calculée à chaque enregistrement à partir des règles de l'OPCO, de l'effectif de l'entreprise, du type, de la durée, du coût et de l'année de la formation.",
  },
}

export const Dossiers: CollectionConfig = {
  slug: 'dossiers',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Dossier', pluralName: 'Dossiers' },
  labels: { singular: 'Dossier', plural: 'Dossiers' },
  custom: {
    // The reference is taken when the row is inserted (src/db/adapter.ts): a refused create leaves no gap.
    attribuerALInsertion: attribuerReference,
  },
  admin: {
    useAsTitle: 'reference',
    defaultColumns: ['reference', 'status', 'typeFormation', 'beneficiaire.nom', 'opco', 'formation.dateDebut', 'coutTotalHT', 'montantValide', 'messagesNonLus'],
    // SIRET through the company: one search box for reference, beneficiary name and SIRET.
    listSearchableFields: ['reference', 'beneficiaire.nom', 'beneficiaire.prenom', 'numeroDossierOpco', 'company.raisonSociale', 'company.siret'],
    group: 'Dossiers',
  },
  defaultSort: '-createdAt',
  endpoints: [
    // GET / before Payload's own: the list fast path, which hands any other query to Payload's route.
    endpointListe,
    endpointTransition,
    // The portal's costs step: the estimate of what is being typed (nothing is written).
    endpointEstimation,
    // Before the `/:id/…` routes: a literal path.
    endpointMessagesNonLus,
    // Admin panel: the conversation, possible actions with their forms, timeline.
    endpointFil,
    endpointFilLu,
    endpointActions,
    endpointHistorique,
    // Required documents checklist (src/domain/piecesRequises.ts).
    endpointPieces,
    // Conformity report recomputed on demand; admins' AI suggestions (README « Conformité et IA »).
    endpointConformite,
    endpointIa,
    // Training sessions planned from the dates and hours (issue 17).
    endpointGenererSeances,
    // The dossier's archive for a control (ZIP: documents, e-mails, journal, manifest).
    endpointArchive,
    // Electronic signature of the convention (issue 17, item 5).
    endpointSignatureConvention,
    endpointMonLienSignature,
  ],
  // The lists every role opens: by OPCO and status (OPCO users, admin filters) and by owner
  // (beneficiaries), newest first — so the sort reads the index instead of sorting all matches.
  indexes: [{ fields: ['opco', 'status', 'createdAt'] }, { fields: ['owner', 'createdAt'] }, { fields: ['status', 'createdAt'] }],
  access: {
    read: lectureParDossier('', { opco: true }),
    create: ({ req }) => estAdmin(req.user) || roleOf(req.user) === 'user',
    update: ({ req }) => {
      if (estAdmin(req.user)) return true
      if (roleOf(req.user) === 'user' && req.user) {
        return { and: [{ owner: { equals: req.user.id } }, { status: { in: [...STATUTS_EDITABLES_PAR_BENEFICIAIRE] } }] } as Where
      }
      return false
    },
    delete: ({ req }) => estAdmin(req.user),
  },
  hooks: {
    // Generated documents that print this record are produced again when a printed value changes.
    afterChange: [verifierDocumentsApresModification],
    beforeOperation: [refuserChampsReserves(CHAMPS_DOSSIER_RESERVES)],
    beforeDelete: [refuserSuppressionAvecPieces],
    beforeValidate: [proprietaireEtEntreprise],
    beforeChange: [
      // The conformity report is the server's: an API write of it is a 403 (./hooks/conformite.ts).
      protegerConformite,
      // Status and stamped dates change only through a transition (./hooks/champsDeTransition.ts).
      refuserChampsDeTransition,
      // Sent to the OPCO: its OPCO, company, cost and training no longer change (./hooks/fige.ts).
      refuserChampsFiges,
      calculerEstimation,
    ],
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'reference', label: 'Référence', type: 'text', unique: true, index: true, admin: { readOnly: true, width: '33%' } },
        selectAvecDefaut({
          name: 'typeFormation',
          label: 'Type',
          defaultValue: 'formation',
          options: [
            { value: 'formation', label: 'Formation' },
            { value: 'bilan', label: 'Bilan de compétences' },
          ],
          admin: { width: '33%' },
        }),
        selectAvecDefaut({
          name: 'status',
          label: 'Statut',
          defaultValue: 'brouillon',
          index: true,
          options: STATUTS_DOSSIER.map((value) => ({ value, label: LIBELLES_STATUT[value] })),
          admin: { width: '33%', readOnly: true, description: 'Change uniquement par les actions du workflow.', components: { Cell: '/src/components/admin/StatutBadge#StatutCell' } },
        }),
      ],
    },
    // Admin panel only (no column): status badge + workflow actions, timeline, unread messages.
    { name: 'workflow', type: 'ui', admin: { position: 'sidebar', disableListColumn: true, components: { Field: '/src/components/admin/WorkflowPanel#WorkflowPanel' } } },
    // Admin panel only: required documents, ✓ / manquant, links to the files (GET /api/dossiers/:id/pieces).
    { name: 'piecesRequises', type: 'ui', admin: { position: 'sidebar', disableListColumn: true, components: { Field: '/src/components/admin/PiecesRequises#PiecesRequises' } } },
    { name: 'messagesNonLus', label: 'Messages non lus', type: 'ui', admin: { components: { Cell: '/src/components/admin/MessagesNonLusCell#MessagesNonLusCell', Field: '/src/components/admin/Vide#Vide' } } },
    { name: 'owner', label: 'Déposé par', type: 'relationship', relationTo: 'users', index: true, admin: { position: 'sidebar' } },
    {
      name: 'beneficiaire',
      label: 'Bénéficiaire',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'nom', label: 'Nom', type: 'text', maxLength: 100 },
            { name: 'prenom', label: 'Prénom', type: 'text', maxLength: 100 },
            { name: 'email', label: 'E-mail', type: 'email' },
            { name: 'telephone', label: 'Téléphone', type: 'text', maxLength: 30 },
          ],
        },
      ],
    },
    { name: 'company', label: 'Entreprise', type: 'relationship', relationTo: 'companies', index: true },
    // The employer in full (SIRET, adresse, effectif, IDCC), read with the viewer's rights: what an OPCO agent checks.
    { name: 'entrepriseFiche', type: 'ui', admin: { disableListColumn: true, components: { Field: '/src/components/admin/EntrepriseDossier#EntrepriseDossier' } } },
    { name: 'opco', label: 'OPCO', type: 'relationship', relationTo: 'opcos', index: true },
    // « Prochaine échéance : … » from the OPCO's deadlines (src/domain/echeances.ts), computed on the server.
    { name: 'prochaineEcheance', type: 'ui', admin: { disableListColumn: true, components: { Field: '/src/components/admin/ProchaineEcheance#ProchaineEcheance' } } },
    {
      name: 'formation',
      label: 'Formation',
      type: 'group',
      fields: [
        { name: 'titre', label: 'Intitulé', type: 'text', maxLength: 300 },
        { name: 'objectifs', label: 'Objectifs', type: 'richText' },
        {
          name: 'programme',
          label: 'Programme (contenu, séquences)',
          type: 'textarea',
          maxLength: 10000,
          admin: { description: 'Repris dans la convention : contenu et déroulé de la formation ou des trois phases du bilan.' },
        },
        { name: 'organisme', label: 'Organisme de formation', type: 'relationship', relationTo: 'training-providers', index: true },
        {
          type: 'row',
          fields: [
            {
              name: 'dureeHeures',
              label: 'Durée (heures)',
              type: 'number',
              min: 0,
              max: 5000,
              validate: (v: unknown) =>
                v == null || (typeof v === 'number' && v >= 0 && v <= 5000 && Number.isInteger(v * 2)) || 'La durée est un nombre d’heures positif (par demi-heure).',
            },
            { name: 'dateDebut', label: 'Date de début', type: 'date', admin: dateFr },
            {
              name: 'dateFin',
              label: 'Date de fin',
              type: 'date',
              admin: dateFr,
              validate: (v: unknown, { siblingData }: { siblingData: Record<string, unknown> }) => {
                const debut = siblingData?.dateDebut
                if (v && debut && new Date(String(v)) < new Date(String(debut))) return 'La date de fin doit être postérieure ou égale à la date de début.'
                return true
              },
            },
          ],
        },
        { name: 'lieu', label: 'Lieu', type: 'text', maxLength: 300 },
        {
          // Signs every half-day's attendance with the trainee (issue 17): receives the link by e-mail.
          name: 'formateur',
          label: 'Formateur',
          type: 'group',
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'prenom', label: 'Prénom', type: 'text', maxLength: 100 },
                { name: 'nom', label: 'Nom', type: 'text', maxLength: 100 },
                { name: 'email', label: 'E-mail', type: 'email' },
              ],
            },
          ],
        },
        {
          name: 'modalite',
          label: 'Modalité',
          type: 'select',
          options: [
            { value: 'presentiel', label: 'Présentiel' },
            { value: 'distanciel', label: 'À distance' },
            { value: 'mixte', label: 'Mixte' },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        champMontant('coutTotalHT', 'Coût total HT'),
        { ...champMontant('montantEstime', 'Montant estimé'), admin: { ...champMontant('montantEstime', 'Montant estimé').admin, readOnly: true } },
        champMontant('montantValide', 'Montant validé'),
      ],
    },
    {
      name: 'subrogation',
      label: 'Subrogation de paiement',
      type: 'checkbox',
      defaultValue: true,
      admin: { description: 'Cochée : l’OPCO paie directement l’organisme de formation (la facture lui est adressée). Décochée : l’entreprise paie et se fait rembourser.' },
    },
    champEstimationFinancement,
    {
      name: 'heuresRealisees',
      label: 'Heures réalisées',
      type: 'number',
      admin: { readOnly: true, description: 'Renseigné à la réalisation (certificat de réalisation) : proposé depuis les séances émargées quand le dossier en a.' },
    },
    {
      // Written by `complete` only (CHAMPS_DE_TRANSITION): why the hours differ from the signed sessions.
      name: 'motifHeures',
      label: 'Motif des heures réalisées',
      type: 'textarea',
      maxLength: 2000,
      admin: { readOnly: true, condition: (data) => Boolean(data?.motifHeures), description: 'Pourquoi les heures réalisées diffèrent des heures émargées (feuilles papier déposées…).' },
    },
    { name: 'seancesCalendrier', type: 'ui', admin: { disableListColumn: true, components: { Field: '/src/components/admin/SeancesDossier#SeancesDossier' } } },
    {
      name: 'paymentStatus',
      label: 'Paiement',
      type: 'select',
      defaultValue: 'aucun',
      options: STATUTS_PAIEMENT_DOSSIER.map((value) => ({
        value,
        label: LIBELLES_STATUT_PAIEMENT[value],
      })),
      admin: { position: 'sidebar', readOnly: true, description: "Déduit des paiements reçus de l'OPCO, comparés au montant validé." },
    },
    { name: 'numeroDossierOpco', label: 'N° de dossier OPCO', type: 'text', maxLength: 50, admin: { position: 'sidebar', readOnly: true } },
    // Stamped by `submit` so reports count and time submissions from the row itself (no log scan).
    { name: 'soumissionDate', label: 'Soumis le', type: 'date', index: true, admin: { position: 'sidebar', readOnly: true, date: { displayFormat: 'dd/MM/yyyy HH:mm' } } },
    { name: 'validationAdminDate', label: 'Validé le', type: 'date', index: true, admin: { position: 'sidebar', readOnly: true, date: { displayFormat: 'dd/MM/yyyy HH:mm' } } },
    { name: 'validationAdminBy', label: 'Validé par', type: 'relationship', relationTo: 'users', admin: { position: 'sidebar', readOnly: true } },
    { name: 'envoiOpcoDate', label: 'Envoyé à l’OPCO le', type: 'date', index: true, admin: { position: 'sidebar', readOnly: true, date: { displayFormat: 'dd/MM/yyyy HH:mm' } } },
    { name: 'reponseOpcoDate', label: 'Réponse de l’OPCO le', type: 'date', index: true, admin: { position: 'sidebar', readOnly: true, date: { displayFormat: 'dd/MM/yyyy HH:mm' } } },
    { name: 'motifRefus', label: 'Motif de refus', type: 'textarea', maxLength: 2000, admin: { readOnly: true } },
    { name: 'justification', label: 'Justification de la demande', type: 'richText' },
    { name: 'documentsGeneres', type: 'ui', admin: { disableListColumn: true, components: { Field: '/src/components/admin/DocumentsGeneres#DocumentsGeneres' } } },
    { name: 'signatureConvention', type: 'ui', admin: { disableListColumn: true, components: { Field: '/src/components/admin/SignatureConvention#SignatureConvention' } } },
    // Admin panel only: the conversation with the beneficiary side, with a reply box (marks it read for this admin).
    { name: 'filMessages', type: 'ui', admin: { disableListColumn: true, components: { Field: '/src/components/admin/FilMessages#FilMessages' } } },
    { name: 'historique', type: 'ui', admin: { disableListColumn: true, components: { Field: '/src/components/admin/Historique#Historique' } } },
    champConformite,
  ],
}
