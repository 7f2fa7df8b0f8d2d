/**
 * Sessions end when they should: `/api/auth/logout` revokes the session of the token it is
 * called with (like `/api/users/logout`), and a password change needs the current password and
 * ends every other session of the account.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let monde: Monde

beforeAll(async () => {
  s = await demarrerServeur('sessions')
  monde = await creerMonde(s.payload)
})
afterAll(async () => s?.arreter())

const jwt = (token: string) => ({ Authorization: `JWT ${token}` })
const json = { 'Content-Type': 'application/json' }

/** Who the token is, or null once its session is gone; and a protected list must refuse it. */
async function qui(token: string): Promise<unknown> {
  const me = (await (await fetch(`${s.url}/api/users/me`, { headers: jwt(token) })).json()) as { user: { id: unknown } | null }
  const liste = await fetch(`${s.url}/api/dossiers`, { headers: jwt(token) })
  if (me.user === null) expect(liste.status).toBe(403)
  return me.user?.id ?? null
}

describe('POST /api/auth/logout', () => {
  it('révoque la session : le jeton utilisé avant ne sert plus', async () => {
    const login = await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: monde.opcoUserA.email, password: MOT_DE_PASSE }) })
    const { token } = (await login.json()) as { token: string }
    const autre = await connecter(s.url, monde.opcoUserA.email, MOT_DE_PASSE)
    expect(await qui(token)).toBe(monde.opcoUserA.id)
    const res = await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: { ...json, ...jwt(token) }, body: '{}' })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie') ?? '').toMatch(/^monopco-token=;/)
    expect(await qui(token)).toBeNull()
    // Only that session: the same person's other device stays signed in.
    expect(await qui(autre)).toBe(monde.opcoUserA.id)
  })

  it('révoque aussi la session portée par le cookie', async () => {
    const token = await connecter(s.url, monde.opcoUserA.email, MOT_DE_PASSE)
    // As a browser sends it: Payload takes the cookie only from an allowed Origin (CSRF).
    const res = await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: { ...json, Cookie: `monopco-token=${token}`, Origin: s.url }, body: '{}' })
    expect(res.status).toBe(200)
    expect(await qui(token)).toBeNull()
  })

  it('sans session, répond quand même 200 et expire le cookie', async () => {
    const res = await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: json, body: '{}' })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie') ?? '').toMatch(/^monopco-token=;/)
  })
})

describe('changement de mot de passe', () => {
  const NOUVEAU = 'Nouveau-mot-de-passe-2026'
  const motDePasseOk = async (email: string, password: string) =>
    (await fetch(`${s.url}/api/users/login`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) })).status === 200

  it("refuse `password` dans un PATCH ou un updateUser du compte lui-même, sans rien changer", async () => {
    const t = await connecter(s.url, monde.userA.email, MOT_DE_PASSE)
    const res = await fetch(`${s.url}/api/users/${monde.userA.id}`, { method: 'PATCH', headers: { ...json, ...jwt(t) }, body: JSON.stringify({ password: NOUVEAU }) })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/mot de passe actuel|mot-de-passe/i)
    const gql = await fetch(`${s.url}/api/graphql`, {
      method: 'POST',
      headers: { ...json, ...jwt(t) },
      body: JSON.stringify({ query: `mutation ($id: Int!) { updateUser(id: $id, data: { password: "${NOUVEAU}" }) { id } }`, variables: { id: monde.userA.id } }),
    })
    expect(((await gql.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0)
    expect(await motDePasseOk(monde.userA.email, MOT_DE_PASSE)).toBe(true)
    expect(await motDePasseOk(monde.userA.email, NOUVEAU)).toBe(false)
  })

  it('POST /api/users/me/mot-de-passe exige le mot de passe actuel, puis ferme les autres sessions', async () => {
    const courant = await connecter(s.url, monde.userA.email, MOT_DE_PASSE)
    const autreAppareil = await connecter(s.url, monde.userA.email, MOT_DE_PASSE)
    const changer = (token: string | null, body: unknown) =>
      fetch(`${s.url}/api/users/me/mot-de-passe`, { method: 'POST', headers: { ...json, ...(token ? jwt(token) : {}) }, body: JSON.stringify(body) })

    expect((await changer(null, { motDePasseActuel: MOT_DE_PASSE, nouveauMotDePasse: NOUVEAU })).status).toBe(401)
    expect((await changer(courant, { motDePasseActuel: 'pas-le-bon-mot-de-passe', nouveauMotDePasse: NOUVEAU })).status).toBe(403)
    expect((await changer(courant, { nouveauMotDePasse: NOUVEAU })).status).toBe(400)
    expect((await changer(courant, { motDePasseActuel: MOT_DE_PASSE, nouveauMotDePasse: 'court' })).status).toBe(400)
    expect(await qui(autreAppareil)).toBe(monde.userA.id)
    expect(await motDePasseOk(monde.userA.email, MOT_DE_PASSE)).toBe(true)

    const ok = await changer(courant, { motDePasseActuel: MOT_DE_PASSE, nouveauMotDePasse: NOUVEAU })
    expect(ok.status).toBe(200)
    // The session that changed it goes on; every other one is closed.
    expect(await qui(courant)).toBe(monde.userA.id)
    expect(await qui(autreAppareil)).toBeNull()
    expect(await motDePasseOk(monde.userA.email, NOUVEAU)).toBe(true)
    expect(await motDePasseOk(monde.userA.email, MOT_DE_PASSE)).toBe(false)
  })

  it("l'admin réinitialise le mot de passe d'un autre : les sessions de ce compte sont fermées", async () => {
    const admin = await connecter(s.url, monde.admin.email, MOT_DE_PASSE)
    const victime = await connecter(s.url, monde.userB.email, MOT_DE_PASSE)
    const res = await fetch(`${s.url}/api/users/${monde.userB.id}`, { method: 'PATCH', headers: { ...json, ...jwt(admin) }, body: JSON.stringify({ password: NOUVEAU }) })
    expect(res.status).toBe(200)
    expect(await qui(victime)).toBeNull()
    expect(await qui(admin)).toBe(monde.admin.id)
    expect(await motDePasseOk(monde.userB.email, NOUVEAU)).toBe(true)
  })
})
