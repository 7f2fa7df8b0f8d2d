import crypto from 'node:crypto'
import { Readable, Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Transform as Json2Csv } from '@json2csv/node'
import { ZipArchive } from 'archiver'
import type { PayloadRequest } from 'payload'
import { idOf, roleOf } from '@/src/access/roles'
import { env } from '@/src/config/env'
import {
  COLONNES_JOURNAL,
  COLONNES_MANIFESTE,
  construireManifeste,
  contenuEml,
  dedoublonner,
  dernieresVersions,
  emailDuParcours,
  lignesJournal,
  lignesManifeste,
  nomArchive,
  nomDocument,
  nomEmail,
  type DocumentArchivable,
  type FichierManifeste,
  type Manifeste,
} from '@/src/domain/archiveDossier'
import { libelleTypeDocument } from '@/src/domain/documents/categories'
import type { Document, Dossier, Email, User } from '@/src/payload-types'
import { documentsLisiblesDuDossier } from './documents'
import { lecteurFichiers } from './fichiersDocuments'
import { journaliserSortie } from './rapports/exports'
import { historiqueDuDossier } from './workflow'

/**
 * GET /api/dossiers/:id/archive — everything an OPCO control or a Qualiopi audit asks for about
 * one dossier, as one ZIP written as a stream: the latest version of every document the caller
 * may read (uploaded and generated, read from the storage in use one after the other, never all
 * in memory), the e-mails sent about it (.eml with their delivery status), its journal (CSV) and
 * a manifest (sha256, size, origin of each file) written last, from the hashes computed while
 * each file went through. The download is audit-logged before the first byte leaves.
 */

export interface ArchiveDossier {
  nom: string
  flux: Readable
}

/** Counts and hashes what goes through, unchanged. */
class Empreinte extends Transform {
  private readonly h = crypto.createHash('sha256')
  octets = 0
  sha256 = ''
  override _transform(morceau: Buffer, _enc: BufferEncoding, fin: TransformCallback): void {
    this.h.update(morceau)
    this.octets += morceau.length
    fin(null, morceau)
  }
  override _flush(fin: TransformCallback): void {
    this.sha256 = this.h.digest('hex')
    fin()
  }
}

type DocumentLu = DocumentArchivable & Pick<Document, 'filename' | 'prefix' | 'sha256' | 'createdAt'>

const CSV = { delimiter: ';', withBOM: true, eol: '\r\n' } as const

const csv = (colonnes: readonly string[], lignes: Record<string, string>[]): Readable =>
  Readable.from(lignes, { objectMode: true }).pipe(new Json2Csv({ fields: [...colonnes], ...CSV }, {}, { objectMode: true }))

/** The documents of the dossier the caller may read, with the generation each one came from. */
async function documentsDuDossier(req: PayloadRequest, user: User, dossier: Dossier): Promise<DocumentLu[]> {
  const docs = await documentsLisiblesDuDossier(req, user, dossier.id, {
    documentType: true,
    origin: true,
    version: true,
    filename: true,
    prefix: true,
    sha256: true,
    generation: true,
    createdAt: true,
  })
  const idsGenerations = [...new Set(docs.map((d) => idOf(d.generation)).filter((i): i is number => i !== null))]
  // The version series of a generated document (its type, its invoice): server data, read for the rows above only.
  const generations = idsGenerations.length
    ? (await req.payload.find({ collection: 'generations', where: { id: { in: idsGenerations } }, pagination: false, depth: 0, overrideAccess: true, req, select: { documentType: true, facture: true } })).docs
    : []
  const parId = new Map(generations.map((g) => [g.id, { id: g.id, documentType: g.documentType ?? null, facture: idOf(g.facture) }]))
  return docs.map((d) => ({
    id: d.id,
    documentType: d.documentType ?? null,
    origin: d.origin ?? null,
    version: d.version ?? null,
    filename: d.filename ?? null,
    prefix: d.prefix ?? null,
    sha256: d.sha256 ?? null,
    createdAt: d.createdAt,
    generation: parId.get(idOf(d.generation) ?? -1) ?? null,
  }))
}

/** The outbox rows of the dossier: every one for admins, the workflow's for OPCO users. */
async function emailsDuDossier(req: PayloadRequest, user: User, dossier: Dossier): Promise<{ inclus: Email[]; nonInclus: number }> {
  const r = await req.payload.find({ collection: 'emails', where: { dossier: { equals: dossier.id } }, pagination: false, depth: 0, overrideAccess: true, req, sort: 'createdAt' })
  const inclus = roleOf(user) === 'admin' ? r.docs : r.docs.filter((e) => emailDuParcours(e.template))
  return { inclus, nonInclus: r.docs.length - inclus.length }
}

const libelleDemandeur = (user: User): string => {
  const nom = [user.prenom, user.nom].filter((x) => typeof x === 'string' && x.trim() !== '').join(' ')
  return `${nom === '' ? `utilisateur ${String(user.id)}` : nom} (${String(roleOf(user) ?? 'inconnu')})`
}

