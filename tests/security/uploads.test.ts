/**
 * Uploads over real HTTP against the built app: hostile files, names and callers are refused
 * with a French message and nothing is stored (no row, no file); a good upload is stored under
 * a clean, unguessable name with the sha256 of its bytes; files are served only to who may read
 * the dossier, by the access-controlled route alone.
 *
 * Files answer 403 to a non-admin for any name they may not read — another dossier's file and a
 * name that exists nowhere alike, so a 403 reveals nothing. Admins, who may read everything, get
 * a 404 for a name that matches no document.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { HTML_DEGUISE, PDF_MINIMAL, PNG_MINIMAL } from '@/tests/helpers/fichiers'
import { TAILLE_MAX_DOCUMENT } from '@/src/domain/fichiers'

type Qui = 'admin' | 'userA' | 'userB' | 'opcoA' | 'opcoB' | 'anonyme'
type Id = number | string

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let auth: Record<Qui, Record<string, string>>
let dossierA: { id: Id }
let dossierB: { id: Id }
let dossierEnvoyeA: { id: Id }

beforeAll(async () => {
  s = await demarrerServeur('uploads')
  payload = s.payload
  monde = await creerMonde(payload)
  dossierA = await creerDossier(payload, monde, 'A')
  dossierB = await creerDossier(payload, monde, 'B')
  dossierEnvoyeA = await creerDossier(payload, monde, 'A', 'envoye_opco')
  auth = await entetesDuMonde(s.url, monde)
})
afterAll(async () => s?.arreter())

const dossierDesFichiers = () => path.join(s.dossierFichiers, 'documents')
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex')

/** Every file under the test's uploads folder, with its path relative to it. */
function fichiersStockes(): string[] {
  const racine = s.dossierFichiers
  if (!fs.existsSync(racine)) return []
  return (fs.readdirSync(racine, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(racine, f)).isFile()).sort()
}

/** A PDF of exactly `taille` bytes that Payload's own PDF check accepts (trailer kept at the end). */
function pdfDeTaille(taille: number): Buffer {
  const entete = Buffer.from('%PDF-1.4\n%')
  const corps = PDF_MINIMAL.subarray('%PDF-1.4\n'.length)
  return Buffer.concat([entete, Buffer.alloc(taille - entete.length - corps.length - 1, 0x41), Buffer.from('\n'), corps])
}

const televerser = (qui: Qui, contenu: Buffer, nom: string, type: string, donnees: Record<string, unknown>) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(contenu)], { type }), nom)
  form.append('_payload', JSON.stringify(donnees))
  return fetch(`${s.url}/api/documents`, { method: 'POST', headers: auth[qui], body: form })
}

/**
 * A multipart body written by hand: the file name goes out byte for byte (NUL, paths…), as
 * `filename="…"`, or already encoded when `nomBrut` starts with `filename*=`.
 */
function televerserBrut(qui: Qui, contenu: Buffer, nomBrut: string, donnees: Record<string, unknown>) {
  const frontiere = `----monopco${crypto.randomBytes(8).toString('hex')}`
  const corps = Buffer.concat([
    Buffer.from(`--${frontiere}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n${JSON.stringify(donnees)}\r\n`),
    Buffer.from(`--${frontiere}\r\nContent-Disposition: form-data; name="file"; `),
    Buffer.from(nomBrut.startsWith('filename*=') ? nomBrut : `filename="${nomBrut}"`, 'utf8'),
    Buffer.from(`\r\nContent-Type: application/pdf\r\n\r\n`),
    contenu,
    Buffer.from(`\r\n--${frontiere}--\r\n`),
  ])
  return fetch(`${s.url}/api/documents`, {
    method: 'POST',
    headers: { ...auth[qui], 'Content-Type': `multipart/form-data; boundary=${frontiere}` },
    body: corps,
  })
}

