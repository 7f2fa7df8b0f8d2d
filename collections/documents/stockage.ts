import fs from 'node:fs'
import path from 'node:path'
import { s3Storage } from '@payloadcms/storage-s3'
import {
  APIError,
  type CollectionAfterChangeHook,
  type CollectionAfterErrorHook,
  type CollectionConfig,
  type Config,
  type Plugin,
  type PayloadRequest,
} from 'payload'
import type { Environnement } from '@/src/config/env'
import { refuserChampsReserves } from '@/hooks/champsReserves'
import { erreur } from '@/src/endpoints/http'

/**
 * Where the documents' bytes live: local disk (`<UPLOADS_DIR>/documents`) by default, an S3 bucket
 * when S3_BUCKET is set. Either way a file is only ever served by GET /api/documents/file/<name>,
 * after Payload has checked the documents' read rule for that very file (`disablePayloadAccessControl`
 * stays false, no signed or public URL): nothing in the bucket or the folder is public.
 */

const SLUG = 'documents'

/** Upload and storage fields Payload and the storage plugin fill in themselves. */
const CHAMPS_DE_STOCKAGE = ['prefix', '_objectKey', 'url', 'thumbnailURL', 'filename', 'mimeType', 'filesize', 'width', 'height', 'focalX', 'focalY'] as const

type Handler = NonNullable<Extract<CollectionConfig['upload'], object>['handlers']>[number]
/** What a handler really may return: a response, or nothing to let the next one answer. */
type HandlerSouple = (req: PayloadRequest, args: Parameters<Handler>[1]) => Promise<Response | undefined>
const handler = (f: HandlerSouple): Handler => f as unknown as Handler

export const dossierDocumentsLocal = (e: Pick<Environnement, 'uploadsDir'>): string => path.join(e.uploadsDir, 'documents')

const fichierIntrouvable = (): Response => erreur(404, 'Fichier introuvable.')

/**
 * Runs before the storage's own handler. Payload only looks the file up when the read rule is a
 * query (non-admins, who get a 403 for a name they may not read, whether it exists or not);
 * for admins it would stream whatever the name points to, or answer a 500 for a missing file.
 */
function verifierFichierDemande(local: string | null): Handler {
  return handler(async (req, { doc, params }) => {
    const filename = params.filename
    if (!doc) {
      const trouve = await req.payload.db.findOne({ collection: SLUG, where: { filename: { equals: filename } }, req })
      if (!trouve) return fichierIntrouvable()
    }
    if (local !== null) {
      const chemin = path.resolve(local, filename)
      if (!chemin.startsWith(local + path.sep) || !fs.existsSync(chemin)) {
        req.payload.logger.error({ msg: 'Fichier de document absent du disque', filename })
        return fichierIntrouvable()
      }
    }
    return undefined
  })
}

/** The bucket's answers in French: a missing object is a 404, an unreachable store a 503. */
function enFrancais(stockage: Handler): Handler {
  return handler(async (req, args) => {
    const reponse = await stockage(req, args)
    if (!(reponse instanceof Response)) return undefined
    if (reponse.status === 404) return fichierIntrouvable()
    if (reponse.status >= 500) return erreur(503, 'Le stockage des fichiers est momentanément indisponible. Réessayez dans quelques instants.')
    return reponse
  })
}

/**
 * The S3 upload runs after the row is written (storage plugin's afterChange). Without
 * transactions (SQLite) a failed upload would leave a document whose file does not exist: the row
 * is removed and the caller gets a clear 503 instead of a 500.
 */
function annulerSiEchec(hook: CollectionAfterChangeHook): CollectionAfterChangeHook {
  return async (args) => {
    try {
      return await hook(args)
    } catch (err) {
      args.req.payload.logger.error({ err, msg: 'Envoi du fichier vers le stockage S3 impossible' })
      if (args.operation === 'create') {
        await args.req.payload.db.deleteOne({ collection: SLUG, where: { id: { equals: args.doc.id } }, req: args.req }).catch(() => undefined)
      }
      throw new APIError(
        "Le stockage des fichiers est momentanément indisponible : le document n'a pas été enregistré. Réessayez dans quelques instants.",
        503,
        undefined,
        true,
      )
    }
  }
}

/** Errors of the multipart parser (busboy) on a body that is not valid multipart/form-data. */
const MULTIPART_ILLISIBLE = /Malformed part header|Unexpected end of form|Boundary not found|Malformed content-disposition|Unexpected end of multipart/i

/**
 * A request that fails after Payload wrote the file to disk (it writes before inserting the row)
 * must not leave the file behind: the name is this request's own (random suffix), and a file no
 * row points to is served to nobody anyway. A body the multipart parser cannot read is the
 * client's fault: a 400 that says so, not a 500.
 */
