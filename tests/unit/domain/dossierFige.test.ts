import { describe, expect, it } from '@jest/globals'
import { champsFigesModifies, estFigeApresEnvoi } from '@/src/domain/dossierFige'

const avant = {
  opco: 3,
  company: 7,
  coutTotalHT: 140000,
  formation: { titre: 'Excel', dureeHeures: 14, organisme: 2, dateDebut: '2027-03-01T00:00:00.000Z', objectifs: { root: { type: 'root', children: [] } } },
}

describe('dossier figé après envoi', () => {
  it.each([
    ['brouillon', null, false],
    ['valide', null, false],
    ['envoye_opco', '2027-01-01', true],
    ['pieces_demandees', '2027-01-01', true],
    ['cloture', '2027-01-01', true],
    ['annule', null, false],
    ['annule', '2027-01-01T10:00:00.000Z', true],
  ])('%s (envoyé le %s) → %s', (status, envoiOpcoDate, fige) => {
    expect(estFigeApresEnvoi({ status, envoiOpcoDate })).toBe(fige)
  })

  it('ne compte que les champs envoyés et réellement changés', () => {
    expect(champsFigesModifies(avant, { justification: 'x' })).toEqual([])
    expect(champsFigesModifies(avant, { opco: { id: 3, nom: 'Atlas' }, company: '7', coutTotalHT: 140000 })).toEqual([])
    expect(
      champsFigesModifies(avant, {
        formation: { titre: 'Excel', dureeHeures: 14, organisme: 2, dateDebut: '2027-03-01T12:00:00.000Z', objectifs: { root: { children: [], type: 'root' } } },
      }),
    ).toEqual([])
    expect(champsFigesModifies(avant, { opco: 4, coutTotalHT: 1 })).toEqual(['opco', 'coutTotalHT'])
    expect(champsFigesModifies(avant, { formation: { titre: 'Word', dureeHeures: 14 } })).toEqual(['formation.titre'])
    expect(champsFigesModifies(avant, { formation: { organisme: null } })).toEqual(['formation.organisme'])
    expect(champsFigesModifies(avant, { formation: null })).toEqual(['formation'])
    expect(champsFigesModifies(avant, { formation: { dateDebut: '2027-03-02' } })).toEqual(['formation.dateDebut'])
  })
})
