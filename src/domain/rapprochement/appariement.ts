/**
 * Rapprochement des crédits d'un relevé bancaire avec les factures émises. Fonction pure : elle
 * reçoit les opérations et les factures (avec leur solde, en centimes) et dit, pour chaque
 * crédit, les candidats notés sur 100 et la décision :
 *
 * - `automatique` : un rapprochement **sûr** — chaque facture du candidat est désignée par un
 *   identifiant trouvé dans les textes du virement (numéro de facture, référence MonOPCO
 *   MO-AAAA-NNNNNN ou numéro de dossier de l'OPCO), le montant est exactement le solde (ou la
 *   somme des soldes) et aucun autre candidat n'a la même note. Le paiement s'enregistre seul ;
 * - `a_confirmer` : tout le reste qui ressemble à quelque chose (montant égal sans référence,
 *   référence avec un montant différent : paiement partiel ou trop-perçu, ex æquo…) : l'équipe
 *   confirme ou rejette ; un écart n'est jamais absorbé en silence ;
 * - `sans_correspondance` : aucun candidat ; `debit` : les débits ne sont pas rapprochés.
 *
 * Le nom du donneur d'ordre comparé au nom (ou au code) de l'OPCO — ou de l'entreprise pour
 * ses factures — ajoute à la note, mais ne suffit jamais à lui seul.
 */
import type { OperationLue } from './releve'

export type PayeurFacture = 'opco' | 'entreprise'

export interface FactureOuverte {
  id: number
  numero: string
  dossier: number
  /** Référence MonOPCO du dossier (MO-AAAA-NNNNNN). */
  referenceDossier?: string | null
  numeroDossierOpco?: string | null
  payeur: PayeurFacture
  /** Noms sous lesquels le payeur vire (nom et code de l'OPCO, raison sociale de l'entreprise). */
  nomsPayeur: readonly string[]
  /** Reste dû sur la facture, en centimes (0 : déjà réglée — un nouveau virement serait un trop-perçu). */
  solde: number
}

export type OperationARapprocher = Pick<OperationLue, 'idTransaction' | 'montant' | 'sens' | 'libelle' | 'nomContrepartie' | 'reference'>

export type Situation = 'exact' | 'partiel' | 'trop_percu'
export type Decision = 'automatique' | 'a_confirmer' | 'sans_correspondance' | 'debit'

export interface Candidat {
  factures: number[]
  numeros: string[]
  dossiers: number[]
  payeur: PayeurFacture
  /** Somme des soldes des factures, en centimes. */
  attendu: number
  /** Montant du virement − attendu : négatif = paiement partiel, positif = trop-perçu. */
  ecart: number
  situation: Situation
  score: number
  /** Chaque facture du candidat est désignée par un identifiant lu dans le virement. */
  identifie: boolean
  motifs: string[]
}

export interface ResultatRapprochement {
  idTransaction: string
  decision: Decision
  candidats: Candidat[]
}

export const POINTS = {
  numeroFacture: 50,
  referenceDossier: 45,
  numeroDossierOpco: 40,
  plusieursIdentifiants: 5,
  nomPayeur: 20,
  montantExact: 30,
  montantPartiel: 5,
  /** Deux factures réglées par un même virement sans référence : moins sûr qu'une seule. */
  penalitePaire: 5,
} as const

export const CANDIDATS_MAX = 5

/** Majuscules sans accents, tout ce qui n'est ni lettre ni chiffre devient une séparation. */
export function jetons(s: string | null | undefined): string[] {
  if (!s) return []
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)
}

/** Un identifiant réduit à ses lettres et chiffres : « F-2026-00012 » → « F202600012 ». */
export const compacter = (s: string | null | undefined): string => jetons(s).join('')

// Generic words of payer names that say nothing about who pays.
const MOTS_VIDES = new Set(['OPCO', 'SAS', 'SA', 'SARL', 'SASU', 'EURL', 'ET', 'DE', 'DES', 'DU', 'LA', 'LE', 'LES', 'L', 'D'])