function apresErreur(local: string | null): CollectionAfterErrorHook {
  return async ({ error, req }) => {
    const nom = req.file?.name
    if (local !== null && typeof nom === 'string' && nom !== '') {
      const chemin = path.resolve(local, nom)
      if (chemin.startsWith(local + path.sep) && fs.existsSync(chemin)) {
        const reference = await req.payload.db.findOne({ collection: SLUG, where: { filename: { equals: nom } } }).catch(() => 'inconnu')
        if (reference === null) fs.rmSync(chemin, { force: true })
      }
    }
    const message = String((error as { message?: unknown }).message ?? '')
    if (MULTIPART_ILLISIBLE.test(message)) {
      return { status: 400, response: { errors: [{ message: 'Envoi de fichier illisible : le corps multipart/form-data est mal formé (nom de fichier ou en-têtes invalides).' }] } }
    }
    // Payload's own refusal of a `filename` with a path, sent in the data or asked for by URL.
    if (message === 'Invalid filename.') {
      return { status: 400, response: { errors: [{ message: 'Nom de fichier refusé : il contient un chemin (« / », « \\ » ou « .. »).' }] } }
    }
    return undefined
  }
}

const enteteSecurite = ({ headers }: { headers: Headers }): Headers => {
  // The type was checked on the bytes: browsers must not guess another one; caches must not keep
  // a file only some people may read.
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Cache-Control', 'private, no-store')
  return headers
}

function avecCollectionDocuments(config: Config, f: (c: CollectionConfig) => CollectionConfig): Config {
  return { ...config, collections: (config.collections ?? []).map((c) => (c.slug === SLUG ? f(c) : c)) }
}

export function stockageDocuments(e: Pick<Environnement, 'uploadsDir' | 's3'>): Plugin {
  const s3 = e.s3
  const local = s3 ? null : dossierDocumentsLocal(e)
  return (incoming) => {
    const prepare = avecCollectionDocuments(incoming, (c) => {
      const upload = typeof c.upload === 'object' ? c.upload : {}
      return {
        ...c,
        // A copy would carry another document's file without its bytes being checked again.
        disableDuplicate: true,
        upload: {
          ...upload,
          staticDir: dossierDocumentsLocal(e),
          // No server-side fetch of a URL given by a client (SSRF), no paste-from-URL in the admin.
          pasteURL: false,
          handlers: [verifierFichierDemande(local), ...(upload.handlers ?? [])],
          modifyResponseHeaders: enteteSecurite,
        },
        hooks: {
          ...c.hooks,
          // Where and under which name a file is stored is the server's choice, never a client's.
          beforeOperation: [refuserChampsReserves(CHAMPS_DE_STOCKAGE), ...(c.hooks?.beforeOperation ?? [])],
          afterError: [...(c.hooks?.afterError ?? []), apresErreur(local)],
        },
      }
    })
    const avant = prepare.collections?.find((c) => c.slug === SLUG)
    const hooksAvant = new Set(avant?.hooks?.afterChange ?? [])
    const handlersAvant = new Set(typeof avant?.upload === 'object' ? (avant.upload.handlers ?? []) : [])
    // Always applied: with S3 off, it still adds its columns (prefix, object key), so that the
    // schema and the migrations are the same whatever the storage.
    const apres = s3Storage({
      enabled: s3 !== null,
      alwaysInsertFields: true,
      bucket: s3?.bucket ?? '',
      clientCacheKey: s3 ? `monopco:${s3.endpoint ?? 'aws'}:${s3.bucket}` : undefined,
      collections: { [SLUG]: { prefix: s3?.prefix ?? '' } },
      config: s3
        ? {
            region: s3.region,
            credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
            forcePathStyle: s3.forcePathStyle,
            ...(s3.endpoint
              ? {
                  endpoint: s3.endpoint,
                  // S3-compatible stores often reject the checksums recent AWS SDKs add by default.
                  requestChecksumCalculation: 'WHEN_REQUIRED' as const,
                  responseChecksumValidation: 'WHEN_REQUIRED' as const,
                }
              : {}),
          }
        : {},
    })(prepare) as Config
    if (!s3) return apres
    return avecCollectionDocuments(apres, (c) => {
      const upload = typeof c.upload === 'object' ? c.upload : {}
      return {
        ...c,
        hooks: { ...c.hooks, afterChange: (c.hooks?.afterChange ?? []).map((h) => (hooksAvant.has(h) ? h : annulerSiEchec(h))) },
        upload: { ...upload, handlers: (upload.handlers ?? []).map((h) => (handlersAvant.has(h) ? h : enFrancais(h))) },
      }
    })
  }
}
