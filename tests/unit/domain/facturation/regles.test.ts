import { describe, expect, it } from '@jest/globals'
import { dateEcheance, facturesDuDossier, libellePrestation, mentionTva, verifierFacturable, type DossierAFacturer, type ParametresFacturation } from '@/src/domain/facturation'
import configuration from '@/templates/pdf/configuration.json'

const parametres: ParametresFacturation = {
  delaiPaiementJours: 30,
  tauxTvaPourcent: 20,
  mentionsTva: {
    exoneration_261: 'Exonération de TVA – art. 261-4-4°-a du CGI',
    franchise_293B: 'TVA non applicable, art. 293 B du CGI',
    assujetti: 'TVA au taux normal de {taux} %',
  },
}

const dossier = (extra: Partial<DossierAFacturer> = {}): DossierAFacturer => ({
  typeFormation: 'formation',
  coutTotalHT: 140_000,
  montantValide: 120_000,
  subrogation: true,
  numeroDossierOpco: 'ATL-77',
  heuresRealisees: 14,
  formation: { titre: 'Excel avancé', dureeHeures: 14, dateDebut: '2027-03-01T00:00:00.000Z', dateFin: '2027-03-02T00:00:00.000Z' },
  ...extra,
})

const plan = (d: DossierAFacturer, regime = 'exoneration_261') => {
  const r = facturesDuDossier(d, regime, parametres)
  if (!r.ok) throw new Error(JSON.stringify(r.problemes))
  return r
}
const somme = (r: ReturnType<typeof plan>) => r.factures.reduce((s, f) => s + f.totalHT, 0)

describe('répartition OPCO / entreprise', () => {
  it('subrogation, coût > montant validé : OPCO pour le montant validé, entreprise pour le reste', () => {
    const r = plan(dossier())
    expect(r.factures.map((f) => [f.destinataire, f.totalHT])).toEqual([['opco', 120_000], ['entreprise', 20_000]])
    expect(r.repartition).toEqual({ heuresPrevues: 14, heuresRetenues: 14, coutFacture: 140_000, partOpco: 120_000, resteEntreprise: 20_000, subrogation: true })
    expect(r.factures[0]!.lignes[0]!.libelle).toBe('Formation « Excel avancé » du 01/03/2027 au 02/03/2027 — prise en charge OPCO (dossier OPCO n° ATL-77)')
    expect(r.factures[1]!.lignes[0]!.libelle).toBe('Formation « Excel avancé » du 01/03/2027 au 02/03/2027 — reste à charge de l’entreprise')
  })

  it('subrogation, coût couvert : une seule facture à l’OPCO', () => {
    const r = plan(dossier({ montantValide: 140_000 }))
    expect(r.factures.map((f) => [f.destinataire, f.totalHT])).toEqual([['opco', 140_000]])
    expect(r.factures[0]!.lignes).toEqual([{ libelle: expect.any(String), quantite: 14, prixUnitaireHT: 10_000, montantHT: 140_000 }])
  })

  it('montant validé supérieur au coût : l’OPCO n’est facturé que du coût', () => {
    expect(plan(dossier({ montantValide: 150_000 })).factures.map((f) => [f.destinataire, f.totalHT])).toEqual([['opco', 140_000]])
  })

  it('montant validé nul : tout pour l’entreprise', () => {
    expect(plan(dossier({ montantValide: 0 })).factures.map((f) => [f.destinataire, f.totalHT])).toEqual([['entreprise', 140_000]])
  })

  it('sans subrogation : une seule facture à l’entreprise pour tout le coût (montant validé ignoré)', () => {
    const r = plan(dossier({ subrogation: false, montantValide: null }))
    expect(r.factures.map((f) => [f.destinataire, f.totalHT])).toEqual([['entreprise', 140_000]])
    expect(r.factures[0]!.lignes[0]!.libelle).toBe('Formation « Excel avancé » du 01/03/2027 au 02/03/2027')
  })

  it('subrogation par défaut quand le champ est vide', () => {
    expect(plan(dossier({ subrogation: null })).factures).toHaveLength(2)
  })
})

