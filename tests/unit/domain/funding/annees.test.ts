import { describe, expect, it } from '@jest/globals'
import { choisirRegle, estimerFinancement, messageRepliAnnee, type RegleFinancement } from '@/src/domain/funding'
import { estimerDossier } from '@/src/domain/funding/dossier'
import { expliquerEstimation } from '@/src/domain/funding/explication'
import { montantDemande } from '@/src/domain/funding/demande'
import { ANNEES_REGLES_DEMO, construireDonneesDemo, TRANCHES_DEMO } from '@/src/seed/donnees'

const { opcos } = construireDonneesDemo(new Date('2026-12-03T10:00:00.000Z'))
const MAINTENANT = new Date('2026-12-03T10:00:00Z')
/** Les montants s'impriment avec des espaces insécables : comparés ici avec des espaces simples. */
const sp = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ')

describe('règles de démonstration : chaque OPCO, chaque tranche, chaque type, 2026 et 2027', () => {
  const effectifs = TRANCHES_DEMO.flatMap((t) => [t.effectifMin, t.effectifMax ?? 400])
  it.each(opcos.map((o) => [o.code, o.reglesFinancement] as const))('%s', (_code, regles) => {
    for (const annee of ANNEES_REGLES_DEMO) {
      for (const type of ['formation', 'bilan'] as const) {
        for (const effectif of effectifs) {
          const r = choisirRegle(regles as RegleFinancement[], type, effectif, annee)
          expect(r).not.toBeNull()
          // Une règle de l'année même : pas de repli pour les années couvertes.
          expect(r!.annee).toBe(annee)
          expect(r!.exemple).toBe(true)
        }
      }
    }
  })
})

describe('repli sur l’année antérieure la plus proche', () => {
  const regles: RegleFinancement[] = [
    { libelle: 'F 2025', annee: 2025, typeFormation: 'formation', effectifMin: 0, effectifMax: 10, plafondHoraireHT: 2_000 },
    { libelle: 'F 2026', annee: 2026, typeFormation: 'formation', effectifMin: 0, effectifMax: 10, plafondHoraireHT: 3_000 },
    { libelle: 'B 2024', annee: 2024, typeFormation: 'bilan', plafondActionHT: 150_000 },
  ]
  const demande = { regles, typeFormation: 'formation' as const, effectif: 5, dureeHeures: 10, coutTotalHT: 100_000 }

  it('2027 sans règle : celle de 2026, avec l’avertissement', () => {
    const e = estimerFinancement({ ...demande, annee: 2027 })
    expect(e).toMatchObject({ regleAppliquee: 'F 2026', montantEstime: 30_000 })
    expect(e.avertissements).toContain(messageRepliAnnee(2026, 2027))
    expect(messageRepliAnnee(2026, 2027)).toBe(
      "Aucune règle de 2027 pour ce cas : la règle de 2026, l'année antérieure la plus proche, est appliquée (à vérifier auprès de l'OPCO).",
    )
  })
  it('année couverte : pas d’avertissement de repli', () => {
    const e = estimerFinancement({ ...demande, annee: 2026 })
    expect(e.regleAppliquee).toBe('F 2026')
    expect(e.avertissements.join(' ')).not.toMatch(/antérieure/)
  })
  it('bilan : la seule règle antérieure (2024) s’applique en 2027, avec l’avertissement', () => {
    const e = estimerFinancement({ ...demande, typeFormation: 'bilan', annee: 2027 })
    expect(e.regleAppliquee).toBe('B 2024')
    expect(e.avertissements).toContain(messageRepliAnnee(2024, 2027))
  })
  it('une règle postérieure ne s’applique jamais', () => {
    expect(choisirRegle(regles, 'formation', 5, 2024)).toBeNull()
  })
  it('tranche sans règle : aucune règle, même en repli', () => {
    expect(choisirRegle(regles, 'formation', 30, 2027)).toBeNull()
  })
})

describe('une formation de 2027 avec les règles de démonstration', () => {
  const atlas = opcos.find((o) => o.code === 'ATLAS')!.reglesFinancement as RegleFinancement[]
  it('a une estimation, sans repli', () => {
    const r = estimerDossier(
      { regles: atlas, opcoRenseigne: true, typeFormation: 'formation', effectif: 23, dureeHeures: 14, coutTotalHT: 126_000, dateDebut: '2027-03-15T12:00:00.000Z' },
      MAINTENANT,
    )
    expect(r.montantEstime).toBe(14 * 5_500)
    expect(r.estimationFinancement.regleAppliquee).toMatch(/Atlas 2027/)
    const x = expliquerEstimation({ montantEstime: r.montantEstime, coutTotalHT: 126_000, estimationFinancement: r.estimationFinancement })
    expect(x.etat).toBe('estimee')
    expect(sp(x.phrase)).toBe('Prise en charge estimée par l’OPCO : 770,00 € ; reste à charge de l’entreprise : 490,00 €.')
    expect(x.avertissements).toContain("Règle d'exemple, à vérifier auprès de l'OPCO.")
    expect(x.montantDemande).toBe(77_000)
  })
})

