/**
 * Backups of documents kept in S3 (s3rver on 127.0.0.1, as tests/http/stockage-s3.test.ts): every
 * object under S3_PREFIX is saved with its bytes and content type, restored into an empty bucket
 * (another prefix) or onto local disk, and a non-empty bucket is refused without --force.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import { createClient } from '@libsql/client'
import type { StockageS3 } from '@/src/config/env'
import { portLibre } from '@/tests/helpers/serveur'
import { PDF_MINIMAL, PNG_MINIMAL } from '@/tests/helpers/fichiers'
import { fichiersStockes } from '@/src/domain/sauvegarde'
import { sauvegarder } from '@/src/services/sauvegarde/sauvegarder'
import { CibleNonVide, restaurer } from '@/src/services/sauvegarde/restaurer'

const SOURCE = 'monopco-source'
const CIBLE = 'monopco-cible'
const CLES = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
let s3rver: S3rver
let client: S3Client
let travail: string
let endpoint: string

const s3 = (bucket: string, prefix: string): StockageS3 => ({ bucket, region: 'eu-west-3', endpoint, ...CLES, forcePathStyle: true, prefix })
const objets = async (bucket: string) => ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!).sort()
const objet = async (bucket: string, cle: string) => {
  const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: cle }))
  return { octets: Buffer.from(await r.Body!.transformToByteArray()), type: r.ContentType }
}

beforeAll(async () => {
  travail = fs.mkdtempSync(path.join(os.tmpdir(), 'monopco-sauvegarde-s3-'))
  const port = await portLibre()
  endpoint = `http://127.0.0.1:${port}`
  s3rver = new S3rver({ address: '127.0.0.1', port, silent: true, directory: path.join(travail, 's3'), configureBuckets: [{ name: SOURCE }, { name: CIBLE }] })
  await s3rver.run()
  client = new S3Client({ endpoint, region: 'eu-west-3', forcePathStyle: true, credentials: CLES })
  await client.send(new PutObjectCommand({ Bucket: SOURCE, Key: 'production/documents/devis-1.pdf', Body: PDF_MINIMAL, ContentType: 'application/pdf' }))
  await client.send(new PutObjectCommand({ Bucket: SOURCE, Key: 'production/documents/scan-2.png', Body: PNG_MINIMAL, ContentType: 'image/png' }))
  // Another application's objects, outside the prefix: not ours to save.
  await client.send(new PutObjectCommand({ Bucket: SOURCE, Key: 'autre/fichier.txt', Body: 'x' }))
  const db = createClient({ url: `file:${path.join(travail, 'source.db')}` })
  await db.execute('CREATE TABLE documents (id INTEGER PRIMARY KEY, filename TEXT)')
  await db.execute("INSERT INTO documents (filename) VALUES ('devis-1.pdf'), ('scan-2.png')")
  db.close()
})

afterAll(async () => {
  client?.destroy()
  await s3rver?.close().catch(() => undefined)
  fs.rmSync(travail, { recursive: true, force: true })
})

describe('sauvegarde d’un stockage S3', () => {
  let archive: string

  it('tous les objets sous S3_PREFIX, avec leur type, rangés sous fichiers/documents/', async () => {
    const r = await sauvegarder({ databaseKind: 'sqlite', databaseUrl: `file:${path.join(travail, 'source.db')}`, uploadsDir: path.join(travail, 'inutilise'), s3: s3(SOURCE, 'production/documents') }, path.join(travail, 'archives'))
    archive = r.chemin
    expect(r.manifeste.stockage.type).toBe('s3')
    expect(r.manifeste.base.tables).toEqual({ documents: 2 })
    expect(fichiersStockes(r.manifeste).map((f) => [f.chemin, f.type])).toEqual([
      ['documents/devis-1.pdf', 'application/pdf'],
      ['documents/scan-2.png', 'image/png'],
    ])
  })

  it('restaurée dans un bucket vide (autre préfixe) : mêmes octets, même type ; un bucket non vide est refusé sans --force', async () => {
    const e = { databaseKind: 'sqlite' as const, databaseUrl: `file:${path.join(travail, 'cible.db')}`, uploadsDir: path.join(travail, 'inutilise'), s3: s3(CIBLE, 'recette') }
    const rapport = await restaurer(e, archive)
    expect(rapport.ecarts).toEqual([])
    expect(await objets(CIBLE)).toEqual(['recette/devis-1.pdf', 'recette/scan-2.png'])
    const pdf = await objet(CIBLE, 'recette/devis-1.pdf')
    expect(pdf.octets.equals(PDF_MINIMAL)).toBe(true)
    expect(pdf.type).toBe('application/pdf')
    expect((await objet(CIBLE, 'recette/scan-2.png')).type).toBe('image/png')
    fs.rmSync(path.join(travail, 'cible.db'))
    await expect(restaurer(e, archive)).rejects.toThrow(CibleNonVide)
    await expect(restaurer(e, archive)).rejects.toThrow(/bucket monopco-cible : 2 fichier\(s\)/)
    expect(fs.existsSync(path.join(travail, 'cible.db'))).toBe(false)
    expect((await restaurer(e, archive, { force: true })).ecarts).toEqual([])
  })

  it('restaurée sur disque local : documents/<nom> sous UPLOADS_DIR', async () => {
    const uploads = path.join(travail, 'uploads')
    const rapport = await restaurer({ databaseKind: 'sqlite', databaseUrl: `file:${path.join(travail, 'locale.db')}`, uploadsDir: uploads, s3: null }, archive)
    expect(rapport.ecarts).toEqual([])
    expect(fs.readFileSync(path.join(uploads, 'documents', 'devis-1.pdf')).equals(PDF_MINIMAL)).toBe(true)
  })
})