describe('heures réalisées inférieures aux heures prévues : prorata', () => {
  it('coût et part OPCO au prorata, arrondis au centime inférieur ; l’entreprise paie la différence', () => {
    // 13,5 h sur 14 : coût 140 000 × 13,5 / 14 = 135 000 ; OPCO 100 001 × 13,5 / 14 = 96 429,53 → 96 429.
    const r = plan(dossier({ heuresRealisees: 13.5, montantValide: 100_001 }))
    expect(r.repartition).toMatchObject({ heuresRetenues: 13.5, coutFacture: 135_000, partOpco: 96_429, resteEntreprise: 38_571 })
    expect(somme(r)).toBe(135_000)
    for (const f of r.factures) {
      expect(f.lignes.reduce((s, l) => s + l.quantite, 0)).toBe(13.5)
      expect(f.lignes[0]!.libelle).toMatch(/13,5 h réalisées sur 14 h prévues$/)
    }
  })

  it('coût non divisible : arrondi inférieur du coût, jamais plus que la part exacte', () => {
    const r = plan(dossier({ coutTotalHT: 100_001, montantValide: 100_001, formation: { titre: 'T', dureeHeures: 3 }, heuresRealisees: 1 }))
    expect(r.repartition).toMatchObject({ coutFacture: 33_333, partOpco: 33_333, resteEntreprise: 0 })
    expect(r.factures.map((f) => f.destinataire)).toEqual(['opco'])
  })

  it('heures réalisées au-delà des prévues : plafonnées aux heures prévues', () => {
    const r = plan(dossier({ heuresRealisees: 20 }))
    expect(r.repartition).toMatchObject({ heuresRetenues: 14, coutFacture: 140_000 })
  })

  it('la somme des factures vaut toujours exactement le coût au prorata', () => {
    let graine = 7
    const alea = () => (graine = (graine * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let i = 0; i < 1000; i++) {
      const dureeHeures = (1 + Math.floor(alea() * 200)) / 2
      const heuresRealisees = (1 + Math.floor(alea() * dureeHeures * 2)) / 2
      const coutTotalHT = 1 + Math.floor(alea() * 5_000_000)
      const montantValide = Math.floor(alea() * coutTotalHT * 1.2)
      const subrogation = alea() < 0.8
      const r = facturesDuDossier(dossier({ coutTotalHT, montantValide, heuresRealisees, subrogation, formation: { titre: 'T', dureeHeures } }), 'assujetti', parametres)
      if (!r.ok) {
        // Only a zero amount (tiny cost prorated down to 0) can have nothing to invoice.
        expect(r.problemes).toEqual([{ champ: 'coutTotalHT', message: 'montant à facturer nul' }])
        continue
      }
      const attendu = heuresRealisees === dureeHeures ? coutTotalHT : Math.floor((coutTotalHT * heuresRealisees) / dureeHeures)
      expect(r.repartition.coutFacture).toBe(attendu)
      expect(somme(r)).toBe(attendu)
      expect(r.repartition.partOpco).toBeLessThanOrEqual(subrogation ? montantValide : 0)
      for (const f of r.factures) {
        expect(f.lignes.reduce((s, l) => s + l.montantHT, 0)).toBe(f.totalHT)
        expect(f.totalTTC).toBe(f.totalHT + f.totalTVA)
        expect(f.totalHT).toBeGreaterThan(0)
      }
    }
  })
})

describe('TVA', () => {
  it('exonération 261-4-4°-a : 0 et la mention', () => {
    const f = plan(dossier({ montantValide: 140_000 }), 'exoneration_261').factures[0]!
    expect([f.totalTVA, f.totalTTC, f.mentionTva]).toEqual([0, 140_000, 'Exonération de TVA – art. 261-4-4°-a du CGI'])
  })
  it('franchise 293 B : 0 et la mention', () => {
    const f = plan(dossier({ montantValide: 140_000 }), 'franchise_293B').factures[0]!
    expect([f.totalTVA, f.totalTTC, f.mentionTva]).toEqual([0, 140_000, 'TVA non applicable, art. 293 B du CGI'])
  })
  it('assujetti : 20 % sur le total de chaque facture, arrondi au demi-centime supérieur', () => {
    const r = plan(dossier({ coutTotalHT: 100_003, montantValide: 50_001 }), 'assujetti')
    expect(r.factures.map((f) => [f.totalHT, f.totalTVA, f.totalTTC])).toEqual([
      [50_001, 10_000, 60_001], // 10 000,2 → 10 000
      [50_002, 10_000, 60_002], // 10 000,4 → 10 000
    ])
    expect(r.factures[0]!.mentionTva).toBe('TVA au taux normal de 20 %')
    expect(plan(dossier({ coutTotalHT: 100_003, montantValide: 50_003 }), 'assujetti').factures[0]!.totalTVA).toBe(10_001) // 10 000,6 → 10 001
  })
  it('taux décimal imprimé à la française', () => {
    expect(mentionTva('assujetti', { ...parametres, tauxTvaPourcent: 5.5 })).toBe('TVA au taux normal de 5,5 %')
  })
  it('les mentions de la configuration des documents sont celles attendues', () => {
    expect(configuration.mentions.tva).toEqual(parametres.mentionsTva)
    expect(configuration.facturation.delaiPaiementJours).toBe(30)
  })
})

describe('dossier non facturable', () => {
  it('liste tout ce qui manque', () => {
    const r = facturesDuDossier({ typeFormation: 'formation', subrogation: true, formation: {} }, null, parametres)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.problemes.map((p) => p.champ)).toEqual(['coutTotalHT', 'formation.dureeHeures', 'heuresRealisees', 'montantValide', 'formation.organisme'])
  })
  it('aucune heure réalisée : rien à facturer', () => {
    expect(verifierFacturable(dossier({ heuresRealisees: 0 }))).toEqual([{ champ: 'heuresRealisees', message: 'aucune heure réalisée : rien à facturer' }])
  })
  it('heures hors demi-heure refusées', () => {
    expect(verifierFacturable(dossier({ heuresRealisees: 13.25 })).map((p) => p.champ)).toEqual(['heuresRealisees'])
  })
  it('régime de TVA inconnu refusé', () => {
    expect(facturesDuDossier(dossier(), 'autre', parametres).ok).toBe(false)
  })
  it('sans régime passé, verifierFacturable ne contrôle pas l’organisme (précondition de transition)', () => {
    expect(verifierFacturable(dossier())).toEqual([])
  })
})

describe('libellés et échéance', () => {
  it('bilan, titre absent, dates absentes ou illisibles', () => {
    expect(libellePrestation({ typeFormation: 'bilan', formation: { titre: 'Bilan pro', dateDebut: '2027-01-04' } })).toBe('Bilan de compétences « Bilan pro » à partir du 04/01/2027')
    expect(libellePrestation({ formation: null })).toBe('Formation « sans intitulé »')
    expect(libellePrestation({ formation: { titre: 'T', dateDebut: 'n’importe quoi', dateFin: '2027-01-01' } })).toBe('Formation « T »')
  })
  it('échéance = émission + délai en jours', () => {
    expect(dateEcheance('2026-11-24T10:00:00.000Z', 30)).toBe('2026-12-24T10:00:00.000Z')
    expect(dateEcheance(new Date('2026-02-27T00:00:00.000Z'), 2)).toBe('2026-03-01T00:00:00.000Z')
    expect(dateEcheance('2026-11-24T10:00:00.000Z', 0)).toBe('2026-11-24T10:00:00.000Z')
    expect(() => dateEcheance('pas une date', 30)).toThrow(RangeError)
    expect(() => dateEcheance('2026-11-24', -1)).toThrow(RangeError)
  })
})
