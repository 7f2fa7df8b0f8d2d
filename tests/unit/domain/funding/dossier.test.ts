import { describe, expect, it } from '@jest/globals'
import { anneeDeReference, estimerDossier, memeEstimation } from '@/src/domain/funding/dossier'
import type { RegleFinancement } from '@/src/domain/funding'

const MAINTENANT = new Date('2026-05-10T10:00:00Z')
const CONSTRUCTYS: RegleFinancement[] = [
  { libelle: 'Constructys 2025 — bâtiment, moins de 11 salariés', annee: 2025, typeFormation: 'formation', effectifMin: 0, effectifMax: 10, plafondHoraireHT: 2_400, plafondAnnuelHT: 350_000, exemple: true },
  { libelle: 'Constructys 2025 — bilan de compétences / VAE', annee: 2025, typeFormation: 'bilan', plafondActionHT: 200_000, exemple: true },
]
const base = { regles: CONSTRUCTYS, opcoRenseigne: true, typeFormation: 'formation' as const, effectif: 6, dureeHeures: 21, coutTotalHT: 210_000, dateDebut: '2026-09-14T12:00:00.000Z' }

describe('estimerDossier', () => {
  it('calcule montant et détail lisible (plafond horaire)', () => {
    const r = estimerDossier(base, MAINTENANT)
    expect(r.montantEstime).toBe(50_400)
    expect(r.estimationFinancement).toMatchObject({
      plafondDeterminant: 'horaire',
      regleAppliquee: 'Constructys 2025 — bâtiment, moins de 11 salariés',
      heuresRetenues: 21,
      resteACharge: 159_600,
      manquants: [],
      calculeLe: MAINTENANT.toISOString(),
    })
    expect(r.estimationFinancement.detail.join('\n')).toMatch(/Plafond horaire/)
    expect(r.estimationFinancement.avertissements.join('\n')).toMatch(/exemple/i)
  })

  it('tient compte du plafond annuel déjà consommé', () => {
    const r = estimerDossier({ ...base, consommeAnnuel: 320_000 }, MAINTENANT)
    expect(r.montantEstime).toBe(30_000)
    expect(r.estimationFinancement.plafondDeterminant).toBe('annuel')
  })

  it('données manquantes : pas de montant, le détail dit ce qui manque', () => {
    const r = estimerDossier({ ...base, regles: null, opcoRenseigne: false, coutTotalHT: null, dureeHeures: undefined }, MAINTENANT)
    expect(r.montantEstime).toBeNull()
    expect(r.estimationFinancement.manquants).toEqual(['OPCO du dossier', 'coût total HT', 'durée (heures)'])
    expect(r.estimationFinancement.detail[0]).toMatch(/il manque OPCO du dossier, coût total HT, durée \(heures\)/)
    expect(r.estimationFinancement.plafondDeterminant).toBeNull()
  })

  it('aucune règle applicable : estimation vide (et non 0 €), avec l’explication', () => {
    const r = estimerDossier({ ...base, regles: [] }, MAINTENANT)
    expect(r.montantEstime).toBeNull()
    expect(r.estimationFinancement.plafondDeterminant).toBe('aucune_regle')
    expect(r.estimationFinancement.avertissements.join(' ')).toMatch(/Aucune règle/)
  })

  it("année : celle du début de la formation, sinon l'année en cours", () => {
    expect(anneeDeReference('2024-12-31T12:00:00Z', MAINTENANT)).toBe(2024)
    expect(anneeDeReference(null, MAINTENANT)).toBe(2026)
    expect(anneeDeReference('pas une date', MAINTENANT)).toBe(2026)
    // Une formation de 2024 ne relève pas des règles de 2025.
    expect(estimerDossier({ ...base, dateDebut: '2024-06-01' }, MAINTENANT).montantEstime).toBeNull()
  })

  it('memeEstimation ignore la date de calcul', () => {
    const a = estimerDossier(base, MAINTENANT).estimationFinancement
    const b = estimerDossier(base, new Date('2027-01-01T00:00:00Z')).estimationFinancement
    expect(memeEstimation(a, b)).toBe(true)
    expect(memeEstimation(a, estimerDossier({ ...base, dureeHeures: 7 }, MAINTENANT).estimationFinancement)).toBe(false)
    expect(memeEstimation(null, a)).toBe(false)
    // Key order is irrelevant (PostgreSQL's jsonb reorders keys).
    const inverse = Object.fromEntries(Object.entries(a).reverse())
    expect(memeEstimation(a, inverse)).toBe(true)
  })
})
