import { createHmac } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { adresseInterdite, cleLivraison, corpsLivraison, EVENEMENTS_WEBHOOK, signerLivraison, verifierSignature, verifierUrlWebhook } from '@/src/domain/webhooks'

const GRAINE = Number(process.env.FC_SEED ?? 20261204)

describe('adresses interdites (SSRF)', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.1', '169.254.169.254',
    '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::abcd',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.1.2.3', '64:ff9b::a00:1', '[::1]', 'fe80::1%eth0', 'pas-une-ip', '',
  ])('%s est refusée', (ip) => expect(adresseInterdite(ip)).toBe(true))

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '192.169.0.1', '11.0.0.1', '2a00:1450:4007:80e::200e', '::ffff:8.8.8.8'])(
    '%s est publique',
    (ip) => expect(adresseInterdite(ip)).toBe(false),
  )

  it('tout 10.0.0.0/8 et 127.0.0.0/8 (généré)', () => {
    const octet = fc.integer({ min: 0, max: 255 })
    fc.assert(
      fc.property(fc.constantFrom(10, 127), octet, octet, octet, (a, b, c, d) => adresseInterdite(`${a}.${b}.${c}.${d}`)),
      { seed: GRAINE, numRuns: 500 },
    )
  })
})

describe('URL d’un webhook', () => {
  const prod = { production: true }
  const dev = { production: false }
  it('https public accepté en production', () => {
    expect(verifierUrlWebhook('https://hooks.example.com/monopco', prod)).toMatchObject({ ok: true })
  })
  it.each([
    ['http://hooks.example.com/x', 'https://'],
    ['https://127.0.0.1/x', 'réseau local'],
    ['https://10.2.3.4:8443/x', 'réseau local'],
    ['https://[::1]/x', 'réseau local'],
    ['https://2130706433/x', 'réseau local'], // 127.0.0.1 written as one number
    ['https://0x7f.1/x', 'réseau local'],
    ['https://localhost/x', 'réseau local'],
    ['https://api.localhost/x', 'réseau local'],
    ['https://intranet/x', 'réseau local'],
    ['https://user:pass@hooks.example.com/x', 'identifiants'],
    ['ftp://hooks.example.com/x', 'https://'],
    ['javascript:alert(1)', 'https://'],
    ['pas une url', 'pas une URL'],
    ['', 'obligatoire'],
  ])('%s refusée en production', (url, motif) => {
    const r = verifierUrlWebhook(url, prod)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.erreur).toContain(motif)
  })
  it('hors production, http et le poste local sont permis (tests, développement)', () => {
    expect(verifierUrlWebhook('http://127.0.0.1:4010/recepteur', dev)).toMatchObject({ ok: true })
  })
  it('jamais d’exception, quelle que soit l’entrée (généré)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.anything()), fc.boolean(), (v, production) => {
        const r = verifierUrlWebhook(v, { production })
        return typeof r.ok === 'boolean'
      }),
      { seed: GRAINE, numRuns: 500 },
    )
  })
})

describe('signature des livraisons', () => {
  const secret = 'whsec_test_0123456789'
  const corps = JSON.stringify({ evenement: 'invoice.issued', numero: 'F-2026-00001' })
  it('HMAC-SHA256 de « t.corps », comme le calcule un destinataire', () => {
    const entete = signerLivraison(secret, 1_796_000_000, corps)
    const attendu = createHmac('sha256', secret).update(`1796000000.${corps}`).digest('hex')
    expect(entete).toBe(`t=1796000000,v1=${attendu}`)
  })
  it('vérifiée : bon secret, corps intact, horodatage récent', () => {
    const entete = signerLivraison(secret, 1_796_000_000, corps)
    expect(verifierSignature(secret, entete, corps, 1_796_000_100)).toBe(true)
    expect(verifierSignature('autre-secret', entete, corps, 1_796_000_100)).toBe(false)
    expect(verifierSignature(secret, entete, corps.replace('00001', '00002'), 1_796_000_100)).toBe(false)
    expect(verifierSignature(secret, entete, corps, 1_796_000_000 + 301)).toBe(false) // rejeu
    expect(verifierSignature(secret, 'n’importe quoi', corps, 1_796_000_000)).toBe(false)
  })
})

describe('corps et clé d’une livraison', () => {
  it('le corps a toujours les quatre clés, dans cet ordre, et rien d’autre', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...EVENEMENTS_WEBHOOK), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))), (id, evenement, donnees) => {
        const corps = corpsLivraison({ id, evenement, cree_le: '2026-12-04T10:00:00.000Z', donnees, ...({ intrus: 'x' } as object) })
        const lu = JSON.parse(corps) as Record<string, unknown>
        expect(Object.keys(lu)).toEqual(['id', 'evenement', 'cree_le', 'donnees'])
        expect(lu).toEqual({ id, evenement, cree_le: '2026-12-04T10:00:00.000Z', donnees: JSON.parse(JSON.stringify(donnees)) })
      }),
    )
  })

  it('une clé par (webhook, événement) : deux webhooks ou deux événements ne partagent jamais une clé', () => {
    expect(cleLivraison(3, 'invoice.issued:12')).toBe('3:invoice.issued:12')
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.string(), fc.string(), (w1, w2, e1, e2) => {
        fc.pre(w1 !== w2 || e1 !== e2)
        expect(cleLivraison(w1, e1)).not.toBe(cleLivraison(w2, e2))
      }),
    )
  })
})
