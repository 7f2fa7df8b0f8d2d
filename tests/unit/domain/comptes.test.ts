import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { CHAMPS_AUTH_INTERNES, CHAMPS_INSCRIPTION, CHAMPS_UTILISATEUR_ADMIN, champsUtilisateurRefuses } from '@/src/domain/comptes'

const inscription = { email: 'a@b.fr', password: 'x', nom: 'N', prenom: 'P', telephone: '06' }

describe('champs d’un compte selon l’appelant', () => {
  it('anonyme : le formulaire d’inscription seul (et role « user », qu’il aurait de toute façon)', () => {
    expect(champsUtilisateurRefuses('anonyme', 'create', inscription)).toEqual([])
    expect(champsUtilisateurRefuses('anonyme', 'create', { ...inscription, role: 'user' })).toEqual([])
    expect(champsUtilisateurRefuses('anonyme', 'create', { ...inscription, role: 'admin' })).toEqual(['role'])
    expect(champsUtilisateurRefuses('anonyme', 'create', { ...inscription, company: 1 })).toEqual(['company'])
    expect(champsUtilisateurRefuses('anonyme', 'create', { ...inscription, company: null, recevoirRelances: false })).toEqual(['company', 'recevoirRelances'])
  })

  it('anonyme : tout champ hors du formulaire est refusé, quel qu’il soit (liste blanche)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.anything(), (champ, valeur) => {
        fc.pre(!(CHAMPS_INSCRIPTION as readonly string[]).includes(champ) && champ !== 'role')
        expect(champsUtilisateurRefuses('anonyme', 'create', { ...inscription, [champ]: valeur })).toEqual([champ])
      }),
      { seed: 12, numRuns: 300 },
    )
  })

  it('utilisateur, OPCO : jamais les champs réservés ni l’état d’authentification, en création comme en modification', () => {
    for (const appelant of ['user', 'opco'] as const) {
      for (const operation of ['create', 'update'] as const) {
        for (const champ of [...CHAMPS_UTILISATEUR_ADMIN, ...CHAMPS_AUTH_INTERNES]) {
          expect(champsUtilisateurRefuses(appelant, operation, { nom: 'X', [champ]: null })).toEqual([champ])
        }
        expect(champsUtilisateurRefuses(appelant, operation, { nom: 'X', prenom: 'Y', telephone: '0', email: 'a@b.fr' })).toEqual([])
      }
    }
    // Updating oneself as anonymous makes no sense, but the rule stays the strict one.
    expect(champsUtilisateurRefuses('anonyme', 'update', { company: 3 })).toEqual(['company'])
  })

  it('admin : tout, sauf l’état d’authentification de Payload', () => {
    expect(champsUtilisateurRefuses('admin', 'create', { ...inscription, role: 'opco', opco: 1, company: 2, enableAPIKey: true, apiKey: 'k' })).toEqual([])
    expect(champsUtilisateurRefuses('admin', 'create', { ...inscription, sessions: [{ id: 'T', expiresAt: null }], loginAttempts: 3 })).toEqual(['sessions', 'loginAttempts'])
  })
})
