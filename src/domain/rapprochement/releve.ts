/**
 * Lecture d'un relevé bancaire : ISO 20022 CAMT.053 (ce qu'exportent les banques françaises) ou
 * export CSV `date;libellé;montant;référence` (décimales à la française). Fonctions pures, sur
 * le contenu du fichier : elles rendent les opérations lues ou lèvent une `ErreurMetier` 400 qui
 * dit en français ce qui ne va pas — et rien n'est écrit, puisque rien n'est lu à moitié.
 *
 * Sûreté du XML : un relevé n'a aucune raison de porter une DTD. Toute déclaration `<!DOCTYPE`
 * ou `<!ENTITY` est refusée avant l'analyse (XXE, « billion laughs ») ; l'analyseur
 * (fast-xml-parser) tourne en plus sans traitement des entités, et seules les cinq entités
 * prédéfinies du XML et les références numériques sont décodées ici, sans expansion possible.
 */
import { createHash } from 'node:crypto'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { ErreurMetier } from '../erreurs'
import { MontantInvalideError, parserEuros } from '../money'

/** Au-delà, ce n'est plus un relevé mais une tentative d'épuiser le serveur. */
export const TAILLE_MAX_RELEVE = 5 * 1024 * 1024
export const OPERATIONS_MAX_RELEVE = 20_000
const LONGUEUR_TEXTE_MAX = 1000

export type FormatReleve = 'camt053' | 'csv'
export type SensOperation = 'credit' | 'debit'

export interface OperationLue {
  /** Identifiant de l'opération à la banque (ou empreinte stable, à défaut) : unique, il rend l'import rejouable. */
  idTransaction: string
  /** AAAA-MM-JJ (date de comptabilisation). */
  date: string
  /** Centimes, toujours positifs ; le sens dit crédit ou débit. */
  montant: number
  sens: SensOperation
  /** Texte libre : libellé, informations de remise (non structurées et structurées), informations complémentaires. */
  libelle: string
  /** Nom du donneur d'ordre (le payeur) quand la banque le donne. */
  nomContrepartie: string
  /** Référence de bout en bout ou référence structurée de la remise. */
  reference: string
}

export interface ReleveLu {
  format: FormatReleve
  /** Clé d'idempotence du relevé lui-même (compte + identifiant du relevé, ou empreinte du fichier CSV). */
  cle: string
  identifiant: string
  compte: string
  operations: OperationLue[]
}

const refus = (message: string): never => {
  throw new ErreurMetier(message, 400)
}

const MESSAGE_FORMAT =
  'Format de relevé non reconnu : envoyez un relevé CAMT.053 (XML ISO 20022) ou un export CSV « date;libellé;montant;référence ».'

/** Reconnaît le format et lit le relevé. */
export function lireReleve(contenu: Uint8Array | string): ReleveLu {
  const taille = typeof contenu === 'string' ? Buffer.byteLength(contenu) : contenu.byteLength
  if (taille === 0) refus('Le fichier du relevé est vide.')
  if (taille > TAILLE_MAX_RELEVE) refus(`Le relevé dépasse la taille maximale de ${TAILLE_MAX_RELEVE / 1024 / 1024} Mo.`)
  const texte = (typeof contenu === 'string' ? contenu : decoder(contenu)).replace(/^\uFEFF/, '')
  const debut = texte.trimStart()
  if (debut === '') refus('Le fichier du relevé est vide.')
  if (debut.startsWith('<')) return lireCamt053(texte)
  const premiereLigne = debut.split(/\r?\n/, 1)[0] ?? ''
  if (premiereLigne.includes(';')) return lireCsv(texte)
  return refus(MESSAGE_FORMAT)
}

/** UTF-8, sinon Windows-1252 (les exports CSV des banques françaises sont souvent en latin). */
function decoder(octets: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(octets)
  } catch {
    return new TextDecoder('windows-1252').decode(octets)
  }
}

