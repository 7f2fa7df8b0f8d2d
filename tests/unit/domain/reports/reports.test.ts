import { describe, expect, it } from '@jest/globals'
import { bornesPeriode, depuisRecherche, FiltreInvalideError, lireFiltresDossiers, lireFiltresRapport, mois } from '@/src/domain/reports/filtres'
import { COLONNES_DOSSIERS, dateCsv, eurosCsv, ligneCsv, ligneXlsx, type LigneExportDossier } from '@/src/domain/reports/colonnes'
import { formaterJours, formaterTaux, histogramme, libelleMois, barresHorizontales } from '@/src/domain/reports/graphiques'
import { rapportHtml, type DonneesRapport } from '@/templates/pdf/rapport'
import { evaluerTransition } from '@/src/domain/workflow'
import { ACTEURS, dossier, MAINTENANT } from '@/tests/unit/domain/workflow/fixtures'

const refus = (f: () => unknown, message: RegExp) => {
  expect(f).toThrow(FiltreInvalideError)
  expect(f).toThrow(message)
}

describe('filtres des rapports et exports', () => {
  it('accepte période, OPCO, statuts (liste ou texte), type, entreprise, organisme, recherche', () => {
    expect(lireFiltresRapport({ du: '2026-01-01', au: '2026-01-31', opco: '3' })).toEqual({ du: '2026-01-01', au: '2026-01-31', opco: 3 })
    expect(lireFiltresRapport(undefined)).toEqual({})
    expect(lireFiltresDossiers({ statuts: 'soumis,valide,soumis', typeFormation: 'bilan', company: 4, organisme: '5', recherche: '  Durand ' })).toEqual({
      statuts: ['soumis', 'valide'],
      typeFormation: 'bilan',
      company: 4,
      organisme: 5,
      recherche: 'Durand',
    })
  })

  it('refuse dates impossibles, période inversée, identifiants, clés inconnues, textes trop longs', () => {
    refus(() => lireFiltresRapport({ du: '2026-02-29' }), /AAAA-MM-JJ/)
    refus(() => lireFiltresRapport({ du: '01/02/2026' }), /AAAA-MM-JJ/)
    refus(() => lireFiltresRapport({ du: '2026-03-01', au: '2026-02-01' }), /précéder/)
    refus(() => lireFiltresRapport({ opco: 1.5 }), /identifiant/)
    refus(() => lireFiltresRapport({ opco: '1e3' }), /identifiant/)
    refus(() => lireFiltresRapport({ statuts: 'soumis' }), /Filtre inconnu : statuts/)
    refus(() => lireFiltresDossiers({ statuts: ['soumis', 'perdu'] }), /statuts/)
    refus(() => lireFiltresDossiers({ typeFormation: 'stage' }), /typeFormation/)
    refus(() => lireFiltresDossiers({ recherche: 'x'.repeat(101) }), /trop long/)
    refus(() => lireFiltresDossiers({ recherche: 42 }), /texte/)
    refus(() => lireFiltresDossiers([]), /objet/)
  })

  it('bornes : jour de fin inclus, mois calendaires UTC', () => {
    expect(bornesPeriode({ du: '2026-01-01', au: '2026-01-31' })).toEqual({ debut: '2026-01-01T00:00:00.000Z', fin: '2026-02-01T00:00:00.000Z' })
    expect(bornesPeriode({})).toEqual({ debut: null, fin: null })
    expect(mois(new Date('2026-01-15T00:00:00Z'), -1)).toEqual({ debut: '2025-12-01T00:00:00.000Z', fin: '2026-01-01T00:00:00.000Z', cle: '2025-12' })
    expect(depuisRecherche(new URLSearchParams('du=2026-01-01&format=csv'))).toEqual({ du: '2026-01-01' })
  })
})

