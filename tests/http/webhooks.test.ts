/**
 * Webhooks over real HTTP (issue 19, item 5). The test server runs with NODE_ENV=production:
 * registration refuses http://, loopback, private ranges and local names (400, nothing written,
 * REST and GraphQL). The product's own steps (a transition, a payment) go through the server;
 * the jobs run in this process (as a worker would), which is not in production, so they may
 * deliver to the local receiver registered through the Local API. « Rejouer » is the HTTP route
 * the admin's button calls. Delivery details (retries, échec, connection-time address check):
 * tests/int/webhooks.test.ts. Every role × the two collections: tests/http/access-matrix.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, PROGRAMME_TEST, richText, type Monde } from '@/tests/helpers/fixtures'
import { demarrerRecepteurWebhooks, type RecepteurWebhooks } from '@/tests/helpers/recepteurWebhooks'
import { EVENEMENTS_WEBHOOK, verifierSignature } from '@/src/domain/webhooks'
import type { Webhook } from '@/src/payload-types'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let recepteur: RecepteurWebhooks
let webhook: Webhook
const auth: Record<'admin' | 'userA' | 'opcoA' | 'anonyme', Record<string, string>> = { admin: {}, userA: {}, opcoA: {}, anonyme: {} }

const maintenantS = () => Math.floor(Date.now() / 1000)
const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
const json = (qui: keyof typeof auth) => ({ ...auth[qui], 'Content-Type': 'application/json' })
const compter = async () => ({
  webhooks: (await payload.count({ collection: 'webhooks' })).totalDocs,
  logs: (await payload.count({ collection: 'logs' })).totalDocs,
  livraisons: (await payload.count({ collection: 'livraisons-webhooks' })).totalDocs,
})
const graphql = async (qui: keyof typeof auth, query: string) =>
  (await (await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: json(qui), body: JSON.stringify({ query }) })).json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] }

beforeAll(async () => {
  recepteur = await demarrerRecepteurWebhooks()
  s = await demarrerServeur('webhooks')
  payload = s.payload
  monde = await creerMonde(payload)
  await payload.update({ collection: 'training-providers', id: monde.provider.id, data: { regionNda: 'Île-de-France', adresse: { rue: '45 boulevard Voltaire', codePostal: '75011', ville: 'Paris' } } })
  auth.admin = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` }
  auth.userA = { Authorization: `JWT ${await connecter(s.url, monde.userA.email, MOT_DE_PASSE)}` }
  auth.opcoA = { Authorization: `JWT ${await connecter(s.url, monde.opcoUserA.email, MOT_DE_PASSE)}` }
  // Through this process's Local API (not in production): the receiver listens on 127.0.0.1.
  webhook = await payload.create({ collection: 'webhooks', data: { url: recepteur.url, evenements: [...EVENEMENTS_WEBHOOK] } })
}, 180_000)
afterAll(async () => {
  await s?.arreter()
  await recepteur?.fermer()
})

describe('enregistrement en production', () => {
  it.each([
    ['https://127.0.0.1/monopco', /réseau local ou privé/],
    ['https://10.1.2.3/monopco', /réseau local ou privé/],
    ['https://localhost/monopco', /réseau local ou privé/],
    ['https://[::1]/monopco', /réseau local ou privé/],
    ['http://integrateur.exemple.fr/monopco', /Seules les adresses https/],
  ])('refuse %s (400 en français, rien d’écrit)', async (url, message) => {
    const avant = await compter()
    const res = await fetch(`${s.url}/api/webhooks`, { method: 'POST', headers: json('admin'), body: JSON.stringify({ url, evenements: ['invoice.issued'] }) })
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toMatch(message)
    const gql = await graphql('admin', `mutation { createWebhook(data: { url: ${JSON.stringify(url)}, evenements: invoice_issued }) { id } }`)
    expect(gql.errors?.length ?? 0).toBeGreaterThan(0)
    expect(await compter()).toEqual(avant)
  })

  it('accepte une adresse https publique et génère le secret, lisible par les admins seuls', async () => {
    const res = await fetch(`${s.url}/api/webhooks`, { method: 'POST', headers: json('admin'), body: JSON.stringify({ url: 'https://integrateur.exemple.fr/monopco', evenements: ['invoice.issued', 'payment.recorded'] }) })
    expect(res.status).toBe(201)
    const { doc } = (await res.json()) as { doc: Webhook }
    expect(doc.secret).toMatch(/^whsec_[0-9a-f]{64}$/)
    for (const qui of ['userA', 'opcoA', 'anonyme'] as const) {
      const lu = await fetch(`${s.url}/api/webhooks/${doc.id}`, { headers: auth[qui] })
      expect(lu.status).toBe(403)
      expect(await lu.text()).not.toContain(doc.secret!)
      const gql = await graphql(qui, `{ Webhooks { docs { id secret } } }`)
      expect(JSON.stringify(gql)).not.toContain(doc.secret!)
      expect(gql.errors?.length ?? 0).toBeGreaterThan(0)
    }
    // Deactivated: it would otherwise get this file's payments (and nobody listens there).
    expect((await fetch(`${s.url}/api/webhooks/${doc.id}`, { method: 'PATCH', headers: json('admin'), body: JSON.stringify({ actif: false }) })).status).toBe(200)
    // The same mutation as the refusals above, with a public https address: accepted (the refusals are the address rule).
    const gql = await graphql('admin', `mutation { createWebhook(data: { url: "https://graphql.exemple.fr/monopco", evenements: invoice_issued, actif: false }) { id secret } }`)
    expect(gql.errors).toBeUndefined()
    expect((gql.data?.createWebhook as { secret?: string }).secret).toMatch(/^whsec_[0-9a-f]{64}$/)
  })
})

describe('la collection `webhooks` et la route de Resend', () => {
  it('POST /api/webhooks/resend reste la route des comptes rendus Resend ; les autres méthodes y répondent 405', async () => {
    // This server has no RESEND_WEBHOOK_SECRET: the Resend route itself answers 503 (tests/http/emails.test.ts with one).
    const r = await fetch(`${s.url}/api/webhooks/resend`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(r.status).toBe(503)
    expect(JSON.stringify(await r.json())).toMatch(/RESEND_WEBHOOK_SECRET/)
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const g = await fetch(`${s.url}/api/webhooks/resend`, { method, headers: auth.admin })
      expect(g.status).toBe(405)
      expect(g.headers.get('allow')).toBe('POST')
    }
  })
})

describe('un parcours par HTTP', () => {
  it('chaque événement arrive une fois au destinataire, signé ; « Rejouer » le relivre', async () => {
    const d = await creerDossier(payload, monde, 'A', 'en_revue', {
      formation: { titre: 'Excel avancé', objectifs: richText('Construire des tableaux croisés dynamiques.'), programme: PROGRAMME_TEST, organisme: monde.provider.id, dureeHeures: 14, dateDebut: dansJours(60), dateFin: dansJours(61), lieu: 'Lyon', modalite: 'presentiel' },
    })
    const t = await fetch(`${s.url}/api/dossiers/${d.id}/transition`, { method: 'POST', headers: json('admin'), body: JSON.stringify({ action: 'validate' }) })
    expect(t.status).toBe(200)
    const p = await fetch(`${s.url}/api/payments`, { method: 'POST', headers: json('admin'), body: JSON.stringify({ dossier: d.id, montant: 50_000, date: '2027-04-01', payeur: 'opco', reference: 'VIR-HTTP-1' }) })
    expect(p.status).toBe(201)
    for (let i = 0; i < 6; i++) await payload.jobs.run({ limit: 100 })

    const corps = recepteur.requetes.map((r) => JSON.parse(r.corps) as { id: string; evenement: string; donnees: Record<string, unknown> })
    expect(new Set(corps.map((c) => c.id)).size).toBe(corps.length)
    expect(corps.filter((c) => c.evenement === 'dossier.transition').map((c) => c.donnees)).toEqual([{ dossier: d.id, action: 'validate', statut_precedent: 'en_revue', statut: 'valide', acteur_role: 'admin' }])
    expect(corps.filter((c) => c.evenement === 'payment.recorded').map((c) => c.donnees.reference)).toEqual(['VIR-HTTP-1'])
    const generes = (await payload.count({ collection: 'generations', where: { and: [{ dossier: { equals: d.id } }, { statut: { equals: 'genere' } }] } })).totalDocs
    expect(generes).toBe(2)
    expect(corps.filter((c) => c.evenement === 'document.generated')).toHaveLength(generes)
    for (const r of recepteur.requetes) expect(verifierSignature(webhook.secret!, String(r.entetes['x-monopco-signature']), r.corps, maintenantS())).toBe(true)

    // « Rejouer » (the admin's button): refused to others, nothing written; the admin's replay is delivered again, same key.
    const livraison = (await payload.find({ collection: 'livraisons-webhooks', where: { evenement: { equals: 'payment.recorded' } }, depth: 0 })).docs[0]!
    expect(livraison.statut).toBe('livre')
    const avant = await compter()
    for (const [qui, statut] of [['anonyme', 401], ['userA', 403], ['opcoA', 403]] as const) {
      expect((await fetch(`${s.url}/api/livraisons-webhooks/${livraison.id}/rejouer`, { method: 'POST', headers: json(qui), body: '{}' })).status).toBe(statut)
    }
    expect(await compter()).toEqual(avant)
    expect((await payload.findByID({ collection: 'livraisons-webhooks', id: livraison.id, depth: 0 })).statut).toBe('livre')
    const r = await fetch(`${s.url}/api/livraisons-webhooks/${livraison.id}/rejouer`, { method: 'POST', headers: json('admin'), body: '{}' })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ message: 'Livraison remise dans la file d’attente.', id: livraison.id })
    expect((await fetch(`${s.url}/api/livraisons-webhooks/${livraison.id}/rejouer`, { method: 'POST', headers: json('admin'), body: '{}' })).status).toBe(409)
    const journal = await payload.find({ collection: 'logs', where: { and: [{ collectionSlug: { equals: 'livraisons-webhooks' } }, { documentId: { equals: String(livraison.id) } }] }, depth: 0 })
    expect(journal.docs).toHaveLength(1)
    expect(journal.docs[0]).toMatchObject({ action: 'update', actor: monde.admin.id })
    const n = recepteur.requetes.length
    await payload.jobs.run({ limit: 100 })
    expect(recepteur.requetes.slice(n).map((q) => q.entetes['idempotency-key'])).toEqual([livraison.cle])
    expect((await payload.findByID({ collection: 'livraisons-webhooks', id: livraison.id, depth: 0 })).statut).toBe('livre')
  }, 180_000)
})

describe('administration', () => {
  it('la liste filtrée sur « Échec » montre les livraisons en échec ; la fiche propose « Rejouer » ; le formulaire des webhooks s’ouvre', async () => {
    const page = async (chemin: string) => {
      const res = await fetch(`${s.url}${chemin}`, { headers: auth.admin })
      expect(res.status).toBe(200)
      return res.text()
    }
    const echec = await payload.create({ collection: 'livraisons-webhooks', data: { webhook: webhook.id, evenement: 'invoice.issued', idEvenement: 'admin-echec', cle: `${webhook.id}:admin-echec`, statut: 'echec', tentatives: 6, derniereErreur: 'HTTP 503', corps: '{}' } as never })
    const livree = (await payload.find({ collection: 'livraisons-webhooks', where: { statut: { equals: 'livre' } }, limit: 1, depth: 0 })).docs[0]!
    const liste = await page('/admin/collections/livraisons-webhooks?where[statut][equals]=echec')
    expect(liste).toContain(echec.cle)
    expect(liste).not.toContain(livree.cle)
    expect(await page(`/admin/collections/livraisons-webhooks/${echec.id}`)).toContain('rejouer-bouton')
    expect(await page('/admin/collections/webhooks/create')).toContain('evenements')
    // Not for the others: the admin panel is the team's.
    expect((await fetch(`${s.url}/admin/collections/livraisons-webhooks/${echec.id}`, { headers: auth.userA, redirect: 'manual' })).status).not.toBe(200)
  })
})
