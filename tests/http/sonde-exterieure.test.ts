/**
 * What the outside probe of the built app found (tests/sonde/sonde.sonde.ts, `npm run sonde`),
 * each case kept here so it cannot come back; French 4xx, nothing written:
 * - `?where=` / `?data=` as malformed JSON strings, which Payload JSON.parses on every route and
 *   method (a 500), on collection routes, custom endpoints and the GraphQL route;
 * - HTTP methods the app does not answer (LOCK, PROPFIND…): a bare 400 from Next.js, now a 405;
 * - GraphQL `Access { canAccessAdmin }`: a 500 for everybody but admins and OPCO agents;
 * - the scheduler's `payload-jobs-stats` global, readable and writable by any signed-in account
 *   (REST and GraphQL), and its `docAccessPayloadJobsStat` query (a 500);
 * - Payload refusals hard-coded in English (reset token, file name, paste from URL);
 * - portal forms posted without JavaScript whose `$ACTION_…` fields are missing, malformed or
 *   unknown, or whose body is not a readable form: Next.js's 500, now a French 400 (scripts/server.mjs).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { differences, prendreInstantane, tablesDeLaBase } from '@/tests/helpers/instantane'
import { demarrerServeur, entetesDuMonde, type ActeurDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'

let s: ServeurDeTest
let monde: Monde
let entetes: Record<ActeurDuMonde | 'anonyme', Record<string, string>>
let tables: string[]
let dossierA: number

beforeAll(async () => {
  s = await demarrerServeur('sonde-exterieure')
  monde = await creerMonde(s.payload)
  dossierA = Number((await creerDossier(s.payload, monde, 'A')).id)
  entetes = await entetesDuMonde(s.url, monde)
  tables = await tablesDeLaBase(s.payload)
}, 180_000)
afterAll(async () => s?.arreter())

type Qui = ActeurDuMonde | 'anonyme'

/** The request, its status and first error message; fails if anything was written. */
async function sansEcriture(qui: Qui, methode: string, chemin: string, corps?: { type: string; texte: string }) {
  const avant = await prendreInstantane(s.payload, tables, tables)
  const headers: Record<string, string> = { ...entetes[qui] }
  if (corps) headers['Content-Type'] = corps.type
  const res = await fetch(`${s.url}${chemin}`, { method: methode, headers, body: corps?.texte })
  const texte = await res.text()
  expect(differences(avant, await prendreInstantane(s.payload, tables, tables))).toEqual([])
  let message = ''
  try {
    const j = JSON.parse(texte) as { errors?: { message?: string }[] }
    message = j.errors?.[0]?.message ?? ''
  } catch {
    /* not JSON */
  }
  return { status: res.status, message, texte, res }
}

const json = (v: unknown) => ({ type: 'application/json', texte: JSON.stringify(v) })
const graphql = (qui: Qui, query: string) =>
  fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...entetes[qui], 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) }).then(async (r) => ({ status: r.status, corps: (await r.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { statusCode?: number } }[] } }))

describe('?where= et ?data= en JSON mal formé → 400, quelle que soit la méthode', () => {
  it.each([
    ['POST', '/api/messages?where=en', json({ dossier: 1, body: 'x' })],
    ['POST', '/api/compteurs?where=E-', json({ cle: 'x' })],
    ['POST', '/api/documents?data=P1G%2C2nn9', json({})],
    ['POST', '/api/training-providers/1/duplicate?data=m', json({})],
    ['PUT', '/api/dossiers/1?data=%7B', json({})],
    ['GET', '/api/operations-bancaires?data=%22e', undefined],
    ['GET', '/api/dossiers/1?data=%7Bx', undefined],
    ['DELETE', '/api/compteurs?where[cle][equals]=x&data=createdAt', undefined],
    ['DELETE', '/api/messages?data=%3F%26', undefined],
    ['PATCH', '/api/dossiers?where[id][equals]=1&data=%7B', json({ coutTotalHT: 1 })],
    ['GET', '/api/health?data=%7B', undefined],
    ['POST', '/api/graphql?data=%7B', json({ query: '{ __typename }' })],
    ['POST', '/api/graphql?where=abc', json({ query: '{ __typename }' })],
  ] as const)('%s %s', async (methode, chemin, corps) => {
    for (const qui of ['admin', 'userA', 'anonyme'] as const) {
      const r = await sansEcriture(qui, methode, chemin, corps)
      expect({ qui, status: r.status, message: r.message }).toEqual({ qui, status: 400, message: expect.stringMatching(/« (where|data) »/) })
    }
  })

  it('un ?where= ou ?data= en JSON bien formé reste accepté là où Payload le lit', async () => {
    const r = await fetch(`${s.url}/api/dossiers?data=%7B%7D`, { headers: entetes.admin })
    expect(r.status).toBe(200)
  })
})