const tronquer = (s: string, max = LONGUEUR_TEXTE_MAX): string => (s.length > max ? s.slice(0, max) : s)
const espaces = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim()

function empreinte(...parties: string[]): string {
  return createHash('sha256').update(parties.join('\u001f')).digest('hex').slice(0, 32)
}

/**
 * Deux opérations identiques d'un même fichier (même date, montant et textes) sont deux
 * opérations : leur rang parmi les identiques entre dans l'empreinte, qui reste la même d'un
 * import à l'autre du même fichier.
 */
function idStable(prefixe: string, vus: Map<string, number>, parties: string[]): string {
  const base = parties.join('\u001f')
  const rang = (vus.get(base) ?? 0) + 1
  vus.set(base, rang)
  return `${prefixe}-${empreinte(base, String(rang))}`
}

// ——— CAMT.053 ———

const REGEX_NAMESPACE_CAMT053 = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2}$/

type Noeud = Record<string, unknown>
const TABLEAUX = new Set(['Stmt', 'Ntry', 'TxDtls', 'Ustrd', 'Strd', 'AddtlTxInf'])

const optionsCommunes = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
} as const

const ENTITES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Les entités prédéfinies et les références numériques, sans aucune expansion récursive. */
function decoderEntites(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/g, (tout, nom: string) => {
    if (nom.startsWith('#')) {
      const code = nom[1] === 'x' ? Number.parseInt(nom.slice(2), 16) : Number.parseInt(nom.slice(1), 10)
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : tout
    }
    return ENTITES[nom] ?? tout
  })
}

function texteDe(v: unknown): string {
  if (typeof v === 'string') return espaces(decoderEntites(v))
  if (typeof v === 'number') return String(v)
  if (v !== null && typeof v === 'object' && '#text' in v) return texteDe((v as Noeud)['#text'])
  return ''
}

function enfant(n: unknown, ...chemin: string[]): unknown {
  let courant: unknown = n
  for (const c of chemin) {
    if (courant === null || typeof courant !== 'object' || Array.isArray(courant)) return undefined
    courant = (courant as Noeud)[c]
  }
  return courant
}
const liste = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v])
const texteA = (n: unknown, ...chemin: string[]): string => texteDe(enfant(n, ...chemin))

/** Tous les textes sous un nœud (informations de remise structurées : références, libellés…). */
function textesSous(n: unknown, acc: string[] = []): string[] {
  if (typeof n === 'string' || typeof n === 'number') {
    const t = texteDe(n)
    if (t) acc.push(t)
  } else if (Array.isArray(n)) for (const e of n) textesSous(e, acc)
  else if (n !== null && typeof n === 'object') {
    for (const [k, v] of Object.entries(n)) if (!k.startsWith('@_')) textesSous(v, acc)
  }
  return acc
}

/** Montant ISO 20022 (`1260.00`, point décimal, deux décimales au plus) en centimes. */
function montantCamt(v: unknown, ou: string): number {
  const t = texteDe(v)
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(t)
  if (!m) return refus(`${ou} : montant « ${tronquer(t, 40)} » illisible (format ISO 20022 attendu, ex. 1260.00).`)
  const centimes = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  if (!Number.isSafeInteger(centimes) || centimes <= 0) return refus(`${ou} : le montant doit être positif.`)
  return centimes
}

function devise(v: unknown, ou: string): void {
  const ccy = v !== null && typeof v === 'object' ? texteDe((v as Noeud)['@_Ccy']) : ''
  if (ccy !== '' && ccy !== 'EUR') refus(`${ou} : devise « ${tronquer(ccy, 10)} » non prise en charge (seuls les relevés en euros le sont).`)
}

