import type { CollectionConfig } from 'payload'
import { estAdmin, lectureParDossier, roleOf } from '@/src/access/roles'
import { TYPES_DOCUMENT_DOSSIER } from '@/src/domain/documents/categories'
import { TYPES_FICHIER_ACCEPTES } from '@/src/domain/fichiers'
import { refuserChampsReserves } from '@/hooks/champsReserves'
import { selectAvecDefaut } from '@/collections/champs'
import { conserverPieceJointe } from './hooks/conserverPieceJointe'
import { rattacherAuDossier } from './hooks/rattacherAuDossier'
import { verifierFichier } from './hooks/verifierFichier'
import { lireTexte, recalculerApresLecture } from './hooks/lireTexte'

export const Documents: CollectionConfig = {
  slug: 'documents',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Document', pluralName: 'Documents' },
  labels: { singular: 'Document', plural: 'Documents' },
  admin: { useAsTitle: 'filename', defaultColumns: ['filename', 'documentType', 'dossier', 'origin', 'createdAt'], group: 'Dossiers' },
  upload: {
    staticDir: 'data/uploads/documents',
    mimeTypes: [...TYPES_FICHIER_ACCEPTES],
    // Files are served through the access-controlled API route only, never as public static files.
    disableLocalStorage: false,
  },
  access: {
    read: lectureParDossier('dossier', { opco: true }),
    create: ({ req }) => estAdmin(req.user) || roleOf(req.user) === 'user',
    update: ({ req }) => estAdmin(req.user),
    delete: ({ req }) => estAdmin(req.user),
  },
  hooks: {
    beforeOperation: [refuserChampsReserves(['origin', 'uploadedBy', 'sha256', 'version', 'generation', 'lecture']), verifierFichier],
    beforeDelete: [conserverPieceJointe],
    beforeValidate: [rattacherAuDossier],
    beforeChange: [lireTexte],
    afterChange: [recalculerApresLecture],
  },
  fields: [
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    selectAvecDefaut({ name: 'documentType', label: 'Type de document', defaultValue: 'autre', options: [...TYPES_DOCUMENT_DOSSIER] }),
    selectAvecDefaut({
      name: 'origin',
      label: 'Origine',
      defaultValue: 'uploaded',
      options: [
        { value: 'uploaded', label: 'Déposé' },
        { value: 'generated', label: 'Généré' },
      ],
    }),
    { name: 'uploadedBy', label: 'Déposé par', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'sha256', label: 'Empreinte SHA-256', type: 'text', admin: { readOnly: true } },
    { name: 'version', label: 'Version', type: 'number', defaultValue: 1, min: 1 },
    // What the server read from the file (devis, programme, convention, attendance sheet), for the
    // conformity rules' comparison with the dossier (issue 19 item 3). Written by the server only.
    {
      name: 'lecture',
      label: 'Texte lu',
      type: 'json',
      admin: { readOnly: true, hidden: true },
      // The team's (the text can be long; the findings carry what others need to see).
      access: { read: ({ req }) => estAdmin(req.user) },
    },
    // Generated documents: the generation row that produced it (its re-runs replace this file).
    { name: 'generation', label: 'Génération', type: 'relationship', relationTo: 'generations', unique: true, admin: { readOnly: true } },
  ],
}