describe('méthodes HTTP inconnues → 405 en français', () => {
  it.each(['LOCK', 'PROPFIND', 'PURGE', 'MKCOL'])('%s', async (methode) => {
    for (const chemin of ['/api/dossiers', '/api/graphql', '/dossiers', '/']) {
      const r = await sansEcriture('admin', methode, chemin)
      expect({ chemin, status: r.status }).toEqual({ chemin, status: 405 })
      expect(r.message).toMatch(/non prise en charge/)
      expect(r.res.headers.get('allow')).toContain('GET')
    }
  })

  it('une méthode que Node.js ne connaît pas : 400 en français (clientError de scripts/server.mjs)', async () => {
    const r = await sansEcriture('admin', 'FOO', '/api/dossiers')
    expect(r.status).toBe(400)
    expect(r.message).toMatch(/Requête HTTP invalide/)
  })
})

describe('GraphQL Access', () => {
  it('canAccessAdmin répond false (et non une erreur 500) à ceux qui n’ont pas le panneau', async () => {
    for (const [qui, attendu] of [['anonyme', false], ['userA', false], ['userB', false], ['opcoA', true], ['admin', true]] as const) {
      const r = await graphql(qui, '{ Access { canAccessAdmin } }')
      expect({ qui, r }).toEqual({ qui, r: { status: 200, corps: { data: { Access: { canAccessAdmin: attendu } } } } })
    }
  })
})