/** Le nom d'un payeur se lit dans les jetons si tous ses mots significatifs y sont. */
export function nomPresent(nom: string, dans: ReadonlySet<string>): boolean {
  const mots = jetons(nom).filter((m) => !MOTS_VIDES.has(m) && m.length >= 3)
  return mots.length > 0 && mots.every((m) => dans.has(m))
}

/**
 * Les identifiants que le texte peut contenir, quelle que soit la façon dont la banque l'a
 * découpé : chaque suite de 1 à 4 jetons consécutifs, collés (« F 2026 00012 », « F2026-00012 »
 * et « REF:F-2026-00012 » donnent tous « F202600012 »).
 */
export function identifiantsPossibles(textes: readonly string[]): Set<string> {
  const res = new Set<string>()
  for (const t of textes) {
    const j = jetons(t)
    for (let i = 0; i < j.length; i++) {
      let acc = ''
      for (let k = i; k < Math.min(j.length, i + 4); k++) {
        acc += j[k]
        res.add(acc)
      }
    }
  }
  return res
}

interface Index {
  parIdentifiant: Map<string, { facture: FactureOuverte; points: number; motif: string }[]>
}

function indexer(factures: readonly FactureOuverte[]): Index {
  const parIdentifiant: Index['parIdentifiant'] = new Map()
  const ajouter = (cle: string, facture: FactureOuverte, points: number, motif: string) => {
    // Too short to be told apart from an amount, a date or a word of the text.
    if (cle.length < 5) return
    const l = parIdentifiant.get(cle) ?? []
    l.push({ facture, points, motif })
    parIdentifiant.set(cle, l)
  }
  for (const f of factures) {
    ajouter(compacter(f.numero), f, POINTS.numeroFacture, `numéro de facture ${f.numero}`)
    if (f.referenceDossier) ajouter(compacter(f.referenceDossier), f, POINTS.referenceDossier, `référence MonOPCO ${f.referenceDossier}`)
    // An OPCO's dossier number made only of digits would match amounts and dates: a letter is required.
    if (f.numeroDossierOpco && /[A-Z]/.test(compacter(f.numeroDossierOpco)) && /\d/.test(f.numeroDossierOpco)) {
      ajouter(compacter(f.numeroDossierOpco), f, POINTS.numeroDossierOpco, `n° de dossier OPCO ${f.numeroDossierOpco}`)
    }
  }
  return { parIdentifiant }
}

const situationDe = (ecart: number): Situation => (ecart === 0 ? 'exact' : ecart < 0 ? 'partiel' : 'trop_percu')

function construire(
  factures: readonly FactureOuverte[],
  montant: number,
  identifiees: ReadonlyMap<number, { points: number; motifs: string[] }>,
  nomsLus: ReadonlySet<string>,
  soldes: ReadonlyMap<number, number>,
  penalite = 0,
): Candidat {
  const attendu = factures.reduce((s, f) => s + (soldes.get(f.id) ?? f.solde), 0)
  const ecart = montant - attendu
  const motifs: string[] = []
  let points = 0
  const identifie = factures.every((f) => identifiees.has(f.id))
  if (identifie) {
    const lus = factures.map((f) => identifiees.get(f.id)!)
    points += Math.min(...lus.map((l) => l.points))
    if (lus.some((l) => l.motifs.length > 1)) points += POINTS.plusieursIdentifiants
    for (const l of lus) motifs.push(...l.motifs)
  } else {
    for (const f of factures) if (identifiees.has(f.id)) motifs.push(...identifiees.get(f.id)!.motifs)
  }
  const payeur = factures[0]!.payeur
  if (factures[0]!.nomsPayeur.some((n) => nomPresent(n, nomsLus))) {
    points += POINTS.nomPayeur
    motifs.push(`nom du payeur (${factures[0]!.nomsPayeur[0] ?? payeur})`)
  }
  if (attendu > 0 && ecart === 0) {
    points += POINTS.montantExact
    motifs.push(factures.length > 1 ? `montant égal à la somme des soldes de ${factures.length} factures` : 'montant égal au solde')
  } else if (attendu > 0 && ecart < 0) {
    points += POINTS.montantPartiel
    motifs.push(`paiement partiel : il manque ${-ecart} centimes`)
  } else {
    motifs.push(attendu === 0 ? 'facture déjà réglée : trop-perçu' : `trop-perçu de ${ecart} centimes`)
  }
  return {
    factures: factures.map((f) => f.id),
    numeros: factures.map((f) => f.numero),
    dossiers: [...new Set(factures.map((f) => f.dossier))],
    payeur,
    attendu,
    ecart,
    situation: situationDe(ecart),
    score: Math.max(0, Math.min(100, points - penalite)),
    identifie,
    motifs: [...new Set(motifs)],
  }
}