/** The French message of an error answer. */
async function messageErreur(res: Response): Promise<string> {
  const texte = await res.text()
  try {
    const body = JSON.parse(texte) as { errors?: { message?: string }[] }
    return (body.errors ?? []).map((e) => e.message ?? '').join(' ')
  } catch {
    return texte
  }
}

/** Runs an attempt and checks: the expected status, a French message, and nothing stored. */
async function refuseSansRienStocker(tentative: () => Promise<Response>, statut: number, motif: RegExp): Promise<void> {
  const lignes = (await payload.count({ collection: 'documents' })).totalDocs
  const fichiers = fichiersStockes()
  const res = await tentative()
  const message = await messageErreur(res)
  expect({ statut: res.status, message }).toEqual({ statut, message: expect.stringMatching(motif) })
  expect(message).not.toMatch(/Something went wrong|not allowed to perform/i)
  expect((await payload.count({ collection: 'documents' })).totalDocs).toBe(lignes)
  expect(fichiersStockes()).toEqual(fichiers)
}

describe('dépôts refusés : message français, statut juste, rien de stocké', () => {
  it('HTML renommé « .pdf » et déclaré application/pdf → 415', async () => {
    await refuseSansRienStocker(
      () => televerser('userA', HTML_DEGUISE, 'devis.pdf', 'application/pdf', { dossier: dossierA.id, documentType: 'devis' }),
      415,
      /seuls les PDF, PNG et JPEG/,
    )
  })

  it('un « passwd » (texte) nommé ../../etc/passwd → 415 (le contenu est vérifié avant tout)', async () => {
    await refuseSansRienStocker(
      () => televerserBrut('userA', Buffer.from('root:x:0:0:root:/root:/bin/bash\n'), '../../etc/passwd', { dossier: dossierA.id }),
      415,
      /Type de fichier refusé/,
    )
  })

  it('un fichier vide → 400', async () => {
    await refuseSansRienStocker(() => televerser('userA', Buffer.alloc(0), 'vide.pdf', 'application/pdf', { dossier: dossierA.id }), 400, /vide/)
  })

  it('un fichier de 11 Mo → 413', async () => {
    await refuseSansRienStocker(
      () => televerser('userA', pdfDeTaille(11 * 1024 * 1024), 'gros.pdf', 'application/pdf', { dossier: dossierA.id }),
      413,
      /volumineuse|10 Mo/,
    )
  })

  it('un fichier de 10 Mo + 1 octet → 413', async () => {
    await refuseSansRienStocker(
      () => televerser('userA', pdfDeTaille(TAILLE_MAX_DOCUMENT + 1), 'juste-trop.pdf', 'application/pdf', { dossier: dossierA.id }),
      413,
      /10 Mo/,
    )
  })

  it.each([
    ['un chemin relatif', '../../etc/passwd', /chemin/],
    ['un chemin relatif avec extension', '../../../../tmp/devis.pdf', /chemin/],
    ['un chemin Windows', '..\\..\\Windows\\win.ini', /chemin/],
    ['un chemin absolu', '/etc/passwd', /chemin/],
    // Written raw, the parser refuses the part header itself; encoded (RFC 5987), it reaches our check.
    ['un octet NUL', 'devis.pdf\u0000.html', /mal formé|contrôle/],
    ['un octet NUL encodé', "filename*=UTF-8''devis.pdf%00.html", /contrôle/],
    ['un chemin encodé', "filename*=UTF-8''..%2F..%2Fetc%2Fpasswd", /chemin/],
    ['un retour à la ligne encodé', "filename*=UTF-8''devis%0D%0A.pdf", /contrôle/],
    ['une inversion de sens d’écriture', 'facture\u202Efdp.exe', /contrôle/],
    ['un nom de 300 caractères', `${'a'.repeat(296)}.pdf`, /200 caractères/],
    ['<script> dans le nom', '<script>alert(1)<\\script>.pdf', /interdits|chemin/],
    ['une balise dans le nom', '<img src=x onerror=alert(1)>.pdf', /interdits/],
    ['un nom réservé Windows', 'CON.pdf', /réservé par Windows/],
    ['un nom réservé Windows sans extension', 'nul', /réservé par Windows/],
    ['un nom réservé Windows (port série)', 'COM1.pdf', /réservé par Windows/],
  ])('un vrai PDF nommé avec %s → 400', async (_cas, nom, motif) => {
    await refuseSansRienStocker(() => televerserBrut('userA', PDF_MINIMAL, nom, { dossier: dossierA.id, documentType: 'devis' }), 400, motif)
  })

  it('le dossier d’un autre utilisateur → 403', async () => {
    await refuseSansRienStocker(() => televerser('userA', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: dossierB.id }), 403, /Dossier introuvable/)
  })

  it('un dossier qui n’existe pas → 403 pour un bénéficiaire (comme celui d’un autre), 400 pour un admin', async () => {
    await refuseSansRienStocker(() => televerser('userA', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: 99999999 }), 403, /Dossier introuvable/)
    await refuseSansRienStocker(() => televerser('admin', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: 99999999 }), 400, /Dossier/)
  })

  it('un identifiant de dossier absurde → 4xx, jamais 500', async () => {
    // A malformed id says nothing about which dossiers exist: a plain 400 on its format, for everyone.
    await refuseSansRienStocker(() => televerser('userA', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: "1' OR 1=1 --" }), 400, /Identifiant invalide/)
    await refuseSansRienStocker(() => televerser('admin', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: 'abc' }), 400, /./)
  })

  it('aucun dossier → 400', async () => {
    await refuseSansRienStocker(() => televerser('userA', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { documentType: 'devis' }), 400, /dossier est obligatoire/)
  })

  it('aucun fichier → 400', async () => {
    await refuseSansRienStocker(
      () => fetch(`${s.url}/api/documents`, { method: 'POST', headers: { ...auth.userA, 'Content-Type': 'application/json' }, body: JSON.stringify({ dossier: dossierA.id }) }),
      400,
      /Aucun fichier/,
    )
  })

  it('un utilisateur OPCO → 403', async () => {
    await refuseSansRienStocker(() => televerser('opcoA', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: dossierEnvoyeA.id }), 403, /autorisé/)
  })

  it('un anonyme → 403', async () => {
    await refuseSansRienStocker(() => televerser('anonyme', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: dossierA.id }), 403, /autorisé/)
  })

  it('un bénéficiaire qui impose l’origine, l’empreinte, l’auteur, le nom ou l’emplacement du fichier → 403', async () => {
    for (const champ of [{ origin: 'generated' }, { sha256: '0'.repeat(64) }, { uploadedBy: monde.userB.id }, { version: 7 }, { prefix: '../autre' }, { mimeType: 'text/html' }]) {
      await refuseSansRienStocker(() => televerser('userA', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: dossierA.id, ...champ }), 403, /pas le droit/)
    }
  })

  it('dupliquer un document est impossible (la copie porterait un fichier non revérifié)', async () => {
    const res = await televerser('userA', PDF_MINIMAL, 'original.pdf', 'application/pdf', { dossier: dossierA.id })
    const { doc } = (await res.json()) as { doc: { id: Id } }
    for (const qui of ['userA', 'admin'] as const) {
      await refuseSansRienStocker(
        () => fetch(`${s.url}/api/documents/${doc.id}/duplicate`, { method: 'POST', headers: { ...auth[qui], 'Content-Type': 'application/json' }, body: '{}' }),
        404,
        // Payload's own answer for a route that does not exist.
        /.*/,
      )
    }
  })

  it('un nom de fichier avec chemin glissé dans les données → 400', async () => {
    await refuseSansRienStocker(() => televerser('userA', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: dossierA.id, filename: '../../x.pdf' }), 400, /chemin/)
  })

  it('une URL à télécharger côté serveur au lieu d’un fichier → 400, rien n’est récupéré', async () => {
    await refuseSansRienStocker(
      () =>
        fetch(`${s.url}/api/documents`, {
          method: 'POST',
          headers: { ...auth.userA, 'Content-Type': 'application/json' },
          body: JSON.stringify({ dossier: dossierA.id, filename: 'sante.pdf', url: `${s.url}/api/health` }),
        }),
      400,
      /Aucun fichier/,
    )
  })

  it('récupérer un fichier par URL côté serveur est désactivé', async () => {
    const res = await fetch(`${s.url}/api/documents/paste-url?src=${encodeURIComponent(`${s.url}/api/health`)}`, { headers: auth.userA })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })
})

