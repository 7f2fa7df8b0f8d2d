import type { CollectionConfig, FieldAccess } from 'payload'
import { champAdminSeulement, lectureParDossier, personne } from '@/src/access/roles'
import { selectAvecDefaut } from '@/collections/champs'
import { LIBELLES_ROLE_SIGNATAIRE, STATUTS_DEMANDE_SIGNATURE } from '@/src/domain/signatureConvention'
import { renvoyerLien } from './endpoints/renvoyerLien'

/** Secrets of a link (hashes of the token and of the code, attempts): never read through the API. */
const jamais: FieldAccess = () => false

/**
 * One request to sign a dossier's generated convention (issue 17, item 5), with one row per
 * signer. Written only by src/services/signatureConvention.ts (POST /api/dossiers/:id/signature-
 * convention, the public signing routes, the daily job); read by the team, and by whoever reads
 * the dossier (its owner, its OPCO once sent) without the links' secrets, the IPs or the images.
 * Not audited by the generic hook (the rows hold hashes): the service writes its own log lines.
 */
export const SignaturesConvention: CollectionConfig = {
  slug: 'signatures-convention',
  graphQL: { singularName: 'SignatureConvention', pluralName: 'SignaturesConvention' },
  labels: { singular: 'Signature de convention', plural: 'Signatures de conventions' },
  admin: { useAsTitle: 'id', defaultColumns: ['dossier', 'statut', 'envoyeeLe', 'finaliseeLe'], group: 'Dossiers' },
  access: { read: lectureParDossier('dossier', { opco: true }), create: personne, update: personne, delete: personne },
  endpoints: [renvoyerLien],
  fields: [
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    { name: 'document', label: 'Convention à signer', type: 'relationship', relationTo: 'documents', required: true },
    { name: 'sha256Original', label: 'Empreinte SHA-256 de la convention', type: 'text', index: true, maxLength: 64 },
    selectAvecDefaut({ name: 'statut', label: 'État', defaultValue: 'en_cours', index: true, options: [...STATUTS_DEMANDE_SIGNATURE] }),
    { name: 'bilan', label: 'Bilan de compétences (convention tripartite)', type: 'checkbox', defaultValue: false },
    { name: 'envoyeeLe', label: 'Envoyée le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'finaliseeLe', label: 'Signée par tous le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'caduqueLe', label: 'Caduque le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'documentSigne', label: 'Convention signée', type: 'relationship', relationTo: 'documents' },
    { name: 'sha256Signe', label: 'Empreinte SHA-256 de la convention signée', type: 'text', index: true, maxLength: 64 },
    // The evidence file's exact bytes (a JSON column would reorder its keys and lose its hash).
    { name: 'preuve', label: 'Fichier de preuve (JSON)', type: 'textarea', access: { read: champAdminSeulement }, admin: { readOnly: true } },
    { name: 'sha256Preuve', label: 'Empreinte SHA-256 du fichier de preuve', type: 'text', maxLength: 64 },
    { name: 'creePar', label: 'Demandée par', type: 'relationship', relationTo: 'users', access: { read: champAdminSeulement } },
    {
      name: 'signataires',
      label: 'Signataires',
      type: 'array',
      fields: [
        selectAvecDefaut({ name: 'role', label: 'Rôle', defaultValue: 'entreprise', options: Object.entries(LIBELLES_ROLE_SIGNATAIRE).map(([value, label]) => ({ value, label })) }),
        { name: 'nom', label: 'Nom', type: 'text', maxLength: 100 },
        { name: 'prenom', label: 'Prénom', type: 'text', maxLength: 100 },
        { name: 'fonction', label: 'Fonction', type: 'text', maxLength: 120 },
        { name: 'email', label: 'E-mail', type: 'text', maxLength: 200, access: { read: champAdminSeulement } },
        { name: 'jetonEmpreinte', type: 'text', index: true, access: { read: jamais } },
        { name: 'lienEnvoyeLe', label: 'Lien envoyé le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'lienExpireLe', label: 'Lien valable jusqu’au', type: 'date', access: { read: champAdminSeulement } },
        { name: 'codeEmpreinte', type: 'text', access: { read: jamais } },
        { name: 'codeEmisLe', type: 'date', access: { read: jamais } },
        { name: 'essaisCode', type: 'number', defaultValue: 0, access: { read: jamais } },
        { name: 'signeLe', label: 'Signé le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'ip', label: 'Adresse IP', type: 'text', maxLength: 100, access: { read: champAdminSeulement } },
        { name: 'userAgent', label: 'Navigateur', type: 'text', maxLength: 500, access: { read: champAdminSeulement } },
        { name: 'typeSignature', label: 'Signature', type: 'select', options: [{ value: 'dessin', label: 'Dessinée' }, { value: 'saisie', label: 'Tapée' }] },
        { name: 'signatureTexte', label: 'Nom tapé', type: 'text', maxLength: 120, access: { read: champAdminSeulement } },
        { name: 'signatureImage', label: 'Image de la signature', type: 'textarea', access: { read: champAdminSeulement }, admin: { hidden: true } },
        { name: 'sha256Signature', label: 'Empreinte de la signature', type: 'text', maxLength: 64, access: { read: champAdminSeulement } },
        { name: 'relanceLe', label: 'Relancé le', type: 'date', access: { read: champAdminSeulement } },
      ],
    },
  ],
}