describe('mise en forme des exports', () => {
  const ligne: LigneExportDossier = {
    id: 1, reference: 'MO-2026-000001', status: 'accepte_partiel', type_formation: 'formation', beneficiaire_nom: 'Durand', beneficiaire_prenom: 'Claire',
    entreprise: 'Alpha', siret: '11111111100011', opco: 'Atlas', organisme: 'Forma', formation_titre: 'Excel', formation_date_debut: '2027-03-01T00:00:00.000Z',
    cout_total_h_t: '123456', montant_valide: 5, soumission_date: new Date('2026-01-31T23:30:00.000Z'), validation_admin_date: null, envoi_opco_date: null, reponse_opco_date: null,
    created_at: '2026-01-02T10:00:00.000Z',
  }
  it('CSV : euros à virgule décimale, dates jj/mm/aaaa (UTC), libellés de statut', () => {
    expect(eurosCsv(123456)).toBe('1234,56')
    expect(eurosCsv(-5)).toBe('-0,05')
    expect(eurosCsv(null)).toBe('')
    expect(dateCsv(new Date('2026-01-31T23:30:00.000Z'))).toBe('31/01/2026')
    const r = ligneCsv(ligne)
    expect(Object.keys(r)).toEqual(COLONNES_DOSSIERS.map((c) => c.entete))
    expect(r).toMatchObject({ Statut: 'Accepté partiellement', 'Coût total HT (€)': '1234,56', 'Montant validé (€)': '0,05', 'Soumis le': '31/01/2026', 'Validé le': '' })
  })
  it('XLSX : nombres en euros, dates en Date, vide → null', () => {
    const v = ligneXlsx(ligne)
    const i = (nom: string) => COLONNES_DOSSIERS.findIndex((c) => c.entete === nom)
    expect(v[i('Coût total HT (€)')]).toBe(1234.56)
    expect(v[i('Montant validé (€)')]).toBe(0.05)
    expect(v[i('Soumis le')]).toEqual(new Date('2026-01-31T23:30:00.000Z'))
    expect(v[i('Validé le')]).toBeNull()
  })
})

describe('graphiques SVG et rapport PDF', () => {
  it('échappent les libellés, gèrent l’absence de données', () => {
    const svg = histogramme([{ libelle: '<script>', valeur: 3 }, { libelle: 'b', valeur: 0 }]).toString()
    expect(svg).toContain('<svg')
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;')
    expect(histogramme([]).toString()).toContain('Aucune donnée')
    expect(barresHorizontales([{ libelle: 'Atlas', valeur: 2 }]).toString()).toContain('Atlas')
    expect(formaterTaux(5 / 6)).toBe('83,3\u00a0%')
    expect(formaterTaux(null)).toBe('—')
    expect(formaterJours(2.25)).toBe('2,3\u00a0j')
    expect(libelleMois('2026-03')).toBe('mars 2026')
  })
  it('le HTML du rapport échappe les noms d’OPCO et contient les montants en euros', () => {
    const d: DonneesRapport = {
      filtres: { du: '2026-01-01', au: '2026-12-31' }, parStatut: { soumis: 2 }, totalDossiers: 2, soumis: { periode: 2, moisCourant: 0, moisPrecedent: 0 },
      validation: { soumis: 2, valides: 1, taux: 0.5 }, acceptationOpco: { acceptes: 1, refuses: 0, taux: 1 },
      delais: { soumissionValidation: { moyenneJours: 1, nombre: 1 }, validationEnvoi: { moyenneJours: null, nombre: 0 }, envoiReponse: { moyenneJours: null, nombre: 0 }, reponsePaiement: { moyenneJours: null, nombre: 0 } },
      montants: { demande: 123456, valide: 0, duOpco: 0, payeOpco: 0, tropPercu: 0, payeEntreprise: 0, resteDu: 0 }, retards: { nombre: 0, montant: 0 }, parMois: [{ mois: '2026-01', soumis: 2, demande: 123456 }],
      parOpco: [{ nom: '<b>OPCO</b>', soumis: 2, acceptes: 1, refuses: 0, demande: 123456, valide: 0, duOpco: 0, payeOpco: 0, tropPercu: 0, payeEntreprise: 0, resteDu: 0 }],
    }
    const h = rapportHtml(d, { titre: 'Rapport', opco: null, edition: '01/02/2026' })
    expect(h).toContain('&lt;b&gt;OPCO&lt;/b&gt;')
    expect(h).toContain('1\u00a0234,56\u00a0€')
    expect(h).toContain('Période du 01/01/2026 au 31/12/2026')
    expect(h).toContain("default-src 'none'")
  })
})

describe('workflow : la soumission est datée', () => {
  it('submit écrit soumissionDate (colonne lue par les rapports)', () => {
    const r = evaluerTransition(dossier('brouillon'), ACTEURS.proprietaire, 'submit', {}, MAINTENANT)
    expect(r.ok && r.champs).toEqual({ soumissionDate: MAINTENANT.toISOString() })
  })
})
