import { formaterDateHeureParis } from './messagesNonLus'
/**
 * Backups, the pure part: the archive's name, its manifest (what it must contain, checked before
 * anything is restored and again after), and which archives a retention of N keeps.
 *
 * An archive is one `monopco-AAAAMMJJ-HHMMSS.tar.gz` (UTC) holding `manifest.json`, the database
 * (`base/monopco.sqlite`, SQLite's online backup, or `base/monopco.pgdump`, pg_dump's custom
 * format) and every stored file under `fichiers/` (local disk: its path under UPLOADS_DIR;
 * S3: `documents/<key without S3_PREFIX>`, so both stores restore into each other).
 */

export const FORMAT_SAUVEGARDE = 'monopco-sauvegarde'
export const VERSION_FORMAT_SAUVEGARDE = 1
export const NOM_MANIFESTE = 'manifest.json'
export const PREFIXE_FICHIERS = 'fichiers/'
export const CHEMIN_BASE = { sqlite: 'base/monopco.sqlite', postgres: 'base/monopco.pgdump' } as const

export type TypeBaseSauvegarde = keyof typeof CHEMIN_BASE
export type TypeStockageSauvegarde = 'local' | 's3'

export interface FichierManifeste {
  /** Path inside the archive (`base/…` or `fichiers/…`). */
  chemin: string
  octets: number
  sha256: string
  /** Content type of an S3 object, given back to it on restore. */
  type?: string
}

export interface Manifeste {
  format: typeof FORMAT_SAUVEGARDE
  version: typeof VERSION_FORMAT_SAUVEGARDE
  /** ISO 8601, UTC. */
  creeLe: string
  application: { nom: string; version: string }
  base: {
    type: TypeBaseSauvegarde
    /** The database file inside the archive. */
    fichier: string
    /** Rows per table, counted in the very snapshot that was saved. */
    tables: Record<string, number>
    /** payload_migrations names, in the order they ran. */
    migrations: string[]
  }
  stockage: { type: TypeStockageSauvegarde }
  /** Every file of the archive but the manifest itself: the database and the stored files. */
  fichiers: FichierManifeste[]
}

/** A backup that cannot be trusted or used; the message is for the operator, in French. */
export class ErreurSauvegarde extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ErreurSauvegarde'
  }
}

const deux = (n: number) => String(n).padStart(2, '0')

/** `monopco-20260314-021500.tar.gz` for 2026-03-14 02:15:00 UTC: names sort like their dates. */
export function nomArchive(date: Date): string {
  const j = `${date.getUTCFullYear()}${deux(date.getUTCMonth() + 1)}${deux(date.getUTCDate())}`
  const h = `${deux(date.getUTCHours())}${deux(date.getUTCMinutes())}${deux(date.getUTCSeconds())}`
  return `monopco-${j}-${h}.tar.gz`
}

const NOM_ARCHIVE = /^monopco-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.tar\.gz$/

