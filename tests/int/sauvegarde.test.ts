/**
 * Restore drill on a real database (SQLite, and PostgreSQL with TEST_DB=postgres) and real files:
 * dossiers, issued invoices with their generated PDFs (real Chromium) and uploaded documents;
 * `npm run backup` runs as its own process WHILE this process keeps writing; `npm run restore`
 * puts the archive into a fresh database and folder; every row count and file hash equals the
 * manifest, the invoice numbers run without a gap, and the app reads the restored database
 * (`npm run verifier-donnees`: Payload started on it, every collection read). A damaged or
 * tampered archive, and a non-empty target without --force, are refused and write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as tar from 'tar-stream'
import zlib from 'node:zlib'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerBaseDeTest, type BaseDeTest } from '@/tests/helpers/database'
import { creerDossier, creerMonde, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { PDF_MINIMAL, PNG_MINIMAL } from '@/tests/helpers/fichiers'
import { SANS_FICHIERS_ENV } from '@/tests/helpers/sansConfigurationLocale'
import { demanderGeneration } from '@/src/services/generation'
import { formaterNumeroFacture } from '@/src/domain/facturation'
import { fichiersStockes, nomArchive, NOM_MANIFESTE, type Manifeste } from '@/src/domain/sauvegarde'
import { empreinteFichier, lireArchive } from '@/src/services/sauvegarde/archive'
import { etatBase } from '@/src/services/sauvegarde/base'
import { empreintesStockage } from '@/src/services/sauvegarde/stockage'
import { CibleNonVide, restaurer } from '@/src/services/sauvegarde/restaurer'
import { derniereSauvegarde, derniereSauvegardeDuDossier } from '@/src/services/sauvegarde/etat'
import { sauvegardePlanifiee } from '@/src/services/sauvegarde/planifiee'
import { mesurerBase, metriques } from '@/src/services/metriques'

let ctx: ContexteTest
let payload: Payload
let monde: Monde
let travail: string
const kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite'
const ANNEE = new Date().getUTCFullYear()
const NB_FACTURES = 6

type Emettre = (req: PayloadRequest, id: string | number) => Promise<unknown>
/** The invoicing service is moving (collections/invoices → src/services): whichever exists. */
async function emettreFacture(): Promise<Emettre> {
  for (const chemin of ['@/src/services/facturation', '@/collections/invoices/facturation']) {
    try {
      const m = (await import(chemin)) as { emettreFactureSysteme?: Emettre }
      if (m.emettreFactureSysteme) return m.emettreFactureSysteme
    } catch {
      /* not there (yet, or any more) */
    }
  }
  throw new Error('emettreFactureSysteme introuvable')
}

interface Sortie {
  code: number | null
  sortie: string
}

/** `npm run backup` / `npm run restore` as an operator runs them: their own process, this configuration only. */
function commande(script: 'sauvegarde' | 'restauration' | 'verifier-donnees', args: string[], env: Record<string, string>): Promise<Sortie> {
  return new Promise((resolve) => {
    const p = spawn(path.resolve('node_modules/.bin/tsx'), [`scripts/${script}.ts`, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...SANS_FICHIERS_ENV, NODE_OPTIONS: '--conditions=development', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let sortie = ''
    p.stdout.on('data', (d) => (sortie += d))
    p.stderr.on('data', (d) => (sortie += d))
    p.on('close', (code) => resolve({ code, sortie }))
  })
}

const envDe = (url: string, uploads: string) => ({ DATABASE_URL: url, UPLOADS_DIR: uploads })

async function numerosFactures(url: string): Promise<string[]> {
  if (kind === 'sqlite') {
    const { createClient } = await import('@libsql/client')
    const c = createClient({ url })
    try {
      return (await c.execute("SELECT numero FROM invoices WHERE numero IS NOT NULL AND numero LIKE 'F-%' ORDER BY numero")).rows.map((r) => String(r.numero))
    } finally {
      c.close()
    }
  }
  const pg = (await import('pg')).default
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<{ numero: string }>("SELECT numero FROM invoices WHERE numero IS NOT NULL AND numero LIKE 'F-%' ORDER BY numero")).rows.map((r) => r.numero)
  } finally {
    await c.end()
  }
}

