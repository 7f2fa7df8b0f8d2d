/**
 * Bank reconciliation on the 500-credit CAMT.053 statement of the tests
 * (tests/fixtures/releveBancaire.ts): the built app on SQLite, the statement imported over HTTP,
 * then precision and recall of the automatic matching against what a person would decide, how
 * the credits left to confirm are ranked, and the import's duration. Writes its JSON result to
 * BENCH_OUT (bench/run.ts) or prints it: `NODE_OPTIONS=--conditions=development npx tsx bench/rapprochement.ts`.
 */
import { creerMonde, MOT_DE_PASSE } from '@/tests/helpers/fixtures'
import { connecter, demarrerServeur } from '@/tests/helpers/serveur'
import { creerFacturesOuvertes, mesurerAppariement, scenarioReleve, type Mesure } from '@/tests/fixtures/releveBancaire'
import { avecServeur, lancerScenario } from './mesure'

export interface ResultatRapprochement extends Mesure {
  credits: number
  factures: number
  importSecondes: number
  secondImportSecondes: number
  parAttente: Record<string, { total: number; automatiques: number; aConfirmer: number; sansCorrespondance: number }>
}

async function main(): Promise<ResultatRapprochement> {
  delete process.env.TEST_DB
  const s = await demarrerServeur('bench_rapprochement')
  return avecServeur(s, async () => {
    const monde = await creerMonde(s.payload)
    const factures = await creerFacturesOuvertes(s.payload, monde, 500)
    const scenario = scenarioReleve(factures)
    const auth = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` }
    const importer = async () => {
      const form = new FormData()
      form.append('fichier', new Blob([scenario.xml]), 'releve.xml')
      const t0 = performance.now()
      const res = await fetch(`${s.url}/api/rapprochements/releves`, { method: 'POST', headers: auth, body: form })
      if (!res.ok) throw new Error(`import : ${res.status} ${await res.text()}`)
      return (performance.now() - t0) / 1000
    }
    const importSecondes = await importer()
    const secondImportSecondes = await importer()
    const ops = (await s.payload.find({ collection: 'operations-bancaires', depth: 0, pagination: false })).docs
    const parId = new Map(ops.map((o) => [o.idTransaction, o.statut]))
    const parAttente: ResultatRapprochement['parAttente'] = {}
    for (const c of scenario.credits) {
      const e = (parAttente[c.attente] ??= { total: 0, automatiques: 0, aConfirmer: 0, sansCorrespondance: 0 })
      e.total++
      const st = parId.get(c.id)
      if (st === 'automatique') e.automatiques++
      else if (st === 'a_confirmer') e.aConfirmer++
      else if (st === 'sans_correspondance') e.sansCorrespondance++
    }
    const resultat: ResultatRapprochement = { credits: scenario.credits.length, factures: factures.length, importSecondes, secondImportSecondes, parAttente, ...mesurerAppariement(scenario.credits, ops) }
    return resultat
  })
}

lancerScenario(main)