function dateCamt(n: unknown, ou: string): string {
  const brut = texteA(n, 'BookgDt', 'Dt') || texteA(n, 'BookgDt', 'DtTm') || texteA(n, 'ValDt', 'Dt') || texteA(n, 'ValDt', 'DtTm')
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(brut)
  if (!m || Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`)) || new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`).getUTCDate() !== Number(m[3])) {
    return refus(`${ou} : date de comptabilisation manquante ou invalide.`)
  }
  return `${m[1]}-${m[2]}-${m[3]}`
}

/** Le nom d'une partie : `<Nm>` directement (versions 02 à 07) ou sous `<Pty>` (08 et suivantes). */
const nomPartie = (p: unknown): string => texteA(p, 'Nm') || texteA(p, 'Pty', 'Nm')

export function lireCamt053(texte: string): ReleveLu {
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(texte)) {
    refus('Relevé refusé : les déclarations DOCTYPE et ENTITY ne sont pas acceptées dans un relevé CAMT.053 (risque XXE).')
  }
  const valide = XMLValidator.validate(texte)
  if (valide !== true) {
    refus(`Le relevé n'est pas un XML bien formé (ligne ${valide.err.line}, colonne ${valide.err.col}).`)
  }
  // First pass keeps prefixes and xmlns attributes: the root's namespace says what the file is.
  const brut = new XMLParser({ ...optionsCommunes, removeNSPrefix: false }).parse(texte) as Noeud
  const racines = Object.keys(brut).filter((k) => !k.startsWith('?') && !k.startsWith('#'))
  if (racines.length !== 1) return refus('Le relevé doit avoir un seul élément racine « Document ».')
  const racine = racines[0]!
  const [prefixe, local] = racine.includes(':') ? [racine.slice(0, racine.indexOf(':')), racine.slice(racine.indexOf(':') + 1)] : ['', racine]
  const attributs = (brut[racine] !== null && typeof brut[racine] === 'object' ? brut[racine] : {}) as Noeud
  const namespace = texteDe(attributs[prefixe ? `@_xmlns:${prefixe}` : '@_xmlns'])
  if (local !== 'Document' || !REGEX_NAMESPACE_CAMT053.test(namespace)) {
    refus(
      `Ce fichier XML n'est pas un relevé CAMT.053 : espace de noms « ${tronquer(namespace || 'absent', 80)} » (attendu urn:iso:std:iso:20022:tech:xsd:camt.053.001.xx).`,
    )
  }
  const doc = new XMLParser({ ...optionsCommunes, removeNSPrefix: true, isArray: (nom) => TABLEAUX.has(nom) }).parse(texte) as Noeud
  const stmts = liste(enfant(doc, 'Document', 'BkToCstmrStmt', 'Stmt'))
  if (stmts.length === 0) refus('Le relevé CAMT.053 ne contient aucun relevé de compte (élément « Stmt »).')
  const operations: OperationLue[] = []
  const vus = new Map<string, number>()
  const identifiants: string[] = []
  let compte = ''
  stmts.forEach((stmt, i) => {
    const idStmt = tronquer(texteA(stmt, 'Id'), 100)
    const iban = texteA(stmt, 'Acct', 'Id', 'IBAN') || texteA(stmt, 'Acct', 'Id', 'Othr', 'Id')
    if (!idStmt) refus(`Relevé ${i + 1} : identifiant (« Stmt/Id ») manquant.`)
    identifiants.push(idStmt)
    compte ||= tronquer(iban, 50)
    liste(enfant(stmt, 'Ntry')).forEach((ntry, j) => {
      const ou = `Relevé ${idStmt}, écriture ${j + 1}`
      const sensCode = texteA(ntry, 'CdtDbtInd')
      if (sensCode !== 'CRDT' && sensCode !== 'DBIT') refus(`${ou} : sens (« CdtDbtInd ») manquant ou invalide.`)
      const sens: SensOperation = sensCode === 'CRDT' ? 'credit' : 'debit'
      const statut = texteA(ntry, 'Sts') || texteA(ntry, 'Sts', 'Cd')
      // Pending entries are not money yet: they come back booked in a later statement.
      if (statut && statut !== 'BOOK') return
      const date = dateCamt(ntry, ou)
      devise(enfant(ntry, 'Amt'), ou)
      const montantEcriture = montantCamt(enfant(ntry, 'Amt'), ou)
      const infoEcriture = texteA(ntry, 'AddtlNtryInf')
      const refEcriture = texteA(ntry, 'AcctSvcrRef') || texteA(ntry, 'NtryRef')
      const details = liste(enfant(ntry, 'NtryDtls')).flatMap((d) => liste(enfant(d, 'TxDtls')))
      // One entry may batch several transfers: each detailed transaction is then an operation.
      const lignes = details.length > 1 ? details : [details[0]]
      lignes.forEach((tx, k) => {
        const ouTx = lignes.length > 1 ? `${ou}, transaction ${k + 1}` : ou
        if (lignes.length > 1) devise(enfant(tx, 'Amt'), ouTx)
        const montant = lignes.length > 1 ? montantCamt(enfant(tx, 'Amt') ?? enfant(tx, 'AmtDtls', 'TxAmt', 'Amt'), ouTx) : montantEcriture
        const payeur = sens === 'credit' ? nomPartie(enfant(tx, 'RltdPties', 'Dbtr')) || nomPartie(enfant(tx, 'RltdPties', 'UltmtDbtr')) : nomPartie(enfant(tx, 'RltdPties', 'Cdtr'))
        const endToEnd = texteA(tx, 'Refs', 'EndToEndId')
        const refStructuree = liste(enfant(tx, 'RmtInf', 'Strd')).map((s) => texteA(s, 'CdtrRefInf', 'Ref')).filter(Boolean).join(' ')
        const textes = [
          ...liste(enfant(tx, 'RmtInf', 'Ustrd')).map(texteDe),
          ...liste(enfant(tx, 'RmtInf', 'Strd')).flatMap((s) => textesSous(s)),
          ...liste(enfant(tx, 'AddtlTxInf')).map(texteDe),
          infoEcriture,
        ].filter(Boolean)
        const idBanque = texteA(tx, 'Refs', 'AcctSvcrRef') || (lignes.length > 1 ? texteA(tx, 'Refs', 'TxId') : '') || (lignes.length === 1 ? refEcriture || texteA(tx, 'Refs', 'TxId') : '')
        const libelle = tronquer(espaces([...new Set(textes)].join(' ')))
        const reference = tronquer(endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : refStructuree, 140)
        const idTransaction = idBanque
          ? tronquer(idBanque, 80)
          : idStable('camt', vus, [iban, date, String(montant), sens, libelle, reference, payeur])
        operations.push({ idTransaction, date, montant, sens, libelle, nomContrepartie: tronquer(payeur, 200), reference })
        if (operations.length > OPERATIONS_MAX_RELEVE) refus(`Le relevé contient plus de ${OPERATIONS_MAX_RELEVE} opérations : découpez-le.`)
      })
    })
  })
  return { format: 'camt053', cle: `camt053:${compte}:${identifiants.join('+')}`.slice(0, 250), identifiant: identifiants.join(', ').slice(0, 200), compte, operations: dedoublonner(operations) }
}

