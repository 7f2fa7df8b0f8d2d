/**
 * The OPCOs' funding rules of the demo: the docs/domaine.md examples (./reference) first, then
 * indicative rules « à vérifier » for every year, band and type the examples leave uncovered.
 */
import { construireSiret } from '@/src/domain/siret'
import type { TypeFormation } from '@/src/domain/statuts'
import { ANNEES_REGLES_DEMO, ECHEANCES_INDICATIVES, OPCOS_BASE, reglesConnues, TAUX_HORAIRE_DEMO, TRANCHES_DEMO } from './reference'
import type { OpcoDemo, RegleFinancementDemo } from './types'

/**
 * The docs/domaine.md example an indicative rule carries forward: the most recent one for this type
 * (or for any type) and this band (or for every band under 50), so that next year's estimate
 * stays what this year's example says until an admin enters the OPCO's published criteria.
 */
function exempleAReprendre(connues: readonly RegleFinancementDemo[], type: TypeFormation, t: (typeof TRANCHES_DEMO)[number]): RegleFinancementDemo | undefined {
  const memeTranche = (r: RegleFinancementDemo) =>
    r.effectifMin === undefined && r.effectifMax === undefined ? t.effectifMax !== undefined : r.effectifMin === t.effectifMin && r.effectifMax === t.effectifMax
  return [...connues].filter((r) => (r.typeFormation === undefined || r.typeFormation === type) && memeTranche(r)).sort((a, b) => b.annee - a.annee)[0]
}

/**
 * Example rules for every year of ANNEES_REGLES_DEMO × band × type (formation, bilan), flagged
 * « à vérifier »: an admin replaces them with the OPCO's published criteria. Combinations that a
 * docs/domaine.md example already covers (same year, type and band) are left to the example; the others
 * carry the most recent example forward, or indicative amounts when there is none.
 */
function reglesIndicatives(code: string, nom: string, connues: readonly RegleFinancementDemo[]): RegleFinancementDemo[] {
  const taux = TAUX_HORAIRE_DEMO[code] ?? 3_000
  const regles: RegleFinancementDemo[] = []
  for (const annee of ANNEES_REGLES_DEMO) {
    for (const t of TRANCHES_DEMO) {
      for (const typeFormation of ['formation', 'bilan'] as const) {
        const couverte = connues.some(
          (r) => r.annee === annee && r.typeFormation === typeFormation && r.effectifMin === t.effectifMin && r.effectifMax === t.effectifMax,
        )
        if (couverte) continue
        const grande = t.effectifMax === undefined
        const exemple = exempleAReprendre(connues, typeFormation, t)
        const libelle = `Exemple indicatif — à vérifier — ${nom} ${annee}, ${typeFormation === 'bilan' ? 'bilan de compétences' : 'formation'}, ${t.libelle}${exemple ? ` (reprend « ${exemple.libelle} »)` : ''}`
        const tranche = { effectifMin: t.effectifMin, ...(t.effectifMax !== undefined ? { effectifMax: t.effectifMax } : {}) }
        if (exemple) {
          const { plafondHoraireHT, plafondActionHT, plafondAnnuelHT, heuresMin, heuresMax } = exemple
          const plafonds = Object.fromEntries(Object.entries({ plafondHoraireHT, plafondActionHT, plafondAnnuelHT, heuresMin, heuresMax }).filter(([, v]) => v !== undefined))
          regles.push({ libelle, annee, typeFormation, ...tranche, ...plafonds, exemple: true })
          continue
        }
        regles.push(
          typeFormation === 'bilan'
            ? { libelle, annee, typeFormation, ...tranche, plafondActionHT: grande ? 150_000 : 200_000, heuresMax: 24, exemple: true }
            : grande
              ? { libelle, annee, typeFormation, ...tranche, plafondHoraireHT: Math.round(taux / 2), plafondActionHT: 150_000, exemple: true }
              : { libelle, annee, typeFormation, ...tranche, plafondHoraireHT: taux, plafondAnnuelHT: t.effectifMax === 10 ? 600_000 : 800_000, exemple: true },
        )
      }
    }
  }
  return regles
}

/** The demo OPCOs, each with its example and indicative funding rules. */
export function construireOpcos(): OpcoDemo[] {
  return OPCOS_BASE.map(({ code, nom, secteurs }, i) => ({
    code,
    nom,
    contactEmail: `dossiers@${code.toLowerCase()}.exemple.fr`,
    // Fictitious SIRETs (valid Luhn key, SIREN 99XX0000): an OPCO invoice is an e-invoice that
    // must carry its buyer's SIREN (Factur-X, src/domain/facturation/reglesEn16931.ts), so the
    // demo's OPCOs need one to be invoiced; an operator replaces them with the real ones.
    siret: construireSiret(`99${String(i + 1).padStart(2, '0')}0000`, '0001'),
    secteurs,
    actif: true,
    ...ECHEANCES_INDICATIVES,
    // The docs/domaine.md examples first: between rules of the same year, type and band, the estimate
    // (src/domain/funding) keeps the admin's order, so Constructys' « bâtiment » rules win over
    // « travaux publics » for the demo's building company.
    reglesFinancement: [...(reglesConnues(code) ?? []), ...reglesIndicatives(code, nom, reglesConnues(code) ?? [])],
  }))
}
