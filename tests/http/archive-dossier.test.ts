/**
 * GET /api/dossiers/:id/archive over real HTTP (the built app), on the test's database (SQLite or
 * PostgreSQL): the ZIP is downloaded, unzipped, and checked against the stored files, the
 * outbox and the journal; who may download it; the audit entry; hostile ids.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import type { Payload } from 'payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { entetesDuMonde, demarrerServeur, type ActeurDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { PNG_MINIMAL, pdfDeTaille } from '@/tests/helpers/fichiers'
import type { Manifeste } from '@/src/domain/archiveDossier'

type Id = number
type Acteur = ActeurDuMonde | 'anonyme'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let entetes: Record<Acteur, Record<string, string>>
let dossier: { id: Id; reference?: string | null }
let autreDossier: { id: Id }
/** The documents of `dossier`, by role in the test. */
const docs: Record<string, { id: Id; filename: string }> = {}

const sha256 = (b: Buffer | Uint8Array) => crypto.createHash('sha256').update(b).digest('hex')
const fichierStocke = (filename: string) => fs.readFileSync(path.join(s.dossierFichiers, 'documents', filename))

async function deposer(dossierId: Id, documentType: string, nom: string, contenu: Buffer, extra: Record<string, unknown> = {}) {
  const d = await payload.create({
    collection: 'documents',
    data: { dossier: dossierId, documentType, ...extra } as never,
    file: { data: contenu, mimetype: nom.endsWith('.png') ? 'image/png' : 'application/pdf', name: nom, size: contenu.length },
  })
  return { id: d.id, filename: d.filename! }
}

async function genere(dossierId: Id, documentType: string, version: number, contenu: Buffer) {
  const g = await payload.create({ collection: 'generations', data: { dossier: dossierId, documentType, cle: `test:${documentType}:${version}:${dossierId}`, version, statut: 'genere' } as never })
  return deposer(dossierId, documentType, `${documentType}-v${version}.pdf`, contenu, { origin: 'generated', version, generation: g.id })
}

beforeAll(async () => {
  s = await demarrerServeur('archive-dossier')
  payload = s.payload
  monde = await creerMonde(payload)
  dossier = await creerDossier(payload, monde, 'A', 'envoye_opco')
  autreDossier = await creerDossier(payload, monde, 'A', 'envoye_opco')
  docs.conventionV1 = await genere(dossier.id, 'convention', 1, pdfDeTaille(3000, 'convention v1'))
  docs.conventionV2 = await genere(dossier.id, 'convention', 2, pdfDeTaille(3000, 'convention v2'))
  docs.demande = await genere(dossier.id, 'demande_prise_en_charge', 1, pdfDeTaille(2000, 'demande'))
  // Signed conventions, as the signature service stores them: no generation row, the version of the convention signed.
  docs.signeeV1 = await deposer(dossier.id, 'convention_signee', 'convention-signee-v1.pdf', pdfDeTaille(4000, 'signée v1'), { origin: 'generated', version: 1 })
  docs.signeeV2 = await deposer(dossier.id, 'convention_signee', 'convention-signee-v2.pdf', pdfDeTaille(4000, 'signée v2'), { origin: 'generated', version: 2 })
  docs.devis1 = await deposer(dossier.id, 'devis', 'devis.pdf', pdfDeTaille(5000, 'devis 1'))
  // Stored as an HTTP upload names it (random suffix): same readable name as the first one.
  docs.devis2 = await deposer(dossier.id, 'devis', 'devis-0a1b2c3d.pdf', pdfDeTaille(6000, 'devis 2'))
  docs.scan = await deposer(dossier.id, 'feuille_emargement', 'émargement signé.png', PNG_MINIMAL)
  await deposer(autreDossier.id, 'devis', 'devis-autre-dossier.pdf', pdfDeTaille(1000, 'autre'))
  const email = (template: string, subject: string, dossierId: Id, extra: Record<string, unknown> = {}) =>
    payload.create({ collection: 'emails', data: { to: 'claire@exemple.fr', template, subject, dossier: dossierId, text: `Texte de ${subject}`, html: `<p>${subject}</p>`, status: 'delivered', ...extra } as never })
  await email('dossier_valide', 'Votre dossier est validé', dossier.id, { sentAt: '2027-01-10T09:00:00.000Z' })
  await email('message_recu', 'Nouveau message sur votre dossier', dossier.id)
  await email('dossier_valide', 'Autre dossier validé', autreDossier.id)
  // A transition whose action reads like a spreadsheet formula: the CSV must neutralise it.
  await payload.create({
    collection: 'logs',
    data: { action: 'transition', collectionSlug: 'dossiers', documentId: String(dossier.id), actorLabel: 'test', changes: { action: '=HYPERLINK("http://x")', status: { avant: 'valide', apres: 'envoye_opco' } } },
  })
  entetes = await entetesDuMonde(s.url, monde)
})
afterAll(async () => s?.arreter())

