import { beforeAll, describe, expect, it } from '@jest/globals'

// env() is cached for the whole module registry: set the variable before the first import.
process.env.TRUST_PROXY = 'false'

type Module = typeof import('@/src/security/ip')
let adresseIp: Module['adresseIp']
let trustProxy: boolean

beforeAll(async () => {
  ;({ adresseIp } = await import('@/src/security/ip'))
  trustProxy = (await import('@/src/config/env')).env().trustProxy
})

const avec = (xff: string): Headers => new Headers({ 'x-forwarded-for': xff })

describe('adresseIp sans proxy de confiance (TRUST_PROXY=false)', () => {
  it('lit bien TRUST_PROXY=false', () => {
    expect(trustProxy).toBe(false)
  })

  it('renvoie l’unique adresse', () => {
    expect(adresseIp(avec('203.0.113.5'))).toBe('203.0.113.5')
  })

  it('prend la dernière entrée, ajoutée par notre serveur, et ignore celles que le client a forgées', () => {
    expect(adresseIp(avec('1.2.3.4, 203.0.113.5'))).toBe('203.0.113.5')
    expect(adresseIp(avec('127.0.0.1, 10.0.0.1, 198.51.100.9'))).toBe('198.51.100.9')
  })

  it('ignore les espaces et les entrées vides', () => {
    expect(adresseIp(avec('  1.1.1.1 ,   203.0.113.5  '))).toBe('203.0.113.5')
    expect(adresseIp(avec('1.1.1.1, 203.0.113.5, '))).toBe('203.0.113.5')
    expect(adresseIp(avec('1.1.1.1,,203.0.113.5,,'))).toBe('203.0.113.5')
  })

  it('accepte les adresses IPv6', () => {
    expect(adresseIp(avec('2001:db8::1'))).toBe('2001:db8::1')
  })

  it('renvoie « inconnue » sans en-tête exploitable', () => {
    expect(adresseIp(new Headers())).toBe('inconnue')
    expect(adresseIp(null)).toBe('inconnue')
    expect(adresseIp(undefined)).toBe('inconnue')
    expect(adresseIp(avec(''))).toBe('inconnue')
    expect(adresseIp(avec(' , ,'))).toBe('inconnue')
  })

  it('tronque une valeur trop longue à 64 caractères', () => {
    const longue = 'a'.repeat(200)
    expect(adresseIp(avec(longue))).toBe('a'.repeat(64))
    expect(adresseIp(avec(`1.1.1.1, ${'b'.repeat(65)}`))).toHaveLength(64)
  })
})
