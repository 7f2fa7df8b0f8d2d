/**
 * L'archive d'un dossier pour un contrôle (OPCO, audit Qualiopi) : quels documents y vont (la
 * dernière version de chacun), sous quels noms lisibles, le texte de chaque e-mail, le journal en
 * CSV et le manifeste (empreintes SHA-256). Pur : le service (src/services/archiveDossier.ts) lit
 * les données et les fichiers, et fait le ZIP en flux.
 */
import { libelleTypeDocument } from './documents/categories'
import { jourParis } from './echeances'
import { formaterDateHeureParis } from './messagesNonLus'
import { libelleStatutEmail } from './notifications/statuts'
import { NOTE_CONTENU_MASQUE } from './notifications/confidentiel'

// ——— Documents : la dernière version de chacun ———

export interface DocumentArchivable {
  id: number
  documentType?: string | null
  origin?: string | null
  version?: number | null
  filename?: string | null
  createdAt?: string | null
  /** La génération qui l'a produit (documents générés) : sa série de versions. */
  generation?: { id: number; documentType?: string | null; facture?: number | null } | null
}

/**
 * La série de versions d'un document : un document généré remplace les versions précédentes du
 * même document (même type, même facture pour une facture ou un avoir — comme
 * src/services/generation.ts numérote les versions). Un document produit par le serveur sans
 * ligne de génération (une convention signée, qui reprend la version de la convention qu'elle
 * signe) est de la série de son type. Un document déposé est une pièce à part entière (deux devis
 * déposés sont deux pièces), il n'est remplacé par rien.
 */
export function serieDocument(d: DocumentArchivable): string {
  if (d.origin !== 'generated') return `piece:${String(d.id)}`
  const type = d.generation?.documentType ?? d.documentType ?? 'autre'
  return `genere:${String(type)}:${String(d.generation?.facture ?? '')}`
}

/** Plus récente d'abord : version la plus haute, puis date de création, puis id. */
const plusRecent = (a: DocumentArchivable, b: DocumentArchivable): number =>
  (b.version ?? 0) - (a.version ?? 0) || String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')) || b.id - a.id

/** Un document par série, sa dernière version ; dans l'ordre du dossier (création, puis id). */
export function dernieresVersions<D extends DocumentArchivable>(documents: readonly D[]): D[] {
  const parSerie = new Map<string, D>()
  for (const d of documents) {
    const cle = serieDocument(d)
    const actuel = parSerie.get(cle)
    if (!actuel || plusRecent(d, actuel) < 0) parSerie.set(cle, d)
  }
  return [...parSerie.values()].sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')) || a.id - b.id)
}

// ——— Noms de fichiers ———

const LONGUEUR_MAX_NOM = 120

/**
 * Un nom de fichier lisible partout (Windows, macOS, Linux, l'explorateur de ZIP d'un contrôleur) :
 * accents gardés (NFC), rien qui soit un chemin ou interdit sous Windows, ni caractère de
 * contrôle, espaces réduits, 120 caractères au plus, jamais vide.
 */
export function nomFichierSur(nom: string, defaut = 'document'): string {
  const propre = nom
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\\/:*?"<>|]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  const coupe = Array.from(propre).slice(0, LONGUEUR_MAX_NOM).join('').trim()
  return coupe === '' ? defaut : coupe
}

const extension = (filename: string | null | undefined): string => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(filename ?? '')
  return m ? `.${m[1]!.toLowerCase()}` : ''
}

/** « Convention de formation v2.pdf », « Devis - devis signé.pdf » (le nom déposé, sans son suffixe aléatoire). */
export function nomDocument(d: DocumentArchivable): string {
  const libelle = libelleTypeDocument(String(d.documentType ?? 'autre'))
  const ext = extension(d.filename)
  if (d.origin === 'generated') {
    const version = d.version && d.version > 1 ? ` v${d.version}` : ''
    const facture = d.generation?.facture != null ? ` ${String(d.generation.facture)}` : ''
    return `${nomFichierSur(`${libelle}${facture}${version}`)}${ext}`
  }
  // Stored names are `<nom déposé>-<8 hex>.<ext>` (the random suffix makes them unique on disk).
  const depose = (d.filename ?? '').replace(/\.[A-Za-z0-9]{1,8}$/, '').replace(/-[0-9a-f]{8}$/, '').replace(/[-_]+/g, ' ')
  return `${nomFichierSur(depose === '' ? libelle : `${libelle} - ${depose}`)}${ext}`
}