const cleCandidat = (c: Candidat): string => [...c.factures].sort((a, b) => a - b).join(',')

/** Les candidats d'un crédit, du plus probable au moins probable. */
export function candidatsPour(op: OperationARapprocher, factures: readonly FactureOuverte[], soldes: ReadonlyMap<number, number> = new Map(), index: Index = indexer(factures)): Candidat[] {
  if (op.sens !== 'credit' || op.montant <= 0) return []
  const solde = (f: FactureOuverte) => soldes.get(f.id) ?? f.solde
  const possibles = identifiantsPossibles([op.libelle, op.reference, op.nomContrepartie])
  const identifiees = new Map<number, { facture: FactureOuverte; points: number; motifs: string[] }>()
  for (const cle of possibles) {
    for (const h of index.parIdentifiant.get(cle) ?? []) {
      const e = identifiees.get(h.facture.id) ?? { facture: h.facture, points: 0, motifs: [] }
      e.points = Math.max(e.points, h.points)
      if (!e.motifs.includes(h.motif)) e.motifs.push(h.motif)
      identifiees.set(h.facture.id, e)
    }
  }
  const nomsLus = new Set(jetons(`${op.nomContrepartie} ${op.libelle}`))
  const candidats = new Map<string, Candidat>()
  const proposer = (fs: FactureOuverte[], penalite = 0) => {
    if (fs.length === 0) return
    const c = construire(fs, op.montant, identifiees, nomsLus, soldes, penalite)
    const cle = cleCandidat(c)
    const avant = candidats.get(cle)
    if (!avant || avant.score < c.score) candidats.set(cle, c)
  }
  // Invoices named in the text: each alone, and those of one payer together (one transfer for several).
  const nommees = [...identifiees.values()].map((e) => e.facture)
  for (const f of nommees) proposer([f])
  for (const payeur of ['opco', 'entreprise'] as const) {
    const groupe = nommees.filter((f) => f.payeur === payeur && solde(f) > 0)
    if (groupe.length > 1 && groupe.length <= 10) proposer(groupe)
  }
  // Amounts: an open invoice whose balance is the amount; two of one payer named in the text whose balances add up to it.
  const parSolde = new Map<number, FactureOuverte[]>()
  for (const f of factures) {
    const s = solde(f)
    if (s <= 0) continue
    const l = parSolde.get(s) ?? []
    l.push(f)
    parSolde.set(s, l)
  }
  for (const f of parSolde.get(op.montant) ?? []) proposer([f])
  const payeursNommes = factures.filter((f) => solde(f) > 0 && f.nomsPayeur.some((n) => nomPresent(n, nomsLus)))
  if (payeursNommes.length <= 2000) {
    for (const a of payeursNommes) {
      for (const b of parSolde.get(op.montant - solde(a)) ?? []) {
        if (b.id > a.id && b.payeur === a.payeur && b.nomsPayeur.some((n) => nomPresent(n, nomsLus))) proposer([a, b], POINTS.penalitePaire)
      }
    }
  }
  return [...candidats.values()]
    .sort((x, y) => y.score - x.score || Math.abs(x.ecart) - Math.abs(y.ecart) || x.factures.length - y.factures.length || x.factures[0]! - y.factures[0]!)
    .slice(0, CANDIDATS_MAX)
}

/** Sûr : toutes les factures désignées par un identifiant lu, montant exact, factures encore dues, seul en tête. */
export function estSur(candidats: readonly Candidat[]): boolean {
  const [premier, second] = candidats
  if (!premier || !premier.identifie || premier.situation !== 'exact' || premier.attendu <= 0) return false
  return !second || second.score < premier.score
}

