import { describe, expect, it } from '@jest/globals'
import { compterNonLus, totalNonLus } from '../../../src/domain/messagesNonLus'

const m = (dossier: number, date: string, parAdmin: boolean) => ({ dossier, date: `2026-03-${date}T10:00:00.000Z`, parAdmin })

describe('messages non lus par l’équipe', () => {
  it('compte les messages des non-admins postérieurs au dernier message d’un admin, par dossier', () => {
    const comptes = compterNonLus([
      m(1, '01', false),
      m(1, '02', true),
      m(1, '03', false),
      m(1, '04', false),
      m(2, '01', false),
      m(2, '02', false),
      m(3, '01', false),
      m(3, '05', true),
      m(4, '01', true),
    ])
    expect(comptes).toEqual({ '1': 2, '2': 2 })
    expect(totalNonLus(comptes)).toBe(4)
  })

  it('ne dépend pas de l’ordre des messages, ni du type des identifiants', () => {
    const a = compterNonLus([m(1, '04', false), m(1, '02', true), m(1, '01', false), { dossier: '1' as never, date: '2026-03-05T00:00:00Z', parAdmin: false }])
    expect(a).toEqual({ '1': 2 })
  })

  it('un message de même date que la réponse de l’admin est considéré comme lu ; une date illisible compte comme non lue', () => {
    expect(compterNonLus([m(1, '02', true), m(1, '02', false)])).toEqual({})
    expect(compterNonLus([m(1, '02', true), { dossier: 1, date: 'n/a', parAdmin: false }])).toEqual({ '1': 1 })
    expect(compterNonLus([{ dossier: null, date: '2026-03-01T00:00:00Z', parAdmin: false }])).toEqual({})
    expect(totalNonLus({})).toBe(0)
  })
})
