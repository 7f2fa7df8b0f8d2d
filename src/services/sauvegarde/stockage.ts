import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { Environnement, StockageS3 } from '@/src/config/env'
import { ErreurSauvegarde } from '@/src/domain/sauvegarde'
import { empreinteFichier, listerFichiers } from './archive'

/**
 * The stored files' side: local disk (everything under UPLOADS_DIR, documents in `documents/`)
 * or the S3 bucket (every object under S3_PREFIX, the documents, saved as `documents/<name>`:
 * the same path a local disk gives them, so either store restores into the other).
 */

export type Stockage = Pick<Environnement, 'uploadsDir' | 's3'>

const DOSSIER_DOCUMENTS = 'documents/'

export function clientS3(s3: StockageS3): S3Client {
  return new S3Client({
    region: s3.region,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    forcePathStyle: s3.forcePathStyle,
    ...(s3.endpoint ? { endpoint: s3.endpoint, requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
  })
}

export const prefixeCles = (s3: StockageS3): string => (s3.prefix === '' ? '' : `${s3.prefix}/`)

async function listerObjets(client: S3Client, s3: StockageS3): Promise<string[]> {
  const cles: string[] = []
  let suite: string | undefined
  do {
    const r = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefixeCles(s3) || undefined, ContinuationToken: suite }))
    for (const o of r.Contents ?? []) if (o.Key && !o.Key.endsWith('/')) cles.push(o.Key)
    suite = r.IsTruncated ? r.NextContinuationToken : undefined
  } while (suite)
  return cles.sort()
}

/** The archive's path (under `fichiers/`) of a bucket key. */
const cheminDeCle = (s3: StockageS3, cle: string): string => `${DOSSIER_DOCUMENTS}${cle.slice(prefixeCles(s3).length)}`

/** The bucket key of an archive path; null for a path a bucket restore cannot place. */
const cleDeChemin = (s3: StockageS3, chemin: string): string | null =>
  chemin.startsWith(DOSSIER_DOCUMENTS) ? `${prefixeCles(s3)}${chemin.slice(DOSSIER_DOCUMENTS.length)}` : null

export interface FichierCopie {
  chemin: string
  type?: string
}

/** Copies every stored file into `destination` (paths relative to it); returns their paths. */
export async function copierFichiers(st: Stockage, destination: string): Promise<FichierCopie[]> {
  if (!st.s3) {
    const copies: FichierCopie[] = []
    for (const rel of listerFichiers(st.uploadsDir)) {
      const cible = path.join(destination, ...rel.split('/'))
      fs.mkdirSync(path.dirname(cible), { recursive: true })
      try {
        fs.copyFileSync(path.join(st.uploadsDir, ...rel.split('/')), cible)
      } catch (err) {
        // Deleted between the listing and the copy (a document removed meanwhile): not saved.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue
        throw err
      }
      copies.push({ chemin: rel })
    }
    return copies
  }
  const s3 = st.s3
  const client = clientS3(s3)
  try {
    const copies: FichierCopie[] = []
    for (const cle of await listerObjets(client, s3)) {
      const chemin = cheminDeCle(s3, cle)
      const cible = path.join(destination, ...chemin.split('/'))
      fs.mkdirSync(path.dirname(cible), { recursive: true })
      let r
      try {
        r = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: cle }))
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') continue
        throw err
      }
      fs.writeFileSync(cible, Buffer.from(await r.Body!.transformToByteArray()))
      copies.push({ chemin, ...(r.ContentType ? { type: r.ContentType } : {}) })
    }
    return copies
  } finally {
    client.destroy()
  }
}

/** What the target storage already holds (a few names, for the refusal message) and how many. */
export async function contenuStockage(st: Stockage): Promise<string[]> {
  if (!st.s3) return listerFichiers(st.uploadsDir)
  const client = clientS3(st.s3)
  try {
    return await listerObjets(client, st.s3)
  } finally {
    client.destroy()
  }
}

/** Refuses, before anything is written, a file that this storage cannot place. */
export function verifierPlacement(st: Stockage, chemins: string[]): void {
  if (!st.s3) return
  const horsDocuments = chemins.filter((c) => cleDeChemin(st.s3!, c) === null)
  if (horsDocuments.length > 0) {
    throw new ErreurSauvegarde(`fichiers hors de documents/ : le stockage S3 ne reçoit que les documents (${horsDocuments.slice(0, 5).join(', ')})`)
  }
}

/**
 * Empties the target storage, then writes the saved files (from `source`, the extracted
 * `fichiers/` folder) into it.
 */
export async function restaurerFichiers(st: Stockage, source: string, fichiers: { chemin: string; type?: string }[]): Promise<void> {
  if (!st.s3) {
    fs.mkdirSync(st.uploadsDir, { recursive: true })
    for (const e of fs.readdirSync(st.uploadsDir)) fs.rmSync(path.join(st.uploadsDir, e), { recursive: true, force: true })
    for (const f of fichiers) {
      const cible = path.join(st.uploadsDir, ...f.chemin.split('/'))
      fs.mkdirSync(path.dirname(cible), { recursive: true })
      fs.copyFileSync(path.join(source, ...f.chemin.split('/')), cible)
    }
    return
  }
  const s3 = st.s3
  const client = clientS3(s3)
  try {
    const existants = await listerObjets(client, s3)
    for (let i = 0; i < existants.length; i += 1000) {
      await client.send(new DeleteObjectsCommand({ Bucket: s3.bucket, Delete: { Objects: existants.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }))
    }
    for (const f of fichiers) {
      const corps = fs.readFileSync(path.join(source, ...f.chemin.split('/')))
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: cleDeChemin(s3, f.chemin)!, Body: corps, ...(f.type ? { ContentType: f.type } : {}) }))
    }
  } finally {
    client.destroy()
  }
}

/** Size and sha256 of every file the storage holds now, by archive path (relative to `fichiers/`). */
export async function empreintesStockage(st: Stockage): Promise<Map<string, { octets: number; sha256: string }>> {
  const empreintes = new Map<string, { octets: number; sha256: string }>()
  if (!st.s3) {
    for (const rel of listerFichiers(st.uploadsDir)) empreintes.set(rel, await empreinteFichier(path.join(st.uploadsDir, ...rel.split('/'))))
    return empreintes
  }
  const s3 = st.s3
  const client = clientS3(s3)
  try {
    for (const cle of await listerObjets(client, s3)) {
      const r = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: cle }))
      const octets = Buffer.from(await r.Body!.transformToByteArray())
      empreintes.set(cheminDeCle(s3, cle), { octets: octets.length, sha256: crypto.createHash('sha256').update(octets).digest('hex') })
    }
    return empreintes
  } finally {
    client.destroy()
  }
}