/** A bank id seen twice in one file is one operation (the same entry repeated), not two. */
function dedoublonner(operations: OperationLue[]): OperationLue[] {
  const vus = new Set<string>()
  return operations.filter((o) => (vus.has(o.idTransaction) ? false : (vus.add(o.idTransaction), true)))
}

// ——— CSV ———

/** Une ligne CSV séparée par des points-virgules, champs entre guillemets (`""` pour un guillemet). */
function champsCsv(ligne: string): string[] | null {
  const champs: string[] = []
  let i = 0
  for (;;) {
    if (ligne[i] === '"') {
      let v = ''
      i++
      for (;;) {
        if (i >= ligne.length) return null
        if (ligne[i] === '"') {
          if (ligne[i + 1] === '"') {
            v += '"'
            i += 2
            continue
          }
          i++
          break
        }
        v += ligne[i++]
      }
      champs.push(v)
      if (i < ligne.length && ligne[i] !== ';') return null
    } else {
      const fin = ligne.indexOf(';', i)
      champs.push(fin === -1 ? ligne.slice(i) : ligne.slice(i, fin))
      i = fin === -1 ? ligne.length : fin
    }
    if (i >= ligne.length) return champs
    i++ // le point-virgule
    if (i === ligne.length) {
      champs.push('')
      return champs
    }
  }
}

const sansAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim()

function dateCsv(brut: string): string | null {
  const t = brut.trim()
  let a: string, m: string, j: string
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t)
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
  if (fr) [, j, m, a] = fr as unknown as [string, string, string, string]
  else if (iso) [, a, m, j] = iso as unknown as [string, string, string, string]
  else return null
  const d = new Date(`${a}-${m}-${j}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(j) || d.getUTCMonth() + 1 !== Number(m) ? null : `${a}-${m}-${j}`
}

export function lireCsv(texte: string): ReleveLu {
  const lignes = texte.split(/\r\n|\n|\r/)
  const operations: OperationLue[] = []
  const vus = new Map<string, number>()
  let entete = false
  lignes.forEach((ligne, index) => {
    const n = index + 1
    if (ligne.trim() === '') return
    const champs = champsCsv(ligne)
    if (!champs) refus(`Ligne ${n} : guillemets mal fermés.`)
    const c = champs!.map((v) => v.trim())
    if (!entete && operations.length === 0 && sansAccents(c[0] ?? '') === 'date') {
      entete = true
      const attendu = ['date', 'libelle', 'montant', 'reference']
      if (c.length < 3 || !attendu.slice(0, c.length).every((nom, i) => sansAccents(c[i] ?? '') === nom)) {
        refus(`Ligne ${n} : en-tête inattendu ; colonnes attendues : date;libellé;montant;référence.`)
      }
      return
    }
    if (c.length < 3 || c.length > 4) refus(`Ligne ${n} : ${c.length} colonne${c.length > 1 ? 's' : ''} au lieu de 4 (date;libellé;montant;référence).`)
    const date = dateCsv(c[0]!)
    if (!date) refus(`Ligne ${n} : date « ${tronquer(c[0]!, 30)} » invalide (jj/mm/aaaa attendu).`)
    let centimes: number
    try {
      centimes = parserEuros(c[2]!.replace(/^\+/, ''), { autoriserNegatif: true })
    } catch (err) {
      if (!(err instanceof MontantInvalideError)) throw err
      return refus(`Ligne ${n} : montant « ${tronquer(c[2]!, 30)} » illisible (ex. 1 260,00 ou -45,50).`)
    }
    if (centimes === 0) refus(`Ligne ${n} : montant nul.`)
    const libelle = tronquer(espaces(c[1]!))
    const reference = tronquer(espaces(c[3] ?? ''), 140)
    const montant = Math.abs(centimes)
    const sens: SensOperation = centimes > 0 ? 'credit' : 'debit'
    operations.push({ idTransaction: idStable('csv', vus, [date!, String(centimes), libelle, reference]), date: date!, montant, sens, libelle, nomContrepartie: '', reference })
    if (operations.length > OPERATIONS_MAX_RELEVE) refus(`Le relevé contient plus de ${OPERATIONS_MAX_RELEVE} opérations : découpez-le.`)
  })
  if (operations.length === 0) refus('Le relevé CSV ne contient aucune opération.')
  return { format: 'csv', cle: `csv:${empreinte(texte)}`, identifiant: `CSV du ${operations[0]!.date} au ${operations[operations.length - 1]!.date}`, compte: '', operations }
}
