import { describe, expect, it } from '@jest/globals'
import { datesImprobables, heuresContreJours, joursOuvres, montantsPlausibles, opcoContreBranche } from '@/src/domain/conformity/plausibilite'
import type { DossierConformite } from '@/src/domain/conformity'

const dossier = (f: Record<string, unknown> = {}, d: Record<string, unknown> = {}): DossierConformite => ({
  opco: 1,
  formation: { dureeHeures: 14, dateDebut: '2027-03-01', dateFin: '2027-03-02', modalite: 'presentiel', ...f },
  coutTotalHT: 70000,
  montantEstime: 70000,
  ...d,
})
const maintenant = new Date('2026-11-24T10:00:00Z')

describe('jours ouvrés', () => {
  it('sans week-end ni jour férié, bornes comprises', () => {
    expect(joursOuvres('2027-03-01', '2027-03-07')).toBe(5)
    expect(joursOuvres('2026-12-24', '2026-12-28')).toBe(2) // jeudi 24, (25 férié, 26-27 week-end), lundi 28
    expect(joursOuvres('2028-02-28', '2028-03-01')).toBe(3) // 29/02 d'une année bissextile
  })
})

describe('heures contre les jours disponibles', () => {
  it('14 h sur deux jours ouvrés : rien', () => {
    expect(heuresContreJours(dossier())).toEqual([])
  })
  it('plus de 10 h par jour calendaire : bloquant, nommant la durée et les dates', () => {
    const [c] = heuresContreJours(dossier({ dureeHeures: 21 }))
    expect(c).toMatchObject({ regle: 'heures-jours', severite: 'bloquant', champs: ['formation.dureeHeures', 'formation.dateDebut', 'formation.dateFin'] })
    expect(c?.message).toContain('21 h en 2 jours calendaires (du 01/03/2027 au 02/03/2027)')
  })
  it('exactement 10 h par jour calendaire : pas bloquant, mais plus de 7 h par jour ouvré', () => {
    const c = heuresContreJours(dossier({ dureeHeures: 20 }))
    expect(c.map((x) => x.severite)).toEqual(['avertissement'])
  })
  it('un week-end dans la période : 7 h par jour ouvré seulement', () => {
    // vendredi 5 → lundi 8 mars 2027 : 4 jours calendaires, 2 ouvrés
    expect(heuresContreJours(dossier({ dureeHeures: 14, dateDebut: '2027-03-05', dateFin: '2027-03-08' }))).toEqual([])
    expect(heuresContreJours(dossier({ dureeHeures: 15, dateDebut: '2027-03-05', dateFin: '2027-03-08' }))[0]?.message).toContain('2 jours ouvrés')
  })
  it('à distance : les jours ouvrés ne limitent pas, les 10 h par jour si', () => {
    expect(heuresContreJours(dossier({ dureeHeures: 18, modalite: 'distanciel', dateDebut: '2027-03-05', dateFin: '2027-03-08' }))).toEqual([])
    expect(heuresContreJours(dossier({ dureeHeures: 41, modalite: 'distanciel', dateDebut: '2027-03-05', dateFin: '2027-03-08' }))).toHaveLength(1)
  })
  it('dates manquantes ou inversées, durée absente : rien (d’autres règles le disent)', () => {
    expect(heuresContreJours(dossier({ dateFin: null }))).toEqual([])
    expect(heuresContreJours(dossier({ dateDebut: '2027-03-05', dateFin: '2027-03-01' }))).toEqual([])
    expect(heuresContreJours(dossier({ dureeHeures: null }))).toEqual([])
  })
  it('dates stockées en instants (minuit Paris = la veille 23 h UTC)', () => {
    expect(heuresContreJours(dossier({ dureeHeures: 14, dateDebut: '2027-02-28T23:00:00.000Z', dateFin: '2027-03-01T23:00:00.000Z' }))).toEqual([])
  })
})

describe('dates improbables', () => {
  it('dans les bornes : rien', () => {
    expect(datesImprobables(dossier(), maintenant)).toEqual([])
  })
  it('avant 2019, à plus de deux ans, plus de trois ans de formation', () => {
    expect(datesImprobables(dossier({ dateDebut: '2017-03-01', dateFin: '2017-03-02' }), maintenant)[0]).toMatchObject({ regle: 'dates-improbables', champs: ['formation.dateDebut'] })
    const loin = datesImprobables(dossier({ dateDebut: '2029-01-02', dateFin: '2029-01-03' }), maintenant)
    expect(loin[0]?.message).toContain('02/01/2029')
    expect(datesImprobables(dossier({ dateFin: '2031-03-02' }), maintenant)[0]).toMatchObject({ champs: ['formation.dateFin'] })
  })
  it('juste sous l’horizon de deux ans : rien', () => {
    expect(datesImprobables(dossier({ dateDebut: '2028-11-20', dateFin: '2028-11-21' }), maintenant)).toEqual([])
  })
})

describe('OPCO contre branche', () => {
  it('même OPCO, ou rien à comparer : rien', () => {
    expect(opcoContreBranche({ dossier: dossier(), branche: { idcc: '1486', opco: 1 } })).toEqual([])
    expect(opcoContreBranche({ dossier: dossier(), branche: null })).toEqual([])
    expect(opcoContreBranche({ dossier: dossier({}, { opco: null }), branche: { idcc: '1486', opco: 2 } })).toEqual([])
  })
  it('un autre OPCO : l’IDCC et les deux OPCO nommés', () => {
    const [c] = opcoContreBranche({ dossier: dossier({}, { opco: { id: 3 } }), branche: { idcc: '1486', opco: 2, opcoNom: 'Atlas', opcoDossierNom: 'Akto' } })
    expect(c).toMatchObject({ regle: 'opco-branche', severite: 'avertissement', champs: ['opco', 'company.idcc'] })
    expect(c?.message).toContain('Akto')
    expect(c?.message).toContain('IDCC 1486')
    expect(c?.message).toContain('Atlas')
  })
})

describe('montants plausibles', () => {
  it('50 € de l’heure : rien', () => {
    expect(montantsPlausibles(dossier())).toEqual([])
  })
  it('coût horaire trop bas ou trop haut', () => {
    expect(montantsPlausibles(dossier({}, { coutTotalHT: 2800, montantEstime: 2800 }))[0]).toMatchObject({ regle: 'cout-horaire-improbable', champs: ['coutTotalHT', 'formation.dureeHeures'] })
    expect(montantsPlausibles(dossier({}, { coutTotalHT: 1_400_000, montantEstime: 1_400_000 }))[0]?.message).toContain('14\u00a0000,00\u00a0€')
  })
  it('montant demandé au-dessus du coût : bloquant, les deux montants', () => {
    const [c] = montantsPlausibles(dossier({}, { coutTotalHT: 60000, montantEstime: 70000 }))
    expect(c).toMatchObject({ regle: 'montants-incoherents', severite: 'bloquant', champs: ['montantEstime', 'coutTotalHT'] })
    expect(c?.message).toContain('700,00')
    expect(c?.message).toContain('600,00')
  })
  it('sans estimation, le coût est demandé : jamais au-dessus de lui-même', () => {
    expect(montantsPlausibles(dossier({}, { montantEstime: 0 }))).toEqual([])
  })
})
