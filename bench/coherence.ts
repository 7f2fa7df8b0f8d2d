/**
 * Consistency of the uploaded pieces (issue 19 item 3) on the labelled set of
 * tests/helpers/jeuCoherence.ts: each PDF read by the product's extraction (pdf.js in a worker,
 * src/services/extractionPdf.ts), compared with its dossier by the conformity rules, then
 * precision and recall of the findings against the labels and the extraction time per document.
 * No database (the integration test runs the same set through the Local API on both).
 * Writes its JSON result to BENCH_OUT (bench/run.ts) or prints it: `npx tsx bench/coherence.ts`.
 */
import { coherencePieces } from '@/src/domain/conformity/coherence'
import { construireSiret } from '@/src/domain/siret'
import { lireFichierPiece } from '@/src/services/lecturePieces'
import { genererJeuCoherence, mesurer, trouvesDansConstats, type Attendu, type CasCoherence, type Mesure } from '@/tests/helpers/jeuCoherence'
import { lancerScenario } from './mesure'

export interface ResultatCoherence extends Mesure {
  documents: number
  conformes: number
  ecartsSemes: number
  /** Extraction time per document (ms): median, 95th percentile, max. */
  extractionMs: { p50: number; p95: number; max: number }
  parDocument: { cas: string; ms: number; attendus: Attendu[]; trouves: Attendu[] }[]
}

const IDS = { siretEntreprise: construireSiret('11111111', '0001'), siretOrganisme: construireSiret('33333333', '0001'), nda: '11755555575' }

async function main(): Promise<ResultatCoherence> {
  const jeu = await genererJeuCoherence(IDS)
  const resultats: { cas: CasCoherence; trouves: Attendu[]; ms: number }[] = []
  for (const cas of jeu) {
    const t0 = performance.now()
    const lecture = await lireFichierPiece(cas.pdf)
    const ms = performance.now() - t0
    const d = cas.dossier
    const constats = coherencePieces({
      dossier: { beneficiaire: { nom: d.nom, prenom: d.prenom }, formation: { titre: d.titre, dureeHeures: d.dureeHeures, dateDebut: d.dateDebut, dateFin: d.dateFin }, coutTotalHT: d.coutTotalHT },
      entreprise: { siret: IDS.siretEntreprise },
      organisme: { siret: IDS.siretOrganisme, nda: IDS.nda },
      piecesLues: [{ id: 1, documentType: cas.piece, lecture }],
    })
    resultats.push({ cas, trouves: trouvesDansConstats(constats), ms })
  }
  const tri = resultats.map((r) => r.ms).sort((a, b) => a - b)
  const q = (p: number) => Math.round(tri[Math.min(tri.length - 1, Math.floor(p * tri.length))]!)
  const resultat: ResultatCoherence = {
    documents: jeu.length,
    conformes: jeu.filter((c) => c.attendus.length === 0).length,
    ecartsSemes: jeu.reduce((t, c) => t + c.attendus.length, 0),
    extractionMs: { p50: q(0.5), p95: q(0.95), max: Math.round(tri[tri.length - 1]!) },
    parDocument: resultats.map((r) => ({ cas: r.cas.nom, ms: Math.round(r.ms), attendus: r.cas.attendus, trouves: r.trouves })),
    ...mesurer(resultats),
  }
  return resultat
}

lancerScenario(main)
