import type { User } from '@/src/payload-types'
/**
 * Account creation and update, every route × every caller × every reserved field (issue 12):
 * only admins set `role`, `company`, `opco`, API-key fields; anonymous visitors fill in the
 * registration form and nothing else; a refused request writes nothing. Then the hole this closes:
 * an anonymous account can never read or write a company it did not create. And the other
 * relationship fields a non-admin writes (dossier → company/owner, document/message → dossier,
 * payments, invoices, a second company).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'
import { creerDossier, creerMonde, MOT_DE_PASSE, richText, siretValide, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
type Appelant = 'anonyme' | 'user' | 'opco' | 'cle' | 'admin'
const entetes = {} as Record<Appelant, Record<string, string>>
const CLE = 'cle-integration-comptes-0123456789'
let idCle: number | string

beforeAll(async () => {
  s = await demarrerServeur('comptes-matrice')
  payload = s.payload
  monde = await creerMonde(payload)
  const e = await entetesDuMonde(s.url, monde)
  const integration = await payload.create({ collection: 'users', data: { email: 'integration@test.fr', password: MOT_DE_PASSE, role: 'opco', opco: monde.opcoA.id, enableAPIKey: true, apiKey: CLE } as never })
  idCle = integration.id
  Object.assign(entetes, { anonyme: e.anonyme, user: e.userA, opco: e.opcoA, admin: e.admin, cle: { Authorization: `users API-Key ${CLE}` } })
})
afterAll(async () => s?.arreter())

const rest = (methode: string, chemin: string, en: Record<string, string>, corps?: unknown) =>
  fetch(`${s.url}${chemin}`, { method: methode, headers: { ...en, ...(corps !== undefined ? { 'Content-Type': 'application/json' } : {}) }, body: corps === undefined ? undefined : JSON.stringify(corps) })
const gql = async (en: Record<string, string>, query: string, variables: Record<string, unknown>) => {
  const r = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...en, 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  return { status: r.status, body: (await r.json()) as { data?: Record<string, { id: number } | null> | null; errors?: { message: string }[] } }
}

/** The reserved fields, each as a caller would send it (an OPCO link needs role opco to be kept). */
const CHAMPS: Record<string, () => Record<string, unknown>> = {
  company: () => ({ company: monde.companyA.id }),
  opco: () => ({ role: 'opco', opco: monde.opcoA.id }),
  role: () => ({ role: 'admin' }),
  apiKey: () => ({ enableAPIKey: true, apiKey: 'cle-choisie-par-l-appelant-0001' }),
}
const APPELANTS: Appelant[] = ['anonyme', 'user', 'opco', 'cle', 'admin']
const ROUTES = ['REST POST /api/users', 'GraphQL createUser', 'POST /api/auth/register'] as const

let n = 0
const nouvelEmail = () => `matrice.${++n}@test.fr`
const compter = async () => (await payload.count({ collection: 'users', overrideAccess: true })).totalDocs
const membresA = async () => (await payload.count({ collection: 'users', where: { company: { equals: monde.companyA.id } }, overrideAccess: true })).totalDocs

async function creer(route: (typeof ROUTES)[number], qui: Appelant, extra: Record<string, unknown>): Promise<{ ok: boolean; status: number; id?: number | string }> {
  const base = { email: nouvelEmail(), password: 'Un-mot-de-passe-solide-2026', nom: 'Martin', prenom: 'Léa' }
  if (route === 'REST POST /api/users') {
    const r = await rest('POST', '/api/users', entetes[qui], { ...base, ...extra })
    const body = (await r.json()) as { doc?: { id: number } }
    return { ok: r.status === 201, status: r.status, id: body.doc?.id }
  }
  if (route === 'GraphQL createUser') {
    const r = await gql(entetes[qui], 'mutation($data: mutationUserInput!) { createUser(data: $data) { id } }', { data: { ...base, ...extra } })
    const id = r.body.data?.createUser?.id
    return { ok: id != null && !r.body.errors, status: r.status, id }
  }
  const r = await rest('POST', '/api/auth/register', entetes[qui], { ...base, ...extra })
  const body = (await r.json()) as { user?: { id: number } }
  return { ok: r.status === 201, status: r.status, id: body.user?.id }
}