/** The date a name from nomArchive() stands for; null for any other file. */
export function dateDeNomArchive(nom: string): Date | null {
  const m = NOM_ARCHIVE.exec(nom)
  if (!m) return null
  const [a, mo, j, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const d = new Date(Date.UTC(a, mo - 1, j, h, mi, s))
  return d.getUTCMonth() === mo - 1 && d.getUTCDate() === j && d.getUTCHours() === h && d.getUTCMinutes() === mi && d.getUTCSeconds() === s ? d : null
}

/** A free name: `monopco-…-2.tar.gz`, `-3`… when two backups start within the same second. */
export function nomArchiveLibre(date: Date, existe: (nom: string) => boolean): string {
  const base = nomArchive(date)
  if (!existe(base)) return base
  for (let i = 2; ; i++) {
    const nom = base.replace(/\.tar\.gz$/, `-${i}.tar.gz`)
    if (!existe(nom)) return nom
  }
}

const cleTri = (nom: string): [number, number] => {
  const m = NOM_ARCHIVE.exec(nom)
  return [dateDeNomArchive(nom)!.getTime(), m?.[7] ? Number(m[7]) : 1]
}

/**
 * Retention: among the files of the backup folder, the archives beyond the `garder` newest ones
 * (by the date in their name). Files that are not archives are never chosen.
 */
export function archivesASupprimer(noms: readonly string[], garder: number): string[] {
  if (!Number.isInteger(garder) || garder < 1) throw new ErreurSauvegarde(`nombre d'archives à garder invalide (${garder}) : au moins 1`)
  const archives = noms.filter((n) => dateDeNomArchive(n) !== null)
  archives.sort((a, b) => {
    const [ta, ia] = cleTri(a)
    const [tb, ib] = cleTri(b)
    return tb - ta || ib - ia
  })
  return archives.slice(garder)
}

/**
 * A path safe to write under a folder: relative, `/`-separated, no `.` or `..` segment, no
 * backslash or control character. An archive naming `../../etc/passwd` is refused, not obeyed.
 */
export function cheminSur(chemin: string): boolean {
  if (chemin === '' || chemin.length > 1024 || chemin.startsWith('/') || /[\\\u0000-\u001f]/.test(chemin)) return false
  return chemin.split('/').every((s) => s !== '' && s !== '.' && s !== '..')
}

export interface DonneesManifeste {
  creeLe: Date
  application: { nom: string; version: string }
  base: { type: TypeBaseSauvegarde; tables: Record<string, number>; migrations: string[] }
  stockage: { type: TypeStockageSauvegarde }
  fichiers: FichierManifeste[]
}

export function construireManifeste(d: DonneesManifeste): Manifeste {
  const fichier = CHEMIN_BASE[d.base.type]
  const fichiers = [...d.fichiers].sort((a, b) => (a.chemin < b.chemin ? -1 : a.chemin > b.chemin ? 1 : 0))
  for (const f of fichiers) {
    if (!cheminSur(f.chemin) || f.chemin === NOM_MANIFESTE) throw new ErreurSauvegarde(`chemin de fichier refusé dans la sauvegarde : « ${f.chemin} »`)
  }
  if (!fichiers.some((f) => f.chemin === fichier)) throw new ErreurSauvegarde(`la base (${fichier}) manque dans la sauvegarde`)
  const tables = Object.fromEntries(Object.entries(d.base.tables).sort(([a], [b]) => (a < b ? -1 : 1)))
  return {
    format: FORMAT_SAUVEGARDE,
    version: VERSION_FORMAT_SAUVEGARDE,
    creeLe: d.creeLe.toISOString(),
    application: d.application,
    base: { type: d.base.type, fichier, tables, migrations: [...d.base.migrations] },
    stockage: d.stockage,
    fichiers,
  }
}

const objet = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const entierPositif = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

/** Reads manifest.json's text; anything unexpected is refused with what is wrong. */
export function lireManifeste(texte: string): Manifeste {
  let brut: unknown
  try {
    brut = JSON.parse(texte)
  } catch {
    throw new ErreurSauvegarde('manifest.json illisible (JSON invalide)')
  }
  const faux = (quoi: string): never => {
    throw new ErreurSauvegarde(`manifest.json invalide : ${quoi}`)
  }
  if (!objet(brut)) return faux('un objet JSON est attendu')
  if (brut.format !== FORMAT_SAUVEGARDE) faux(`format « ${String(brut.format)} » inconnu (attendu ${FORMAT_SAUVEGARDE})`)
  if (brut.version !== VERSION_FORMAT_SAUVEGARDE) faux(`version ${String(brut.version)} non prise en charge (attendu ${VERSION_FORMAT_SAUVEGARDE})`)
  if (typeof brut.creeLe !== 'string' || Number.isNaN(Date.parse(brut.creeLe))) faux('date de création (creeLe) absente ou invalide')
  const app = brut.application
  if (!objet(app) || typeof app.nom !== 'string' || typeof app.version !== 'string') faux('application (nom, version) absente')
  const base = brut.base
  if (!objet(base) || (base.type !== 'sqlite' && base.type !== 'postgres')) return faux('type de base absent ou inconnu (sqlite ou postgres)')
  if (base.fichier !== CHEMIN_BASE[base.type]) faux(`fichier de la base inattendu « ${String(base.fichier)} »`)
  if (!objet(base.tables) || !Object.values(base.tables).every(entierPositif)) faux('nombres de lignes par table absents ou invalides')
  if (!Array.isArray(base.migrations) || !base.migrations.every((m) => typeof m === 'string')) faux('liste des migrations absente ou invalide')
  const stockage = brut.stockage
  if (!objet(stockage) || (stockage.type !== 'local' && stockage.type !== 's3')) faux('type de stockage absent ou inconnu (local ou s3)')
  if (!Array.isArray(brut.fichiers)) return faux('liste des fichiers absente')
  const vus = new Set<string>()
  for (const f of brut.fichiers as unknown[]) {
    if (!objet(f) || typeof f.chemin !== 'string' || !entierPositif(f.octets) || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) {
      faux('une entrée de la liste des fichiers est invalide (chemin, octets, sha256)')
    }
    const type = (f as { type?: unknown }).type
    if (type !== undefined && (typeof type !== 'string' || type.length > 200)) faux('type de contenu invalide dans la liste des fichiers')
    const { chemin } = f as { chemin: string }
    if (!cheminSur(chemin) || chemin === NOM_MANIFESTE) faux(`chemin de fichier refusé « ${chemin} »`)
    if (vus.has(chemin)) faux(`fichier « ${chemin} » listé deux fois`)
    vus.add(chemin)
  }
  if (!vus.has(base.fichier as string)) faux(`la base (${String(base.fichier)}) n'est pas dans la liste des fichiers`)
  return brut as unknown as Manifeste
}

/**
 * What an archive really holds against its manifest: every listed file present with its size and
 * sha256, nothing unlisted. One line per problem; empty when the archive is intact.
 */
export function ecartsContenu(manifeste: Manifeste, trouves: ReadonlyMap<string, { octets: number; sha256: string }>): string[] {
  const ecarts: string[] = []
  const attendus = new Set<string>()
  for (const f of manifeste.fichiers) {
    attendus.add(f.chemin)
    const t = trouves.get(f.chemin)
    if (!t) ecarts.push(`fichier manquant : ${f.chemin}`)
    else if (t.octets !== f.octets || t.sha256 !== f.sha256) ecarts.push(`empreinte différente : ${f.chemin}`)
  }
  for (const chemin of trouves.keys()) if (!attendus.has(chemin)) ecarts.push(`fichier non listé dans le manifeste : ${chemin}`)
  return ecarts
}

/** Rows per table found against the manifest's (tables missing on either side included). */
export function ecartsTables(attendues: Record<string, number>, trouvees: Record<string, number>): string[] {
  const ecarts: string[] = []
  for (const [table, n] of Object.entries(attendues)) {
    if (!(table in trouvees)) ecarts.push(`table manquante : ${table}`)
    else if (trouvees[table] !== n) ecarts.push(`${table} : ${trouvees[table]} lignes au lieu de ${n}`)
  }
  for (const table of Object.keys(trouvees)) if (!(table in attendues)) ecarts.push(`table absente du manifeste : ${table}`)
  return ecarts
}

/** The stored files a manifest lists, as paths relative to `fichiers/`. */
export const fichiersStockes = (manifeste: Manifeste): FichierManifeste[] =>
  manifeste.fichiers.filter((f) => f.chemin.startsWith(PREFIXE_FICHIERS)).map((f) => ({ ...f, chemin: f.chemin.slice(PREFIXE_FICHIERS.length) }))

/** What the last successful backup was, for the metric and the admin. */
export interface DerniereSauvegarde {
  /** ISO 8601. */
  date: string
  fichier: string
  octets: number
}

export function lireDerniereSauvegarde(v: unknown): DerniereSauvegarde | null {
  if (!objet(v) || typeof v.date !== 'string' || Number.isNaN(Date.parse(v.date)) || typeof v.fichier !== 'string' || !entierPositif(v.octets)) return null
  return { date: v.date, fichier: v.fichier, octets: v.octets }
}

/** Beyond this age the admin home warns: a nightly backup missed one night. */
export const AGE_MAX_SAUVEGARDE_HEURES = 26

/** `1,4 Mo`, `820 Ko`, `12 octets`: sizes as a French reader writes them. */
export function tailleFr(octets: number): string {
  if (octets < 1024) return `${octets} octet${octets > 1 ? 's' : ''}`
  const [valeur, unite] = octets < 1024 * 1024 ? [octets / 1024, 'Ko'] : octets < 1024 ** 3 ? [octets / 1024 ** 2, 'Mo'] : [octets / 1024 ** 3, 'Go']
  return `${valeur.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ${unite}`
}

/** The admin home's line about the last backup, and whether it calls for attention. */
export function etatDerniereSauvegarde(derniere: DerniereSauvegarde | null, maintenant: Date): { texte: string; alerte: boolean } {
  if (!derniere) return { texte: 'Aucune sauvegarde enregistrée : planifiez-la (BACKUP_CRON) ou lancez « npm run backup ».', alerte: true }
  const texte = `Dernière sauvegarde : ${formaterDateHeureParis(derniere.date)} (${tailleFr(derniere.octets)})`
  const ageHeures = (maintenant.getTime() - Date.parse(derniere.date)) / 3_600_000
  return ageHeures > AGE_MAX_SAUVEGARDE_HEURES ? { texte: `${texte}, il y a plus de ${AGE_MAX_SAUVEGARDE_HEURES} heures.`, alerte: true } : { texte, alerte: false }
}
