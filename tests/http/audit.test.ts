/**
 * The audit log over real HTTP: each write through the API leaves one entry with the actor,
 * the changed fields (before → after) and the caller's IP; nobody can alter it, not even an admin.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let monde: Monde
let userA: Record<string, string>
let admin: Record<string, string>

beforeAll(async () => {
  s = await demarrerServeur('audit-http')
  monde = await creerMonde(s.payload)
  userA = { Authorization: `JWT ${await connecter(s.url, monde.userA.email, MOT_DE_PASSE)}`, 'Content-Type': 'application/json' }
  admin = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}`, 'Content-Type': 'application/json' }
})
afterAll(async () => s?.arreter())

const journal = async (collectionSlug: string, documentId: unknown) =>
  (await s.payload.find({ collection: 'logs', where: { collectionSlug: { equals: collectionSlug }, documentId: { equals: String(documentId) } }, sort: 'createdAt', limit: 50 })).docs

describe("journal d'audit (HTTP)", () => {
  it("trace création et modification avec l'auteur, les champs avant → après et l'IP", async () => {
    const cree = await fetch(`${s.url}/api/dossiers`, { method: 'POST', headers: userA, body: JSON.stringify({ typeFormation: 'bilan', coutTotalHT: 150000 }) })
    expect(cree.status).toBe(201)
    const { doc } = (await cree.json()) as { doc: { id: number } }
    const maj = await fetch(`${s.url}/api/dossiers/${doc.id}`, { method: 'PATCH', headers: userA, body: JSON.stringify({ coutTotalHT: 180000 }) })
    expect(maj.status).toBe(200)
    const entrees = await journal('dossiers', doc.id)
    expect(entrees.map((e) => e.action)).toEqual(['create', 'update'])
    for (const e of entrees) {
      expect(typeof e.actor === 'object' ? e.actor?.id : e.actor).toBe(monde.userA.id)
      expect(e.ip).toBe('127.0.0.1')
    }
    expect((entrees[1]!.changes as Record<string, unknown>).coutTotalHT).toEqual({ avant: 150000, apres: 180000 })
    expect(Object.keys(entrees[1]!.changes as object)).toEqual(['coutTotalHT'])
  })

  it('une suppression par un admin est tracée', async () => {
    const d = await creerDossier(s.payload, monde, 'B')
    expect((await fetch(`${s.url}/api/dossiers/${d.id}`, { method: 'DELETE', headers: admin })).status).toBe(200)
    expect((await journal('dossiers', d.id)).map((e) => e.action)).toEqual(['create', 'delete'])
  })

  it("ni REST ni GraphQL ne permettent à un admin de modifier ou supprimer une entrée", async () => {
    const entree = (await s.payload.find({ collection: 'logs', limit: 1, sort: 'createdAt' })).docs[0]!
    expect((await fetch(`${s.url}/api/logs/${entree.id}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ ip: '6.6.6.6' }) })).status).toBe(403)
    expect((await fetch(`${s.url}/api/logs/${entree.id}`, { method: 'DELETE', headers: admin })).status).toBe(403)
    expect((await fetch(`${s.url}/api/logs?where[id][equals]=${entree.id}`, { method: 'DELETE', headers: admin })).status).toBe(403)
    const gql = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: admin, body: JSON.stringify({ query: `mutation { deleteLog(id: ${entree.id}) { id } }` }) })
    expect(((await gql.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0)
    const relu = await s.payload.findByID({ collection: 'logs', id: entree.id })
    expect(relu).toEqual(entree)
  })

  it("n'audite que les collections métier (ni le journal lui-même, ni les tables internes de Payload)", async () => {
    const slugs = new Set((await s.payload.find({ collection: 'logs', limit: 1000, pagination: false })).docs.map((e) => e.collectionSlug))
    for (const slug of slugs) expect(slug).not.toMatch(/^(payload-|logs$|compteurs$)/)
    expect(slugs.has('users')).toBe(true)
  })

  it('un SIRET déjà enregistré est refusé (400), sans doublon', async () => {
    const avant = (await s.payload.count({ collection: 'companies' })).totalDocs
    const existant = (await s.payload.findByID({ collection: 'companies', id: monde.companyA.id })).siret
    const res = await fetch(`${s.url}/api/companies`, { method: 'POST', headers: admin, body: JSON.stringify({ siret: existant, raisonSociale: 'Doublon' }) })
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toMatch(/siret|SIRET/)
    expect((await s.payload.count({ collection: 'companies' })).totalDocs).toBe(avant)
  })
})
