/** Latency samples and their summary. Figures only: nothing here ever fails on a duration. */

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
 * Runs `operation` `echauffement` times untimed (JIT, connection pools, page cache, prepared
 * plans), then `repetitions` times one after another, timing each call.
 */
export async function chronometrer(operation: () => Promise<unknown>, repetitions: number, echauffement: number): Promise<Stats> {
  for (let i = 0; i < echauffement; i++) await operation()
  const echantillons: number[] = []
  for (let i = 0; i < repetitions; i++) {
    const t0 = performance.now()
    await operation()
    echantillons.push(performance.now() - t0)
  }
  return resumer(echantillons)
}
