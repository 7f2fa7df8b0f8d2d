import { createHash, randomBytes } from 'node:crypto'
import { APIError, type CollectionConfig, type PayloadRequest } from 'payload'
import { exigerDossierAccessible, lireDossierAccessible } from '@/src/access/dossier'
import { estAdmin, idOf, lectureParDossier, roleOf } from '@/src/access/roles'
import {
  detecterTypeFichier,
  nettoyerNomFichier,
  nomFichierStocke,
  TYPES_FICHIER_ACCEPTES,
  verifierContenuFichier,
  verifierNomFichier,
} from '@/src/domain/fichiers'
import { refuserChampsReserves } from '@/hooks/champsReserves'
import { selectAvecDefaut } from '@/collections/champs'

export const TYPES_DOCUMENT = [
  { value: 'convention', label: 'Convention de formation' },
  { value: 'convention_bilan', label: 'Convention de bilan de compétences' },
  { value: 'demande_prise_en_charge', label: 'Demande de prise en charge' },
  { value: 'certificat_realisation', label: 'Certificat de réalisation' },
  { value: 'facture', label: 'Facture' },
  { value: 'avoir', label: 'Avoir' },
  { value: 'programme', label: 'Programme' },
  { value: 'devis', label: 'Devis' },
  { value: 'feuille_emargement', label: 'Feuille d’émargement' },
  { value: 'justificatif', label: 'Justificatif' },
  { value: 'autre', label: 'Autre' },
] as const

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
    beforeOperation: [
      refuserChampsReserves(['origin', 'uploadedBy', 'sha256', 'version', 'generation']),
      ({ args, operation, req }) => {
        // Checked on the bytes before anything is stored: type, size, name.
        if (operation !== 'create' && operation !== 'update') return args
        const file = req.file
        if (!file) {
          if (operation === 'create') throw new APIError('Aucun fichier reçu.', 400, undefined, true)
          return args
        }
        const bytes = new Uint8Array(file.data.buffer, file.data.byteOffset, file.data.byteLength)
        const erreur = verifierContenuFichier(bytes, file.size ?? file.data.byteLength)
        if (erreur) throw new APIError(erreur, erreur.includes('taille') ? 413 : erreur.includes('vide') ? 400 : 415, undefined, true)
        const type = detecterTypeFichier(bytes)!
        const refusNom = verifierNomFichier(file.name ?? '')
        if (refusNom) throw new APIError(refusNom, 400, undefined, true)
        file.mimetype = type
        // Names chosen by people get a random suffix (no two uploads can claim the same file, no
        // name can be guessed); server code (generated documents) names its files itself.
        const nettoye = nettoyerNomFichier(file.name, type)
        file.name = req.payloadAPI === 'local' ? nettoye : nomFichierStocke(nettoye, randomBytes(4).toString('hex'))
        return args
      },
    ],
    beforeDelete: [
      async ({ id, req }) => {
        // The outbox keeps what was sent: a document that left as an attachment stays.
        const envois = await req.payload.count({ collection: 'emails', where: { pieceJointe: { equals: id } }, overrideAccess: true, req })
        if (envois.totalDocs > 0) {
          throw new APIError('Ce document a été envoyé en pièce jointe d’un e-mail : il est conservé et ne peut pas être supprimé.', 409, undefined, true)
        }
      },
    ],
    beforeValidate: [
      async ({ data, req, operation }) => {
        if (!data) return data
        if (operation === 'create') await exigerDossierAccessible(req, data.dossier)
        // Admins skip the read check: the dossier must still exist, or the insert fails on its
        // foreign key once the file is already written (a 500 and an orphan file).
        if (req.user && estAdmin(req.user) && data.dossier != null) {
          if ((await lireDossierAccessible(req, idOf(data.dossier), { systeme: true })) === null) {
            throw new APIError('Dossier introuvable.', 400, undefined, true)
          }
        }
        if (req.file) data.sha256 = createHash('sha256').update(req.file.data).digest('hex')
        if (operation === 'create' && req.user && !estAdmin(req.user)) {
          data.uploadedBy = req.user.id
          data.origin = 'uploaded'
        }
        return data
      },
    ],
  },
  fields: [
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    selectAvecDefaut({ name: 'documentType', label: 'Type de document',   defaultValue: 'autre', options: [...TYPES_DOCUMENT] }),
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
    // Generated documents: the generation row that produced it (its re-runs replace this file).
    { name: 'generation', label: 'Génération', type: 'relationship', relationTo: 'generations', unique: true, admin: { readOnly: true } },
  ],
}

/** Kinds of the generated documents present on a dossier (the `send` precondition reads them). */
export async function typesDocumentsGeneres(req: PayloadRequest, dossier: number | string): Promise<string[]> {
  const r = await req.payload.find({
    collection: 'documents',
    where: { and: [{ dossier: { equals: dossier } }, { origin: { equals: 'generated' } }] },
    pagination: false,
    depth: 0,
    select: { documentType: true },
    overrideAccess: true,
    req,
  })
  return [...new Set(r.docs.map((d) => String((d as { documentType?: unknown }).documentType)))]
}