describe('dépôt accepté', () => {
  it('stocke un nom nettoyé et imprévisible, l’empreinte des octets, et le fichier lui-même', async () => {
    const avant = fichiersStockes()
    const res = await televerser('userA', PDF_MINIMAL, 'Devis été 2027 (signé).pdf', 'application/pdf', { dossier: dossierA.id, documentType: 'devis' })
    expect(res.status).toBe(201)
    const { doc } = (await res.json()) as { doc: { id: Id; filename: string; sha256: string; mimeType: string; origin: string; uploadedBy: unknown; filesize: number } }
    expect(doc.filename).toMatch(/^Devis-ete-2027-signe-[0-9a-f]{8}\.pdf$/)
    expect(doc).toMatchObject({ sha256: sha256(PDF_MINIMAL), mimeType: 'application/pdf', origin: 'uploaded', filesize: PDF_MINIMAL.length })
    expect(String((doc.uploadedBy as { id?: Id })?.id ?? doc.uploadedBy)).toBe(String(monde.userA.id))
    expect(fichiersStockes()).toEqual([...avant, path.join('documents', doc.filename)].sort())
    expect(fs.readFileSync(path.join(dossierDesFichiers(), doc.filename)).equals(PDF_MINIMAL)).toBe(true)
  })

  it('accepte un PDF de 10 Mo exactement', async () => {
    const contenu = pdfDeTaille(TAILLE_MAX_DOCUMENT)
    const res = await televerser('userA', contenu, 'programme.pdf', 'application/pdf', { dossier: dossierA.id, documentType: 'programme' })
    expect(res.status).toBe(201)
    const { doc } = (await res.json()) as { doc: { filename: string; sha256: string } }
    expect(doc.sha256).toBe(sha256(contenu))
    expect(fs.statSync(path.join(dossierDesFichiers(), doc.filename)).size).toBe(TAILLE_MAX_DOCUMENT)
  })

  it('un PNG nommé .pdf est enregistré comme PNG', async () => {
    const res = await televerser('userA', PNG_MINIMAL, 'scan.pdf', 'application/pdf', { dossier: dossierA.id })
    expect(res.status).toBe(201)
    const { doc } = (await res.json()) as { doc: { filename: string; mimeType: string } }
    expect(doc.mimeType).toBe('image/png')
    expect(doc.filename).toMatch(/^scan-[0-9a-f]{8}\.png$/)
  })

  it('deux dépôts simultanés du même nom ne s’écrasent pas', async () => {
    const premier = PDF_MINIMAL
    const second = Buffer.from(PDF_MINIMAL.toString('latin1').replace('%PDF-1.4', '%PDF-1.7'), 'latin1')
    const reponses = await Promise.all([premier, second].map((c) => televerser('userA', c, 'devis.pdf', 'application/pdf', { dossier: dossierA.id })))
    expect(reponses.map((r) => r.status)).toEqual([201, 201])
    const docs = (await Promise.all(reponses.map((r) => r.json()))) as { doc: { filename: string; sha256: string } }[]
    expect(docs[0]!.doc.filename).not.toBe(docs[1]!.doc.filename)
    for (const [i, contenu] of [premier, second].entries()) {
      expect(docs[i]!.doc.sha256).toBe(sha256(contenu))
      expect(fs.readFileSync(path.join(dossierDesFichiers(), docs[i]!.doc.filename)).equals(contenu)).toBe(true)
    }
  })
})

