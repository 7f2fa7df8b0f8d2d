import { describe, expect, it } from '@jest/globals'
import { coherencePieces, dernieresPieces, ecartsInternes, valeursDuDossier } from '@/src/domain/conformity/coherence'
import type { EntreeConformite, PieceLueConformite } from '@/src/domain/conformity'

const SIRET_ENTREPRISE = '73282932000074'
const SIRET_ORGANISME = '44306184100047'

const entree = (piecesLues: PieceLueConformite[]): EntreeConformite => ({
  dossier: {
    beneficiaire: { nom: 'Lefèvre', prenom: 'Camille' },
    formation: { titre: 'Excel avancé', dureeHeures: 35, dateDebut: '2027-01-20T00:00:00.000Z', dateFin: new Date('2027-01-26T00:00:00.000Z') },
    coutTotalHT: 228_000,
  },
  entreprise: { siret: SIRET_ENTREPRISE },
  organisme: { siret: SIRET_ORGANISME, nda: '11751234575' },
  piecesLues,
})
const devis = (ht: string) => `Devis Excel avancé\nDurée : 35 heures, du 20/01/2027 au 26/01/2027\nTotal HT : ${ht} €\n`
const piece = (id: number, documentType: string, lecture: PieceLueConformite['lecture'], createdAt = '2026-11-01T10:00:00.000Z'): PieceLueConformite => ({ id, documentType, filename: `f${id}.pdf`, createdAt, lecture })

describe('cohérence des pièces déposées (constats)', () => {
  it('valeurs du dossier : SIRET, NDA, dates en texte ou en Date', () => {
    expect(valeursDuDossier(entree([]))).toMatchObject({ siretEntreprise: SIRET_ENTREPRISE, siretOrganisme: SIRET_ORGANISME, ndaOrganisme: '11751234575', dateFin: '2027-01-26T00:00:00.000Z' })
  })
  it('un devis conforme : aucun constat', () => {
    expect(coherencePieces(entree([piece(1, 'devis', { etat: 'texte', texte: devis('2 280,00') })]))).toEqual([])
  })
  it('un devis au montant différent : avertissement avec les deux valeurs, le champ et la pièce', () => {
    const [c] = coherencePieces(entree([piece(1, 'devis', { etat: 'texte', texte: devis('2 400,00') })]))
    expect(c).toMatchObject({
      regle: 'coherence-pieces',
      severite: 'avertissement',
      champs: ['coutTotalHT', 'documents.devis'],
      valeurs: { document: '2\u00a0400,00\u00a0€ HT', dossier: '2\u00a0280,00\u00a0€' },
      piece: { id: 1, type: 'devis', fichier: 'f1.pdf' },
    })
    expect(c?.message).toMatch(/^Devis : 2\u00a0400,00\u00a0€ HT ≠ coût saisi 2\u00a0280,00\u00a0€/)
  })
  it('seule la dernière version de chaque pièce compte', () => {
    const pieces = [piece(1, 'devis', { etat: 'texte', texte: devis('2 400,00') }, '2026-11-01T10:00:00.000Z'), piece(2, 'devis', { etat: 'texte', texte: devis('2 280,00') }, '2026-11-02T10:00:00.000Z')]
    expect(dernieresPieces(pieces).map((p) => p.doc.id)).toEqual([2])
    const memeInstant = [piece(10, 'devis', { etat: 'sans_texte' }), piece(9, 'devis', { etat: 'sans_texte' })]
    expect(dernieresPieces(memeInstant).map((p) => p.doc.id)).toEqual([10])
    expect(coherencePieces(entree(pieces))).toEqual([])
  })
  it('illisible : avertissement « texte illisible » avec la raison ; scan : info', () => {
    const c = coherencePieces(entree([piece(1, 'devis', { etat: 'illisible', raison: 'document protégé par un mot de passe' }), piece(2, 'programme', { etat: 'sans_texte' })]))
    expect(c.map((x) => [x.regle, x.severite, x.champs[0]])).toEqual([
      ['piece-illisible', 'avertissement', 'documents.devis'],
      ['piece-illisible', 'info', 'documents.programme'],
    ])
    expect(c[0]?.message).toContain('texte illisible (document protégé par un mot de passe)')
  })
  it('les autres types de documents et les pièces sans lecture sont ignorés', () => {
    expect(coherencePieces(entree([piece(1, 'facture', { etat: 'illisible' }), { id: 2, documentType: 'devis' }]))).toEqual([])
  })
  it('une convention de bilan se lit comme une convention', () => {
    const c = coherencePieces(entree([piece(1, 'convention_bilan', { etat: 'texte', texte: devis('2 280,00') })]))
    expect(c.map((x) => x.champs[0])).toEqual(['beneficiaire.nom'])
  })
  it('total TTC sous le total HT', () => {
    expect(ecartsInternes('devis', { montantHTCentimes: 240_000, montantTTCCentimes: 200_000 })[0]?.message).toBe('Devis : total TTC 2\u00a0000,00\u00a0€ inférieur au total HT 2\u00a0400,00\u00a0€')
    expect(ecartsInternes('devis', { montantHTCentimes: 240_000, montantTTCCentimes: 240_000 })).toEqual([])
    expect(ecartsInternes('devis', { montantHTCentimes: null, montantTTCCentimes: 1 })).toEqual([])
  })
})
