import { describe, expect, it } from '@jest/globals'
import { compterNonLus, estPourLecteur, formaterDateHeureParis, nouveauRepere, totalNonLus } from '@/src/domain/messagesNonLus'

const ADMIN_1 = { id: 1, admin: true }
const ADMIN_2 = { id: 2, admin: true }
const BENEF = { id: 10, admin: false }
const m = (dossier: number, jour: string, auteur: number) => ({ dossier, date: `2026-03-${jour}T10:00:00.000Z`, auteur, parAdmin: auteur < 10 })
const lu = (jour: string) => `2026-03-${jour}T10:00:00.000Z`

describe('messages non lus, par lecteur', () => {
  const fil = [m(1, '01', 10), m(1, '02', 1), m(1, '03', 10), m(1, '04', 10), m(2, '01', 10), m(3, '01', 1)]

  it('l’autre côté : un admin lit les non-admins, un bénéficiaire lit tout ce qui n’est pas de lui', () => {
    expect(estPourLecteur(m(1, '01', 10), ADMIN_1)).toBe(true)
    expect(estPourLecteur(m(1, '01', 2), ADMIN_1)).toBe(false)
    expect(estPourLecteur(m(1, '01', 2), BENEF)).toBe(true)
    expect(estPourLecteur(m(1, '01', 10), BENEF)).toBe(false)
  })

  it('sans repère : le dernier message du lecteur vaut lecture de ce qui précède', () => {
    expect(compterNonLus(fil, ADMIN_1)).toEqual({ '1': 2, '2': 1 })
    // Another admin has not answered: everything from the beneficiary side is unread for him.
    expect(compterNonLus(fil, ADMIN_2)).toEqual({ '1': 3, '2': 1 })
    // The beneficiary wrote last on dossier 1 (after the team's answer); dossier 3 has one team message.
    expect(compterNonLus(fil, BENEF)).toEqual({ '3': 1 })
  })

  it('le repère de lecture d’un lecteur efface ses non-lus jusqu’à sa date, pas ceux des autres', () => {
    expect(compterNonLus(fil, ADMIN_2, { '1': lu('03') })).toEqual({ '1': 1, '2': 1 })
    expect(compterNonLus(fil, ADMIN_2, { '1': lu('04'), '2': lu('01') })).toEqual({})
    expect(compterNonLus(fil, ADMIN_1, {})).toEqual({ '1': 2, '2': 1 })
    expect(compterNonLus([...fil, m(3, '05', 2)], BENEF, { '3': lu('01') })).toEqual({ '3': 1 })
    expect(totalNonLus(compterNonLus(fil, ADMIN_2))).toBe(4)
  })

  it('une date illisible compte comme non lue ; un message sans dossier est ignoré', () => {
    expect(compterNonLus([{ dossier: 1, date: 'n/a', auteur: 10, parAdmin: false }], ADMIN_1, { '1': lu('28') })).toEqual({ '1': 1 })
    expect(compterNonLus([{ dossier: null, date: lu('01'), auteur: 10, parAdmin: false }], ADMIN_1)).toEqual({})
  })

  it('le repère n’avance que vers l’avant et jamais au-delà de maintenant', () => {
    const maintenant = new Date('2026-03-10T12:00:00.000Z')
    expect(nouveauRepere(null, lu('05'), maintenant)).toBe(lu('05'))
    expect(nouveauRepere(lu('06'), lu('05'), maintenant)).toBeNull()
    expect(nouveauRepere(lu('04'), '2027-01-01T00:00:00.000Z', maintenant)).toBe(maintenant.toISOString())
    expect(nouveauRepere(null, 'pas une date', maintenant)).toBeNull()
  })

  it('date et heure à Paris : jj/mm/aaaa HH:MM (heure d’hiver et d’été)', () => {
    expect(formaterDateHeureParis('2026-01-15T08:05:00.000Z')).toBe('15/01/2026 09:05')
    expect(formaterDateHeureParis('2026-07-01T22:30:00.000Z')).toBe('02/07/2026 00:30')
    expect(formaterDateHeureParis('nope')).toBe('—')
  })
})
