import { verifierCorps, verifierObjetJson } from '@/src/security/corps'

const octets = (s: string) => new TextEncoder().encode(s)
const sansMultipart = { remplacementGet: false, champsMultipart: async () => new Map<string, unknown>() }

describe('verifierCorps', () => {
  it('accepte un objet JSON, un corps vide et un formulaire multipart dont _payload est un objet', async () => {
    expect(await verifierCorps(octets('{"a":1}'), 'application/json', sansMultipart)).toEqual({ ok: true, typeNormalise: 'application/json' })
    expect(await verifierCorps(octets('{"a":1}'), 'Application/JSON; charset=utf-8', sansMultipart)).toEqual({ ok: true, typeNormalise: 'application/json' })
    expect(await verifierCorps(new Uint8Array(), null, sansMultipart)).toEqual({ ok: true, typeNormalise: 'application/json' })
    expect(await verifierCorps(octets('x'), 'multipart/form-data; boundary=x', { remplacementGet: false, champsMultipart: async () => new Map([['_payload', '{"dossier":1}']]) })).toEqual({ ok: true })
  })
  it.each(['"x"', '123', 'null', 'true', '[]', '[{}]', '{', '{"a":'])('refuse %s', async (corps) => {
    const r = await verifierCorps(octets(corps), 'application/json', sansMultipart)
    expect(r.ok).toBe(false)
  })
  it('refuse les types de contenu inconnus ou absents, et le JSON trop profond', async () => {
    expect((await verifierCorps(octets('{}'), 'text/plain', sansMultipart)).ok).toBe(false)
    expect((await verifierCorps(octets('{}'), null, sansMultipart)).ok).toBe(false)
    expect((await verifierCorps(octets('a=1'), 'application/x-www-form-urlencoded', sansMultipart)).ok).toBe(false)
    expect((await verifierCorps(octets('a=1'), 'application/x-www-form-urlencoded', { ...sansMultipart, remplacementGet: true })).ok).toBe(true)
    expect((await verifierCorps(octets('{"a":'.repeat(5000) + '1' + '}'.repeat(5000)), 'application/json', sansMultipart)).ok).toBe(false)
    expect((await verifierCorps(new Uint8Array([0x7b, 0xff, 0x7d]), 'application/json', sansMultipart)).ok).toBe(false)
  })
  it('refuse un multipart illisible ou un _payload qui n’est pas un objet JSON', async () => {
    const casse = { remplacementGet: false, champsMultipart: async () => { throw new TypeError('bad') } }
    expect((await verifierCorps(octets('x'), 'multipart/form-data', casse)).ok).toBe(false)
    for (const p of ['[]', 'null', '"x"', '{']) {
      const r = await verifierCorps(octets('x'), 'multipart/form-data', { remplacementGet: false, champsMultipart: async () => new Map([['_payload', p]]) })
      expect([p, r.ok]).toEqual([p, false])
    }
    const fichier = await verifierCorps(octets('x'), 'multipart/form-data', { remplacementGet: false, champsMultipart: async () => new Map<string, unknown>([['_payload', new Blob(['{}'])]]) })
    expect(fichier.ok).toBe(false)
  })
  it('verifierObjetJson', () => {
    expect(verifierObjetJson('{"a":[1]}')).toEqual({ ok: true, valeur: { a: [1] } })
  })
})
