/**
 * RGPD erasure request (POST /api/users/me/demande-suppression): recorded and dated on the
 * account, audited, every admin told once through the outbox; asking again changes nothing;
 * nobody but an admin writes the date through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerMonde, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
const auth = {} as Record<'userA' | 'userB' | 'opcoA', Record<string, string>>

const demander = (qui: keyof typeof auth | null, corps?: string) =>
  fetch(`${s.url}/api/users/me/demande-suppression`, { method: 'POST', headers: { ...(qui ? auth[qui] : {}), ...(corps !== undefined ? { 'Content-Type': 'application/json' } : {}) }, body: corps })
const alertes = async () => (await payload.find({ collection: 'emails', where: { template: { equals: 'demande_suppression' } }, pagination: false, depth: 0 })).docs

beforeAll(async () => {
  s = await demarrerServeur('rgpd')
  payload = s.payload
  monde = await creerMonde(payload)
  Object.assign(auth, await entetesDuMonde(s.url, monde))
})
afterAll(async () => s?.arreter())

describe('demande de suppression des données', () => {
  it('401 anonyme, rien enregistré', async () => {
    const r = await demander(null)
    expect(r.status).toBe(401)
    expect(await alertes()).toHaveLength(0)
  })

  it('enregistrée, datée, journalisée, annoncée une fois à chaque admin ; une seconde demande ne change rien', async () => {
    const r = await demander('userA', '{"motif":"<script>x</script>"}')
    expect(r.status).toBe(201)
    const corps = (await r.json()) as { message: string; suppressionDemandeeLe: string }
    expect(corps.message).toMatch(/enregistrée/)
    const u = await payload.findByID({ collection: 'users', id: monde.userA.id, depth: 0 })
    expect((u as { suppressionDemandeeLe?: string }).suppressionDemandeeLe).toBe(corps.suppressionDemandeeLe)
    const envoyees = await alertes()
    expect(envoyees.map((e) => e.to)).toEqual([monde.admin.email])
    expect(String(envoyees[0]!.text)).toContain(monde.userA.email)
    const journal = await payload.find({ collection: 'logs', where: { and: [{ collectionSlug: { equals: 'users' } }, { documentId: { equals: String(monde.userA.id) } }] }, depth: 0 })
    expect(JSON.stringify(journal.docs.map((l) => l.changes))).toContain('suppressionDemandeeLe')

    const encore = await demander('userA')
    expect(encore.status).toBe(200)
    expect(((await encore.json()) as { message: string }).message).toMatch(/déjà enregistrée/)
    expect(await alertes()).toHaveLength(1)
    expect(((await payload.findByID({ collection: 'users', id: monde.userA.id, depth: 0 })) as { suppressionDemandeeLe?: string }).suppressionDemandeeLe).toBe(corps.suppressionDemandeeLe)
    // Someone else's account is untouched.
    expect(((await payload.findByID({ collection: 'users', id: monde.userB.id, depth: 0 })) as { suppressionDemandeeLe?: string | null }).suppressionDemandeeLe ?? null).toBeNull()
  })

  it('un OPCO peut aussi demander (toute personne a ce droit)', async () => {
    expect((await demander('opcoA')).status).toBe(201)
    expect(await alertes()).toHaveLength(2)
  })

  it("la date ne s'écrit pas par l'API hors équipe (403), ni pour soi ni pour un autre", async () => {
    for (const id of [monde.userB.id, monde.userA.id]) {
      const r = await fetch(`${s.url}/api/users/${String(id)}`, { method: 'PATCH', headers: { ...auth.userB, 'Content-Type': 'application/json' }, body: JSON.stringify({ suppressionDemandeeLe: '2020-01-01T00:00:00.000Z' }) })
      expect([403, 404]).toContain(r.status)
    }
    expect(((await payload.findByID({ collection: 'users', id: monde.userA.id, depth: 0 })) as { suppressionDemandeeLe?: string }).suppressionDemandeeLe).toBeTruthy()
  })
})
