/**
 * What an OPCO agent reads around the dossiers sent to its OPCO (issue 13, item 1): the employer
 * of each such dossier, and the names — nothing else — of who filed and validated it. Any other
 * company or account stays closed, over REST and GraphQL alike.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, siretValide, type Monde } from '@/tests/helpers/fixtures'

type Id = number | string
let s: ServeurDeTest
let payload: Payload
let monde: Monde
let h: Awaited<ReturnType<typeof entetesDuMonde>>
/** Sent to OPCO A although its record names no OPCO: readable by A. */
let sansOpco: { id: Id }
/** Names OPCO A as its OPCO, but its only dossier to A is a draft: not readable by A. */
let nonEnvoyee: { id: Id }

const rest = async (chemin: string, entetes: Record<string, string>) => {
  const r = await fetch(`${s.url}${chemin}`, { headers: entetes })
  return { status: r.status, body: (await r.json().catch(() => ({}))) as Record<string, unknown> }
}
const gql = async (query: string, entetes: Record<string, string>) => {
  const r = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...entetes, 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) })
  expect(r.status).toBeLessThan(500)
  return (await r.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] }
}

beforeAll(async () => {
  s = await demarrerServeur('opco-vue')
  payload = s.payload
  monde = await creerMonde(payload)
  await payload.update({ collection: 'companies', id: monde.companyA.id, data: { adresse: { rue: '12 rue des Lilas', codePostal: '75011', ville: 'Paris' } } as never })
  sansOpco = await payload.create({ collection: 'companies', data: { siret: siretValide(44444444), raisonSociale: 'Gamma Bâtiment', effectif: 12 } })
  nonEnvoyee = await payload.create({ collection: 'companies', data: { siret: siretValide(55555555), raisonSociale: 'Delta Services', opco: monde.opcoA.id } })
  await creerDossier(payload, monde, 'A', 'envoye_opco', { validationAdminBy: monde.admin.id })
  await creerDossier(payload, monde, 'A', 'accepte_partiel', { company: sansOpco.id, montantValide: 90000 })
  await creerDossier(payload, monde, 'A', 'brouillon', { company: nonEnvoyee.id })
  await creerDossier(payload, monde, 'B', 'envoye_opco')
  h = await entetesDuMonde(s.url, monde)
})
afterAll(async () => s?.arreter())

describe('entreprises lues par un agent OPCO', () => {
  it("REST : l'employeur d'un dossier envoyé à son OPCO, avec raison sociale, SIRET, adresse, effectif et IDCC", async () => {
    const r = await rest(`/api/companies/${monde.companyA.id}?depth=0`, h.opcoA)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ raisonSociale: 'Alpha Conseil', siret: siretValide(11111111), effectif: 8, idcc: '1486' })
    expect('adresse' in r.body).toBe(true)
    // Its record names no OPCO: what counts is the dossier sent to OPCO A.
    expect((await rest(`/api/companies/${sansOpco.id}`, h.opcoA)).status).toBe(200)
  })

  it("REST : rien d'une entreprise dont aucun dossier n'a été envoyé à son OPCO", async () => {
    for (const id of [monde.companyB.id, nonEnvoyee.id]) expect([403, 404]).toContain((await rest(`/api/companies/${id}`, h.opcoA)).status)
    const liste = await rest('/api/companies?limit=100&depth=0', h.opcoA)
    expect(liste.status).toBe(200)
    const ids = (liste.body.docs as { id: Id }[]).map((c) => String(c.id)).sort()
    expect(ids).toEqual([String(monde.companyA.id), String(sansOpco.id)].sort())
    // OPCO B: only the employer of the dossier sent to it.
    const b = await rest('/api/companies?limit=100&depth=0', h.opcoB)
    expect((b.body.docs as { id: Id }[]).map((c) => String(c.id))).toEqual([String(monde.companyB.id)])
  })

  it('GraphQL : même réponse', async () => {
    const a = await gql(`query { Company(id: ${JSON.stringify(monde.companyA.id)}) { raisonSociale siret effectif idcc } }`, h.opcoA)
    expect(a.data?.Company).toMatchObject({ raisonSociale: 'Alpha Conseil', siret: siretValide(11111111) })
    const b = await gql(`query { Company(id: ${JSON.stringify(monde.companyB.id)}) { raisonSociale } }`, h.opcoA)
    expect(b.data?.Company ?? null).toBeNull()
    expect(b.errors?.length).toBeGreaterThan(0)
    const liste = await gql('query { Companies(limit: 100) { docs { raisonSociale } } }', h.opcoA)
    expect(((liste.data?.Companies as { docs: { raisonSociale: string }[] }).docs.map((c) => c.raisonSociale)).sort()).toEqual(['Alpha Conseil', 'Gamma Bâtiment'])
  })

  it("un dossier lu avec depth=1 porte l'entreprise", async () => {
    const r = await rest('/api/dossiers?depth=1&limit=10&where[status][equals]=envoye_opco', h.opcoA)
    const d = (r.body.docs as { company: { raisonSociale?: string; siret?: string } }[])[0]!
    expect(d.company).toMatchObject({ raisonSociale: 'Alpha Conseil', siret: siretValide(11111111) })
  })
})