describe('création de comptes : route × appelant × champ réservé', () => {
  for (const route of ROUTES) {
    for (const qui of APPELANTS) {
      // Baseline: the registration form alone. Anonymous may (every route); signed-in non-admins
      // may not create accounts at all; an admin creates through the collection, not by registering.
      const sansChampAttendu = qui === 'anonyme' || (qui === 'admin' && route !== 'POST /api/auth/register')
      it(`${route} · ${qui} · sans champ réservé → ${sansChampAttendu ? 'créé' : 'refusé'}`, async () => {
        const avant = await compter()
        const r = await creer(route, qui, {})
        expect(r.ok).toBe(sansChampAttendu)
        expect(r.status).toBeLessThan(500)
        expect(await compter()).toBe(avant + (sansChampAttendu ? 1 : 0))
      })
      for (const [champ, valeur] of Object.entries(CHAMPS)) {
        const attendu = qui === 'admin' && route !== 'POST /api/auth/register'
        it(`${route} · ${qui} · ${champ} → ${attendu ? 'créé' : 'refusé, rien écrit'}`, async () => {
          const avant = await compter()
          const avantA = await membresA()
          const r = await creer(route, qui, valeur())
          expect(r.status).toBeLessThan(500)
          expect(r.ok).toBe(attendu)
          if (attendu) {
            const u = await payload.findByID({ collection: 'users', id: r.id!, depth: 0, overrideAccess: true })
            if (champ === 'company') expect(u.company).toBe(monde.companyA.id)
            if (champ === 'opco') expect([u.role, u.opco]).toEqual(['opco', monde.opcoA.id])
            if (champ === 'role') expect(u.role).toBe('admin')
            if (champ === 'apiKey') expect((u as { enableAPIKey?: boolean }).enableAPIKey).toBe(true)
            expect(await compter()).toBe(avant + 1)
          } else {
            expect(await compter()).toBe(avant)
            expect(await membresA()).toBe(avantA)
          }
        })
      }
    }
  }

  it('le refus est en français et nomme le champ (REST anonyme avec company : le trou d’origine)', async () => {
    const r = await rest('POST', '/api/users', {}, { email: nouvelEmail(), password: 'Un-mot-de-passe-solide-2026', nom: 'X', prenom: 'Y', company: monde.companyA.id })
    expect(r.status).toBe(403)
    const body = (await r.json()) as { errors: { message: string }[] }
    expect(body.errors[0]!.message).toMatch(/inscription.*company/)
  })

  it('anonyme : un champ hors du formulaire (même anodin) est refusé, y compris l’état d’authentification', async () => {
    for (const extra of [{ recevoirRelances: false }, { loginAttempts: 0 }, { lockUntil: null }, { suppressionDemandeeLe: '2026-01-01T00:00:00.000Z' }, { role: 'opco' }]) {
      const avant = await compter()
      const r = await rest('POST', '/api/users', {}, { email: nouvelEmail(), password: 'Un-mot-de-passe-solide-2026', nom: 'X', prenom: 'Y', ...extra })
      expect(r.status).toBe(403)
      expect(await compter()).toBe(avant)
    }
  })
})

describe('modification d’un compte : route × appelant × champ réservé', () => {
  const cible = (qui: Appelant): number | string => (qui === 'user' ? monde.userA.id : qui === 'opco' ? monde.opcoUserA.id : qui === 'cle' ? idCle : monde.userB.id)
  const lire = async (id: number | string) => payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true })
  const instantane = (u: User) => JSON.stringify([u.role, u.company, u.opco, u.enableAPIKey, u.updatedAt])
  for (const route of ['REST PATCH /api/users/:id', 'GraphQL updateUser'] as const) {
    for (const qui of APPELANTS) {
      for (const [champ, valeur] of Object.entries(CHAMPS)) {
        // Non-admins change their own account (anonymous: somebody's); only admins set these fields.
        const attendu = qui === 'admin'
        it(`${route} · ${qui} · ${champ} → ${attendu ? 'modifié' : 'refusé, rien écrit'}`, async () => {
          const id = cible(qui)
          const avant = await lire(id)
          // Values that differ from the caller's own (sending back a stored value is not a change).
          const data = champ === 'company' ? { company: qui === 'admin' ? monde.companyA.id : monde.companyB.id } : champ === 'opco' ? { role: 'opco', opco: monde.opcoB.id } : valeur()
          let ok: boolean
          if (route === 'REST PATCH /api/users/:id') {
            const r = await rest('PATCH', `/api/users/${String(id)}`, entetes[qui], data)
            expect(r.status).toBeLessThan(500)
            ok = r.status === 200
          } else {
            const r = await gql(entetes[qui], 'mutation($id: Int!, $data: mutationUserUpdateInput!) { updateUser(id: $id, data: $data) { id } }', { id, data })
            expect(r.status).toBeLessThan(500)
            ok = r.body.data?.updateUser?.id != null && !r.body.errors
          }
          expect(ok).toBe(attendu)
          const apres = await lire(id)
          if (!attendu) expect(instantane(apres)).toBe(instantane(avant))
          else {
            // Put userB back as it was for the next cells.
            await payload.update({ collection: 'users', id, data: { role: 'user', company: monde.companyB.id, opco: null, enableAPIKey: false } as never, overrideAccess: true })
          }
        })
      }
    }
  }

  it('renvoyer la valeur déjà enregistrée n’est pas une modification (formulaire complet du panneau)', async () => {
    const r = await rest('PATCH', `/api/users/${String(monde.userA.id)}`, entetes.user, { nom: 'Autre', role: 'user', company: monde.companyA.id })
    expect(r.status).toBe(200)
    expect((await lire(monde.userA.id)).company).toBe(monde.companyA.id)
  })
})