describe('expliquerEstimation : une phrase, jamais deux choses contradictoires', () => {
  const regles: RegleFinancement[] = [{ libelle: 'R 2026', annee: 2026, typeFormation: 'formation', effectifMin: 0, effectifMax: 49, plafondHoraireHT: 3_000, exemple: true }]
  const base = { regles, opcoRenseigne: true, typeFormation: 'formation' as const, effectif: 5, dureeHeures: 10, coutTotalHT: 100_000, dateDebut: '2026-12-20T12:00:00Z' }
  const expliquer = (e: Partial<typeof base> & Record<string, unknown>) => {
    const r = estimerDossier({ ...base, ...e } as typeof base, MAINTENANT)
    return expliquerEstimation({ montantEstime: r.montantEstime, coutTotalHT: (e.coutTotalHT ?? base.coutTotalHT) as number | null, estimationFinancement: r.estimationFinancement })
  }

  it('jamais calculée', () => {
    expect(expliquerEstimation({ montantEstime: null, coutTotalHT: null, estimationFinancement: null })).toMatchObject({
      etat: 'non_calculee',
      phrase: 'Estimation pas encore calculée : elle l’est à chaque enregistrement du dossier.',
      avertissements: [],
      montantDemande: null,
    })
  })
  it('il manque le coût : seulement ce qui manque, rien sur les règles', () => {
    const x = expliquer({ coutTotalHT: null as unknown as number })
    expect(x).toMatchObject({ etat: 'incomplete', phrase: 'Pour estimer la prise en charge, il manque : coût total HT.', avertissements: [] })
  })
  it('il manque l’effectif (toutes les règles sont par tranche) : dit tel quel, pas « aucune règle »', () => {
    const x = expliquer({ effectif: null as unknown as number })
    expect(x.etat).toBe('incomplete')
    expect(x.phrase).toBe('Pour estimer la prise en charge, il manque : effectif de l’entreprise.')
  })
  it('aucune règle (effectif hors tranches) : une seule phrase, le montant demandé est le coût', () => {
    const x = expliquer({ effectif: 120 })
    expect(x.etat).toBe('sans_regle')
    expect(sp(x.phrase)).toBe(
      'Aucune règle de financement de l’OPCO ne couvre cette demande (année, type, effectif) : pas d’estimation. Le montant demandé est le coût total HT, 1 000,00 € ; l’OPCO fixera sa prise en charge.',
    )
    expect(x.avertissements.join(' ')).not.toMatch(/Aucune règle|il manque/)
    // Le cofinancement des 50 salariés et plus reste dit.
    expect(x.avertissements.join(' ')).toMatch(/cofinancement/)
    expect(x.montantDemande).toBe(100_000)
  })
  it('estimée avec repli d’année et date de début absente : les hypothèses sont dites', () => {
    const x = expliquer({ dateDebut: '2027-02-01T12:00:00Z' })
    expect(x.etat).toBe('estimee')
    expect(x.avertissements).toContain(messageRepliAnnee(2026, 2027))
    const sansDate = expliquer({ dateDebut: null as unknown as string })
    expect(sansDate.avertissements).toContain('Date de début non renseignée : les règles de 2026 (année en cours) sont appliquées.')
  })
  it('montant figé à l’envoi : la phrase le dit, sans les réserves d’un calcul périmé', () => {
    const r = estimerDossier({ ...base, coutTotalHT: null as unknown as number }, MAINTENANT)
    const x = expliquerEstimation({ montantEstime: 80_000, coutTotalHT: 100_000, estimationFinancement: r.estimationFinancement })
    expect(x).toMatchObject({ etat: 'figee', montantDemande: 80_000, resteACharge: 20_000 })
    expect(sp(x.phrase)).toBe('Montant demandé à l’OPCO, figé à l’envoi du dossier : 800,00 €.')
    expect(x.avertissements).toEqual([])
  })
})

describe('montantDemande : une seule définition', () => {
  it('l’estimation, sinon le coût total, sinon rien', () => {
    expect(montantDemande({ montantEstime: 77_000, coutTotalHT: 126_000 })).toBe(77_000)
    expect(montantDemande({ montantEstime: null, coutTotalHT: 126_000 })).toBe(126_000)
    expect(montantDemande({ montantEstime: 0, coutTotalHT: 126_000 })).toBe(126_000)
    expect(montantDemande({ montantEstime: null, coutTotalHT: null })).toBeNull()
  })
})