const televerser = (dossier: number | string, nom: string, contenu: Buffer, mimetype: string) =>
  payload.create({
    collection: 'documents',
    data: { dossier, documentType: 'autre', origin: 'uploaded' } as never,
    file: { data: Buffer.from(contenu), mimetype, name: nom, size: contenu.length },
    overrideAccess: true,
  })

/** Changes one byte of a buffer (XOR with `masque`). */
const inverser = (octets: Buffer, i: number, masque: number) => octets.writeUInt8(octets.readUInt8(i) ^ masque, i)

const uploadsVide = () => fs.mkdtempSync(path.join(travail, 'fichiers-'))

beforeAll(async () => {
  ctx = await demarrerPayload('sauvegarde')
  payload = ctx.payload
  monde = await creerMonde(payload)
  travail = fs.mkdtempSync(path.join(os.tmpdir(), 'monopco-sauvegarde-test-'))
  const emettre = await emettreFacture()
  const req = await createLocalReq({}, payload)
  for (let i = 0; i < 3; i++) {
    const dossier = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 120_000, numeroDossierOpco: `ATL-${i}`, heuresRealisees: 14 })
    await televerser(dossier.id, `devis-${i}.pdf`, PDF_MINIMAL, 'application/pdf')
    await televerser(dossier.id, `scan-${i}.png`, PNG_MINIMAL, 'image/png')
    for (let j = 0; j < NB_FACTURES / 3; j++) {
      const brouillon = await payload.create({
        collection: 'invoices',
        data: {
          dossier: dossier.id,
          destinataire: 'opco',
          lignes: [{ libelle: `Formation ${i}.${j}`, quantite: 1, prixUnitaireHT: 50_000 }],
          mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI',
        } as never,
      })
      await emettre(await createLocalReq({}, payload), brouillon.id)
      // The invoice's PDF, rendered by the real job (Chromium), stored as a document.
      await demanderGeneration(req, { dossier: dossier.id as number, documentType: 'facture', facture: brouillon.id as number, cle: `piece:${String(brouillon.id)}` })
    }
  }
  for (let i = 0; i < 3; i++) await payload.jobs.run({ limit: 100 })
}, 300_000)

afterAll(async () => {
  await ctx?.fermer()
  if (travail) fs.rmSync(travail, { recursive: true, force: true })
})

let archive: string
let manifeste: Manifeste
let numerosSource: string[]

