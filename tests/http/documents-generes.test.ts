/**
 * Generated documents over real HTTP: the validation's PDFs appear on the dossier, only the
 * team may ask for a new version (« régénérer »), generation rows are never written through the
 * API, and a generated PDF downloads for whoever may read the dossier and nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerMonde, richText, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
type Qui = 'admin' | 'userA' | 'userB' | 'opcoA'
const auth = {} as Record<Qui, Record<string, string>>
let dossierId: number | string
let conventionGen: Record<string, unknown>

const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
const appel = (qui: Qui | null, chemin: string, init: RequestInit = {}) =>
  fetch(`${s.url}${chemin}`, { ...init, headers: { ...(qui ? auth[qui] : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) } })

beforeAll(async () => {
  s = await demarrerServeur('documents_generes')
  payload = s.payload
  monde = await creerMonde(payload)
  Object.assign(auth, await entetesDuMonde(s.url, monde))
  const d = await payload.create({
    collection: 'dossiers',
    data: {
      typeFormation: 'bilan',
      status: 'en_revue',
      owner: monde.userA.id,
      company: monde.companyA.id,
      opco: monde.opcoA.id,
      beneficiaire: { nom: 'Lefèvre', prenom: 'Anne', email: 'anne@exemple.fr' },
      formation: { titre: 'Bilan de compétences', objectifs: richText('Construire un projet professionnel.'), organisme: monde.provider.id, dureeHeures: 24, dateDebut: dansJours(40), dateFin: dansJours(90), modalite: 'mixte' },
      coutTotalHT: 200000,
    } as never,
  })
  dossierId = d.id
  const r = await appel('admin', `/api/dossiers/${d.id}/transition`, { method: 'POST', body: JSON.stringify({ action: 'validate' }) })
  expect(r.status).toBe(200)
  await payload.jobs.run({ limit: 100 })
  await payload.jobs.run({ limit: 100 })
})
afterAll(async () => s?.arreter())

const generations = async (qui: Qui) => {
  const r = await appel(qui, `/api/generations?where[dossier][equals]=${dossierId}&depth=1&limit=50`)
  return { status: r.status, docs: r.ok ? ((await r.json()) as { docs: Record<string, unknown>[] }).docs : [] }
}

describe('documents générés du dossier', () => {
  it('un bilan validé a sa convention tripartite et sa demande de prise en charge, lisibles par l’équipe et le bénéficiaire', async () => {
    const admin = await generations('admin')
    expect(admin.docs.map((g) => [g.documentType, g.statut]).sort()).toEqual([
      ['convention_bilan', 'genere'],
      ['demande_prise_en_charge', 'genere'],
    ])
    conventionGen = admin.docs.find((g) => g.documentType === 'convention_bilan')!
    expect((await generations('userA')).docs).toHaveLength(2)
    expect((await generations('userB')).docs).toHaveLength(0)
    // OPCO users see the documents once sent, never the team's generation rows.
    expect((await generations('opcoA')).docs).toHaveLength(0)
  })

  it('le PDF se télécharge pour le propriétaire et l’équipe, pas pour un autre compte ni anonymement', async () => {
    const doc = conventionGen.document as { url: string; filename: string }
    expect(doc.filename).toMatch(/-convention_bilan-v1\.pdf$/)
    for (const qui of ['admin', 'userA'] as Qui[]) {
      const r = await appel(qui, new URL(doc.url, s.url).pathname)
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toMatch(/application\/pdf/)
      expect(Buffer.from(await r.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    }
    for (const qui of ['userB', 'opcoA', null] as (Qui | null)[]) {
      const r = await appel(qui, new URL(doc.url, s.url).pathname)
      expect([403, 404]).toContain(r.status)
      expect(Buffer.from(await r.arrayBuffer()).includes(Buffer.from('%PDF-'))).toBe(false)
    }
  })

  it('« régénérer » : 401 anonyme, 403 hors équipe, 400/404 identifiants, 202 et une version 2 pour l’équipe', async () => {
    const chemin = (id: unknown) => `/api/generations/${String(id)}/regenerer`
    const avant = (await generations('admin')).docs.length
    expect((await appel(null, chemin(conventionGen.id), { method: 'POST' })).status).toBe(401)
    for (const qui of ['userA', 'userB', 'opcoA'] as Qui[]) {
      const r = await appel(qui, chemin(conventionGen.id), { method: 'POST' })
      expect(r.status).toBe(403)
      expect(((await r.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/équipe MonOPCO/)
    }
    for (const [id, code] of [['abc', 400], ['1e3', 400], ['-1', 400], ['%27%20OR%201%3D1', 400], ['999999', 404]] as const) {
      const r = await appel('admin', chemin(id), { method: 'POST' })
      expect({ id, status: r.status }).toEqual({ id, status: code })
    }
    expect((await generations('admin')).docs.length).toBe(avant)

    const r = await appel('admin', chemin(conventionGen.id), { method: 'POST' })
    expect(r.status).toBe(202)
    const { generation } = (await r.json()) as { generation: Record<string, unknown> }
    expect([generation.documentType, generation.version, generation.statut]).toEqual(['convention_bilan', 2, 'en_attente'])
    await payload.jobs.run({ limit: 100 })
    const apres = (await generations('admin')).docs.filter((g) => g.documentType === 'convention_bilan').sort((a, b) => Number(a.version) - Number(b.version))
    expect(apres.map((g) => [g.version, g.statut])).toEqual([
      [1, 'genere'],
      [2, 'genere'],
    ])
  })

  it("personne n'écrit une génération par l'API (REST et GraphQL), pas même l'équipe", async () => {
    const avant = (await generations('admin')).docs.length
    const creation = await appel('admin', '/api/generations', { method: 'POST', body: JSON.stringify({ dossier: dossierId, documentType: 'convention', cle: 'x', version: 9 }) })
    expect(creation.status).toBe(403)
    const modif = await appel('admin', `/api/generations/${String(conventionGen.id)}`, { method: 'PATCH', body: JSON.stringify({ statut: 'echec' }) })
    expect(modif.status).toBe(403)
    expect((await appel('admin', `/api/generations/${String(conventionGen.id)}`, { method: 'DELETE' })).status).toBe(403)
    const gql = await appel('admin', '/api/graphql', { method: 'POST', body: JSON.stringify({ query: `mutation { updateGeneration(id: ${String(conventionGen.id)}, data: { erreur: "x" }) { id } }` }) })
    const corps = (await gql.json()) as { errors?: unknown[] }
    expect(corps.errors?.length ?? 0).toBeGreaterThan(0)
    const relu = (await generations('admin')).docs
    expect(relu.length).toBe(avant)
    expect(relu.find((g) => g.id === conventionGen.id)!.statut).toBe('genere')
  })
})