describe('un compte anonyme ne touche jamais une entreprise qu’il n’a pas créée', () => {
  let en: Record<string, string>
  let idPirate: number | string
  beforeAll(async () => {
    // The attack of the issue: POST /api/users with company — refused; the account that can be
    // made (without it) is then tried on the company by every route.
    const refuse = await rest('POST', '/api/users', {}, { email: 'pirate@test.fr', password: 'Un-mot-de-passe-solide-2026', nom: 'P', prenom: 'P', company: monde.companyA.id })
    expect(refuse.status).toBe(403)
    const g = await gql({}, 'mutation($data: mutationUserInput!) { createUser(data: $data) { id } }', { data: { email: 'pirate@test.fr', password: 'Un-mot-de-passe-solide-2026', company: monde.companyA.id } })
    expect(g.body.data?.createUser ?? null).toBeNull()
    expect((await payload.count({ collection: 'users', where: { email: { equals: 'pirate@test.fr' } }, overrideAccess: true })).totalDocs).toBe(0)
    const r = await rest('POST', '/api/auth/register', {}, { email: 'pirate@test.fr', password: 'Un-mot-de-passe-solide-2026', nom: 'P', prenom: 'P' })
    expect(r.status).toBe(201)
    idPirate = ((await r.json()) as { user: { id: number } }).user.id
    en = { Authorization: `JWT ${await connecter(s.url, 'pirate@test.fr', 'Un-mot-de-passe-solide-2026')}` }
  })

  it('ni lire ni modifier la fiche (REST, GraphQL), ni se l’attribuer', async () => {
    expect([403, 404]).toContain((await rest('GET', `/api/companies/${String(monde.companyA.id)}`, en)).status)
    const liste = await rest('GET', '/api/companies', en)
    if (liste.status === 200) expect(((await liste.json()) as { docs: unknown[] }).docs).toHaveLength(0)
    else expect(liste.status).toBe(403)
    expect([403, 404]).toContain((await rest('PATCH', `/api/companies/${String(monde.companyA.id)}`, en, { raisonSociale: 'Piratée' })).status)
    const g = await gql(en, 'query($id: Int!) { Company(id: $id) { id raisonSociale } }', { id: monde.companyA.id })
    expect(g.body.data?.Company ?? null).toBeNull()
    const m = await gql(en, 'mutation($id: Int!) { updateCompany(id: $id, data: { raisonSociale: "Piratée" }) { id } }', { id: monde.companyA.id })
    expect(m.body.data?.updateCompany ?? null).toBeNull()
    for (const data of [{ company: monde.companyA.id }]) {
      expect((await rest('PATCH', `/api/users/${String(idPirate)}`, en, data)).status).toBe(403)
      const u = await gql(en, 'mutation($id: Int!, $data: mutationUserUpdateInput!) { updateUser(id: $id, data: $data) { id } }', { id: idPirate, data })
      expect(u.body.data?.updateUser ?? null).toBeNull()
    }
    expect(((await payload.findByID({ collection: 'companies', id: monde.companyA.id, overrideAccess: true })) as unknown as { raisonSociale: string }).raisonSociale).toBe('Alpha Conseil')
    expect(((await payload.findByID({ collection: 'users', id: idPirate, depth: 0, overrideAccess: true })) as { company?: unknown }).company ?? null).toBeNull()
  })

  it('ni déposer un dossier en son nom (REST, GraphQL), rien écrit', async () => {
    const avant = (await payload.count({ collection: 'dossiers', overrideAccess: true })).totalDocs
    expect((await rest('POST', '/api/dossiers', en, { typeFormation: 'formation', company: monde.companyA.id })).status).toBe(403)
    const g = await gql(en, 'mutation($c: Int!) { createDossier(data: { company: $c }) { id } }', { c: monde.companyA.id })
    expect(g.body.data?.createDossier ?? null).toBeNull()
    expect((await payload.count({ collection: 'dossiers', overrideAccess: true })).totalDocs).toBe(avant)
  })

  it('ni recréer la même entreprise : 409 qui propose le rattachement, rien écrit', async () => {
    const avant = (await payload.count({ collection: 'companies', overrideAccess: true })).totalDocs
    const r = await rest('POST', '/api/companies', en, { siret: siretValide(11111111), raisonSociale: 'Alpha bis' })
    expect(r.status).toBe(409)
    expect(((await r.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/déjà inscrite.*rattach/)
    expect((await payload.count({ collection: 'companies', overrideAccess: true })).totalDocs).toBe(avant)
  })

  it('crée sa propre entreprise, qui lui est rattachée ; une seconde est refusée', async () => {
    const r = await rest('POST', '/api/companies', en, { siret: siretValide(44444444), raisonSociale: 'Pirate SARL' })
    expect(r.status).toBe(201)
    const id = ((await r.json()) as { doc: { id: number } }).doc.id
    expect(((await payload.findByID({ collection: 'users', id: idPirate, depth: 0, overrideAccess: true })) as { company?: unknown }).company).toBe(id)
    expect((await rest('GET', `/api/companies/${id}`, en)).status).toBe(200)
    const avant = (await payload.count({ collection: 'companies', overrideAccess: true })).totalDocs
    expect((await rest('POST', '/api/companies', en, { siret: siretValide(55555555), raisonSociale: 'Autre' })).status).toBe(403)
    expect((await payload.count({ collection: 'companies', overrideAccess: true })).totalDocs).toBe(avant)
  })
})

describe('les autres relations qu’écrit un non-admin', () => {
  it('dossier : company d’une autre entreprise et owner refusés, en création et en modification', async () => {
    const avant = (await payload.count({ collection: 'dossiers', overrideAccess: true })).totalDocs
    expect((await rest('POST', '/api/dossiers', entetes.user, { company: monde.companyB.id })).status).toBe(403)
    expect((await rest('POST', '/api/dossiers', entetes.user, { owner: monde.userB.id })).status).toBe(403)
    expect((await payload.count({ collection: 'dossiers', overrideAccess: true })).totalDocs).toBe(avant)
    const d = await creerDossier(payload, monde, 'A')
    expect((await rest('PATCH', `/api/dossiers/${String(d.id)}`, entetes.user, { company: monde.companyB.id })).status).toBe(403)
    expect((await rest('PATCH', `/api/dossiers/${String(d.id)}`, entetes.user, { owner: monde.userB.id })).status).toBe(403)
    const relu = await payload.findByID({ collection: 'dossiers', id: d.id, depth: 0, overrideAccess: true })
    expect([relu.company, relu.owner]).toEqual([monde.companyA.id, monde.userA.id])
  })

  it('message et document : jamais sur le dossier d’un autre ; paiement, facture : admins seulement', async () => {
    const autre = await creerDossier(payload, monde, 'B')
    const compte = async (c: 'messages' | 'documents' | 'payments' | 'invoices') => (await payload.count({ collection: c, overrideAccess: true })).totalDocs
    const avant = await Promise.all((['messages', 'documents', 'payments', 'invoices'] as const).map(compte))
    expect([403, 404]).toContain((await rest('POST', '/api/messages', entetes.user, { dossier: autre.id, body: richText('Bonjour') })).status)
    const fd = new FormData()
    fd.append('file', new Blob([Buffer.from(PDF_MINIMAL)], { type: 'application/pdf' }), 'devis.pdf')
    fd.append('_payload', JSON.stringify({ dossier: autre.id, documentType: 'devis' }))
    const doc = await fetch(`${s.url}/api/documents`, { method: 'POST', headers: entetes.user, body: fd })
    expect([403, 404]).toContain(doc.status)
    expect((await rest('POST', '/api/payments', entetes.user, { dossier: autre.id, montant: 100, date: '2027-01-01', payeur: 'entreprise', reference: 'X' })).status).toBe(403)
    expect((await rest('POST', '/api/invoices', entetes.user, { dossier: autre.id, destinataire: 'entreprise' })).status).toBe(403)
    expect(await Promise.all((['messages', 'documents', 'payments', 'invoices'] as const).map(compte))).toEqual(avant)
  })
})