describe('statistiques du planificateur (payload-jobs-stats)', () => {
  it('ni lues ni écrites par un compte qui n’est pas admin ; personne ne les écrit par l’API', async () => {
    for (const qui of ['anonyme', 'userA', 'opcoA'] as const) {
      const lecture = await sansEcriture(qui, 'GET', '/api/globals/payload-jobs-stats')
      expect({ qui, status: lecture.status }).toEqual({ qui, status: 403 })
      expect(lecture.message).toMatch(/autoris/)
    }
    for (const qui of ['anonyme', 'userA', 'opcoA', 'admin'] as const) {
      const ecriture = await sansEcriture(qui, 'POST', '/api/globals/payload-jobs-stats', json({ stats: { scheduledRuns: { queues: { default: { tasks: { relances: { lastScheduledRun: '2099-01-01T00:00:00.000Z' } } } } } } }))
      expect({ qui, status: ecriture.status }).toEqual({ qui, status: 403 })
    }
    expect((await fetch(`${s.url}/api/globals/payload-jobs-stats`, { headers: entetes.admin })).status).toBe(200)
  })

  it('hors du schéma GraphQL : ni requête, ni mutation, ni docAccess (qui répondait 500)', async () => {
    for (const query of ['mutation { updatePayloadJobsStat(data: { stats: { x: 1 } }) { stats } }', '{ PayloadJobsStat { stats } }', '{ docAccessPayloadJobsStat { __typename } }']) {
      for (const qui of ['userA', 'admin'] as const) {
        const avant = await prendreInstantane(s.payload, tables, tables)
        const r = await graphql(qui, query)
        expect(differences(avant, await prendreInstantane(s.payload, tables, tables))).toEqual([])
        expect({ query, qui, status: r.status, code: r.corps.errors?.[0]?.extensions?.statusCode }).toEqual({ query, qui, status: 400, code: 400 })
        expect(r.corps.errors?.[0]?.message).toMatch(/n'existe pas/)
      }
    }
  })
})

describe('refus de Payload écrits en anglais → en français', () => {
  it('jeton de réinitialisation invalide (REST)', async () => {
    const r = await sansEcriture('anonyme', 'POST', '/api/users/reset-password', json({ token: 'abc', password: 'Nouveau-mot-de-passe-2026' }))
    expect(r.status).toBe(403)
    expect(r.message).toMatch(/invalide ou a expiré/)
  })

  it('champ « file » qui n’est pas un fichier (multipart)', async () => {
    const corps = `--B\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n${JSON.stringify({ dossier: dossierA, documentType: 'devis' })}\r\n--B\r\nContent-Disposition: form-data; name="file"\r\n\r\npas un fichier\r\n--B--\r\n`
    const r = await sansEcriture('userA', 'POST', '/api/documents', { type: 'multipart/form-data; boundary=B', texte: corps })
    expect(r.status).toBe(400)
    expect(r.message).toMatch(/doit avoir un nom/)
  })

  it('import depuis une adresse (paste-url) non activé', async () => {
    const r = await sansEcriture('userA', 'GET', '/api/documents/paste-url/1')
    expect(r.status).toBe(400)
    expect(r.message).toMatch(/n’est pas activé/)
  })
})

describe('formulaires du portail envoyés sans JavaScript', () => {
  /** The login form's fields as the page serves them (hidden `$ACTION_…` fields included). */
  async function formulaireConnexion(): Promise<[string, string][]> {
    const html = await (await fetch(`${s.url}/connexion`)).text()
    const f = html.match(/<form[\s\S]*?<\/form>/g)!.find((x) => x.includes('$ACTION'))!
    return (f.match(/<input\b[^>]*>/g) ?? []).flatMap((i): [string, string][] => {
      const nom = /name="([^"]*)"/.exec(i)?.[1]
      if (!nom) return []
      const v = (/value="([^"]*)"/.exec(i)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
      return [[nom, nom === 'email' ? 'personne@exemple.fr' : nom === 'password' ? 'pas-le-bon' : v]]
    })
  }
  const envoyer = async (champs: [string, string][], chemin = '/connexion') => {
    const fd = new FormData()
    for (const [k, v] of champs) fd.append(k, v)
    const avant = await prendreInstantane(s.payload, tables, tables)
    const r = await fetch(`${s.url}${chemin}`, { method: 'POST', body: fd, headers: { Origin: s.url }, redirect: 'manual' })
    const texte = await r.text()
    return { status: r.status, texte, ecrit: differences(avant, await prendreInstantane(s.payload, tables, tables)) }
  }

  it('le formulaire tel que servi est traité par Next.js (mauvais mot de passe : la page et son message)', async () => {
    const r = await envoyer(await formulaireConnexion())
    expect(r.status).toBe(200)
    expect(r.texte).toMatch(/<html lang="fr"/)
  })

  it.each([
    ['sans champ d’action', (c: [string, string][]) => c.filter(([k]) => !k.startsWith('$ACTION'))],
    ['action vide', (c: [string, string][]) => c.map(([k, v]): [string, string] => [k, k.startsWith('$ACTION') ? '' : v])],
    ['descripteur illisible', (c: [string, string][]) => c.map(([k, v]): [string, string] => [k, /^\$ACTION_\d+:0$/.test(k) ? '{"id":' : v])],
    ['action inconnue', (c: [string, string][]) => c.map(([k, v]): [string, string] => [k, /^\$ACTION_\d+:0$/.test(k) ? v.replace(/"id":"[0-9a-f]{6}/, '"id":"abcdef') : v])],
    ['arguments liés altérés', (c: [string, string][]) => c.map(([k, v]): [string, string] => [k, /^\$ACTION_\d+:[1-9]$/.test(k) ? `${v.slice(0, -4)}AAAA` : v])],
    ['trois références', (c: [string, string][]) => [...c, ['$ACTION_REF_2', ''], ['$ACTION_REF_3', '']] as [string, string][]],
  ])('%s → 400 en français, rien d’écrit', async (_nom, alterer) => {
    for (const chemin of ['/connexion', '/inscription', '/']) {
      const r = await envoyer(alterer(await formulaireConnexion()), chemin)
      expect({ chemin, status: r.status, ecrit: r.ecrit }).toEqual({ chemin, status: 400, ecrit: [] })
      expect(r.texte).toMatch(/Formulaire invalide ou périmé/)
    }
  })

  it('corps multipart illisible → 400 en français', async () => {
    const r = await fetch(`${s.url}/connexion`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=XX' }, body: '--XX\r\nbroken' })
    expect(r.status).toBe(400)
    expect(await r.text()).toMatch(/Formulaire illisible/)
  })

  it('formulaire de plus de 1 Mo → 413 en français', async () => {
    const r = await envoyer([...(await formulaireConnexion()), ['x', 'a'.repeat(1_100_000)]])
    expect(r.status).toBe(413)
    expect(r.texte).toMatch(/trop volumineux/)
  })
})

describe('un admin ne supprime pas son propre compte', () => {
  it('REST et GraphQL : refus en français, rien d’écrit (l’entrée du journal aurait nommé un auteur disparu)', async () => {
    const id = Number(monde.admin.id)
    const rest = await sansEcriture('admin', 'DELETE', `/api/users/${id}`)
    expect([403, 404]).toContain(rest.status)
    expect(rest.message).toMatch(/autoris|introuvable|trouv/i)
    const avant = await prendreInstantane(s.payload, tables, tables)
    const g = await graphql('admin', `mutation { deleteUser(id: ${id}) { id } }`)
    expect(differences(avant, await prendreInstantane(s.payload, tables, tables))).toEqual([])
    expect(g.corps.data?.deleteUser ?? null).toBeNull()
    expect(g.corps.errors?.[0]?.extensions?.statusCode).toBeGreaterThanOrEqual(400)
    expect(g.corps.errors?.[0]?.extensions?.statusCode).toBeLessThan(500)
    // Other accounts are still deleted by an admin.
    const autre = await s.payload.create({ collection: 'users', data: { email: 'a-supprimer@test.fr', password: 'Mot-de-passe-x-2026', role: 'user', nom: 'A', prenom: 'B' } })
    expect((await fetch(`${s.url}/api/users/${autre.id}`, { method: 'DELETE', headers: entetes.admin })).status).toBe(200)
  })
})
