/**
 * The thread endpoints over real HTTP: GET /api/dossiers/:id/fil (author, date and time, text;
 * the owner and admins only) and POST /api/dossiers/:id/fil/lu (per-reader read mark), with
 * their bad-input matrix — each refusal a clear 4xx in French, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { texteRiche } from '@/src/domain/texteRiche'

let s: ServeurDeTest
let monde: Monde
let dossierId: number | string
type Qui = 'admin' | 'userA' | 'userB' | 'opcoA'
const auth: Record<Qui, Record<string, string>> = { admin: {}, userA: {}, userB: {}, opcoA: {} }
const appeler = (qui: Qui | null, chemin: string, init: RequestInit = {}) =>
  fetch(`${s.url}${chemin}`, { ...init, headers: { ...(qui ? auth[qui] : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) } })
const lu = (qui: Qui | null, id: unknown, corps: string) => appeler(qui, `/api/dossiers/${String(id)}/fil/lu`, { method: 'POST', body: corps })
const nonLus = async () => ((await (await appeler('admin', '/api/dossiers/messages-non-lus')).json()) as { parDossier: Record<string, number> }).parDossier
const lectures = async () => (await s.payload.count({ collection: 'lectures' })).totalDocs

beforeAll(async () => {
  s = await demarrerServeur('messages-fil')
  monde = await creerMonde(s.payload)
  for (const [qui, u] of [['admin', monde.admin], ['userA', monde.userA], ['userB', monde.userB], ['opcoA', monde.opcoUserA]] as const) {
    auth[qui] = { Authorization: `JWT ${await connecter(s.url, u.email, MOT_DE_PASSE)}` }
  }
  const d = await creerDossier(s.payload, monde, 'A')
  dossierId = d!.id
  await s.payload.create({ collection: 'messages', data: { dossier: dossierId, author: monde.userA.id, body: texteRiche('Bonjour <b>équipe</b>', 'Deuxième paragraphe') } as never })
}, 180_000)
afterAll(async () => s?.arreter())

describe('GET /api/dossiers/:id/fil', () => {
  it('admin et propriétaire : auteur, date et heure, texte brut', async () => {
    for (const qui of ['admin', 'userA'] as const) {
      const r = await appeler(qui, `/api/dossiers/${dossierId}/fil`)
      expect(r.status).toBe(200)
      const { messages } = (await r.json()) as { messages: { auteur: string; moi: boolean; equipe: boolean; dateAffichee: string; texte: string }[] }
      expect(messages).toHaveLength(1)
      expect(messages[0]).toMatchObject({ moi: qui === 'userA', equipe: false, texte: 'Bonjour <b>équipe</b>\n\nDeuxième paragraphe' })
      expect(messages[0]!.dateAffichee).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
      expect(messages[0]!.auteur).toBe(qui === 'userA' ? 'Vous' : 'Test user.a')
    }
  })

  it('autre bénéficiaire 404, OPCO 404 (dossier qu’il ne voit pas), anonyme 401, identifiant mal formé 400 — en français', async () => {
    const cas: [Qui | null, unknown, number][] = [['userB', dossierId, 404], ['opcoA', dossierId, 404], [null, dossierId, 401], ['admin', 'abc', 400], ['admin', 999999, 404]]
    for (const [qui, id, statut] of cas) {
      const r = await appeler(qui, `/api/dossiers/${String(id)}/fil`)
      expect({ qui, id, status: r.status }).toEqual({ qui, id, status: statut })
      expect(((await r.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/[a-zà-ÿ]{4,}/i)
    }
  })
})

describe('POST /api/dossiers/:id/fil/lu', () => {
  it('entrées refusées (400, 401, 403, 404), rien n’est écrit', async () => {
    const avant = await lectures()
    const cas: [Qui | null, unknown, string, number][] = [
      ['admin', dossierId, '{', 400],
      ['admin', dossierId, '[]', 400],
      ['admin', dossierId, '{}', 400],
      ['admin', dossierId, JSON.stringify({ jusqua: 'hier' }), 400],
      ['admin', dossierId, JSON.stringify({ jusqua: 12 }), 400],
      ['admin', dossierId, JSON.stringify({ jusqua: new Date().toISOString(), lecteur: monde.userB.id }), 400],
      ['admin', dossierId, JSON.stringify({ jusqua: 'x'.repeat(5000) }), 400],
      [null, dossierId, JSON.stringify({ jusqua: new Date().toISOString() }), 401],
      ['opcoA', dossierId, JSON.stringify({ jusqua: new Date().toISOString() }), 404],
      ['userB', dossierId, JSON.stringify({ jusqua: new Date().toISOString() }), 404],
      ['admin', 'abc', JSON.stringify({ jusqua: new Date().toISOString() }), 400],
    ]
    for (const [qui, id, corps, statut] of cas) {
      const r = await lu(qui, id, corps)
      expect({ qui, corps: corps.slice(0, 60), status: r.status }).toEqual({ qui, corps: corps.slice(0, 60), status: statut })
    }
    expect(await lectures()).toBe(avant)
  })

  it('l’admin marque lu : son compteur du dossier s’efface ; un repère plus ancien ne le fait pas reculer', async () => {
    expect((await nonLus())[String(dossierId)]).toBe(1)
    const fil = (await (await appeler('admin', `/api/dossiers/${dossierId}/fil`)).json()) as { messages: { date: string }[] }
    const r = await lu('admin', dossierId, JSON.stringify({ jusqua: fil.messages[0]!.date }))
    expect(r.status).toBe(200)
    expect((await nonLus())[String(dossierId)]).toBeUndefined()
    const recul = await lu('admin', dossierId, JSON.stringify({ jusqua: '2020-01-01T00:00:00.000Z' }))
    expect(((await recul.json()) as { luJusqua: string }).luJusqua).toBe(fil.messages[0]!.date)
    expect(await lectures()).toBe(1)
  })
})

describe('/api/lectures : chacun lit ses repères, personne ne les écrit par l’API', () => {
  it('lecture : les siens seulement (admin : tous) ; écriture refusée à tous les rôles, REST et GraphQL', async () => {
    // userA opens the thread: one mark of hers besides the admin's.
    const fil = (await (await appeler('userA', `/api/dossiers/${dossierId}/fil`)).json()) as { messages: { date: string }[] }
    expect((await lu('userA', dossierId, JSON.stringify({ jusqua: fil.messages[0]!.date }))).status).toBe(200)
    const liste = async (qui: Qui) => ((await (await appeler(qui, '/api/lectures?depth=0')).json()) as { docs: { lecteur: unknown }[] }).docs.map((d) => String(d.lecteur))
    expect(await liste('userA')).toEqual([String(monde.userA.id)])
    expect(await liste('userB')).toEqual([])
    expect((await liste('admin')).sort()).toEqual([String(monde.admin.id), String(monde.userA.id)].sort())
    const avant = await lectures()
    const une = (await s.payload.find({ collection: 'lectures', where: { lecteur: { equals: monde.userA.id } }, limit: 1, depth: 0 })).docs[0]!
    for (const qui of ['admin', 'userA', 'userB', 'opcoA'] as const) {
      const creation = await appeler(qui, '/api/lectures', { method: 'POST', body: JSON.stringify({ lecteur: monde.userB.id, dossier: dossierId, luJusqua: '2030-01-01T00:00:00.000Z' }) })
      expect({ qui, status: creation.status }).toEqual({ qui, status: 403 })
      const modif = await appeler(qui, `/api/lectures/${String(une.id)}`, { method: 'PATCH', body: JSON.stringify({ luJusqua: '2030-01-01T00:00:00.000Z' }) })
      expect({ qui, status: [403, 404].includes(modif.status) }).toEqual({ qui, status: true })
      const gql = await appeler(qui, '/api/graphql', { method: 'POST', body: JSON.stringify({ query: `mutation { createLecture(data: { luJusqua: "2030-01-01T00:00:00.000Z" }) { id } }` }) })
      expect(JSON.stringify(await gql.json())).toMatch(/errors/)
    }
    expect(await lectures()).toBe(avant)
  })
})