export async function archiverDossier(req: PayloadRequest, user: User, dossier: Dossier, maintenant = new Date()): Promise<ArchiveDossier> {
  const e = env()
  const lecteur = lecteurFichiers(e)
  let prete = false
  try {
    const documents = dernieresVersions(await documentsDuDossier(req, user, dossier))
    const noms = dedoublonner(documents.map((d) => `documents/${nomDocument(d)}`))
    const aEcrire: { doc: DocumentLu; chemin: string }[] = []
    const absents: Manifeste['absents'] = []
    for (const [i, doc] of documents.entries()) {
      // Checked before the first byte: a file missing from the storage is listed, not a broken ZIP.
      if ((await lecteur.taille(doc)) === null) absents.push({ id: doc.id, nom: noms[i]!, raison: 'fichier absent du stockage' })
      else aEcrire.push({ doc, chemin: noms[i]! })
    }
    const emails = await emailsDuDossier(req, user, dossier)
    const nomsEmails = dedoublonner(emails.inclus.map((m) => `emails/${nomEmail(m)}`))
    const journal = lignesJournal(await historiqueDuDossier(req, user, dossier))
    const nom = nomArchive(dossier.reference, dossier.id, maintenant)

    await journaliserSortie(req, 'dossiers', dossier.id, {
      etape: 'archive',
      fichier: nom,
      documents: aEcrire.map((a) => a.doc.id),
      absents: absents.map((a) => a.id),
      emails: emails.inclus.map((m) => m.id),
      lignesJournal: journal.length,
    })

    const zip = new ZipArchive({ zlib: { level: 6 } })
    const fichiers: FichierManifeste[] = []
    let interrompue: Error | null = null
    let fermee = false
    // The client went away (or the stream failed): stop reading files.
    zip.once('close', () => {
      fermee = true
      interrompue ??= new Error('archive interrompue')
    })
    // Always listened to: an error between two entries must not be an uncaught 'error' event.
    zip.on('error', (err: Error) => (interrompue ??= err))

    /** One entry at a time: the next file is opened only once the previous one is in the ZIP. */
    const ajouter = (source: Readable | Buffer, chemin: string, date: Date, stocker: boolean): Promise<void> =>
      new Promise((resolve, reject) => {
        const fini = () => {
          zip.off('entry', surEntree)
          zip.off('error', surErreur)
          zip.off('close', surFermeture)
        }
        const surEntree = (d: { name: string }) => {
          if (d.name !== chemin) return
          fini()
          resolve()
        }
        const surErreur = (err: Error) => {
          fini()
          reject(err)
        }
        const surFermeture = () => surErreur(new Error('archive interrompue'))
        zip.on('entry', surEntree)
        zip.on('error', surErreur)
        zip.on('close', surFermeture)
        zip.append(source, { name: chemin, date, store: stocker })
      })

    /** A file passed through the hash: its entry in the manifest once it is in the ZIP. */
    const ajouterHache = async (source: Readable, chemin: string, date: Date, stocker: boolean, origine: FichierManifeste['origine'], extra: Partial<FichierManifeste> = {}) => {
      const empreinte = new Empreinte()
      const passage = pipeline(source, empreinte).catch((err: unknown) => {
        empreinte.destroy(err as Error)
        throw err
      })
      passage.catch(() => undefined)
      try {
        await ajouter(empreinte, chemin, date, stocker)
        await passage
      } catch (err) {
        source.destroy()
        throw err
      }
      const entree: FichierManifeste = { chemin, sha256: empreinte.sha256, octets: empreinte.octets, origine, ...extra }
      fichiers.push(entree)
      return entree
    }

    const produire = async (): Promise<void> => {
      for (const { doc, chemin } of aEcrire) {
        if (interrompue) throw interrompue
        const date = new Date(doc.createdAt ?? maintenant)
        const source = await lecteur.ouvrir(doc)
        const libelle = `${libelleTypeDocument(String(doc.documentType ?? 'autre'))}${doc.origin === 'generated' ? ` (généré, version ${String(doc.version ?? 1)})` : ' (déposé)'}`
        const entree = await ajouterHache(source, chemin, date, true, { collection: 'documents', id: doc.id, description: libelle }, { sha256Enregistre: doc.sha256 ?? null })
        // The file read now against the hash recorded when it was stored.
        entree.identique = doc.sha256 ? doc.sha256 === entree.sha256 : null
      }
      const expediteur = { nom: e.emails.fromName, adresse: e.emails.fromAddress }
      for (const [i, m] of emails.inclus.entries()) {
        if (interrompue) throw interrompue
        const texte = Buffer.from(contenuEml(m, expediteur), 'utf8')
        await ajouterHache(Readable.from([texte]), nomsEmails[i]!, new Date(m.createdAt), false, { collection: 'emails', id: m.id, description: `E-mail « ${m.subject} » (${m.template})` })
      }
      await ajouterHache(csv(COLONNES_JOURNAL, journal), 'journal.csv', maintenant, false, { collection: null, id: null, description: 'Journal du dossier (étapes, documents, messages, e-mails)' })
      const manifeste = construireManifeste(
        {
          dossier: { id: dossier.id, reference: dossier.reference ?? null },
          demandePar: { id: user.id, role: String(roleOf(user)), libelle: libelleDemandeur(user) },
          fichiers,
          absents,
          emailsNonInclus: emails.nonInclus,
        },
        maintenant,
      )
      // The manifests describe every other file; they come last, once every hash is known.
      await ajouter(csv(COLONNES_MANIFESTE, lignesManifeste(manifeste)), 'manifest.csv', maintenant, false)
      await ajouter(Buffer.from(`${JSON.stringify(manifeste, null, 2)}\n`, 'utf8'), 'manifest.json', maintenant, false)
      await zip.finalize()
    }

    void produire()
      .catch((err: unknown) => {
        // The client leaving is no incident; a file that cannot be read is.
        if (!fermee) req.payload.logger.error({ err, msg: 'Archive du dossier interrompue', dossier: dossier.id })
        // A ZIP without its end is unreadable: the client sees a failed download, never a partial archive that looks whole.
        zip.destroy(err as Error)
      })
      .finally(() => lecteur.fermer())
    prete = true
    return { nom, flux: zip as unknown as Readable }
  } finally {
    if (!prete) lecteur.fermer()
  }
}