/**
 * Le relevé entier, crédit après crédit, dans l'ordre : un rapprochement sûr diminue aussitôt le
 * solde de ses factures, pour que le virement suivant qui cite la même facture soit vu comme un
 * trop-perçu et non comme un second paiement exact.
 */
export function rapprocherOperations(operations: readonly OperationARapprocher[], factures: readonly FactureOuverte[]): ResultatRapprochement[] {
  const index = indexer(factures)
  const soldes = new Map<number, number>(factures.map((f) => [f.id, f.solde]))
  return operations.map((op) => {
    if (op.sens !== 'credit') return { idTransaction: op.idTransaction, decision: 'debit', candidats: [] }
    const candidats = candidatsPour(op, factures, soldes, index)
    if (candidats.length === 0) return { idTransaction: op.idTransaction, decision: 'sans_correspondance', candidats }
    const sur = estSur(candidats)
    if (sur) for (const id of candidats[0]!.factures) soldes.set(id, 0)
    return { idTransaction: op.idTransaction, decision: sur ? 'automatique' : 'a_confirmer', candidats }
  })
}

export interface PaiementARegistrer {
  dossier: number
  payeur: PayeurFacture
  montant: number
  reference: string
}

/**
 * Les paiements qu'un candidat retenu enregistre : un par dossier (les paiements se rattachent
 * au dossier), montant = soldes de ses factures, dans l'ordre du candidat ; un paiement partiel
 * remplit les premières, un trop-perçu reste sur le dernier dossier — visible, jamais réparti en
 * silence. Référence = identifiant bancaire de l'opération (suivi de « /n » quand un virement
 * règle plusieurs dossiers), ce qui rend l'enregistrement idempotent.
 */
export function paiementsDuCandidat(c: Pick<Candidat, 'factures' | 'payeur'>, factures: readonly Pick<FactureOuverte, 'id' | 'dossier' | 'solde'>[], montant: number, idTransaction: string): PaiementARegistrer[] {
  const parId = new Map(factures.map((f) => [f.id, f]))
  const parDossier = new Map<number, number>()
  for (const id of c.factures) {
    const f = parId.get(id)
    if (!f) continue
    parDossier.set(f.dossier, (parDossier.get(f.dossier) ?? 0) + Math.max(0, f.solde))
  }
  const dossiers = [...parDossier.keys()]
  let reste = montant
  const res: PaiementARegistrer[] = []
  dossiers.forEach((d, i) => {
    const dernier = i === dossiers.length - 1
    const part = dernier ? reste : Math.min(reste, parDossier.get(d)!)
    reste -= part
    if (part > 0) res.push({ dossier: d, payeur: c.payeur, montant: part, reference: '' })
  })
  return res.map((p, i) => ({ ...p, reference: res.length === 1 ? idTransaction : `${idTransaction}/${i + 1}` }))
}

export interface FactureEmise {
  id: number
  dossier: number
  payeur: PayeurFacture
  totalTTC: number
  /** Ordre d'imputation des paiements : la plus ancienne facture d'abord. */
  ordre: string
}
export interface PaiementRecu {
  dossier: number
  payeur: string
  montant: number
}

/**
 * Le solde de chaque facture émise : les paiements reçus d'un payeur sur un dossier règlent ses
 * factures à ce payeur de la plus ancienne à la plus récente (les paiements se rattachent au
 * dossier, pas à une facture).
 */
export function soldesDesFactures(factures: readonly FactureEmise[], paiements: readonly PaiementRecu[]): Map<number, number> {
  const recu = new Map<string, number>()
  for (const p of paiements) {
    if (!Number.isSafeInteger(p.montant) || p.montant <= 0) continue
    const cle = `${p.dossier}:${p.payeur}`
    recu.set(cle, (recu.get(cle) ?? 0) + p.montant)
  }
  const soldes = new Map<number, number>()
  for (const f of [...factures].sort((a, b) => a.ordre.localeCompare(b.ordre) || a.id - b.id)) {
    const cle = `${f.dossier}:${f.payeur}`
    const dispo = recu.get(cle) ?? 0
    const impute = Math.min(dispo, Math.max(0, f.totalTTC))
    recu.set(cle, dispo - impute)
    soldes.set(f.id, Math.max(0, f.totalTTC) - impute)
  }
  return soldes
}
