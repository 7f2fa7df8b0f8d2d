import { describe, expect, it } from '@jest/globals'
import { ENTREPRISES_API_URL_DEFAUT, EnvironnementInvalideError, lireConfigEntreprises } from '@/src/config/env'

describe('registre des entreprises — ENTREPRISES_API_*', () => {
  it('par défaut : l’API publique de l’État, 2,5 s, cache d’un jour, 30 recherches par minute', () => {
    expect(lireConfigEntreprises({})).toEqual({ apiUrl: ENTREPRISES_API_URL_DEFAUT, timeoutMs: 2500, cacheSecondes: 86_400, limiteParMinute: 30 })
    expect(ENTREPRISES_API_URL_DEFAUT).toBe('https://recherche-entreprises.api.gouv.fr')
  })

  it('serveur local compatible, délai court, cache coupé', () => {
    expect(lireConfigEntreprises({ ENTREPRISES_API_URL: 'http://127.0.0.1:4010/', ENTREPRISES_API_TIMEOUT_MS: '300', ENTREPRISES_API_CACHE_SECONDS: '0', ENTREPRISES_API_RATE_LIMIT: '5' })).toEqual({
      apiUrl: 'http://127.0.0.1:4010',
      timeoutMs: 300,
      cacheSecondes: 0,
      limiteParMinute: 5,
    })
  })

  it.each([
    ['ENTREPRISES_API_URL', 'ftp://exemple.fr'],
    ['ENTREPRISES_API_URL', 'https://exemple.fr/search'],
    ['ENTREPRISES_API_URL', 'https://moi:secret@exemple.fr'],
    ['ENTREPRISES_API_URL', 'https://exemple.fr?q=1'],
    ['ENTREPRISES_API_TIMEOUT_MS', '50'],
    ['ENTREPRISES_API_TIMEOUT_MS', '60000'],
    ['ENTREPRISES_API_TIMEOUT_MS', 'deux'],
    ['ENTREPRISES_API_CACHE_SECONDS', '-1'],
    ['ENTREPRISES_API_RATE_LIMIT', '0'],
  ])('%s=%s refusé au démarrage, message qui nomme la variable (sans identifiants)', (variable, valeur) => {
    let erreur: unknown
    try {
      lireConfigEntreprises({ [variable]: valeur })
    } catch (e) {
      erreur = e
    }
    expect(erreur).toBeInstanceOf(EnvironnementInvalideError)
    expect((erreur as Error).message).toContain(variable)
    expect((erreur as Error).message).not.toContain('secret')
  })
})
