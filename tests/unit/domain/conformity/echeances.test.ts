import { describe, expect, it } from '@jest/globals'
import { rapportConformite, verifierConformite } from '@/src/domain/conformity'
import type { EntreeConformite } from '@/src/domain/conformity/types'
import { echeancesDossier, type ReglesEcheances } from '@/src/domain/echeances'
import { JEU_CONFORMITE, MAINTENANT_JEU } from '@/tests/fixtures/conformite'

/** A conforming dossier (en revue, training from 01/03/2027) and an OPCO asking 15 days. */
const base = JEU_CONFORMITE[0]!.entree
const REGLES: ReglesEcheances = { delaiDepotAvantDebutJours: 15, delaiJustificatifsApresFinJours: 180, validiteAccordJours: 365, delaiPaiementJours: 75 }
const avec = (dossier: Partial<EntreeConformite['dossier']> = {}, echeances: EntreeConformite['echeances'] = { regles: REGLES }): EntreeConformite => ({
  ...base,
  dossier: { ...base.dossier, ...dossier },
  echeances,
})
const midi = (jour: string) => new Date(`${jour}T11:00:00.000Z`)
const constats = (e: EntreeConformite, maintenant: Date) => verifierConformite(e, maintenant).filter((c) => c.regle === 'dpc-avant-debut' || c.regle === 'echeance-proche')

describe('conformité et délais de l’OPCO (même fonction que la fiche, l’accueil et les rappels)', () => {
  // 01/03/2027 − 15 jours = dimanche 14/02 → vendredi 12/02.
  it('le dossier conforme du jeu le reste loin de l’échéance', () => {
    expect(constats(avec(), MAINTENANT_JEU)).toEqual([])
    expect(echeancesDossier({ status: 'en_revue', formation: { dateDebut: '2027-03-01' } }, REGLES, midi('2027-02-04'))[0]).toMatchObject({ date: '2027-02-12', joursRestants: 8 })
    expect(constats(avec(), midi('2027-02-04'))).toEqual([])
  })
  it.each([
    ['2027-02-05', 'dans 7 jours'],
    ['2027-02-11', 'dans 1 jour'],
    ['2027-02-12', "aujourd'hui"],
  ])('le %s : avertissement qui nomme son champ (%s)', (jour, quand) => {
    const c = constats(avec(), midi(jour))
    expect(c).toEqual([{ regle: 'echeance-proche', severite: 'avertissement', message: expect.stringContaining(`12/02/2027 (${quand})`), champs: ['formation.dateDebut'] }])
    expect(c[0]!.message).toContain('Envoi de la demande à l’OPCO')
    expect(rapportConformite(avec(), midi(jour)).bloquants).toBe(0)
  })
  it('le lendemain de l’échéance : bloquant, avant même le début de la formation', () => {
    const c = constats(avec(), midi('2027-02-13'))
    expect(c).toEqual([{ regle: 'dpc-avant-debut', severite: 'bloquant', message: expect.stringContaining('au plus tard le 12/02/2027'), champs: ['formation.dateDebut'] }])
    expect(c[0]!.message).toContain('15 jours avant le début')
    // Without the OPCO's rules only « before the start » applies: nothing yet.
    expect(constats(avec({}, null), midi('2027-02-13'))).toEqual([])
    // 23:30 in Paris on the last day is still in time; 00:30 the next day is not.
    expect(constats(avec(), new Date('2027-02-12T22:30:00.000Z')).map((x) => x.regle)).toEqual(['echeance-proche'])
    expect(constats(avec(), new Date('2027-02-12T23:30:00.000Z')).map((x) => x.regle)).toEqual(['dpc-avant-debut'])
  })
  it('envoyée : la date d’envoi à Paris compte, le champ de l’envoi est nommé', () => {
    const envoye = (envoiOpcoDate: string) => avec({ status: 'envoye_opco', envoiOpcoDate })
    expect(constats(envoye('2027-02-12T20:00:00.000Z'), midi('2027-02-20'))).toEqual([])
    const tard = constats(envoye('2027-02-12T23:30:00.000Z'), midi('2027-02-20'))
    expect(tard).toEqual([{ regle: 'dpc-avant-debut', severite: 'bloquant', message: expect.stringContaining('après le 12/02/2027'), champs: ['formation.dateDebut', 'envoiOpcoDate'] }])
  })
  it('délai de 0 jour : la règle « avant le début » reste le plancher', () => {
    const zero = { regles: { ...REGLES, delaiDepotAvantDebutJours: 0 } }
    // 01/03/2027 is a Monday: the last day is the working day before (Friday 26/02), never the start day.
    expect(constats(avec({}, zero), midi('2027-02-26')).map((x) => [x.regle, x.severite])).toEqual([['echeance-proche', 'avertissement']])
    expect(constats(avec({}, zero), midi('2027-02-27')).map((x) => [x.regle, x.severite])).toEqual([['dpc-avant-debut', 'bloquant']])
    expect(constats(avec({}, zero), midi('2027-03-01')).map((x) => [x.regle, x.severite])).toEqual([['dpc-avant-debut', 'bloquant']])
  })
  it('justificatifs dans les 7 jours : avertissement sur la date de fin', () => {
    const e = avec({ status: 'realise', envoiOpcoDate: '2026-12-01T09:00:00.000Z', formation: { ...base.dossier.formation, dateDebut: '2027-03-01', dateFin: '2027-03-02' } })
    // 02/03/2027 + 180 = 29/08/2027, a Sunday → Friday 27/08.
    const c = verifierConformite(e, midi('2027-08-25')).filter((x) => x.regle === 'echeance-proche')
    expect(c).toEqual([{ regle: 'echeance-proche', severite: 'avertissement', message: expect.stringContaining('27/08/2027 (dans 2 jours)'), champs: ['formation.dateFin'] }])
  })
})
