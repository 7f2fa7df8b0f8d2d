/**
 * Les règles EN 16931 appliquées avant émission, chacune éprouvée par sa propre définition
 * (EN 16931-1 §6.4) : une pièce conforme passe, la même pièce qui viole la règle est signalée
 * sous l'identifiant de la règle. Et le modèle d'une pièce selon le régime de TVA de l'organisme.
 */
import { describe, expect, it } from '@jest/globals'
import { chargerConfigurationDocuments } from '@/src/config/documents'
import { factureEn16931, regimeDeLaPiece, TVA_DES_REGIMES, type FactureEn16931 } from '@/src/domain/facturation/en16931'
import * as R from '@/src/domain/facturation/reglesEn16931'
import type { RegimeTva } from '@/src/domain/documents/configuration'

const config = chargerConfigurationDocuments()
const mention = (r: RegimeTva) => config.mentions.tva[r].replaceAll('{taux}', '20')

function piece(regime: RegimeTva = 'exoneration_261', extra: Record<string, unknown> = {}): FactureEn16931 {
  const tva = regime === 'assujetti' ? 28_000 : 0
  return factureEn16931(
    {
      dossier: { reference: 'MO-2026-00001', numeroDossierOpco: 'ATL-77', formation: { dateDebut: '2026-11-02', dateFin: '2026-11-03' } },
      organisme: { nom: 'Forma Pro', siret: '33333333000013', numeroTva: 'FR19812345676', regimeTva: regime },
      opco: { nom: 'Atlas', siret: '44444444000015' },
      entreprise: { raisonSociale: 'Alpha Conseil', siret: '11111111000011' },
      facture: {
        type: 'facture',
        destinataire: 'opco',
        lignes: [
          { libelle: 'Formation « Excel »', quantite: 10, prixUnitaireHT: 10_000, montantHT: 100_000 },
          { libelle: 'Formation « Excel » — reste', quantite: 4, prixUnitaireHT: 10_000, montantHT: 40_000 },
        ],
        totalHT: 140_000,
        totalTVA: tva,
        totalTTC: 140_000 + tva,
        mentionTva: mention(regime),
        ...extra,
      },
    },
    config,
    { numeroProvisoire: 'PROVISOIRE', dateProvisoire: '2026-12-04T10:00:00.000Z' },
  )
}
const regles = (f: FactureEn16931) => R.verifierReglesEn16931(f).map((v) => v.regle)

describe('modèle EN 16931 d’une pièce', () => {
  it.each(['exoneration_261', 'franchise_293B', 'assujetti'] as const)('%s : conforme, codes de TVA du régime, totaux de la pièce', (regime) => {
    const f = piece(regime)
    expect(R.verifierReglesEn16931(f)).toEqual([])
    expect(f.ventilation).toEqual([
      expect.objectContaining({
        categorie: TVA_DES_REGIMES[regime].categorie,
        codeExoneration: TVA_DES_REGIMES[regime].codeExoneration,
        baseImposable: 140_000,
        taux: regime === 'assujetti' ? 20 : 0,
        motifExoneration: regime === 'assujetti' ? null : mention(regime),
      }),
    ])
    expect(f.totaux).toEqual({ sommeLignes: 140_000, totalHT: 140_000, totalTva: f.totaux.totalTva, totalTTC: 140_000 + f.totaux.totalTva!, dejaPaye: 0, montantDu: 140_000 + f.totaux.totalTva! })
    expect(f.notes[0]).toMatch(/prestation de services/)
    expect([f.vendeur.siren, f.acheteur.siren, f.paiement?.iban, f.dateEcheance]).toEqual(['333333330', '444444440', config.facturation.paiement.iban, '2027-01-03'])
  })

  it('codes d’exonération : 261-4-4°-a → VATEX-EU-132-1I, 293 B → VATEX-FR-FRANCHISE, catégorie E', () => {
    expect(TVA_DES_REGIMES.exoneration_261).toEqual({ categorie: 'E', codeExoneration: 'VATEX-EU-132-1I' })
    expect(TVA_DES_REGIMES.franchise_293B).toEqual({ categorie: 'E', codeExoneration: 'VATEX-FR-FRANCHISE' })
    expect(TVA_DES_REGIMES.assujetti).toEqual({ categorie: 'S', codeExoneration: null })
  })

  it('la mention enregistrée fait foi sur le régime actuel de l’organisme', () => {
    expect(regimeDeLaPiece(mention('franchise_293B'), 0, 'assujetti', config)).toBe('franchise_293B')
    expect(regimeDeLaPiece('autre texte', 100, 'exoneration_261', config)).toBe('assujetti')
    expect(regimeDeLaPiece(null, 0, 'exoneration_261', config)).toBe('exoneration_261')
  })

  it('avoir : type 381, facture d’origine citée (BT-25), pas d’échéance ni de virement', () => {
    const f = piece('exoneration_261', { type: 'avoir', factureOrigine: 'F-2026-00001' })
    expect([f.type, f.factureOrigine?.numero, f.dateEcheance, f.paiement]).toEqual(['381', 'F-2026-00001', null, null])
    expect(R.verifierReglesEn16931(f)).toEqual([])
    expect(regles({ ...f, factureOrigine: null })).toEqual(['BR-55'])
  })
})