const telecharger = (qui: Acteur, id: Id | string = dossier.id) => fetch(`${s.url}/api/dossiers/${id}/archive`, { headers: entetes[qui] })

const entreesArchive = async (qui: Acteur, id: Id | string = dossier.id) => {
  const res = await telecharger(qui, id)
  expect(res.status).toBe(200)
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
  const fichiers = new Map<string, Buffer>()
  for (const f of Object.values(zip.files)) if (!f.dir) fichiers.set(f.name, await f.async('nodebuffer'))
  const manifeste = JSON.parse(fichiers.get('manifest.json')!.toString('utf8')) as Manifeste
  return { res, fichiers, manifeste }
}

const archivesJournalisees = async (id: Id) =>
  (await payload.find({ collection: 'logs', where: { and: [{ action: { equals: 'export' } }, { collectionSlug: { equals: 'dossiers' } }, { documentId: { equals: String(id) } }] }, pagination: false, sort: 'createdAt', depth: 0 })).docs

describe('archive du dossier', () => {
  it('un ZIP en flux : dernière version de chaque document, octets identiques aux fichiers stockés, manifeste juste', async () => {
    const { res, fichiers, manifeste } = await entreesArchive('admin')
    expect(res.headers.get('content-type')).toBe('application/zip')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="archive-[A-Za-z0-9-]+-\d{4}-\d{2}-\d{2}\.zip"$/)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    // Streamed: the length is not known before the end.
    expect(res.headers.get('content-length')).toBeNull()

    const parDocument = new Map(manifeste.fichiers.filter((f) => f.origine.collection === 'documents').map((f) => [f.origine.id, f]))
    const attendus = [docs.conventionV2!, docs.signeeV2!, docs.demande!, docs.devis1!, docs.devis2!, docs.scan!]
    expect([...parDocument.keys()].sort()).toEqual(attendus.map((d) => d.id).sort())
    // The superseded versions are not in the archive.
    expect(parDocument.has(docs.conventionV1!.id)).toBe(false)
    expect(parDocument.has(docs.signeeV1!.id)).toBe(false)
    expect(parDocument.get(docs.signeeV2!.id)!.chemin).toBe('documents/Convention signée v2.pdf')
    for (const d of attendus) {
      const f = parDocument.get(d.id)!
      const stocke = fichierStocke(d.filename)
      const dansLeZip = fichiers.get(f.chemin)!
      expect([f.chemin, dansLeZip.equals(stocke)]).toEqual([f.chemin, true])
      expect(f.sha256).toBe(sha256(stocke))
      expect(f.octets).toBe(stocke.length)
      expect(f.identique).toBe(true)
      const enBase = await payload.findByID({ collection: 'documents', id: d.id })
      expect(f.sha256Enregistre).toBe(enBase.sha256)
    }
    // Every file but the manifests is listed, with a hash that matches its bytes.
    expect([...fichiers.keys()].filter((n) => !n.startsWith('manifest.')).sort()).toEqual(manifeste.fichiers.map((f) => f.chemin).sort())
    for (const f of manifeste.fichiers) expect([f.chemin, sha256(fichiers.get(f.chemin)!), fichiers.get(f.chemin)!.length]).toEqual([f.chemin, f.sha256, f.octets])

    // Readable French names, the two « devis.pdf » kept apart.
    expect(parDocument.get(docs.conventionV2!.id)!.chemin).toBe('documents/Convention de formation v2.pdf')
    expect(parDocument.get(docs.demande!.id)!.chemin).toBe('documents/Demande de prise en charge.pdf')
    expect(new Set([parDocument.get(docs.devis1!.id)!.chemin, parDocument.get(docs.devis2!.id)!.chemin])).toEqual(new Set(['documents/Devis - devis.pdf', 'documents/Devis - devis (2).pdf']))
    expect(parDocument.get(docs.scan!.id)!.chemin).toMatch(/^documents\/Feuille d’émargement - .+\.png$/)

    expect(manifeste).toMatchObject({ format: 'monopco-archive-dossier', dossier: { id: dossier.id, reference: dossier.reference }, demandePar: { id: monde.admin.id, role: 'admin' }, absents: [], emailsNonInclus: 0 })
    expect(manifeste.genereLe).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
    const csv = fichiers.get('manifest.csv')!.toString('utf8')
    for (const f of manifeste.fichiers) expect(csv).toContain(f.sha256)
  })

  it('le journal en CSV (séparateur ;, BOM, aucune formule) et les e-mails envoyés au sujet du dossier', async () => {
    const { fichiers, manifeste } = await entreesArchive('admin')
    const journal = fichiers.get('journal.csv')!.toString('utf8')
    expect(journal.charCodeAt(0)).toBe(0xfeff)
    const lignes = journal.slice(1).split('\r\n').filter((l) => l !== '')
    expect(lignes[0]).toBe('"Date (heure de Paris)";"Type";"Événement";"Détail"')
    expect(lignes.some((l) => l.includes('"Étape"') && l.includes('"\'=HYPERLINK(""http://x"")"') && l.includes('Validé → Envoyé à l\'OPCO'))).toBe(true)
    // Documents and e-mails of the dossier are in its journal too.
    expect(lignes.filter((l) => l.includes('"Document"')).length).toBe(8)
    expect(lignes.filter((l) => l.includes('"E-mail"')).length).toBe(2)
    expect(lignes.some((l) => /^"[=+\-@]/.test(l.split(';')[2] ?? ''))).toBe(false)

    const emails = [...fichiers.keys()].filter((n) => n.startsWith('emails/'))
    expect(emails).toHaveLength(2)
    const valide = emails.find((n) => n.endsWith('Votre dossier est validé.eml'))!
    const eml = fichiers.get(valide)!.toString('utf8')
    expect(eml).toContain('To: claire@exemple.fr')
    expect(eml).toContain('X-MonOPCO-Modele: dossier_valide')
    expect(eml).toContain('Texte de Votre dossier est validé')
    expect(eml).toMatch(/X-MonOPCO-Statut: =\?UTF-8\?B\?/)
    expect(manifeste.fichiers.filter((f) => f.origine.collection === 'emails')).toHaveLength(2)
    expect(emails.some((n) => n.includes('Autre dossier'))).toBe(false)
  })

  it('l’OPCO du dossier l’archive (sans les notifications de messages) ; les autres ont le 404 d’un dossier invisible, l’anonyme 401', async () => {
    const { fichiers, manifeste } = await entreesArchive('opcoA')
    expect(manifeste.demandePar).toMatchObject({ id: monde.opcoUserA.id, role: 'opco' })
    expect(manifeste.fichiers.filter((f) => f.origine.collection === 'documents')).toHaveLength(6)
    expect([...fichiers.keys()].filter((n) => n.startsWith('emails/'))).toEqual([expect.stringMatching(/Votre dossier est validé\.eml$/)])
    expect(manifeste.emailsNonInclus).toBe(1)

    const inaccessible = "Dossier introuvable ou vous n'y avez pas accès."
    const statuts: Record<string, number> = {}
    for (const qui of ['userA', 'userB', 'opcoB', 'anonyme'] as const) {
      const res = await telecharger(qui)
      statuts[qui] = res.status
      const corps = (await res.json()) as { errors: { message: string }[] }
      if (qui !== 'anonyme') expect(corps.errors[0]!.message).toBe(inaccessible)
    }
    // The beneficiary who owns the dossier too: the archive is for controls.
    expect(statuts).toEqual({ userA: 404, userB: 404, opcoB: 404, anonyme: 401 })
    // Same answer as a dossier that does not exist.
    const inexistant = await telecharger('opcoA', 999_999)
    expect(inexistant.status).toBe(404)
    expect(((await inexistant.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(inaccessible)
  })

  it('chaque téléchargement est journalisé (qui, quels fichiers) ; un refus n’écrit rien', async () => {
    const avant = await archivesJournalisees(dossier.id)
    const logsAvant = (await payload.count({ collection: 'logs' })).totalDocs
    for (const qui of ['userA', 'userB', 'opcoB', 'anonyme'] as const) await (await telecharger(qui)).text()
    expect((await payload.count({ collection: 'logs' })).totalDocs).toBe(logsAvant)
    await entreesArchive('opcoA')
    const apres = await archivesJournalisees(dossier.id)
    expect(apres).toHaveLength(avant.length + 1)
    const entree = apres[apres.length - 1]!
    expect(entree.actor).toBe(monde.opcoUserA.id)
    expect(entree.changes).toMatchObject({ etape: 'archive', fichier: expect.stringMatching(/^archive-.*\.zip$/), documents: expect.arrayContaining([docs.conventionV2!.id, docs.scan!.id]), absents: [] })
    // Append-only: the entry cannot be rewritten.
    await expect(payload.update({ collection: 'logs', id: entree.id, data: { actorLabel: 'x' } })).rejects.toThrow(/ajout seul/)
  })

  it('un fichier disparu du stockage est signalé dans le manifeste, l’archive reste lisible', async () => {
    const d = await creerDossier(payload, monde, 'A', 'envoye_opco')
    const garde = await deposer(d.id, 'programme', 'programme.pdf', pdfDeTaille(1500, 'programme'))
    const perdu = await deposer(d.id, 'devis', 'devis-perdu.pdf', pdfDeTaille(1500, 'perdu'))
    fs.rmSync(path.join(s.dossierFichiers, 'documents', perdu.filename))
    const { fichiers, manifeste } = await entreesArchive('admin', d.id)
    expect(manifeste.absents).toEqual([{ id: perdu.id, nom: expect.stringMatching(/^documents\/Devis - /), raison: 'fichier absent du stockage' }])
    expect(manifeste.fichiers.filter((f) => f.origine.collection === 'documents').map((f) => f.origine.id)).toEqual([garde.id])
    expect(fichiers.get(manifeste.fichiers[0]!.chemin)!.equals(fichierStocke(garde.filename))).toBe(true)
  })

  it('un dossier sans document ni e-mail : journal et manifeste seuls', async () => {
    const d = await creerDossier(payload, monde, 'A', 'envoye_opco')
    const { fichiers, manifeste } = await entreesArchive('admin', d.id)
    expect([...fichiers.keys()].sort()).toEqual(['journal.csv', 'manifest.csv', 'manifest.json'])
    expect(manifeste.fichiers.map((f) => f.chemin)).toEqual(['journal.csv'])
  })

  it('identifiants hostiles : 4xx en français, jamais 5xx, rien d’écrit', async () => {
    const logsAvant = (await payload.count({ collection: 'logs' })).totalDocs
    for (const id of ['abc', '-1', '1e3', '0', '%00', '%2E%2E', '9'.repeat(15), '9'.repeat(16), '9'.repeat(400), `${dossier.id}%20`, '1.5', '%27%20OR%201=1']) {
      for (const qui of ['admin', 'opcoA', 'userA'] as const) {
        const res = await telecharger(qui, id)
        expect([id, qui, res.status >= 400 && res.status < 500]).toEqual([id, qui, true])
        const corps = (await res.json()) as { errors?: { message?: string }[] }
        expect(typeof corps.errors?.[0]?.message).toBe('string')
      }
    }
    expect((await payload.count({ collection: 'logs' })).totalDocs).toBe(logsAvant)
  })
})