describe('exercice de restauration', () => {
  it('les données de départ : factures émises avec leur PDF généré, documents déposés', async () => {
    numerosSource = await numerosFactures(ctx.base.url)
    expect(numerosSource).toEqual(Array.from({ length: NB_FACTURES }, (_, i) => formaterNumeroFacture('facture', ANNEE, i + 1)))
    const pdfs = await payload.find({ collection: 'documents', where: { documentType: { equals: 'facture' } }, depth: 0, pagination: false })
    expect(pdfs.docs.map((d) => (d as { filename?: string }).filename).sort()).toEqual(numerosSource.map((n) => `${n}.pdf`))
  })

  it('npm run backup pendant que l’application écrit : une archive, un manifeste cohérent avec l’instantané', async () => {
    const sorties = path.join(travail, 'archives')
    let ecritures = 0
    let fini = false
    const boucle = (async () => {
      while (!fini) {
        const i = ecritures++
        await payload.create({ collection: 'companies', data: { siret: siretValide(50_000_000 + i), raisonSociale: `Écriture concurrente ${i}`, effectif: 1, opco: monde.opcoA.id } })
        if (i % 5 === 0) await televerser((await payload.find({ collection: 'dossiers', limit: 1, depth: 0 })).docs[0]!.id, `pendant-${i}.pdf`, PDF_MINIMAL, 'application/pdf')
      }
    })()
    const entreprisesAvant = (await payload.count({ collection: 'companies' })).totalDocs
    // Some writes before the backup starts, and the loop still running when it ends.
    while (ecritures < 3) await new Promise((r) => setTimeout(r, 20))
    const r = await commande('sauvegarde', ['--out', sorties], envDe(ctx.base.url, ctx.dossierFichiers))
    const ecrituresPendant = ecritures
    while (ecritures < ecrituresPendant + 3) await new Promise((r) => setTimeout(r, 20))
    fini = true
    await boucle
    expect({ code: r.code, sortie: r.sortie }).toEqual({ code: 0, sortie: expect.stringContaining('Sauvegarde écrite : ') })
    const noms = fs.readdirSync(sorties).filter((n) => n.endsWith('.tar.gz'))
    expect(noms).toHaveLength(1)
    expect(noms[0]).toMatch(/^monopco-\d{8}-\d{6}\.tar\.gz$/)
    archive = path.join(sorties, noms[0]!)
    manifeste = await lireArchive(archive, null)
    expect(manifeste.base.type).toBe(kind)
    expect(manifeste.application).toEqual({ nom: 'monopco', version: JSON.parse(fs.readFileSync('package.json', 'utf8')).version })
    expect(manifeste.stockage.type).toBe('local')
    // The snapshot is a point in the middle of the writes, not their start or their end.
    const entreprisesApres = (await payload.count({ collection: 'companies' })).totalDocs
    expect(manifeste.base.tables.companies).toBeGreaterThan(entreprisesAvant)
    expect(manifeste.base.tables.companies).toBeLessThan(entreprisesApres)
    expect(manifeste.base.tables.invoices).toBe(NB_FACTURES)
    const migrations = (await payload.find({ collection: 'payload-migrations', pagination: false, depth: 0, sort: 'createdAt' })).docs.map((m) => m.name)
    expect([...manifeste.base.migrations].sort()).toEqual([...migrations].sort())
    expect(manifeste.base.migrations.length).toBeGreaterThan(5)
    // Every document of the snapshot has its file, with the hash Payload recorded at upload.
    const stockes = new Map(fichiersStockes(manifeste).map((f) => [f.chemin, f.sha256]))
    const docs = (await payload.find({ collection: 'documents', pagination: false, depth: 0, sort: 'id' })).docs as { id: number; filename: string; sha256?: string }[]
    const sauves = docs.slice(0, manifeste.base.tables.documents)
    expect(sauves.length).toBeGreaterThanOrEqual(6 + NB_FACTURES)
    for (const d of sauves) expect({ nom: d.filename, sha256: stockes.get(`documents/${d.filename}`) }).toEqual({ nom: d.filename, sha256: d.sha256 })
    // The last success, for the metric and the admin.
    expect(derniereSauvegardeDuDossier(sorties)).toEqual({ date: manifeste.creeLe, fichier: archive, octets: fs.statSync(archive).size })
  })

  let cible: BaseDeTest
  let fichiersCible: string

  it('npm run restore dans une base et un stockage neufs : lignes et empreintes identiques au manifeste', async () => {
    cible = await creerBaseDeTest('sauvegarde_cible')
    fichiersCible = uploadsVide()
    const r = await commande('restauration', [archive], envDe(cible.url, fichiersCible))
    expect({ code: r.code, sortie: r.sortie }).toEqual({ code: 0, sortie: expect.stringContaining('identiques au manifeste') })
    expect((await etatBase(kind, cible.url)).tables).toEqual(manifeste.base.tables)
    const empreintes = await empreintesStockage({ uploadsDir: fichiersCible, s3: null })
    expect(Object.fromEntries(empreintes)).toEqual(Object.fromEntries(fichiersStockes(manifeste).map((f) => [f.chemin, { octets: f.octets, sha256: f.sha256 }])))
    // Invoice numbers intact: the same gap-free sequence.
    expect(await numerosFactures(cible.url)).toEqual(numerosSource)
    // Every invoice PDF is there, byte for byte.
    for (const n of numerosSource) {
      const f = path.join(fichiersCible, 'documents', `${n}.pdf`)
      expect((await empreinteFichier(f)).sha256).toBe((await empreinteFichier(path.join(ctx.dossierFichiers, 'documents', `${n}.pdf`))).sha256)
    }
  })

  it('l’application lit la base restaurée (Payload démarré dessus, chaque collection relue)', async () => {
    const r = await commande('verifier-donnees', [], envDe(cible.url, fichiersCible))
    expect({ code: r.code, sortie: r.sortie }).toEqual({ code: 0, sortie: expect.stringMatching(/aucune valeur illisible ou invalide/) })
  }, 180_000)

  it('une cible non vide est refusée sans --force (rien n’est écrit), acceptée avec', async () => {
    const avant = await etatBase(kind, cible.url)
    await expect(restaurer({ databaseKind: kind, databaseUrl: cible.url, uploadsDir: fichiersCible, s3: null }, archive)).rejects.toThrow(CibleNonVide)
    const r = await commande('restauration', [archive], envDe(cible.url, fichiersCible))
    expect(r.code).toBe(1)
    expect(r.sortie).toMatch(/ÉCHEC de la restauration : la cible n'est pas vide \(base : .*\) : restauration refusée\. Relancez avec --force/)
    expect(await etatBase(kind, cible.url)).toEqual(avant)
    // With --force: the target becomes exactly the archive again (an extra file goes too).
    fs.writeFileSync(path.join(fichiersCible, 'documents', 'intrus.pdf'), PDF_MINIMAL)
    const rapport = await restaurer({ databaseKind: kind, databaseUrl: cible.url, uploadsDir: fichiersCible, s3: null }, archive, { force: true })
    expect(rapport.ecarts).toEqual([])
    expect(fs.existsSync(path.join(fichiersCible, 'documents', 'intrus.pdf'))).toBe(false)
    await cible.supprimer()
  })

  it('le manifeste est la première entrée de l’archive (lisible sans tout décompresser)', async () => {
    const extraction = tar.extract()
    fs.createReadStream(archive).pipe(zlib.createGunzip()).pipe(extraction as unknown as NodeJS.WritableStream)
    for await (const entree of extraction) {
      expect(entree.header.name).toBe(NOM_MANIFESTE)
      extraction.destroy()
      break
    }
  })
})

describe('archive abîmée ou modifiée : refusée, rien n’est écrit', () => {
  /**
   * Rebuilds an archive by hand (tar-stream, not the code under test) from the extracted good
   * one, after `modifier` changed its files; `manifeste: null` leaves the manifest out, `ajouts`
   * are files written into the archive but not into its manifest.
   */
  async function reconstruire(nom: string, modifier: (dossier: string, m: Manifeste) => { manifeste: Manifeste | null; ajouts?: string[] }): Promise<string> {
    const dossier = fs.mkdtempSync(path.join(travail, 'extrait-'))
    const m = await lireArchive(archive, dossier)
    const { manifeste: ecrit, ajouts = [] } = modifier(dossier, m)
    const destination = path.join(travail, nom)
    const pack = tar.pack()
    const fin = new Promise<void>((r) => pack.pipe(zlib.createGzip()).pipe(fs.createWriteStream(destination)).on('close', () => r()))
    if (ecrit) pack.entry({ name: NOM_MANIFESTE }, JSON.stringify(ecrit))
    for (const chemin of [...m.fichiers.map((f) => f.chemin), ...ajouts]) pack.entry({ name: chemin }, fs.readFileSync(path.join(dossier, ...chemin.split('/'))))
    pack.finalize()
    await fin
    return destination
  }

  const cas: [string, () => Promise<string>, RegExp][] = [
    [
      'octet changé au milieu du fichier compressé',
      async () => {
        const octets = fs.readFileSync(archive)
        inverser(octets, Math.floor(octets.length / 2), 0xff)
        const f = path.join(travail, 'abimee.tar.gz')
        fs.writeFileSync(f, octets)
        return f
      },
      /archive (illisible ou tronquée|altérée)/,
    ],
    [
      'archive tronquée',
      async () => {
        const f = path.join(travail, 'tronquee.tar.gz')
        fs.writeFileSync(f, fs.readFileSync(archive).subarray(0, Math.floor(fs.statSync(archive).size * 0.6)))
        return f
      },
      /archive illisible ou tronquée/,
    ],
    [
      'pas du gzip',
      async () => {
        const f = path.join(travail, nomArchive(new Date()))
        fs.writeFileSync(f, 'ceci n’est pas une sauvegarde\n')
        return f
      },
      /archive illisible ou tronquée \(compression gzip invalide\)/,
    ],
    ['manifest.json absent', () => reconstruire('sans-manifeste.tar.gz', () => ({ manifeste: null })), /manifest\.json absent de l'archive/],
    [
      'un document modifié (même taille), manifeste d’origine',
      () =>
        reconstruire('document-modifie.tar.gz', (dossier, m) => {
          const f = m.fichiers.find((x) => x.chemin.endsWith('.pdf'))!
          const chemin = path.join(dossier, ...f.chemin.split('/'))
          const octets = fs.readFileSync(chemin)
          inverser(octets, 0, 0x01)
          fs.writeFileSync(chemin, octets)
          return { manifeste: m }
        }),
      /archive altérée, contenu différent du manifeste : empreinte différente : fichiers\/documents\/.*\.pdf/,
    ],
    [
      'la base modifiée (même taille), manifeste d’origine',
      () =>
        reconstruire('base-modifiee.tar.gz', (dossier, m) => {
          const chemin = path.join(dossier, ...m.base.fichier.split('/'))
          const octets = fs.readFileSync(chemin)
          inverser(octets, octets.length - 1, 0x01)
          fs.writeFileSync(chemin, octets)
          return { manifeste: m }
        }),
      /empreinte différente : base\/monopco\./,
    ],
    [
      'un fichier ajouté qui n’est pas au manifeste',
      () =>
        reconstruire('fichier-ajoute.tar.gz', (dossier, m) => {
          fs.writeFileSync(path.join(dossier, 'fichiers', 'documents', 'ajout.pdf'), PDF_MINIMAL)
          return { manifeste: m, ajouts: ['fichiers/documents/ajout.pdf'] }
        }),
      /fichier non listé dans le manifeste : fichiers\/documents\/ajout\.pdf/,
    ],
  ]

  it.each(cas.map(([nom, fabriquer, attendu]) => ({ nom, fabriquer, attendu })))('$nom', async ({ fabriquer, attendu }) => {
    const f = await fabriquer()
    const base = await creerBaseDeTest('sauvegarde_refus')
    const fichiers = uploadsVide()
    try {
      await expect(restaurer({ databaseKind: kind, databaseUrl: base.url, uploadsDir: fichiers, s3: null }, f)).rejects.toThrow(attendu)
      expect((await etatBase(kind, base.url)).tables).toEqual({})
      expect(fs.readdirSync(fichiers)).toEqual([])
    } finally {
      await base.supprimer()
    }
  })

  it('en ligne de commande : message en français, code de sortie 1, cible intacte', async () => {
    const octets = fs.readFileSync(archive)
    inverser(octets, Math.floor(octets.length / 2), 0xff)
    const f = path.join(travail, 'abimee-cli.tar.gz')
    fs.writeFileSync(f, octets)
    const base = await creerBaseDeTest('sauvegarde_refus_cli')
    const fichiers = uploadsVide()
    try {
      const r = await commande('restauration', [f], envDe(base.url, fichiers))
      expect(r.code).toBe(1)
      expect(r.sortie).toMatch(/ÉCHEC de la restauration : archive (illisible ou tronquée|altérée)/)
      expect((await etatBase(kind, base.url)).tables).toEqual({})
      expect(fs.readdirSync(fichiers)).toEqual([])
    } finally {
      await base.supprimer()
    }
  })
})

describe('sauvegarde planifiée (la tâche « sauvegarde »)', () => {
  it('écrit dans BACKUP_DIR, garde les BACKUP_KEEP plus récentes, note la dernière (métrique et admin)', async () => {
    const dossier = path.join(travail, 'planifiees')
    const e = { databaseKind: kind, databaseUrl: ctx.base.url, uploadsDir: ctx.dossierFichiers, s3: null, sauvegarde: { cron: '30 2 * * *', dossier, garder: 2 } } as const
    const faites = []
    for (let i = 0; i < 3; i++) faites.push(await sauvegardePlanifiee(payload, e))
    expect(faites[2]!.supprimees).toEqual([path.basename(faites[0]!.fichier)])
    const restantes = fs.readdirSync(dossier).filter((n) => n.endsWith('.tar.gz')).sort()
    expect(restantes.map((n) => path.join(dossier, n)).sort()).toEqual([faites[1]!.fichier, faites[2]!.fichier].sort())
    const derniere = { date: faites[2]!.date, fichier: faites[2]!.fichier, octets: faites[2]!.octets }
    expect(await derniereSauvegarde(payload)).toEqual(derniere)
    expect(derniereSauvegardeDuDossier(dossier)).toEqual(derniere)
    await mesurerBase(payload)
    const texte = await metriques().registre.getSingleMetricAsString('monopco_sauvegarde_derniere_timestamp_secondes')
    expect(texte).toContain(`monopco_sauvegarde_derniere_timestamp_secondes ${Date.parse(derniere.date) / 1000}`)
    for (const n of restantes) expect((await lireArchive(path.join(dossier, n), null)).base.type).toBe(kind)
  })
})

