import type { Payload } from 'payload'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import { ajusterCompteur } from '@/src/db/compteurs'
import { formaterReferenceDossier } from '@/src/domain/reference'
import type { StatutDossier } from '@/src/domain/statuts'
import type { Monde } from '@/tests/helpers/fixtures'
import { mulberry32 } from '@/src/seed/donnees'

/**
 * Bulk dossiers written straight into the table (no hooks, no audit log, no access checks):
 * creating 100k dossiers through the Local API at ~3 ms each would take minutes, and the bench
 * measures reads, not creates.
 */

// A rough picture of a live base: most dossiers closed or in progress, few in each early step.
const POIDS_STATUTS: ReadonlyArray<readonly [StatutDossier, number]> = [
  ['brouillon', 8],
  ['soumis', 5],
  ['en_revue', 4],
  ['valide', 4],
  ['envoye_opco', 8],
  ['pieces_demandees', 4],
  ['accepte', 8],
  ['accepte_partiel', 4],
  ['refuse', 5],
  ['en_formation', 8],
  ['realise', 6],
  ['facture', 6],
  ['paye', 8],
  ['cloture', 18],
  ['annule', 4],
]
const TOTAL_POIDS = POIDS_STATUTS.reduce((s, [, p]) => s + p, 0)

const ENVOYES = new Set<StatutDossier>(['envoye_opco', 'pieces_demandees', 'accepte', 'accepte_partiel', 'refuse', 'en_formation', 'realise', 'facture', 'paye', 'cloture'])
const REPONDUS = new Set<StatutDossier>(['accepte', 'accepte_partiel', 'refuse', 'en_formation', 'realise', 'facture', 'paye', 'cloture'])
const FINANCES = new Set<StatutDossier>(['accepte', 'accepte_partiel', 'en_formation', 'realise', 'facture', 'paye', 'cloture'])

// A fixed window, not "the last 3 years from now": the same seed gives the same rows whatever
// the day, so figures from two runs are comparable.
const FIN_FENETRE = Date.UTC(2026, 10, 1)
const DEBUT_FENETRE = FIN_FENETRE - Math.round(3 * 365.25 * 86_400_000)
const JOUR = 86_400_000

const NOMS = ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David']
const PRENOMS = ['Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Lucas', 'Hugo', 'Louis', 'Nathan', 'Jules', 'Sarah', 'Emma', 'Adam', 'Paul', 'Claire', 'Yanis']
const TITRES = ['Excel avancé', 'Management d’équipe', 'Anglais professionnel', 'Comptabilité générale', 'Sécurité incendie', 'CACES R489', 'Gestion de projet', 'HACCP', 'Bilan de compétences', 'Développement web', 'Prise de parole', 'SST']
const LIEUX = ['Paris', 'Lyon', 'Marseille', 'Lille', 'Nantes', 'Bordeaux', 'Toulouse', 'Rennes']
const MODALITES = ['presentiel', 'distanciel', 'mixte'] as const

const COLONNES = [
  'reference',
  'type_formation',
  'status',
  'owner_id',
  'beneficiaire_nom',
  'beneficiaire_prenom',
  'beneficiaire_email',
  'beneficiaire_telephone',
  'company_id',
  'opco_id',
  'formation_titre',
  'formation_organisme_id',
  'formation_duree_heures',
  'formation_date_debut',
  'formation_date_fin',
  'formation_lieu',
  'formation_modalite',
  'cout_total_h_t',
  'montant_estime',
  'montant_valide',
  'payment_status',
  'numero_dossier_opco',
  'soumission_date',
  'validation_admin_date',
  'validation_admin_by_id',
  'envoi_opco_date',
  'reponse_opco_date',
  'motif_refus',
  'updated_at',
  'created_at',
] as const

type Valeur = string | number | null


const choisir = <T>(alea: () => number, liste: readonly T[]): T => liste[Math.floor(alea() * liste.length)] as T

