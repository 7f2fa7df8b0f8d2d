import crypto from 'node:crypto'
import { classeStatut, jetonValide, routeNormalisee } from '@/src/domain/metriques'

describe('routeNormalisee', () => {
  it.each([
    ['/api/dossiers/12/transition?x=1', '/api/dossiers/:id/transition'],
    ['/api/health', '/api/health'],
    ['/', '/'],
    ['/dossiers/3f2a1b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c', '/dossiers/:id'],
    ['/a/b/c/d/e/f/g/h', '/a/b/c/d/e/f/…'],
    [`/api/${'x.'.repeat(30)}`, '/api/:long'],
  ])('%s → %s', (chemin, attendu) => expect(routeNormalisee(chemin)).toBe(attendu))
})

describe('classeStatut et jetonValide', () => {
  it('des classes bornées', () => {
    expect(classeStatut(204)).toBe('2xx')
    expect(classeStatut(503)).toBe('5xx')
    expect(classeStatut(999)).toBe('autre')
  })
  it('Bearer exact, comparé en temps constant', () => {
    const egal = crypto.timingSafeEqual
    expect(jetonValide('Bearer abcdefghijklmnop', 'abcdefghijklmnop', egal)).toBe(true)
    expect(jetonValide('Bearer abcdefghijklmnoq', 'abcdefghijklmnop', egal)).toBe(false)
    expect(jetonValide('abcdefghijklmnop', 'abcdefghijklmnop', egal)).toBe(false)
    expect(jetonValide(null, 'abcdefghijklmnop', egal)).toBe(false)
    expect(jetonValide('Bearer abc', 'abcdefghijklmnop', egal)).toBe(false)
  })
})
