import { describe, expect, it } from '@jest/globals'
import { brouillonAvoir, completerTotauxBrouillon, verifierPieceEmettable, type PieceFacturation } from '@/src/domain/facturation'

const piece = (extra: Partial<PieceFacturation> = {}): PieceFacturation => ({
  type: 'facture',
  destinataire: 'opco',
  lignes: [
    { libelle: 'Formation', quantite: 8, prixUnitaireHT: 8_571, montantHT: 68_568 },
    { libelle: 'Formation', quantite: 6, prixUnitaireHT: 8_572, montantHT: 51_432 },
  ],
  totalHT: 120_000,
  totalTVA: 0,
  totalTTC: 120_000,
  mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI',
  ...extra,
})

describe('verifierPieceEmettable', () => {
  it('une pièce cohérente au centime est émettable', () => {
    expect(verifierPieceEmettable(piece())).toEqual([])
  })

  it('refuse une ligne dont le montant n’est pas quantité × prix, un total qui n’est pas la somme', () => {
    const p = piece({ lignes: [{ libelle: 'Formation', quantite: 14, prixUnitaireHT: 8_571, montantHT: 120_000 }] })
    expect(verifierPieceEmettable(p).map((x) => x.champ)).toEqual(['lignes.0.montantHT'])
    expect(verifierPieceEmettable(piece({ totalHT: 119_999, totalTTC: 119_999 })).map((x) => x.champ)).toEqual(['totalHT'])
    expect(verifierPieceEmettable(piece({ totalTVA: 1 })).map((x) => x.champ)).toEqual(['totalTTC'])
  })

  it('liste tout ce qui manque', () => {
    const p = verifierPieceEmettable({ type: 'avoir', lignes: [], totalHT: null, totalTVA: null, totalTTC: null, mentionTva: ' ' })
    expect(p.map((x) => x.champ)).toEqual(['destinataire', 'factureOrigine', 'lignes', 'totalHT', 'totalTVA', 'totalTTC', 'mentionTva'])
    const l = verifierPieceEmettable(piece({ lignes: [{ libelle: '', quantite: 1.001, prixUnitaireHT: 10, montantHT: 10.5 }] }))
    expect(l.map((x) => x.champ)).toEqual(['lignes.0.libelle', 'lignes.0.quantite', 'lignes.0.montantHT'])
  })
})

describe('completerTotauxBrouillon', () => {
  it('calcule les montants manquants des lignes, le total HT et le TTC', () => {
    const d = completerTotauxBrouillon({ lignes: [{ libelle: 'a', quantite: 2, prixUnitaireHT: 1_000 }, { libelle: 'b', quantite: 0.5, prixUnitaireHT: 1_001, montantHT: 501 }], totalTVA: 100 })
    expect(d).toMatchObject({ totalHT: 2_501, totalTVA: 100, totalTTC: 2_601 })
    expect((d.lignes as Array<{ montantHT: number }>).map((l) => l.montantHT)).toEqual([2_000, 501])
    expect(verifierPieceEmettable({ ...piece(), ...d, mentionTva: 'TVA 20 %' } as PieceFacturation).map((x) => x.champ)).toEqual([])
  })
  it('reprend la TVA enregistrée quand seule une autre valeur change ; TVA vide = 0', () => {
    expect(completerTotauxBrouillon({ totalHT: 1_000 }, { totalTVA: 200 })).toEqual({ totalHT: 1_000, totalTVA: 200, totalTTC: 1_200 })
    expect(completerTotauxBrouillon({ lignes: [{ libelle: 'a', quantite: 1, prixUnitaireHT: 5 }] })).toMatchObject({ totalHT: 5, totalTVA: 0, totalTTC: 5 })
  })
  it('ne touche à rien sans lignes ni totaux, ni à une ligne incalculable', () => {
    expect(completerTotauxBrouillon({ mentionTva: 'x' })).toEqual({ mentionTva: 'x' })
    const d = completerTotauxBrouillon({ lignes: [{ libelle: 'a', quantite: 1.001, prixUnitaireHT: 5 }] })
    expect(d.totalHT).toBeUndefined()
    expect((d.lignes as Array<{ montantHT?: number }>)[0]!.montantHT).toBeUndefined()
  })
})

describe('brouillonAvoir', () => {
  it('reprend la facture en montants positifs, type avoir, référence à l’origine, sans échéance', () => {
    const f = { ...piece({ dossier: 7, statut: 'emise', numero: 'F-2026-00001' }), id: 42, lignes: piece().lignes!.map((l, i) => ({ ...l, id: `ligne-${i}` })) }
    const a = brouillonAvoir(f, 'Heures corrigées')
    expect(a).toEqual({
      type: 'avoir',
      dossier: 7,
      factureOrigine: 42,
      destinataire: 'opco',
      lignes: piece().lignes,
      totalHT: 120_000,
      totalTVA: 0,
      totalTTC: 120_000,
      mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI',
      motif: 'Heures corrigées',
    })
    expect(verifierPieceEmettable(a as PieceFacturation)).toEqual([])
    expect(brouillonAvoir(f)).not.toHaveProperty('motif')
  })
})
