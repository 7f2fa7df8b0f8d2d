/**
 * A login attempt tells nothing about the account: unknown e-mail, wrong password and locked
 * account get the same status and message on every route (REST, alias, GraphQL), and do the same
 * password-hash work. The lockout itself still holds, and the owner hears of it once per lock.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'

const MESSAGE = 'E-mail ou mot de passe incorrect.'

let s: ServeurDeTest
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('connexion-uniforme')
  monde = await creerMonde(s.payload)
})
afterAll(async () => s?.arreter())

interface Reponse {
  status: number
  message: string
}

const ROUTES: Record<string, (email: string, password: string) => Promise<Reponse>> = {
  '/api/users/login': (email, password) => rest('/api/users/login', email, password),
  '/api/auth/login': (email, password) => rest('/api/auth/login', email, password),
  'GraphQL loginUser': async (email, password) => {
    const res = await fetch(`${s.url}/api/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'mutation ($e: String!, $p: String!) { loginUser(email: $e, password: $p) { token } }', variables: { e: email, p: password } }),
    })
    const body = (await res.json()) as { errors?: { message: string; extensions?: { statusCode?: number } }[] }
    return { status: body.errors?.[0]?.extensions?.statusCode ?? res.status, message: body.errors?.[0]?.message ?? '' }
  },
}

async function rest(chemin: string, email: string, password: string): Promise<Reponse> {
  const res = await fetch(`${s.url}${chemin}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) })
  const body = (await res.json()) as { errors?: { message: string }[] }
  return { status: res.status, message: body.errors?.[0]?.message ?? '' }
}

const emailsVerrouillage = async (to: string) =>
  (await s.payload.find({ collection: 'emails', where: { to: { equals: to }, template: { equals: 'compte_verrouille' } }, pagination: false, depth: 0, overrideAccess: true })).docs

describe('même réponse, compte existant ou non, verrouillé ou non', () => {
  it('inconnu, mauvais mot de passe et compte verrouillé : même statut, même message, sur chaque route', async () => {
    // Locked first (5 failures), then every route is asked the three questions.
    const verrouille = monde.opcoUserB.email
    for (let i = 0; i < 5; i++) await rest('/api/users/login', verrouille, 'faux-mot-de-passe')
    for (const [route, essayer] of Object.entries(ROUTES)) {
      const inconnu = await essayer('personne@nulle-part.fr', MOT_DE_PASSE)
      const mauvais = await essayer(monde.userA.email, 'faux-mot-de-passe')
      const bloque = await essayer(verrouille, MOT_DE_PASSE)
      expect([route, inconnu]).toEqual([route, { status: 401, message: MESSAGE }])
      expect([route, mauvais]).toEqual([route, inconnu])
      expect([route, bloque]).toEqual([route, inconnu])
    }
  })
})

describe('le verrouillage tient toujours, et le titulaire est prévenu une fois', () => {
  it('5 échecs verrouillent 10 minutes ; un e-mail au titulaire, un seul par verrouillage', async () => {
    const email = monde.userB.email
    for (let i = 0; i < 5; i++) expect((await rest('/api/users/login', email, 'faux-mot-de-passe')).status).toBe(401)
    const raw = await s.payload.db.findOne<{ id: number; lockUntil?: string }>({ collection: 'users', where: { email: { equals: email } } })
    const minutes = (new Date(raw!.lockUntil!).getTime() - Date.now()) / 60000
    expect(minutes).toBeGreaterThan(9)
    expect(minutes).toBeLessThanOrEqual(10.1)
    // Even the right password is refused while locked, with the same answer.
    expect(await rest('/api/auth/login', email, MOT_DE_PASSE)).toEqual({ status: 401, message: MESSAGE })
    for (let i = 0; i < 3; i++) await rest('/api/users/login', email, 'faux-mot-de-passe')
    const mails = await emailsVerrouillage(email)
    expect(mails).toHaveLength(1)
    const mail = mails[0] as unknown as { subject: string; html: string; status: string }
    expect(mail.subject).toMatch(/verrouill/i)
    expect(mail.html).toMatch(/mot de passe/i)
    expect(mail.status).toBe('queued')
    // A new lock after this one expires is a new e-mail.
    await s.payload.db.updateOne({ collection: 'users', where: { email: { equals: email } }, data: { lockUntil: new Date(Date.now() - 1000).toISOString() } })
    for (let i = 0; i < 5; i++) await rest('/api/users/login', email, 'faux-mot-de-passe')
    expect(await emailsVerrouillage(email)).toHaveLength(2)
  })
})

describe("le même travail de hachage pour un e-mail inconnu que pour un mauvais mot de passe", () => {
  // Not a timed assertion on absolute time (performance is measured in bench/, never asserted):
  // a structural check. A password hash costs ~0.1–0.5 s here (PBKDF2, 600 000 rounds) while
  // a lookup of a missing e-mail costs a few ms, so the two medians are within a factor 3 exactly
  // when both paths hash, and ~50× apart when one does not — whatever the machine's speed.
  it('médianes du même ordre (facteur 3)', async () => {
    const mediane = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!
    const duree = async (f: () => Promise<unknown>) => {
      const t = performance.now()
      await f()
      return performance.now() - t
    }
    const inconnu: number[] = []
    const mauvais: number[] = []
    // Wrong passwords spread over two accounts untouched so far, 4 each: none reaches the lockout.
    const comptes = [monde.admin.email, monde.opcoUserA.email]
    for (let i = 0; i < 8; i++) {
      inconnu.push(await duree(() => rest('/api/users/login', `inconnu-${i}@nulle-part.fr`, 'faux-mot-de-passe')))
      mauvais.push(await duree(() => rest('/api/users/login', comptes[i % 2]!, 'faux-mot-de-passe')))
    }
    const rapport = mediane(inconnu) / mediane(mauvais)
    expect(rapport).toBeGreaterThan(1 / 3)
    expect(rapport).toBeLessThan(3)
  })
})
