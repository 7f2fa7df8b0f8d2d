import fs from 'node:fs'
import { Readable } from 'node:stream'
import { APIError, type CollectionConfig, type TaskConfig } from 'payload'
import { adminSeulement, estAdmin, personne } from '@/src/access/roles'
import { ErreurMetier } from '@/src/domain/erreurs'
import { FiltreInvalideError, lireFiltresDossiers } from '@/src/domain/reports/filtres'
import { endpoint } from '@/src/endpoints/endpoint'
import { FORMATS_EXPORT, TYPES_MIME } from '@/src/services/rapports/ecriture'
import { cheminFichierExport, fichierExportPret, journaliserExport, produireExport, TACHE_EXPORT } from '@/src/services/rapports/exports'
import { mettreEnFile } from '@/src/services/taches'

/** A request body larger than this is not a filter set: refused before any parsing of filters. */
const FILTRES_MAX_OCTETS = 2000
/**
 * Keys a create may carry: the collection's fields (the admin form sends them all, read-only
 * ones included; every server-controlled value is then overwritten by beforeValidate). Any
 * other key is a mistake of the caller: 400 rather than silently ignored.
 */
const CHAMPS_CONNUS = ['format', 'filtres', 'libelle', 'statut', 'progression', 'lignes', 'total', 'taille', 'erreur', 'demandePar', 'telechargement']

/**
 * `exports`: one row per export request (admins only, over every API). The file is written by
 * the `genererExport` job under `<UPLOADS_DIR>/exports`, with its progress on the row; the
 * download endpoint streams it once `termine`.
 */
export const Exports: CollectionConfig = {
  slug: 'exports',
  graphQL: { singularName: 'Export', pluralName: 'Exports' },
  labels: { singular: 'Export', plural: 'Exports' },
  admin: { group: 'Administration', defaultColumns: ['createdAt', 'format', 'statut', 'progression', 'lignes', 'telechargement'], useAsTitle: 'libelle' },
  defaultSort: '-createdAt',
  access: { read: adminSeulement, create: adminSeulement, update: personne, delete: adminSeulement },
  hooks: {
    beforeOperation: [
      ({ args, operation, req }) => {
        if (operation !== 'create' || req.payloadAPI === 'local') return args
        // The caller's body, not yet checked: its keys are what is being checked.
        const data = (args.data ?? {}) as Record<string, unknown>
        const inconnus = Object.keys(data).filter((k) => !CHAMPS_CONNUS.includes(k))
        if (inconnus.length > 0) throw new APIError(`Champ non accepté pour un export : ${inconnus.slice(0, 5).join(', ')}. Un export se demande avec « format » et « filtres ».`, 400, undefined, true)
        return args
      },
    ],
    beforeValidate: [
      ({ data, operation, req }) => {
        if (operation !== 'create' || !data) return data
        if (!FORMATS_EXPORT.includes(data.format)) throw new APIError('Le champ « format » vaut « csv » ou « xlsx ».', 400, undefined, true)
        if (JSON.stringify(data.filtres ?? {}).length > FILTRES_MAX_OCTETS) throw new APIError(`Filtres trop volumineux (${FILTRES_MAX_OCTETS} caractères au plus).`, 400, undefined, true)
        try {
          data.filtres = lireFiltresDossiers(data.filtres)
        } catch (err) {
          if (err instanceof FiltreInvalideError) throw new APIError(err.message, 400, undefined, true)
          throw err
        }
        Object.assign(data, { statut: 'en_attente', progression: 0, lignes: null, total: null, erreur: null, demandePar: req.user?.id ?? null })
        data.libelle = `Dossiers (${String(data.format).toUpperCase()})`
        return data
      },
    ],
    afterChange: [
      async ({ doc, operation, req }) => {
        if (operation !== 'create') return doc
        await journaliserExport(req, doc.id, { format: doc.format, filtres: doc.filtres, etape: 'demande' })
        await mettreEnFile(req.payload, req, { task: TACHE_EXPORT, input: { export: doc.id } })
        return doc
      },
    ],
    afterDelete: [({ doc }) => fs.rmSync(cheminFichierExport(doc.id, doc.format), { force: true })],
  },
  fields: [
    { name: 'libelle', label: 'Export', type: 'text', admin: { readOnly: true } },
    {
      name: 'format',
      label: 'Format',
      type: 'select',
      required: true,
      options: [
        { value: 'csv', label: 'CSV (Excel, « ; »)' },
        { value: 'xlsx', label: 'Excel (XLSX)' },
      ],
    },
    { name: 'filtres', label: 'Filtres', type: 'json', admin: { components: { Field: '/src/components/admin/JsonSaisie#JsonSaisie' }, description: 'du, au (AAAA-MM-JJ, date de création), opco, statuts, typeFormation, company, organisme, recherche.' } },
    {
      name: 'statut',
      label: 'État',
      type: 'select',
      defaultValue: 'en_attente',
      options: [
        { value: 'en_attente', label: 'En attente' },
        { value: 'en_cours', label: 'En cours' },
        { value: 'termine', label: 'Prêt' },
        { value: 'echec', label: 'Échec' },
      ],
      admin: { readOnly: true },
    },
    { name: 'progression', label: 'Progression (%)', type: 'number', min: 0, max: 100, admin: { readOnly: true } },
    { name: 'lignes', label: 'Lignes écrites', type: 'number', admin: { readOnly: true } },
    { name: 'total', label: 'Lignes à écrire', type: 'number', admin: { readOnly: true } },
    { name: 'taille', label: 'Taille (octets)', type: 'number', admin: { readOnly: true } },
    { name: 'erreur', label: 'Erreur', type: 'textarea', admin: { readOnly: true } },
    { name: 'demandePar', label: 'Demandé par', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'telechargement', label: 'Fichier', type: 'ui', admin: { components: { Cell: '/src/components/admin/rapports/LienExport#LienExportCell', Field: '/src/components/admin/rapports/LienExport#LienExportField' } } },
  ],
}

export const tacheExport: TaskConfig<typeof TACHE_EXPORT> = {
  slug: TACHE_EXPORT,
  label: 'Export de dossiers (CSV, XLSX)',
  retries: 2,
  inputSchema: [{ name: 'export', type: 'json', required: true }],
  handler: async ({ input, req }) => {
    // The export's id as queued by afterChange (a JSON field for Payload): anything else names no export.
    const id = input.export
    if (typeof id === 'number' || typeof id === 'string') await produireExport(req, id)
    return { output: {} }
  },
}

/** GET /api/exports/:id/telecharger — admins only; the file streams from disk, audit-logged. */
export const endpointTelechargement = endpoint({
  path: '/:id/telecharger',
  method: 'get',
  handler: async ({ req, user }) => {
    if (!estAdmin(user)) throw new ErreurMetier('Seule l’équipe MonOPCO peut exporter.', 403)
    const fichier = await fichierExportPret(req, req.routeParams?.id)
    return new Response(Readable.toWeb(fs.createReadStream(fichier.chemin)) as ReadableStream, {
      status: 200,
      headers: {
        'Content-Type': TYPES_MIME[fichier.format],
        'Content-Disposition': `attachment; filename="${fichier.nom}"`,
        'Content-Length': String(fichier.taille),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  },
})
