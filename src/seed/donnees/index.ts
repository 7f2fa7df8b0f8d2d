/**
 * Demo data set, as a pure function of "today": no Payload, no I/O, no Math.random, so the unit
 * tests check exactly what the seed writes and two runs on the same day produce the same data.
 * Records point to each other by natural key (OPCO code, SIRET, e-mail, dossier key); the seed
 * resolves those keys to database ids.
 *
 * Plain data: ./reference (OPCOs, funding examples, IDCC pairs, accounts, statuses), ./acteurs
 * (providers, companies, users), ./catalogues (trainings, bilans). Builders: ./regles (funding
 * rules), ./dossiers (dossiers, payments, messages), with the seeded calendar of ./outils.
 */
import { DEFAULT_SEED_ADMIN_EMAIL } from '@/src/config/env'
import { entreprisesDemo, organismesDemo, UTILISATEURS_DEMO } from './acteurs'
import { construireDossiers, construireMessages } from './dossiers'
import { calendrierDemo, JOUR_MS } from './outils'
import { CORRESPONDANCES_IDCC } from './reference'
import { construireOpcos } from './regles'
import type { DonneesDemo, OptionsDonneesDemo } from './types'

export { texteRiche, type TexteRiche } from '@/src/domain/texteRiche'
export type * from './types'
export { mulberry32, numeroTvaFr } from './outils'
export { ANNEES_REGLES_DEMO, CORRESPONDANCES_IDCC, EMAILS_DEMO, MOTS_DE_PASSE_DEMO, REPARTITION_STATUTS, TRANCHES_DEMO } from './reference'

export function construireDonneesDemo(aujourdhui: Date, options: OptionsDonneesDemo = {}): DonneesDemo {
  const adminEmail = (options.adminEmail ?? DEFAULT_SEED_ADMIN_EMAIL).trim().toLowerCase()
  const cal = calendrierDemo(aujourdhui)
  const opcos = construireOpcos()

  // Qualiopi cycles last 3 years; the valid ones started 400 days ago so every demo start date is covered.
  const debutQualiopi = cal.t0 - 400 * JOUR_MS
  const finQualiopi = Date.UTC(new Date(debutQualiopi).getUTCFullYear() + 3, new Date(debutQualiopi).getUTCMonth(), new Date(debutQualiopi).getUTCDate()) - JOUR_MS
  const isoMidi = (ms: number): string => new Date(ms + 12 * 3_600_000).toISOString()
  const organismes = organismesDemo({ validiteDebut: isoMidi(debutQualiopi), validiteFin: isoMidi(finQualiopi) })

  const { dossiers, paiements } = construireDossiers(cal, opcos, adminEmail)
  return {
    opcos,
    correspondancesIdcc: CORRESPONDANCES_IDCC.map((c) => ({ ...c })),
    organismes,
    entreprises: entreprisesDemo(),
    utilisateurs: UTILISATEURS_DEMO.map((u) => ({ ...u })),
    dossiers,
    paiements,
    messages: construireMessages(dossiers, adminEmail),
  }
}
