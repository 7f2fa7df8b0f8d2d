import { describe, expect, it } from '@jest/globals'
import { comparerPaiement, montantAttenduOpco, statutPaiementDossier, totalRecuOpco } from '@/src/domain/paiements'

const opco = (montant: number, statut = 'recu') => ({ montant, payeur: 'opco', statut })
const entreprise = (montant: number) => ({ montant, payeur: 'entreprise', statut: 'recu' })

describe('totalRecuOpco', () => {
  it("ne compte que les paiements reçus de l'OPCO", () => {
    expect(totalRecuOpco([opco(100), opco(50, 'attendu'), opco(20, 'annule'), entreprise(1000), { montant: 7, payeur: 'opco' }])).toBe(107)
  })
  it('ignore les montants invalides', () => {
    expect(totalRecuOpco([opco(Number.NaN), opco(-5), opco(1.5), { montant: null, payeur: 'opco' }])).toBe(0)
  })
})

describe('statutPaiementDossier', () => {
  it('aucun → partiel → payé → trop-perçu', () => {
    expect(statutPaiementDossier(120_000, [])).toBe('aucun')
    expect(statutPaiementDossier(120_000, [opco(50_000)])).toBe('partiel')
    expect(statutPaiementDossier(120_000, [opco(50_000), opco(70_000)])).toBe('paye')
    expect(statutPaiementDossier(120_000, [opco(50_000), opco(70_001)])).toBe('trop_percu')
  })
  it("le reste à charge payé par l'entreprise ne couvre pas le montant validé", () => {
    expect(statutPaiementDossier(120_000, [entreprise(200_000)])).toBe('aucun')
    expect(statutPaiementDossier(120_000, [opco(120_000), entreprise(20_000)])).toBe('paye')
  })
  it('un paiement annulé ne compte plus', () => {
    expect(statutPaiementDossier(100, [opco(100, 'annule')])).toBe('aucun')
  })
  it('montant validé inconnu : un paiement reçu reste partiel (rien ne dit qu’il suffit)', () => {
    expect(statutPaiementDossier(null, [opco(10)])).toBe('partiel')
    expect(statutPaiementDossier(0, [opco(10)])).toBe('partiel')
    expect(statutPaiementDossier(undefined, [])).toBe('aucun')
  })
})

describe('comparerPaiement', () => {
  const existant = { id: 7, dossier: 3, montant: 50_000, payeur: 'opco', reference: 'VIR-1' }
  it('même dossier et même montant : le même paiement (relation peuplée ou non)', () => {
    expect(comparerPaiement(existant, { dossier: { id: 3 }, montant: 50_000 })).toEqual({ identique: true })
    expect(comparerPaiement(existant, { dossier: '3', montant: 50_000 })).toEqual({ identique: true })
  })
  it('autre montant ou autre dossier : un message qui dit pourquoi', () => {
    const r = comparerPaiement(existant, { dossier: 4, montant: 60_000 })
    expect(r.identique).toBe(false)
    if (!r.identique) {
      expect(r.message).toMatch(/VIR-1/)
      expect(r.message).toMatch(/autre dossier/)
      expect(r.message).toMatch(/montant est différent/)
      expect(r.message).toMatch(/n° 7/)
    }
  })
})

describe('montantAttenduOpco', () => {
  it('avant facturation : le montant validé ; sans rien : null', () => {
    expect(montantAttenduOpco(120_000, [])).toBe(120_000)
    expect(montantAttenduOpco(null, [])).toBeNull()
    expect(montantAttenduOpco(0, [])).toBeNull()
  })
  it('facturé : la somme des factures OPCO émises ou payées, hors avoirs, factures annulées et factures entreprise', () => {
    const factures = [
      { type: 'facture', destinataire: 'opco', statut: 'annulee', totalTTC: 120_000 },
      { type: 'avoir', destinataire: 'opco', statut: 'emise', totalTTC: 120_000 },
      { type: 'facture', destinataire: 'opco', statut: 'emise', totalTTC: 77_143 },
      { type: 'facture', destinataire: 'entreprise', statut: 'emise', totalTTC: 12_857 },
      { type: 'facture', destinataire: 'opco', statut: 'brouillon', totalTTC: 5 },
    ]
    expect(montantAttenduOpco(120_000, factures)).toBe(77_143)
    expect(statutPaiementDossier(montantAttenduOpco(120_000, factures), [{ montant: 77_143, payeur: 'opco', statut: 'recu' }])).toBe('paye')
  })
})