describe('fichiers servis seulement à qui peut lire le dossier', () => {
  let fichierA: string
  let fichierEnvoye: string

  beforeAll(async () => {
    const res = await televerser('userA', PDF_MINIMAL, 'devis.pdf', 'application/pdf', { dossier: dossierA.id, documentType: 'devis' })
    fichierA = ((await res.json()) as { doc: { filename: string } }).doc.filename
    const envoye = await payload.create({
      collection: 'documents',
      data: { dossier: dossierEnvoyeA.id, documentType: 'convention', origin: 'generated' } as never,
      file: { data: PDF_MINIMAL, mimetype: 'application/pdf', name: 'convention-envoyee.pdf', size: PDF_MINIMAL.length },
    })
    fichierEnvoye = String(envoye.filename)
  })

  const lire = (qui: Qui, nom: string, extra: RequestInit = {}) =>
    fetch(`${s.url}/api/documents/file/${encodeURIComponent(nom)}`, { ...extra, headers: { ...auth[qui], ...(extra.headers as Record<string, string>) } })

  it.each(['userA', 'admin'] as const)('%s lit le fichier d’un dossier en brouillon (mêmes octets, type vérifié, pas de cache partagé)', async (qui) => {
    const res = await lire(qui, fichierA)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cache-control')).toMatch(/private/)
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF_MINIMAL)).toBe(true)
  })

  it.each(['userB', 'opcoA', 'opcoB', 'anonyme'] as const)('%s reçoit 403 pour le fichier d’un brouillon de A', async (qui) => {
    const res = await lire(qui, fichierA)
    expect(res.status).toBe(403)
    expect(await messageErreur(res)).toMatch(/autorisé/)
  })

  it('une fois le dossier envoyé, son OPCO lit ses fichiers, l’autre OPCO non', async () => {
    for (const [qui, statut] of [['opcoA', 200], ['userA', 200], ['admin', 200], ['opcoB', 403], ['userB', 403], ['anonyme', 403]] as const) {
      const res = await lire(qui, fichierEnvoye)
      expect({ qui, statut: res.status }).toEqual({ qui, statut })
      if (statut === 200) expect(Buffer.from(await res.arrayBuffer()).equals(PDF_MINIMAL)).toBe(true)
      else await res.arrayBuffer()
    }
  })

  it('deviner un nom donne la même réponse qu’un fichier interdit ; un admin reçoit 404', async () => {
    for (const nom of ['devis.pdf', 'devis-00000000.pdf', 'inexistant.pdf', `${fichierA}.bak`]) {
      for (const qui of ['userA', 'userB', 'opcoA', 'anonyme'] as const) expect({ nom, qui, statut: (await lire(qui, nom)).status }).toEqual({ nom, qui, statut: 403 })
      const admin = await lire('admin', nom)
      expect(admin.status).toBe(404)
      expect(await messageErreur(admin)).toBe('Fichier introuvable.')
    }
  })

  it('un fichier présent sur le disque mais sans document n’est servi à personne', async () => {
    fs.writeFileSync(path.join(dossierDesFichiers(), 'orphelin.pdf'), PDF_MINIMAL)
    for (const qui of ['userA', 'opcoA', 'anonyme'] as const) expect((await lire(qui, 'orphelin.pdf')).status).toBe(403)
    expect((await lire('admin', 'orphelin.pdf')).status).toBe(404)
  })

  it('un document dont le fichier a disparu répond 404, jamais 500', async () => {
    const res = await televerser('userA', PDF_MINIMAL, 'perdu.pdf', 'application/pdf', { dossier: dossierA.id })
    const { doc } = (await res.json()) as { doc: { filename: string } }
    fs.rmSync(path.join(dossierDesFichiers(), doc.filename))
    for (const qui of ['userA', 'admin'] as const) {
      const r = await lire(qui, doc.filename)
      expect(r.status).toBe(404)
      expect(await messageErreur(r)).toBe('Fichier introuvable.')
    }
  })

  it('une demande partielle (Range) suit les mêmes droits', async () => {
    expect((await lire('userB', fichierA, { headers: { Range: 'bytes=0-3' } })).status).toBe(403)
    const res = await lire('userA', fichierA, { headers: { Range: 'bytes=0-3' } })
    expect(res.status).toBe(206)
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toBe('%PDF')
  })

  it('aucune traversée de répertoire par l’URL du fichier', async () => {
    const secret = fs.readFileSync('package.json')
    for (const chemin of [
      `/api/documents/file/..%2F..%2F..%2Fpackage.json`,
      `/api/documents/file/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json`,
      `/api/documents/file/..%5C..%5C..%5Cpackage.json`,
      `/api/documents/file/${encodeURIComponent(fichierA)}?prefix=..%2F..%2F..`,
    ]) {
      for (const qui of ['admin', 'userA'] as const) {
        const res = await fetch(`${s.url}${chemin}`, { headers: auth[qui] })
        const corps = Buffer.from(await res.arrayBuffer())
        expect({ chemin, qui, refuse: res.status >= 400 && res.status < 500 }).toEqual({ chemin, qui, refuse: true })
        expect(corps.includes(secret.subarray(0, 40))).toBe(false)
      }
    }
  })

  it('le dossier de stockage n’est jamais servi directement', async () => {
    for (const chemin of [
      `/data/uploads/documents/${fichierA}`,
      `/uploads/documents/${fichierA}`,
      `/documents/${fichierA}`,
      `/${fichierA}`,
      `/media/${fichierA}`,
      `/api/documents/${fichierA}`,
    ]) {
      for (const qui of ['userA', 'admin', 'anonyme'] as const) {
        const res = await fetch(`${s.url}${chemin}`, { headers: auth[qui] })
        const corps = Buffer.from(await res.arrayBuffer())
        expect({ chemin, qui, ok: res.status >= 400 && res.status < 500 }).toEqual({ chemin, qui, ok: true })
        expect(corps.includes(Buffer.from('%PDF-'))).toBe(false)
      }
    }
  })

  it('l’URL renvoyée par l’API est la route contrôlée, et la fiche d’un autre reste invisible', async () => {
    const liste = (await (await fetch(`${s.url}/api/documents?limit=100&depth=0`, { headers: auth.userA })).json()) as { docs: { url: string; filename: string }[] }
    const doc = liste.docs.find((d) => d.filename === fichierA)!
    expect(doc.url).toMatch(new RegExp(`/api/documents/file/${fichierA.replace('.', '\\.')}$`))
    const autre = (await (await fetch(`${s.url}/api/documents?limit=100&depth=0`, { headers: auth.userB })).json()) as { docs: { filename: string }[] }
    expect(autre.docs.map((d) => d.filename)).not.toContain(fichierA)
  })

  it('supprimer le document (admin) supprime son fichier', async () => {
    const res = await televerser('userA', PDF_MINIMAL, 'a-supprimer.pdf', 'application/pdf', { dossier: dossierA.id })
    const { doc } = (await res.json()) as { doc: { id: Id; filename: string } }
    expect(fs.existsSync(path.join(dossierDesFichiers(), doc.filename))).toBe(true)
    expect((await fetch(`${s.url}/api/documents/${doc.id}`, { method: 'DELETE', headers: auth.userA })).status).toBe(403)
    expect((await fetch(`${s.url}/api/documents/${doc.id}`, { method: 'DELETE', headers: auth.admin })).status).toBe(200)
    expect(fs.existsSync(path.join(dossierDesFichiers(), doc.filename))).toBe(false)
    expect((await lire('userA', doc.filename)).status).toBe(403)
  })
})