/**
 * Rend chaque chemin unique sans tenir compte de la casse (un ZIP ouvert sous Windows ou macOS) :
 * le deuxième « Devis.pdf » devient « Devis (2).pdf ». L'ordre est gardé.
 */
export function dedoublonner(chemins: readonly string[]): string[] {
  const pris = new Set<string>()
  return chemins.map((c) => {
    const m = /^(.*?)(\.[A-Za-z0-9]{1,8})?$/.exec(c)!
    const base = m[1] ?? c
    const ext = m[2] ?? ''
    let candidat = c
    for (let n = 2; pris.has(candidat.toLowerCase()); n++) candidat = `${base} (${n})${ext}`
    pris.add(candidat.toLowerCase())
    return candidat
  })
}

/** `archive-<référence>-<aaaa-mm-jj>.zip`, en ASCII (en-tête Content-Disposition sûr). */
export function nomArchive(reference: string | null | undefined, id: number | string, maintenant: Date): string {
  const ref = String(reference ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `archive-${ref === '' ? `dossier-${String(id)}` : ref}-${jourParis(maintenant)}.zip`
}

// ——— E-mails ———

export interface EmailArchivable {
  id: number
  to: string
  subject: string
  template: string
  status?: string | null
  text?: string | null
  html?: string | null
  /** A personal link or code: the archive carries the note, never the content (notifications/confidentiel.ts). */
  confidentiel?: boolean | null
  createdAt: string
  sentAt?: string | null
  statusAt?: string | null
  lastError?: string | null
  attempts?: number | null
  providerId?: string | null
  pieceJointeEnvoyee?: string | null
}

/**
 * Les e-mails qu'un utilisateur OPCO retrouve dans l'archive : ceux du parcours du dossier
 * (étapes, envois à l'OPCO, relances, réponses). Pas les notifications de messages (elles citent
 * des messages que l'OPCO ne lit pas) ni ceux des comptes ; les admins ont tout.
 */
const MODELES_PARCOURS = new Set([
  'accuse_reception',
  'nouveau_dossier_equipe',
  'dossier_valide',
  'dossier_opco',
  'dossier_envoye',
  'envoi_opco_sans_contact',
  'pieces_transmises_equipe',
  'dossier_annule',
  'reponse_opco',
  'reponse_opco_equipe',
])
export const emailDuParcours = (modele: string): boolean => MODELES_PARCOURS.has(modele) || modele.startsWith('relance_')

/** `emails/2026-12-04 10h15 - Objet.eml`, l'heure de Paris de l'enregistrement. */
export function nomEmail(e: Pick<EmailArchivable, 'subject' | 'createdAt'>): string {
  const d = new Date(e.createdAt)
  const horodatage = Number.isNaN(d.getTime())
    ? 'date inconnue'
    : formaterDateHeureParis(d).replace(/^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/, '$3-$2-$1 $4h$5')
  return `${nomFichierSur(`${horodatage} - ${e.subject}`, 'e-mail')}.eml`
}

/** Un en-tête sur une ligne, encodé (RFC 2047) quand il n'est pas en ASCII. */
function entete(nom: string, valeur: string): string {
  const uneLigne = valeur.replace(/[\r\n]+/g, ' ')
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x20-\x7e]*$/.test(uneLigne)
  return `${nom}: ${ascii ? uneLigne : `=?UTF-8?B?${Buffer.from(uneLigne, 'utf8').toString('base64')}?=`}`
}

const dateRfc = (iso: string | null | undefined): string | null => {
  const d = iso ? new Date(iso) : null
  return d && !Number.isNaN(d.getTime()) ? d.toUTCString().replace('GMT', '+0000') : null
}

/**
 * Le message tel qu'il est parti (ou devait partir), lisible par tout client de messagerie
 * (.eml) : en-têtes, suivi d'envoi (`X-MonOPCO-*` : statut, tentatives, erreur), corps texte et
 * HTML. Le statut est celui de la boîte d'envoi au moment de l'archive.
 */
