import { beforeAll, describe, expect, it } from '@jest/globals'

// env() is cached for the whole module registry: set the variable before the first import.
process.env.TRUST_PROXY = 'true'

type Module = typeof import('@/src/security/ip')
let adresseIp: Module['adresseIp']
let trustProxy: boolean

beforeAll(async () => {
  ;({ adresseIp } = await import('@/src/security/ip'))
  trustProxy = (await import('@/src/config/env')).env().trustProxy
})

const avec = (xff: string): Headers => new Headers({ 'x-forwarded-for': xff })

describe('adresseIp derrière un proxy de confiance (TRUST_PROXY=true)', () => {
  it('lit bien TRUST_PROXY=true', () => {
    expect(trustProxy).toBe(true)
  })

  it('prend l’entrée ajoutée par le proxy, juste avant celle du socket', () => {
    expect(adresseIp(avec('198.51.100.7, 10.0.0.2'))).toBe('198.51.100.7')
  })

  it('ignore les entrées forgées par le client à gauche', () => {
    expect(adresseIp(avec('6.6.6.6, 7.7.7.7, 198.51.100.7, 10.0.0.2'))).toBe('198.51.100.7')
  })

  it('se rabat sur l’unique entrée', () => {
    expect(adresseIp(avec('198.51.100.7'))).toBe('198.51.100.7')
    expect(adresseIp(avec(' , 198.51.100.7 ,'))).toBe('198.51.100.7')
  })

  it('renvoie « inconnue » sans en-tête', () => {
    expect(adresseIp(new Headers())).toBe('inconnue')
    expect(adresseIp(null)).toBe('inconnue')
  })

  it('tronque l’entrée retenue à 64 caractères', () => {
    expect(adresseIp(avec(`${'c'.repeat(100)}, 10.0.0.2`))).toBe('c'.repeat(64))
  })
})
