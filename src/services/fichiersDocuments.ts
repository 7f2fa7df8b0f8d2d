import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { Payload } from 'payload'
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { Environnement } from '@/src/config/env'
import { clientS3 } from '@/src/services/sauvegarde/stockage'

/**
 * A document's bytes read by server code, as a stream, from the storage in use (local disk or the
 * S3 bucket, collections/documents/stockage.ts) — for the dossier archive, which must never hold
 * every file in memory. Access is the caller's business: this reads what it is asked.
 */

type Stockage = Pick<Environnement, 'uploadsDir' | 's3'>

export interface FichierStocke {
  filename?: string | null
  /** The bucket prefix the storage plugin saved with the row (S3). */
  prefix?: string | null
}

export interface LecteurFichiers {
  /** Size in bytes, or null when the file is not in the storage. */
  taille: (f: FichierStocke) => Promise<number | null>
  ouvrir: (f: FichierStocke) => Promise<Readable>
  fermer: () => void
}

/** The stored name, only when it cannot leave the documents' folder (a name with a path is no file of ours). */
const nomSur = (f: FichierStocke): string | null => {
  const nom = f.filename ?? ''
  return nom !== '' && !/[\\/]/.test(nom) && nom !== '.' && nom !== '..' ? nom : null
}

export function lecteurFichiers(st: Stockage): LecteurFichiers {
  if (!st.s3) {
    // The folder collections/documents/stockage.ts gives Payload (`<UPLOADS_DIR>/documents`).
    const racine = path.join(st.uploadsDir, 'documents')
    const chemin = (f: FichierStocke): string | null => {
      const nom = nomSur(f)
      return nom === null ? null : path.join(racine, nom)
    }
    return {
      taille: async (f) => {
        const c = chemin(f)
        if (c === null) return null
        const stat = await fs.promises.stat(c).catch(() => null)
        return stat?.isFile() ? stat.size : null
      },
      ouvrir: async (f) => {
        const c = chemin(f)
        if (c === null) throw new Error('nom de fichier invalide')
        return fs.createReadStream(c)
      },
      fermer: () => undefined,
    }
  }
  const s3 = st.s3
  let client: S3Client | null = null
  const leClient = () => (client ??= clientS3(s3))
  const cle = (f: FichierStocke): string | null => {
    const nom = nomSur(f)
    if (nom === null) return null
    const prefixe = f.prefix ?? s3.prefix
    return prefixe ? path.posix.join(prefixe, nom) : nom
  }
  return {
    taille: async (f) => {
      const k = cle(f)
      if (k === null) return null
      try {
        const r = await leClient().send(new HeadObjectCommand({ Bucket: s3.bucket, Key: k }))
        return r.ContentLength ?? 0
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } }
        if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null
        throw err
      }
    },
    ouvrir: async (f) => {
      const k = cle(f)
      if (k === null) throw new Error('nom de fichier invalide')
      const r = await leClient().send(new GetObjectCommand({ Bucket: s3.bucket, Key: k }))
      if (!(r.Body instanceof Readable)) throw new Error('réponse S3 sans flux')
      return r.Body
    },
    fermer: () => client?.destroy(),
  }
}

/**
 * The whole bytes of one stored document, through the collection's own storage (local file under
 * its staticDir, else its storage adapter, S3): e-mail attachments and the signed convention's
 * stamping — small files, read once.
 */
export async function lireOctetsDocument(payload: Payload, documentId: string | number): Promise<{ filename: string; content: Buffer; sha256?: string | null } | null> {
  const doc = await payload.findByID({ collection: 'documents', id: documentId, depth: 0, overrideAccess: true }).catch(() => null)
  if (!doc?.filename) return null
  const upload = payload.collections.documents?.config.upload
  const staticDir = typeof upload === 'object' && upload.staticDir ? upload.staticDir : 'data/uploads/documents'
  const local = path.resolve(process.cwd(), staticDir, path.basename(doc.filename))
  try {
    return { filename: doc.filename, content: await fs.promises.readFile(local), sha256: doc.sha256 }
  } catch {
    /* not on disk: object storage */
  }
  for (const handler of (typeof upload === 'object' ? upload.handlers : undefined) ?? []) {
    const res = await (handler as unknown as (req: unknown, args: unknown) => Promise<Response | undefined>)(
      { payload, headers: new Headers(), url: `${payload.config.serverURL}/api/documents/file/${encodeURIComponent(doc.filename)}` },
      { doc, params: { collection: 'documents', filename: doc.filename } },
    ).catch(() => undefined)
    if (res instanceof Response && res.ok) return { filename: doc.filename, content: Buffer.from(await res.arrayBuffer()), sha256: doc.sha256 }
  }
  throw new Error(`Fichier illisible : le fichier « ${doc.filename} » du document ${String(documentId)} est introuvable.`)
}
