/**
 * Payload's built-in `payload-locked-documents` (who is editing what in the admin panel): nobody
 * reads or writes a lock on a document they may not edit; admins see and manage all of them.
 * Over REST and GraphQL; and the admin panel still opens a dossier for an OPCO user (it reads
 * the locks of every document it shows).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerServeur, entetesDuMonde, type ActeurDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'

const SLUG = 'payload-locked-documents' as const
type Id = number | string

let s: ServeurDeTest
let monde: Monde
let h: Record<ActeurDuMonde | 'anonyme', Record<string, string>>
let dossierA: Id
let dossierEnvoyeA: Id
let verrouAdmin: Id

const compter = async () => (await s.payload.count({ collection: SLUG as never, overrideAccess: true })).totalDocs
const rest = (acteur: ActeurDuMonde | 'anonyme', chemin: string, init: RequestInit = {}) =>
  fetch(`${s.url}/api/${SLUG}${chemin}`, { ...init, headers: { ...h[acteur], 'Content-Type': 'application/json', ...(init.headers ?? {}) } })
const gql = async (acteur: ActeurDuMonde | 'anonyme', query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...h[acteur], 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  return (await res.json()) as { data?: Record<string, { docs?: { id: Id }[]; id?: Id } | null>; errors?: { message: string }[] }
}
const verrou = (dossier: Id, user: Id) => ({ document: { relationTo: 'dossiers' as const, value: Number(dossier) }, user: { relationTo: 'users' as const, value: Number(user) } })

beforeAll(async () => {
  s = await demarrerServeur('verrous-documents')
  monde = await creerMonde(s.payload)
  h = await entetesDuMonde(s.url, monde)
  dossierA = (await creerDossier(s.payload, monde, 'A')).id
  dossierEnvoyeA = (await creerDossier(s.payload, monde, 'A', 'envoye_opco')).id
  verrouAdmin = (await s.payload.create({ collection: SLUG, data: verrou(dossierA, monde.admin.id) })).id
})
afterAll(async () => s?.arreter())

describe('REST /api/payload-locked-documents', () => {
  it("un non-admin ne voit pas les verrous des autres, l'admin les voit tous", async () => {
    for (const acteur of ['userA', 'userB', 'opcoA', 'opcoB'] as const) {
      const res = await rest(acteur, '')
      // 200 with nothing rather than 403: the admin panel lists locks for every document it shows.
      expect(res.status).toBe(200)
      const ids = ((await res.json()) as { docs: { id: Id }[] }).docs.map((d) => d.id)
      expect(ids).not.toContain(verrouAdmin)
      expect((await rest(acteur, `/${verrouAdmin}`)).status).toBeGreaterThanOrEqual(403)
    }
    const admin = (await (await rest('admin', '')).json()) as { docs: { id: Id }[] }
    expect(admin.docs.map((d) => d.id)).toContain(verrouAdmin)
    expect((await rest('anonyme', '')).status).toBe(403)
  })

  it("refuse de poser un verrou sur un dossier qu'on ne peut pas modifier, ou au nom d'un autre", async () => {
    const avant = await compter()
    const cas: [ActeurDuMonde, Record<string, unknown>][] = [
      ['userB', verrou(dossierA, monde.userB.id)], // someone else's dossier
      ['opcoA', verrou(dossierEnvoyeA, monde.opcoUserA.id)], // OPCO users never edit a dossier
      ['userA', verrou(dossierEnvoyeA, monde.userA.id)], // own dossier, but no longer editable
      ['userA', verrou(dossierA, monde.admin.id)], // in another user's name
    ]
    for (const [acteur, data] of cas) {
      const res = await rest(acteur, '', { method: 'POST', body: JSON.stringify(data) })
      expect([acteur, res.status]).toEqual([acteur, 403])
    }
    expect((await rest('anonyme', '', { method: 'POST', body: JSON.stringify(verrou(dossierA, monde.userA.id)) })).status).toBe(403)
    expect(await compter()).toBe(avant)
  })

  it('le propriétaire verrouille son dossier modifiable, le voit, puis le libère', async () => {
    const res = await rest('userA', '', { method: 'POST', body: JSON.stringify(verrou(dossierA, monde.userA.id)) })
    expect(res.status).toBe(201)
    const id = ((await res.json()) as { doc: { id: Id } }).doc.id
    const liste = (await (await rest('userA', '')).json()) as { docs: { id: Id }[] }
    expect(liste.docs.map((d) => d.id)).toEqual([id])
    // Nobody else may touch it, nor give it to someone else.
    expect((await rest('userB', `/${id}`, { method: 'DELETE' })).status).toBeGreaterThanOrEqual(403)
    expect((await rest('userA', `/${id}`, { method: 'PATCH', body: JSON.stringify({ user: { relationTo: 'users', value: monde.userB.id } }) })).status).toBe(403)
    expect((await rest('userA', `/${id}`, { method: 'DELETE' })).status).toBe(200)
  })

  it("ne supprime ni ne modifie le verrou d'un autre", async () => {
    for (const acteur of ['userA', 'userB', 'opcoA'] as const) {
      expect((await rest(acteur, `/${verrouAdmin}`, { method: 'DELETE' })).status).toBeGreaterThanOrEqual(403)
      expect((await rest(acteur, `/${verrouAdmin}`, { method: 'PATCH', body: JSON.stringify({ user: { relationTo: 'users', value: monde.userA.id } }) })).status).toBeGreaterThanOrEqual(403)
      // Bulk delete with a where that matches every lock.
      await rest(acteur, `?where[id][exists]=true`, { method: 'DELETE' })
    }
    const brut = await s.payload.findByID({ collection: SLUG as never, id: verrouAdmin, depth: 0, overrideAccess: true })
    expect(String((brut as unknown as { user: { value: Id } }).user.value)).toBe(String(monde.admin.id))
  })
})

describe('GraphQL', () => {
  const LISTE = '{ PayloadLockedDocuments { docs { id } } }'
  const CREER = `mutation ($data: mutationPayloadLockedDocumentInput!) { createPayloadLockedDocument(data: $data) { id } }`
  const SUPPRIMER = `mutation ($id: Int!) { deletePayloadLockedDocument(id: $id) { id } }`

  it("liste : rien d'autrui pour un non-admin, tout pour l'admin", async () => {
    for (const acteur of ['userA', 'userB', 'opcoA'] as const) {
      const r = await gql(acteur, LISTE)
      expect(r.data?.PayloadLockedDocuments?.docs?.map((d) => d.id) ?? []).not.toContain(verrouAdmin)
    }
    expect((await gql('admin', LISTE)).data?.PayloadLockedDocuments?.docs?.map((d) => d.id)).toContain(verrouAdmin)
  })

  it("création et suppression refusées à qui ne peut pas modifier le dossier (l'admin, lui, peut)", async () => {
    const avant = await compter()
    const data = { document: { relationTo: 'dossiers', value: dossierA }, user: { relationTo: 'users', value: monde.userB.id } }
    const refus = await gql('userB', CREER, { data })
    expect(refus.errors?.length).toBeGreaterThan(0)
    expect(await compter()).toBe(avant)
    if (typeof verrouAdmin === 'number') {
      const suppression = await gql('opcoA', SUPPRIMER, { id: verrouAdmin })
      expect(suppression.errors?.length).toBeGreaterThan(0)
      expect(await compter()).toBe(avant)
    }
    // Positive control: the same mutation is well-formed (an admin may lock anything).
    const ok = await gql('admin', CREER, { data: { ...data, user: { relationTo: 'users', value: monde.admin.id } } })
    expect(ok.errors).toBeUndefined()
    expect(await compter()).toBe(avant + 1)
  })
})

describe("le panneau d'administration", () => {
  // What the panel does for every document it opens (getIsLocked, form-state locking): a find
  // with the user's access. A 403 there would break the dossier page of OPCO users; they get 200.
  it("la recherche de verrous du panneau répond 200 à l'utilisateur OPCO", async () => {
    const q = `?where[document.relationTo][equals]=dossiers&where[document.value][equals]=${dossierEnvoyeA}&depth=1`
    for (const acteur of ['opcoA', 'userA'] as const) {
      const res = await rest(acteur, q)
      expect([acteur, res.status]).toEqual([acteur, 200])
    }
  })
})