export function contenuEml(e: EmailArchivable, expediteur: { nom: string; adresse: string }): string {
  const frontiere = `monopco-${String(e.id)}-archive`
  const lignes = [
    `${entete('From', expediteur.nom.replace(/[<>"]/g, ''))} <${expediteur.adresse}>`,
    entete('To', e.to),
    entete('Subject', e.subject),
    ...(dateRfc(e.sentAt ?? e.createdAt) ? [`Date: ${dateRfc(e.sentAt ?? e.createdAt)}`] : []),
    ...(e.providerId ? [entete('Message-ID', `<${e.providerId}>`)] : []),
    'MIME-Version: 1.0',
    entete('X-MonOPCO-Modele', e.template),
    entete('X-MonOPCO-Statut', `${libelleStatutEmail(e.status)} (${String(e.status ?? '')})`),
    entete('X-MonOPCO-Enregistre-Le', formaterDateHeureParis(e.createdAt)),
    ...(e.sentAt ? [entete('X-MonOPCO-Envoye-Le', formaterDateHeureParis(e.sentAt))] : []),
    ...(e.statusAt ? [entete('X-MonOPCO-Suivi-Le', formaterDateHeureParis(e.statusAt))] : []),
    entete('X-MonOPCO-Tentatives', String(e.attempts ?? 0)),
    ...(e.lastError ? [entete('X-MonOPCO-Erreur', e.lastError)] : []),
    ...(e.pieceJointeEnvoyee ? [entete('X-MonOPCO-Piece-Jointe', e.pieceJointeEnvoyee)] : []),
    `Content-Type: multipart/alternative; boundary="${frontiere}"`,
    '',
    `--${frontiere}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    e.confidentiel ? NOTE_CONTENU_MASQUE : (e.text ?? ''),
    `--${frontiere}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    e.confidentiel ? `<p>${NOTE_CONTENU_MASQUE}</p>` : (e.html ?? ''),
    `--${frontiere}--`,
    '',
  ]
  return lignes.join('\r\n')
}

// ——— Journal (CSV) ———

/**
 * Une cellule qu'un tableur ne prendra pas pour une formule (injection CSV) : une valeur qui
 * commence par =, +, -, @, une tabulation ou un retour chariot est précédée d'une apostrophe.
 */
export const celluleSure = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)

export const COLONNES_JOURNAL = ['Date (heure de Paris)', 'Type', 'Événement', 'Détail'] as const

const TYPES_JOURNAL: Record<string, string> = { transition: 'Étape', document: 'Document', message: 'Message', email: 'E-mail' }

/** Les lignes du journal pour le CSV, chaque cellule en français et sûre pour un tableur. */
export function lignesJournal(entrees: readonly { date: string; type: string; titre: string; detail: string }[]): Record<string, string>[] {
  return entrees.map((e) => {
    const valeurs = [formaterDateHeureParis(e.date), TYPES_JOURNAL[e.type] ?? e.type, e.titre, e.detail]
    return Object.fromEntries(COLONNES_JOURNAL.map((c, i) => [c, celluleSure(valeurs[i] ?? '')]))
  })
}

// ——— Manifeste ———

export interface FichierManifeste {
  chemin: string
  sha256: string
  octets: number
  /** D'où vient le fichier : une ligne d'une collection, ou produit pour l'archive. */
  origine: { collection: 'documents' | 'emails' | null; id: number | null; description: string }
  /** Documents : l'empreinte enregistrée au dépôt ; `identique` dit si le fichier lu est le même. */
  sha256Enregistre?: string | null
  identique?: boolean | null
}

export interface Manifeste {
  format: 'monopco-archive-dossier'
  version: 1
  dossier: { id: number; reference: string | null }
  /** `jj/mm/aaaa HH:MM`, heure de Paris, et l'instant ISO. */
  genereLe: string
  genereLeIso: string
  demandePar: { id: number; role: string; libelle: string }
  fichiers: FichierManifeste[]
  /** Documents du dossier dont le fichier n'a pas pu être lu dans le stockage. */
  absents: { id: number; nom: string; raison: string }[]
  /** E-mails du dossier laissés hors de l'archive pour cet appelant (voir emailDuParcours). */
  emailsNonInclus: number
}

export function construireManifeste(m: Omit<Manifeste, 'format' | 'version' | 'genereLe' | 'genereLeIso'>, maintenant: Date): Manifeste {
  return { format: 'monopco-archive-dossier', version: 1, ...m, genereLe: formaterDateHeureParis(maintenant), genereLeIso: maintenant.toISOString() }
}

export const COLONNES_MANIFESTE = ['Fichier', 'SHA-256', 'Octets', 'Collection', 'Identifiant', 'Description'] as const

/** Les lignes de manifest.csv (le même contenu que manifest.json, pour un tableur). */
export function lignesManifeste(m: Manifeste): Record<string, string>[] {
  return m.fichiers.map((f) =>
    Object.fromEntries(
      COLONNES_MANIFESTE.map((c, i) => [
        c,
        celluleSure([f.chemin, f.sha256, String(f.octets), f.origine.collection ?? '', f.origine.id === null ? '' : String(f.origine.id), f.origine.description][i] ?? ''),
      ]),
    ),
  )
}
