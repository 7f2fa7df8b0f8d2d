/** Small pure helpers of the demo data set, and its calendar (days counted from "today", UTC). */

/** mulberry32: tiny seeded PRNG, enough to spread demo values deterministically. */
export function mulberry32(graine: number): () => number {
  let a = graine >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** French intra-EU VAT number: FR + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function numeroTvaFr(siren: string): string {
  const cle = (12 + 3 * (Number(siren) % 97)) % 97
  return `FR${String(cle).padStart(2, '0')}${siren}`
}

function sansAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '')
}

export function majuscule(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

export function slugEmail(s: string): string {
  return sansAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

export const JOUR_MS = 86_400_000

/** Midnight UTC of the given instant's UTC day. */
export function minuitUtc(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
}

/** The seeded random sequence and the day arithmetic every builder shares. */
export interface CalendrierDemo {
  /** Midnight UTC of "today". */
  t0: number
  rnd: () => number
  /** An integer in [min, max], drawn from `rnd`. */
  entre: (min: number, max: number) => number
  /** A day-only field: noon UTC `decalage` days from today. */
  jour: (decalage: number) => string
  /** A workflow timestamp in office hours `decalage` days from today (draws from `rnd`). */
  horodatage: (decalage: number) => string
  /** The nearest working day from `decalage`, forward (1) or backward (-1). */
  ouvre: (decalage: number, sens?: 1 | -1) => number
}

export function calendrierDemo(aujourdhui: Date): CalendrierDemo {
  const rnd = mulberry32(20_260_101)
  const entre = (min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1))
  const t0 = minuitUtc(aujourdhui)

  // Day-only fields at noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
  const jour = (decalage: number): string => new Date(t0 + decalage * JOUR_MS + 12 * 3_600_000).toISOString()
  // Workflow timestamps in office hours (Paris), always on a past day.
  const horodatage = (decalage: number): string =>
    new Date(t0 + decalage * JOUR_MS + entre(7, 15) * 3_600_000 + entre(0, 59) * 60_000).toISOString()
  const jourSemaine = (decalage: number): number => new Date(t0 + decalage * JOUR_MS).getUTCDay()
  // Training days fall on working days: forward for future starts, backward when it must stay in the past.
  const ouvre = (decalage: number, sens: 1 | -1 = 1): number => {
    let d = decalage
    while (jourSemaine(d) === 0 || jourSemaine(d) === 6) d += sens
    return d
  }

  return { t0, rnd, entre, jour, horodatage, ouvre }
}
