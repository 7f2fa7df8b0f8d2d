import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { once } from 'node:events'
import zlib from 'node:zlib'
import * as tar from 'tar-stream'
import { cheminSur, ecartsContenu, ErreurSauvegarde, lireManifeste, NOM_MANIFESTE, type Manifeste } from '@/src/domain/sauvegarde'

/**
 * The archive file itself: a gzip'd tar (tar-stream, the same package that tar-fs and the
 * Chromium/puppeteer dependencies install) written from a staging folder, and read back entry by
 * entry with every file's sha256 checked against the manifest.
 */

/** sha256 and size of a file, read as a stream (archives and documents may be large). */
export async function empreinteFichier(chemin: string): Promise<{ octets: number; sha256: string }> {
  const h = crypto.createHash('sha256')
  let octets = 0
  for await (const morceau of fs.createReadStream(chemin)) {
    h.update(morceau as Buffer)
    octets += (morceau as Buffer).length
  }
  return { octets, sha256: h.digest('hex') }
}

/** Every regular file under `racine`, as `/`-separated paths relative to it (symbolic links skipped). */
export function listerFichiers(racine: string): string[] {
  if (!fs.existsSync(racine)) return []
  const resultat: string[] = []
  const parcourir = (dossier: string, relatif: string) => {
    for (const e of fs.readdirSync(dossier, { withFileTypes: true })) {
      const rel = relatif === '' ? e.name : `${relatif}/${e.name}`
      if (e.isDirectory()) parcourir(path.join(dossier, e.name), rel)
      else if (e.isFile()) resultat.push(rel)
    }
  }
  parcourir(racine, '')
  return resultat.sort()
}

/**
 * Writes `manifest.json` then the manifest's files (read from `racine`) into `destination`
 * (.tar.gz). The caller writes to a temporary name and renames once this resolved.
 */
export async function ecrireArchive(destination: string, manifeste: Manifeste, racine: string): Promise<void> {
  const pack = tar.pack()
  const gzip = zlib.createGzip({ level: 6 })
  const sortie = fs.createWriteStream(destination, { mode: 0o600 })
  const fin = new Promise<void>((resolve, reject) => {
    sortie.on('close', resolve)
    for (const s of [pack, gzip, sortie] as NodeJS.EventEmitter[]) s.on('error', reject)
  })
  pack.pipe(gzip).pipe(sortie)
  const mtime = new Date(manifeste.creeLe)
  const ajouter = (nom: string, taille: number, contenu?: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const fini = (err?: Error | null) => (err ? reject(err) : resolve())
      const entete = { name: nom, size: taille, mode: 0o600, mtime }
      if (contenu) {
        pack.entry(entete, contenu, fini)
        return
      }
      const entree = pack.entry(entete, fini)
      void (async () => {
        try {
          for await (const morceau of fs.createReadStream(path.join(racine, nom))) {
            if (!entree.write(morceau as Buffer)) await once(entree as unknown as NodeJS.EventEmitter, 'drain')
          }
          ;(entree as unknown as NodeJS.WritableStream).end()
        } catch (err) {
          reject(err as Error)
        }
      })()
    })
  try {
    const texte = Buffer.from(`${JSON.stringify(manifeste, null, 2)}\n`)
    await ajouter(NOM_MANIFESTE, texte.length, texte)
    for (const f of manifeste.fichiers) await ajouter(f.chemin, f.octets)
    pack.finalize()
    await fin
  } catch (err) {
    pack.destroy()
    sortie.destroy()
    throw err
  }
}

const TAILLE_MAX_MANIFESTE = 64 * 1024 * 1024

/**
 * Reads an archive through, and refuses it unless it is whole and intact: valid gzip and tar,
 * a readable manifest, every listed file present with its size and sha256, nothing else, no path
 * outside the archive. With `extraireDans`, files are written there (a fresh, empty folder that
 * the caller removes); without, they are only hashed. Nothing outside that folder is ever written.
 */
export async function lireArchive(archive: string, extraireDans: string | null): Promise<Manifeste> {
  if (!fs.existsSync(archive) || !fs.statSync(archive).isFile()) throw new ErreurSauvegarde(`archive introuvable : ${archive}`)
  const extraction = tar.extract()
  const gunzip = zlib.createGunzip()
  const entree = fs.createReadStream(archive)
  let erreurFlux: Error | null = null
  const arreter = (err: Error) => {
    erreurFlux ??= err
    extraction.destroy(err)
  }
  entree.on('error', arreter)
  gunzip.on('error', arreter)
  entree.pipe(gunzip).pipe(extraction as unknown as NodeJS.WritableStream)

  let texteManifeste: string | null = null
  const trouves = new Map<string, { octets: number; sha256: string }>()
  try {
    for await (const fichier of extraction) {
      const { name, type, size } = fichier.header
      if (type === 'directory') {
        fichier.resume()
        continue
      }
      if (type !== 'file') throw new ErreurSauvegarde(`entrée refusée dans l'archive (${type}) : ${name}`)
      if (!cheminSur(name)) throw new ErreurSauvegarde(`chemin refusé dans l'archive : « ${name} »`)
      if (name === NOM_MANIFESTE) {
        if (texteManifeste !== null) throw new ErreurSauvegarde('manifest.json présent deux fois dans l’archive')
        if (size > TAILLE_MAX_MANIFESTE) throw new ErreurSauvegarde('manifest.json trop volumineux')
        const morceaux: Buffer[] = []
        for await (const m of fichier) morceaux.push(m as Buffer)
        texteManifeste = Buffer.concat(morceaux).toString('utf8')
        continue
      }
      if (trouves.has(name)) throw new ErreurSauvegarde(`fichier présent deux fois dans l'archive : ${name}`)
      const h = crypto.createHash('sha256')
      let octets = 0
      let sortie: fs.WriteStream | null = null
      if (extraireDans !== null) {
        const cible = path.join(extraireDans, ...name.split('/'))
        fs.mkdirSync(path.dirname(cible), { recursive: true })
        sortie = fs.createWriteStream(cible, { flags: 'wx', mode: 0o600 })
      }
      for await (const m of fichier) {
        h.update(m as Buffer)
        octets += (m as Buffer).length
        if (sortie && !sortie.write(m)) await once(sortie, 'drain')
      }
      if (sortie) {
        sortie.end()
        await once(sortie, 'close')
      }
      trouves.set(name, { octets, sha256: h.digest('hex') })
    }
  } catch (err) {
    if (err instanceof ErreurSauvegarde) throw err
    const cause = erreurFlux ?? (err as Error)
    throw new ErreurSauvegarde(`archive illisible ou tronquée (${messageFlux(cause)})`)
  }
  if (erreurFlux) throw new ErreurSauvegarde(`archive illisible ou tronquée (${messageFlux(erreurFlux)})`)
  if (texteManifeste === null) throw new ErreurSauvegarde("manifest.json absent de l'archive : ce n'est pas une sauvegarde MonOPCO, ou elle est incomplète")
  const manifeste = lireManifeste(texteManifeste)
  const ecarts = ecartsContenu(manifeste, trouves)
  if (ecarts.length > 0) throw new ErreurSauvegarde(`archive altérée, contenu différent du manifeste : ${ecarts.slice(0, 10).join(' ; ')}${ecarts.length > 10 ? ` (et ${ecarts.length - 10} autres)` : ''}`)
  return manifeste
}

function messageFlux(err: Error): string {
  const code = (err as { code?: string }).code
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || /incorrect header check|unexpected end of file/i.test(err.message)) return 'compression gzip invalide'
  return err.message
}