describe('comptes lus par un agent OPCO', () => {
  it('titre « Prénom Nom » stocké, tenu à jour', async () => {
    const u = await payload.findByID({ collection: 'users', id: monde.userA.id, depth: 0 })
    expect((u as { nomComplet?: string }).nomComplet).toBe('Test user.a')
    await payload.update({ collection: 'users', id: monde.userA.id, data: { prenom: 'Claire', nom: 'Durand' } })
    expect(((await payload.findByID({ collection: 'users', id: monde.userA.id, depth: 0 })) as { nomComplet?: string }).nomComplet).toBe('Claire Durand')
    await payload.update({ collection: 'users', id: monde.userA.id, data: { telephone: '0600000000' } })
    expect(((await payload.findByID({ collection: 'users', id: monde.userA.id, depth: 0 })) as { nomComplet?: string }).nomComplet).toBe('Claire Durand')
  })

  it('REST : seulement les noms de qui a déposé ou validé un dossier envoyé à son OPCO', async () => {
    for (const id of [monde.userA.id, monde.admin.id]) {
      const r = await rest(`/api/users/${id}?depth=0`, h.opcoA)
      expect(r.status).toBe(200)
      expect(Object.keys(r.body).sort()).toEqual(['id', 'nom', 'nomComplet', 'prenom'])
    }
    expect((await rest(`/api/users/${monde.userA.id}`, h.opcoA)).body.nomComplet).toBe('Claire Durand')
    // userB filed only for OPCO B; OPCO B's agent is nobody's filer.
    for (const id of [monde.userB.id, monde.opcoUserB.id]) expect([403, 404]).toContain((await rest(`/api/users/${id}`, h.opcoA)).status)
    const liste = await rest('/api/users?limit=100&depth=0', h.opcoA)
    const docs = liste.body.docs as Record<string, unknown>[]
    expect(docs.map((u) => String(u.id)).sort()).toEqual([String(monde.userA.id), String(monde.admin.id), String(monde.opcoUserA.id)].sort())
    for (const u of docs) if (String(u.id) !== String(monde.opcoUserA.id)) expect(u.email).toBeUndefined()
    // Its own account stays whole.
    expect((await rest(`/api/users/${monde.opcoUserA.id}`, h.opcoA)).body).toMatchObject({ email: monde.opcoUserA.email, role: 'opco' })
  })

  it('REST : pas de recherche par e-mail ou par rôle sur les comptes des autres', async () => {
    for (const q of [`where[email][equals]=${encodeURIComponent(monde.userA.email)}`, 'where[role][equals]=admin', 'where[telephone][exists]=true']) {
      const r = await rest(`/api/users?${q}`, h.opcoA)
      if (r.status === 200) expect(((r.body.docs ?? []) as { id: Id }[]).filter((u) => String(u.id) !== String(monde.opcoUserA.id))).toEqual([])
      else expect([400, 403]).toContain(r.status)
    }
  })

  it('GraphQL : les noms, jamais e-mail, téléphone, rôle ni entreprise', async () => {
    const r = await gql(`query { User(id: ${JSON.stringify(monde.userA.id)}) { nomComplet prenom nom email telephone role } }`, h.opcoA)
    expect(r.data?.User).toEqual({ nomComplet: 'Claire Durand', prenom: 'Claire', nom: 'Durand', email: null, telephone: null, role: null })
    const b = await gql(`query { User(id: ${JSON.stringify(monde.userB.id)}) { nomComplet } }`, h.opcoA)
    expect(b.data?.User ?? null).toBeNull()
    const liste = await gql('query { Users(limit: 100) { docs { id nomComplet email } } }', h.opcoA)
    const docs = (liste.data?.Users as { docs: { id: Id; email: string | null }[] }).docs
    expect(docs).toHaveLength(3)
    for (const u of docs) expect(u.email === null).toBe(String(u.id) !== String(monde.opcoUserA.id))
  })

  it("l'équipe et le titulaire gardent tout", async () => {
    const admin = await rest(`/api/users/${monde.userA.id}`, h.admin)
    expect(admin.body).toMatchObject({ email: monde.userA.email, role: 'user', nomComplet: 'Claire Durand' })
    const moi = await rest(`/api/users/${monde.userA.id}`, h.userA)
    expect(moi.body).toMatchObject({ email: monde.userA.email, nomComplet: 'Claire Durand' })
  })
})