function statutAuHasard(alea: () => number): StatutDossier {
  let x = alea() * TOTAL_POIDS
  for (const [statut, poids] of POIDS_STATUTS) {
    x -= poids
    if (x < 0) return statut
  }
  return 'cloture'
}

const iso = (ms: number): string => new Date(ms).toISOString()

/** A standard SQL literal, read the same way by SQLite and PostgreSQL (standard_conforming_strings). */
function litteral(v: Valeur): string {
  if (v === null) return 'NULL'
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`valeur numérique invalide : ${v}`)
    return String(v)
  }
  return `'${v.replace(/'/g, "''")}'`
}

export interface ResultatInsertion {
  lignes: number
  lots: number
  tailleLot: number
  secondes: number
  lignesParSeconde: number
  analyseSecondes: number
}

export interface OptionsInsertion {
  /** Rows per INSERT statement. */
  tailleLot?: number
  graine?: number
  /** Progress and rows/s on stdout. */
  bavard?: boolean
}

/**
 * Inserts `n` dossiers spread over every status, both OPCOs, owners userA/userB (with their own
 * company) and three years of creation dates, then refreshes the planner statistics.
 * Creation dates increase strictly with the row, as in a real table where ids follow time.
 */
export async function insererDossiersEnMasse(payload: Payload, monde: Monde, n: number, options: OptionsInsertion = {}): Promise<ResultatInsertion> {
  const tailleLot = options.tailleLot ?? 500
  const alea = mulberry32(options.graine ?? 20261124)
  const kind = payload.db.name
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`insererDossiersEnMasse: adaptateur ${kind} non pris en charge`)

  // Continue each year's sequence from its counter, so the bulk also works on a base that
  // already holds dossiers.
  const compteurs = await requeteSql<{ cle: string; valeur: number | string }>(payload, undefined, sql`SELECT cle, valeur FROM compteurs WHERE cle LIKE 'dossier-%'`)
  const sequences = new Map<number, number>(compteurs.map((c) => [Number(c.cle.slice('dossier-'.length)), Number(c.valeur)]))

  // ≥ 1 ms between consecutive rows, so created_at is unique and "sort by date" has one answer.
  const pas = (FIN_FENETRE - DEBUT_FENETRE) / Math.max(n, 1)
  const ligne = (i: number): Valeur[] => {
    const creation = DEBUT_FENETRE + Math.floor(i * pas) + Math.floor(alea() * Math.max(1, Math.floor(pas) - 1))
    const annee = new Date(creation).getUTCFullYear()
    const sequence = (sequences.get(annee) ?? 0) + 1
    sequences.set(annee, sequence)
    const status = statutAuHasard(alea)
    const coteA = alea() < 0.5
    const opcoA = alea() < 0.5
    const bilan = alea() < 0.1
    const debut = creation + (15 + Math.floor(alea() * 120)) * JOUR
    const duree = bilan ? 24 : 7 * (1 + Math.floor(alea() * 10))
    const cout = Math.round(duree * (1500 + alea() * 6000)) * 100
    const envoye = ENVOYES.has(status)
    const envoi = creation + (2 + Math.floor(alea() * 10)) * JOUR
    const reponse = envoi + (5 + Math.floor(alea() * 30)) * JOUR
    const finance = FINANCES.has(status)
    const valide = finance ? (status === 'accepte_partiel' ? Math.round(cout * 0.6) : cout) : null
    const nom = choisir(alea, NOMS)
    const prenom = choisir(alea, PRENOMS)
    const paiement = status === 'paye' || status === 'cloture' ? 'paye' : 'aucun'
    const valideParAdmin = !['brouillon', 'soumis', 'en_revue', 'annule'].includes(status)
    const misAJour = Math.min(FIN_FENETRE, (REPONDUS.has(status) ? reponse : envoye ? envoi : creation) + Math.floor(alea() * 3 * JOUR))
    return [
      formaterReferenceDossier(annee, sequence),
      bilan ? 'bilan' : 'formation',
      status,
      coteA ? monde.userA.id : monde.userB.id,
      nom,
      prenom,
      `${prenom}.${nom}.${i}@exemple.fr`.toLowerCase(),
      `06${String(i % 100_000_000).padStart(8, '0')}`,
      coteA ? monde.companyA.id : monde.companyB.id,
      opcoA ? monde.opcoA.id : monde.opcoB.id,
      bilan ? 'Bilan de compétences' : choisir(alea, TITRES),
      monde.provider.id,
      duree,
      iso(debut),
      iso(debut + Math.ceil(duree / 7) * JOUR),
      choisir(alea, LIEUX),
      choisir(alea, MODALITES),
      cout,
      Math.round(cout * 0.8),
      valide,
      paiement,
      envoye ? `OP-${annee}-${String(i).padStart(7, '0')}` : null,
      // Submitted half a day after creation (no draw: the random sequence stays the same).
      status === 'brouillon' ? null : iso(creation + JOUR / 2),
      valideParAdmin ? iso(creation + JOUR) : null,
      valideParAdmin ? monde.admin.id : null,
      envoye ? iso(envoi) : null,
      REPONDUS.has(status) ? iso(reponse) : null,
      status === 'refuse' ? 'Action non éligible au plan de développement des compétences.' : null,
      iso(misAJour),
      iso(creation),
    ]
  }

  // Literals, not bound parameters: drizzle's sql`` template costs ~70 µs per value (≈ 7 s of
  // pure CPU for 100k rows × 30 columns), and literals also keep clear of both adapters'
  // bound-parameter limits. Every value is generated here; strings are escaped anyway.
  const debutInstruction = `INSERT INTO dossiers (${COLONNES.join(', ')}) VALUES `
  const instruction = (lignes: Valeur[][]): SQL =>
    sql.raw(debutInstruction + lignes.map((l) => `(${l.map(litteral).join(', ')})`).join(', '))

  const t0 = performance.now()
  let lots = 0
  // One transaction for the whole load on SQLite: without it every statement is its own
  // commit and fsync. The adapter runs with transactions off and a single connection, so raw
  // BEGIN/COMMIT on that connection is the way. PostgreSQL goes through a pool (BEGIN and
  // COMMIT could land on different clients): there each batch commits on its own.
  if (kind === 'sqlite') await requeteSql(payload, undefined, sql`BEGIN`)
  try {
    for (let debut = 0; debut < n; debut += tailleLot) {
      const lignes: Valeur[][] = []
      for (let i = debut; i < Math.min(n, debut + tailleLot); i++) lignes.push(ligne(i))
      await requeteSql(payload, undefined, instruction(lignes))
      lots++
      if (options.bavard && lots % 40 === 0) {
        process.stdout.write(`  … ${Math.min(n, debut + tailleLot)} / ${n} lignes\n`)
      }
    }
    if (kind === 'sqlite') await requeteSql(payload, undefined, sql`COMMIT`)
  } catch (e) {
    if (kind === 'sqlite') await requeteSql(payload, undefined, sql`ROLLBACK`).catch(() => undefined)
    throw e
  }
  const secondes = (performance.now() - t0) / 1000

  for (const [annee, valeur] of sequences) await ajusterCompteur(payload, `dossier-${annee}`, valeur)

  const t1 = performance.now()
  await requeteSql(payload, undefined, kind === 'postgres' ? sql`ANALYZE dossiers` : sql`ANALYZE`)
  const analyseSecondes = (performance.now() - t1) / 1000

  const resultat: ResultatInsertion = { lignes: n, lots, tailleLot, secondes, lignesParSeconde: n / secondes, analyseSecondes }
  if (options.bavard) {
    process.stdout.write(
      `  ${n} dossiers insérés en ${secondes.toFixed(2)} s (${Math.round(resultat.lignesParSeconde)} lignes/s, lots de ${tailleLot}), ANALYZE ${analyseSecondes.toFixed(2)} s\n`,
    )
  }
  return resultat
}
