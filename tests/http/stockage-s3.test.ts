/**
 * Documents stored in S3 (S3_BUCKET set), over real HTTP: the built app talks to s3rver, a small
 * S3-compatible server started here on 127.0.0.1, configured by environment variables only.
 * The bytes are checked before anything reaches the bucket; files come back only through the
 * access-controlled route; deleting a document deletes its object; a bucket that is down gives a
 * clear 503 and no half-stored document.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, portLibre, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { HTML_DEGUISE, PDF_MINIMAL, PNG_MINIMAL, pdfDeTaille } from '@/tests/helpers/fichiers'
import JSZip from 'jszip'
import type { Manifeste } from '@/src/domain/archiveDossier'

type Qui = 'admin' | 'userA' | 'userB' | 'opcoA' | 'opcoB' | 'anonyme'
type Id = number | string

const BUCKET = 'monopco-documents-test'
const PREFIXE = 'recette/documents'
const CLES = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

let s3rver: S3rver
let dossierS3: string
let endpoint: string
let client: S3Client
let s: ServeurDeTest
let payload: Payload
let monde: Monde
let auth: Record<Qui, Record<string, string>>
let dossierA: { id: Id }
let dossierEnvoyeA: { id: Id }

async function demarrerS3(port: number): Promise<void> {
  s3rver = new S3rver({ address: '127.0.0.1', port, silent: true, directory: dossierS3, configureBuckets: [{ name: BUCKET }] })
  await s3rver.run()
}

beforeAll(async () => {
  dossierS3 = fs.mkdtempSync(path.join(os.tmpdir(), 'monopco-s3rver-'))
  const port = await portLibre()
  endpoint = `http://127.0.0.1:${port}`
  await demarrerS3(port)
  client = new S3Client({ endpoint, region: 'eu-west-3', forcePathStyle: true, credentials: CLES })
  s = await demarrerServeur('stockage-s3', {
    S3_BUCKET: BUCKET,
    S3_REGION: 'eu-west-3',
    S3_ENDPOINT: endpoint,
    S3_ACCESS_KEY_ID: CLES.accessKeyId,
    S3_SECRET_ACCESS_KEY: CLES.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
    S3_PREFIX: PREFIXE,
  })
  payload = s.payload
  monde = await creerMonde(payload)
  dossierA = await creerDossier(payload, monde, 'A')
  dossierEnvoyeA = await creerDossier(payload, monde, 'A', 'envoye_opco')
  const jwt = async (email: string) => ({ Authorization: `JWT ${await connecter(s.url, email, MOT_DE_PASSE)}` })
  auth = {
    admin: await jwt(monde.admin.email),
    userA: await jwt(monde.userA.email),
    userB: await jwt(monde.userB.email),
    opcoA: await jwt(monde.opcoUserA.email),
    opcoB: await jwt(monde.opcoUserB.email),
    anonyme: {},
  }
})

afterAll(async () => {
  await s?.arreter()
  client?.destroy()
  await s3rver?.close().catch(() => undefined)
  fs.rmSync(dossierS3, { recursive: true, force: true })
})

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex')

const objets = async (): Promise<string[]> =>
  ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort()

async function objet(cle: string): Promise<{ octets: Buffer; type: string | undefined }> {
  const r = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: cle }))
  return { octets: Buffer.from(await r.Body!.transformToByteArray()), type: r.ContentType }
}

const fichiersLocaux = (): string[] => (fs.existsSync(s.dossierFichiers) ? (fs.readdirSync(s.dossierFichiers, { recursive: true }) as string[]) : [])

type Doc = { id: Id; filename: string; sha256: string; mimeType: string; url: string; prefix?: string }

const televerser = (qui: Qui, contenu: Buffer, nom: string, type: string, donnees: Record<string, unknown>) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(contenu)], { type }), nom)
  form.append('_payload', JSON.stringify(donnees))
  return fetch(`${s.url}/api/documents`, { method: 'POST', headers: auth[qui], body: form })
}

const lire = (qui: Qui, url: string) => fetch(`${s.url}${url.replace(/^https?:\/\/[^/]+/, '')}`, { headers: auth[qui] })

describe('stockage S3', () => {
  let devis: Doc

  it('un dépôt va dans le bucket, sous le préfixe, avec les mêmes octets et le type détecté ; rien sur le disque', async () => {
    const res = await televerser('userA', PDF_MINIMAL, 'Devis signé.pdf', 'application/pdf', { dossier: dossierA.id, documentType: 'devis' })
    expect(res.status).toBe(201)
    devis = ((await res.json()) as { doc: Doc }).doc
    expect(devis.filename).toMatch(/^Devis-signe-[0-9a-f]{8}\.pdf$/)
    expect(devis.sha256).toBe(sha256(PDF_MINIMAL))
    expect(await objets()).toEqual([`${PREFIXE}/${devis.filename}`])
    const o = await objet(`${PREFIXE}/${devis.filename}`)
    expect(o.octets.equals(PDF_MINIMAL)).toBe(true)
    expect(o.type).toBe('application/pdf')
    expect(fichiersLocaux()).toEqual([])
  })

  it('le type vient des octets, même déclaré application/octet-stream (sinon le fichier ne partirait pas vers S3)', async () => {
    const res = await televerser('userA', PNG_MINIMAL, 'scan', 'application/octet-stream', { dossier: dossierA.id })
    expect(res.status).toBe(201)
    const doc = ((await res.json()) as { doc: Doc }).doc
    expect(doc.mimeType).toBe('image/png')
    const o = await objet(`${PREFIXE}/${doc.filename}`)
    expect(o.type).toBe('image/png')
    expect(o.octets.equals(PNG_MINIMAL)).toBe(true)
  })

  it('relu par l’API : mêmes octets et même empreinte pour le propriétaire et l’admin', async () => {
    expect(devis.url).toMatch(new RegExp(`/api/documents/file/${devis.filename.replace('.', '\\.')}`))
    expect(devis.url).not.toContain(endpoint)
    for (const qui of ['userA', 'admin'] as const) {
      const res = await lire(qui, devis.url)
      expect({ qui, status: res.status }).toEqual({ qui, status: 200 })
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      const octets = Buffer.from(await res.arrayBuffer())
      expect(sha256(octets)).toBe(devis.sha256)
    }
  })

  it('refusé à qui ne peut pas lire le dossier, et un nom deviné donne la même réponse', async () => {
    for (const qui of ['userB', 'opcoA', 'opcoB', 'anonyme'] as const) {
      expect({ qui, status: (await lire(qui, devis.url)).status }).toEqual({ qui, status: 403 })
      expect({ qui, status: (await lire(qui, '/api/documents/file/devis-00000000.pdf')).status }).toEqual({ qui, status: 403 })
    }
    const admin = await lire('admin', '/api/documents/file/devis-00000000.pdf')
    expect(admin.status).toBe(404)
    expect(((await admin.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe('Fichier introuvable.')
  })

  it('l’OPCO lit les fichiers d’un dossier envoyé à son OPCO', async () => {
    const res = await televerser('userA', PDF_MINIMAL, 'programme.pdf', 'application/pdf', { dossier: dossierEnvoyeA.id, documentType: 'programme' })
    const doc = ((await res.json()) as { doc: Doc }).doc
    expect((await lire('opcoA', doc.url)).status).toBe(200)
    expect((await lire('opcoB', doc.url)).status).toBe(403)
  })

  it('un contenu refusé n’atteint jamais le bucket (ni ligne, ni objet)', async () => {
    const avant = await objets()
    const lignes = (await payload.count({ collection: 'documents' })).totalDocs
    const res = await televerser('userA', HTML_DEGUISE, 'devis.pdf', 'application/pdf', { dossier: dossierA.id })
    expect(res.status).toBe(415)
    const nom = await televerser('userA', PDF_MINIMAL, '../../devis.pdf', 'application/pdf', { dossier: dossierA.id })
    expect(nom.status).toBe(400)
    const autre = await televerser('userB', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: dossierA.id })
    expect(autre.status).toBe(403)
    expect(await objets()).toEqual(avant)
    expect((await payload.count({ collection: 'documents' })).totalDocs).toBe(lignes)
  })

  it('un objet disparu du bucket répond 404, jamais 500', async () => {
    const res = await televerser('userA', PDF_MINIMAL, 'perdu.pdf', 'application/pdf', { dossier: dossierA.id })
    const doc = ((await res.json()) as { doc: Doc }).doc
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${PREFIXE}/${doc.filename}` }))
    for (const qui of ['userA', 'admin'] as const) expect((await lire(qui, doc.url)).status).toBe(404)
  })

  it('supprimer le document supprime l’objet du bucket', async () => {
    const res = await televerser('userA', PDF_MINIMAL, 'a-supprimer.pdf', 'application/pdf', { dossier: dossierA.id })
    const doc = ((await res.json()) as { doc: Doc }).doc
    const cle = `${PREFIXE}/${doc.filename}`
    expect(await objets()).toContain(cle)
    expect((await fetch(`${s.url}/api/documents/${doc.id}`, { method: 'DELETE', headers: auth.userA })).status).toBe(403)
    expect(await objets()).toContain(cle)
    expect((await fetch(`${s.url}/api/documents/${doc.id}`, { method: 'DELETE', headers: auth.admin })).status).toBe(200)
    expect(await objets()).not.toContain(cle)
    expect((await lire('userA', doc.url)).status).toBe(403)
  })

  it('l’archive du dossier (GET /api/dossiers/:id/archive) lit chaque fichier dans le bucket, en flux, mêmes octets et même empreinte', async () => {
    const d = await creerDossier(payload, monde, 'A', 'envoye_opco')
    const contenus = [pdfDeTaille(200_000, 's3 devis'), pdfDeTaille(50_000, 's3 programme')]
    const deposes: Doc[] = []
    for (const [i, c] of contenus.entries()) {
      const res = await televerser('userA', c, `piece-${i}.pdf`, 'application/pdf', { dossier: d.id, documentType: i === 0 ? 'devis' : 'programme' })
      deposes.push(((await res.json()) as { doc: Doc }).doc)
    }
    for (const qui of ['admin', 'opcoA'] as const) {
      const res = await fetch(`${s.url}/api/dossiers/${d.id}/archive`, { headers: auth[qui] })
      expect({ qui, status: res.status }).toEqual({ qui, status: 200 })
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
      const manifeste = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifeste
      expect(manifeste.absents).toEqual([])
      for (const [i, doc] of deposes.entries()) {
        const f = manifeste.fichiers.find((x) => x.origine.collection === 'documents' && x.origine.id === doc.id)!
        const octets = await zip.file(f.chemin)!.async('nodebuffer')
        const dansLeBucket = (await objet(`${PREFIXE}/${doc.filename}`)).octets
        expect(octets.equals(contenus[i]!)).toBe(true)
        expect(octets.equals(dansLeBucket)).toBe(true)
        expect([f.sha256, f.identique]).toEqual([sha256(dansLeBucket), true])
      }
    }
    expect((await fetch(`${s.url}/api/dossiers/${d.id}/archive`, { headers: auth.userA })).status).toBe(404)
    // An object gone from the bucket is listed as missing, the archive is still whole.
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${PREFIXE}/${deposes[1]!.filename}` }))
    const res = await fetch(`${s.url}/api/dossiers/${d.id}/archive`, { headers: auth.admin })
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
    const manifeste = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifeste
    expect(manifeste.absents.map((a) => a.id)).toEqual([deposes[1]!.id])
  })

  it('bucket injoignable : 503 en français, aucun document à moitié enregistré', async () => {
    await s3rver.close()
    try {
      const lignes = (await payload.count({ collection: 'documents' })).totalDocs
      const res = await televerser('userA', PDF_MINIMAL, 'pendant-la-panne.pdf', 'application/pdf', { dossier: dossierA.id })
      expect(res.status).toBe(503)
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/stockage des fichiers est momentanément indisponible/)
      expect((await payload.count({ collection: 'documents' })).totalDocs).toBe(lignes)
      const lecture = await lire('userA', devis.url)
      expect(lecture.status).toBe(503)
      expect(fichiersLocaux()).toEqual([])
    } finally {
      await demarrerS3(Number(new URL(endpoint).port))
    }
    expect((await lire('userA', devis.url)).status).toBe(200)
  })
})