describe('règles de gestion', () => {
  it('BR-CO-10 : somme des lignes (BT-106) = Σ des montants nets des lignes (BT-131)', () => {
    const f = piece()
    expect(R.brCo10({ ...f, totaux: { ...f.totaux, sommeLignes: 139_999 } })).toEqual([expect.objectContaining({ regle: 'BR-CO-10' })])
    expect(R.brCo10(f)).toEqual([])
  })

  it('BR-CO-13 : total HT (BT-109) = somme des lignes (BT-106), sans remise ni charge', () => {
    expect(regles(piece('exoneration_261', { totalHT: 140_001, totalTTC: 140_001 }))).toEqual(['BR-CO-13'])
  })

  it('BR-CO-15 : total TTC (BT-112) = HT (BT-109) + TVA (BT-110) — un centime d’écart suffit', () => {
    expect(regles(piece('assujetti', { totalTTC: 168_001 }))).toEqual(['BR-CO-15'])
    expect(regles(piece('exoneration_261', { totalTTC: 139_999 }))).toEqual(['BR-CO-15'])
  })

  it('BR-CO-16 : montant à payer (BT-115) = TTC − déjà payé', () => {
    const f = piece()
    expect(R.brCo16({ ...f, totaux: { ...f.totaux, montantDu: 1 } })).toEqual([expect.objectContaining({ regle: 'BR-CO-16' })])
  })

  it('BR-CO-14 / BR-CO-17 / BR-S-09 : la TVA de la ventilation = base × taux arrondie, et le total TVA sa somme', () => {
    expect(regles(piece('assujetti', { totalTVA: 27_999, totalTTC: 167_999 }))).toEqual(['BR-CO-17', 'BR-S-09'])
    const f = piece('assujetti')
    expect(R.brCo14({ ...f, totaux: { ...f.totaux, totalTva: 1 } })).toEqual([expect.objectContaining({ regle: 'BR-CO-14' })])
    expect(R.tvaArrondie(100_003, 20)).toBe(20_001) // 200,006 € → 200,01 €
    expect(R.tvaArrondie(1_001, 5.5)).toBe(55) // 55,055 centimes → 55
  })

  it('BR-CO-18 : au moins une ventilation de TVA', () => {
    expect(R.brCo18({ ...piece(), ventilation: [] })).toEqual([expect.objectContaining({ regle: 'BR-CO-18' })])
  })

  it('BR-S-08 : base imposable par taux = Σ des lignes à ce taux ; BR-S-10 : pas de motif d’exonération au taux normal', () => {
    const f = piece('assujetti')
    expect(R.brS({ ...f, ventilation: [{ ...f.ventilation[0]!, baseImposable: 100_000, montantTva: 20_000 }] }).map((v) => v.regle)).toEqual(['BR-S-08'])
    expect(R.brS({ ...f, ventilation: [{ ...f.ventilation[0]!, codeExoneration: 'VATEX-EU-132-1I' }] }).map((v) => v.regle)).toEqual(['BR-S-10'])
  })

  it('BR-S-02 / BR-E-02 : le n° de TVA du vendeur est exigé, TVA ou exonération', () => {
    const sansTva = (f: FactureEn16931) => ({ ...f, vendeur: { ...f.vendeur, numeroTva: null } })
    expect(R.brS(sansTva(piece('assujetti'))).map((v) => v.regle)).toEqual(['BR-S-02'])
    expect(R.brE(sansTva(piece('franchise_293B'))).map((v) => v.regle)).toEqual(['BR-E-02'])
  })

  it('BR-E-01 / -05 / -08 / -09 / -10 : une ventilation exonérée, taux 0, base = lignes, TVA 0, motif présent', () => {
    const f = piece('exoneration_261')
    const ven = f.ventilation[0]!
    expect(R.brE({ ...f, ventilation: [ven, ven] }).map((v) => v.regle)).toContain('BR-E-01')
    expect(R.brE({ ...f, lignes: f.lignes.map((l) => ({ ...l, taux: 20 })) }).map((v) => v.regle)).toEqual(['BR-E-05', 'BR-E-05'])
    expect(R.brE({ ...f, ventilation: [{ ...ven, baseImposable: 1 }] }).map((v) => v.regle)).toEqual(['BR-E-08'])
    expect(R.brE({ ...f, ventilation: [{ ...ven, montantTva: 1 }] }).map((v) => v.regle)).toEqual(['BR-E-09'])
    expect(R.brE({ ...f, ventilation: [{ ...ven, motifExoneration: null, codeExoneration: null }] }).map((v) => v.regle)).toEqual(['BR-E-10'])
    expect(R.brE({ ...f, ventilation: [{ ...ven, motifExoneration: null }] })).toEqual([])
  })

  it('parties : BR-06 nom du vendeur, BR-07 nom de l’acheteur, SIREN du vendeur et du client (réforme)', () => {
    const f = piece()
    expect(R.br06({ ...f, vendeur: { ...f.vendeur, nom: null } })).toEqual([expect.objectContaining({ regle: 'BR-06' })])
    expect(R.br07({ ...f, acheteur: { ...f.acheteur, nom: ' ' } })).toEqual([expect.objectContaining({ regle: 'BR-07' })])
    expect(R.brFrSiren({ ...f, acheteur: { ...f.acheteur, siren: null } }).map((v) => v.regle)).toEqual(['BR-FR-SIREN-ACHETEUR'])
    expect(R.brFrSiren({ ...f, vendeur: { ...f.vendeur, siren: null } }).map((v) => v.regle)).toEqual(['BR-FR-SIREN-VENDEUR'])
    expect(R.br10({ ...f, acheteur: { ...f.acheteur, adresse: { ...f.acheteur.adresse, pays: null } } })).toEqual([expect.objectContaining({ regle: 'BR-11' })])
  })

  it('en-tête et lignes : BR-02 numéro, BR-03 date, BR-16 au moins une ligne, BR-22/24/25/26 champs de ligne', () => {
    const f = piece()
    expect(regles({ ...f, numero: null })).toEqual(['BR-02'])
    expect(regles({ ...f, dateEmission: null })).toEqual(['BR-03'])
    expect(R.br16({ ...f, lignes: [] })).toEqual([expect.objectContaining({ regle: 'BR-16' })])
    const l = f.lignes[0]!
    expect(R.lignesCompletes({ ...f, lignes: [{ ...l, quantite: null, montantNet: null, libelle: '', prixUnitaire: null }] }).map((v) => v.regle)).toEqual(['BR-22', 'BR-24', 'BR-25', 'BR-26'])
  })

  it('BR-61 : un virement porte l’IBAN du bénéficiaire ; BR-CO-25 : échéance ou conditions de paiement', () => {
    const f = piece()
    expect(R.br61({ ...f, paiement: { ...f.paiement!, iban: null } })).toEqual([expect.objectContaining({ regle: 'BR-61' })])
    expect(R.brCo25({ ...f, dateEcheance: null, conditionsPaiement: null })).toEqual([expect.objectContaining({ regle: 'BR-CO-25' })])
    expect(R.brCo25({ ...f, dateEcheance: null })).toEqual([])
  })
})
