/** Latency samples and their summary. Figures only: nothing here ever fails on a duration. */
import fs from 'node:fs'

export interface Stats {
  n: number
  p50: number
  p95: number
  moyenne: number
  min: number
  max: number
}

/** Nearest-rank percentile: always a latency that was really observed. */
export function percentile(tries: number[], p: number): number {
  if (tries.length === 0) return NaN
  const rang = Math.min(tries.length, Math.max(1, Math.ceil(p * tries.length)))
  return tries[rang - 1] as number
}

const arrondi = (ms: number): number => Math.round(ms * 1000) / 1000

export function resumer(echantillons: number[]): Stats {
  const tries = [...echantillons].sort((a, b) => a - b)
  const somme = tries.reduce((s, x) => s + x, 0)
  return {
    n: tries.length,
    p50: arrondi(percentile(tries, 0.5)),
    p95: arrondi(percentile(tries, 0.95)),
    moyenne: arrondi(somme / tries.length),
    min: arrondi(tries[0] ?? NaN),
    max: arrondi(tries[tries.length - 1] ?? NaN),
  }
}

/**
 * Runs each operation `echauffement` times untimed (JIT, connection pools, page cache, planner
 * statistics), then `repetitions` rounds in which every operation runs once, one call at a
 * time, each call timed. Interleaved rather than one block after the other: whatever else the
 * machine is doing then weighs on the API and on its SQL baseline alike, which is what keeps
 * their ratio meaningful on a shared 2-core box. The order rotates each round so no operation
 * always runs right after another.
 */
export async function chronometrerEntrelace(operations: Array<() => Promise<unknown>>, repetitions: number, echauffement: number): Promise<Stats[]> {
  for (let i = 0; i < echauffement; i++) for (const op of operations) await op()
  const echantillons = operations.map(() => [] as number[])
  for (let i = 0; i < repetitions; i++) {
    for (let k = 0; k < operations.length; k++) {
      const j = (i + k) % operations.length
      const t0 = performance.now()
      await operations[j]!()
      echantillons[j]!.push(performance.now() - t0)
    }
  }
  return echantillons.map(resumer)
}

/**
 * How every bench scenario in its own process ends (bench/run.ts starts them): its JSON result
 * goes to BENCH_OUT, or is printed when the scenario is run alone; the exit code says whether it ran.
 */
export function lancerScenario<R>(scenario: () => Promise<R>): void {
  scenario().then(
    (resultat) => {
      if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(resultat))
      else console.log(JSON.stringify(resultat, null, 2))
      process.exit(0)
    },
    (e: unknown) => {
      console.error(e)
      process.exit(1)
    },
  )
}

/** Measures against a started app, always stops it, and shows the end of its log when the measure fails. */
export async function avecServeur<R>(serveur: { journal(): string; arreter(): Promise<void> }, mesurer: () => Promise<R>): Promise<R> {
  try {
    return await mesurer()
  } catch (e) {
    process.stderr.write(`\n--- journal du serveur ---\n${serveur.journal().slice(-4000)}\n`)
    throw e
  } finally {
    await serveur.arreter()
  }
}
