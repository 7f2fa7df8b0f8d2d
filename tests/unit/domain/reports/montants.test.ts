import { describe, expect, it } from '@jest/globals'
import { additionnerMontants, factureOpco, montantDemande, montantsDossier, montantValideAccorde, recuDe } from '@/src/domain/reports/montants'
import { ligneCsv, montantsLigne, type LigneExportDossier } from '@/src/domain/reports/colonnes'

const soumis = '2026-02-01T10:00:00.000Z'

describe('une définition par chiffre (src/domain/reports/montants.ts)', () => {
  it('demandé : estimation, sinon coût, seulement une fois soumis', () => {
    expect(montantDemande({ soumissionDate: soumis, montantEstime: 90_000, coutTotalHT: 120_000 })).toBe(90_000)
    expect(montantDemande({ soumissionDate: soumis, montantEstime: 0, coutTotalHT: 120_000 })).toBe(120_000)
    expect(montantDemande({ soumissionDate: null, montantEstime: 90_000, coutTotalHT: 120_000 })).toBe(0)
  })

  it('validé : le montant accordé, seulement dans un statut d’accord', () => {
    expect(montantValideAccorde({ status: 'accepte_partiel', montantValide: 50_000 })).toBe(50_000)
    expect(montantValideAccorde({ status: 'cloture', montantValide: 50_000 })).toBe(50_000)
    expect(montantValideAccorde({ status: 'annule', montantValide: 50_000 })).toBe(0)
    expect(montantValideAccorde({ status: 'refuse', montantValide: null })).toBe(0)
  })

  it('reçu : par payeur, statut « reçu » (ou absent) seulement', () => {
    const p = [
      { montant: 100, payeur: 'opco', statut: 'recu' },
      { montant: 200, payeur: 'opco' },
      { montant: 400, payeur: 'opco', statut: 'attendu' },
      { montant: 800, payeur: 'opco', statut: 'annule' },
      { montant: 1600, payeur: 'entreprise', statut: 'recu' },
    ]
    expect(recuDe(p, 'opco')).toBe(300)
    expect(recuDe(p, 'entreprise')).toBe(1600)
  })

  it('payé par l’OPCO plafonné au validé, l’excédent en trop-perçu, reste dû jamais négatif', () => {
    const d = { status: 'facture', soumissionDate: soumis, coutTotalHT: 150_000, montantEstime: 100_000, montantValide: 80_000 }
    expect(montantsDossier(d, [{ montant: 50_000, payeur: 'opco' }])).toEqual({ demande: 100_000, valide: 80_000, duOpco: 80_000, payeOpco: 50_000, tropPercu: 0, payeEntreprise: 0, resteDu: 30_000 })
    expect(montantsDossier(d, [{ montant: 95_000, payeur: 'opco' }, { montant: 70_000, payeur: 'entreprise' }])).toEqual({
      demande: 100_000,
      valide: 80_000,
      duOpco: 80_000,
      payeOpco: 80_000,
      tropPercu: 15_000,
      payeEntreprise: 70_000,
      resteDu: 0,
    })
    // A payment on a dossier the OPCO never accepted is entirely an overpayment.
    expect(montantsDossier({ status: 'refuse', soumissionDate: soumis, coutTotalHT: 1_000 }, [{ montant: 500, payeur: 'opco' }])).toMatchObject({ valide: 0, payeOpco: 0, tropPercu: 500, resteDu: 0 })
  })

  it('dû par l’OPCO : ses factures émises une fois facturé (heures faites, TVA), sinon le validé', () => {
    const d = { status: 'facture', soumissionDate: soumis, coutTotalHT: 150_000, montantValide: 80_000 }
    const factures = [
      { type: 'facture', destinataire: 'opco', statut: 'emise', totalTTC: 72_000 },
      { type: 'facture', destinataire: 'entreprise', statut: 'emise', totalTTC: 70_000 },
      { type: 'facture', destinataire: 'opco', statut: 'brouillon', totalTTC: 5_000 },
      { type: 'avoir', destinataire: 'opco', statut: 'emise', totalTTC: 1_000 },
    ]
    expect(factureOpco(factures)).toBe(72_000)
    expect(factureOpco([])).toBeNull()
    // Paid the invoice (fewer hours than agreed): nothing more is due, no overpayment.
    expect(montantsDossier(d, [{ montant: 72_000, payeur: 'opco' }], factures)).toMatchObject({ valide: 80_000, duOpco: 72_000, payeOpco: 72_000, resteDu: 0, tropPercu: 0 })
    // Paid the whole validated amount on a smaller invoice: the difference is an overpayment.
    expect(montantsDossier(d, [{ montant: 80_000, payeur: 'opco' }], factures)).toMatchObject({ duOpco: 72_000, payeOpco: 72_000, resteDu: 0, tropPercu: 8_000 })
    // With VAT the invoice exceeds the validated amount and paying it is no anomaly.
    const ttc = [{ type: 'facture', destinataire: 'opco', statut: 'payee', totalTTC: 96_000 }]
    expect(montantsDossier(d, [{ montant: 96_000, payeur: 'opco' }], ttc)).toMatchObject({ duOpco: 96_000, payeOpco: 96_000, resteDu: 0, tropPercu: 0 })
  })

  it('totaux : somme par dossier, un trop-perçu ne compense jamais un reste dû ; validé = payé + reste dû', () => {
    const a = montantsDossier({ status: 'accepte', montantValide: 1_000 }, [{ montant: 1_500, payeur: 'opco' }])
    const b = montantsDossier({ status: 'accepte', montantValide: 1_000 }, [])
    const t = additionnerMontants([a, b])
    expect(t).toMatchObject({ valide: 2_000, duOpco: 2_000, payeOpco: 1_000, tropPercu: 500, resteDu: 1_000 })
    expect(t.duOpco).toBe(t.payeOpco + t.resteDu)
  })

  it('les exports calculent avec la même définition (PostgreSQL rend des sommes en texte)', () => {
    const ligne = {
      id: 1, reference: 'MO-2026-000001', status: 'accepte', type_formation: 'formation', beneficiaire_nom: 'A', beneficiaire_prenom: 'B', entreprise: null, siret: null, opco: null, organisme: null,
      formation_titre: null, formation_date_debut: null, cout_total_h_t: '150000', montant_valide: '80000', montant_estime: null, recu_opco: '90000', recu_entreprise: '0', facture_opco: null,
      soumission_date: new Date(soumis), validation_admin_date: null, envoi_opco_date: null, reponse_opco_date: null, created_at: soumis,
    } satisfies LigneExportDossier
    expect(montantsLigne(ligne)).toEqual({ demande: 150_000, valide: 80_000, duOpco: 80_000, payeOpco: 80_000, tropPercu: 10_000, payeEntreprise: 0, resteDu: 0 })
    const csv = ligneCsv(ligne)
    expect(csv['Trop-perçu (€)']).toBe('100,00')
    expect(csv['Reste dû par l’OPCO (€)']).toBe('0,00')
    expect(montantsLigne({ ...ligne, facture_opco: '95000' })).toMatchObject({ duOpco: 95_000, payeOpco: 90_000, tropPercu: 0, resteDu: 5_000 })
  })
})
