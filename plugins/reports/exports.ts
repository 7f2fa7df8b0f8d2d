import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { APIError, type CollectionConfig, type Endpoint, type PayloadRequest, type TaskConfig } from 'payload'
import { adminSeulement, estAdmin, personne } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { erreur, reponseErreur } from '@/src/endpoints/http'
import { adresseIp } from '@/src/security/ip'
import { FiltreInvalideError, lireFiltresDossiers, type FiltresDossiers } from '@/src/domain/reports/filtres'
import { ecrireExport, FORMATS_EXPORT, TYPES_MIME, type FormatExport } from './ecriture'
import { compterDossiers } from './sql'

export const TACHE_EXPORT = 'genererExport'
/** A request body larger than this is not a filter set: refused before any parsing of filters. */
const FILTRES_MAX_OCTETS = 2000
/**
 * Keys a create may carry: the collection's fields (the admin form sends them all, read-only
 * ones included; every server-controlled value is then overwritten by beforeValidate). Any
 * other key is a mistake of the caller: 400 rather than silently ignored.
 */
const CHAMPS_CONNUS = ['format', 'filtres', 'libelle', 'statut', 'progression', 'lignes', 'total', 'taille', 'erreur', 'demandePar', 'telechargement']

export const dossierExports = (): string => path.join(env().uploadsDir, 'exports')
const cheminFichier = (id: number | string, format: FormatExport): string => path.join(dossierExports(), `export-${String(id)}.${format}`)

/** Audit entry of an export (requested, downloaded): who, what, with which filters. */
export async function journaliserExport(req: PayloadRequest, id: number | string, changes: Record<string, unknown>): Promise<void> {
  await req.payload.create({
    collection: 'logs',
    req,
    overrideAccess: true,
    data: {
      action: 'export',
      collectionSlug: 'exports',
      documentId: String(id),
      actor: req.user?.id ?? null,
      actorLabel: req.user ? `users:${req.user.id}` : 'systeme',
      ip: adresseIp(req.headers),
      changes,
    } as never,
  })
}

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
        await req.payload.jobs.queue({ task: TACHE_EXPORT as never, input: { export: doc.id } as never, req })
        return doc
      },
    ],
    afterDelete: [({ doc }) => fs.rmSync(cheminFichier(doc.id, doc.format), { force: true })],
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

const majExport = (req: PayloadRequest, id: number | string, data: Record<string, unknown>) =>
  req.payload.update({ collection: 'exports', id, data, overrideAccess: true, req, context: { export: true } })

/**
 * Writes the file of one export. Idempotent: a retry rewrites the file from the start. Progress
 * is saved every 5,000 rows (one small UPDATE), so the admin list shows it moving.
 */
export async function produireExport(req: PayloadRequest, id: number | string): Promise<void> {
  const ligne = await req.payload.findByID({ collection: 'exports', id, depth: 0, overrideAccess: true, req, disableErrors: true })
  if (!ligne || ligne.statut === 'termine') return
  const format = ligne.format as FormatExport
  const filtres = lireFiltresDossiers(ligne.filtres) as FiltresDossiers
  const chemin = cheminFichier(id, format)
  try {
    fs.mkdirSync(dossierExports(), { recursive: true })
    const total = await compterDossiers(req.payload, filtres)
    await majExport(req, id, { statut: 'en_cours', progression: 0, total, lignes: 0, erreur: null })
    let dernierPalier = 0
    const lignes = await ecrireExport(format, req.payload, filtres, chemin, async (n) => {
      if (n - dernierPalier < 5000) return
      dernierPalier = n
      await majExport(req, id, { lignes: n, progression: total > 0 ? Math.min(99, Math.floor((n / total) * 100)) : 99 })
    })
    await majExport(req, id, { statut: 'termine', progression: 100, lignes, taille: fs.statSync(chemin).size })
  } catch (err) {
    fs.rmSync(chemin, { force: true })
    await majExport(req, id, { statut: 'echec', erreur: (err instanceof Error ? err.message : String(err)).slice(0, 2000) }).catch(() => undefined)
    throw err
  }
}

export const tacheExport: TaskConfig = {
  slug: TACHE_EXPORT,
  label: 'Export de dossiers (CSV, XLSX)',
  retries: 2,
  inputSchema: [{ name: 'export', type: 'json', required: true }],
  handler: async ({ input, req }) => {
    await produireExport(req, (input as { export: number | string }).export)
    return { output: {} }
  },
}

/** GET /api/exports/:id/telecharger — admins only; the file streams from disk, audit-logged. */
export const endpointTelechargement: Endpoint = {
  path: '/:id/telecharger',
  method: 'get',
  handler: async (req) => {
    try {
      if (!req.user) return erreur(401, 'Authentification requise.')
      if (!estAdmin(req.user)) return erreur(403, 'Seule l’équipe MonOPCO peut exporter.')
      const id = req.routeParams?.id
      if (typeof id !== 'string' || !/^\d{1,15}$/.test(id)) return erreur(400, "Identifiant d'export invalide.")
      const ligne = await req.payload.findByID({ collection: 'exports', id, depth: 0, overrideAccess: true, req, disableErrors: true })
      if (!ligne) return erreur(404, 'Export introuvable.')
      if (ligne.statut !== 'termine') return erreur(409, `L'export n'est pas prêt (état : ${String(ligne.statut)}).`)
      const format = ligne.format as FormatExport
      const chemin = cheminFichier(ligne.id, format)
      if (!fs.existsSync(chemin)) return erreur(410, "Le fichier de cet export n'existe plus : relancez l'export.")
      await journaliserExport(req, ligne.id, { format, etape: 'telechargement' })
      const date = new Date(String(ligne.createdAt)).toISOString().slice(0, 10)
      return new Response(Readable.toWeb(fs.createReadStream(chemin)) as ReadableStream, {
        status: 200,
        headers: {
          'Content-Type': TYPES_MIME[format],
          'Content-Disposition': `attachment; filename="dossiers-${date}-${String(ligne.id)}.${format}"`,
          'Content-Length': String(fs.statSync(chemin).size),
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      })
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}
