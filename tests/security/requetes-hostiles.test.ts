/**
 * Hostile query strings on REST list endpoints, and portal pages with ids that are not the
 * visitor's (issue 12, « Errors »): malformed `where` on nested and date fields, `near`, groups,
 * arrays where a scalar is expected, unknown sorts, bad `depth`/`limit`/`page`/`select` → a
 * French 400 in Payload's error shape; never a 500. The generated part covers the list endpoint
 * of every collection (seeded: FC_SEED), then checks that every list still answers 200.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { demarrerServeur, entetesDuMonde, type ActeurDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let monde: Monde
let entetes: Record<ActeurDuMonde | 'anonyme', Record<string, string>>
let dossierA: { id: number | string }
let dossierB: { id: number | string }
let collections: { slug: string; chemins: string[] }[]

/** Every queryable path of a collection (groups and arrays unfolded), for the generator. */
function chemins(champs: { name?: string; type: string; flattenedFields?: unknown[] }[], prefixe = ''): string[] {
  return champs.flatMap((c) => {
    if (!c.name) return []
    const chemin = `${prefixe}${c.name}`
    return c.flattenedFields ? [chemin, ...chemins(c.flattenedFields as never, `${chemin}.`)] : [chemin]
  })
}

beforeAll(async () => {
  s = await demarrerServeur('requetes-hostiles')
  monde = await creerMonde(s.payload)
  dossierA = await creerDossier(s.payload, monde, 'A')
  dossierB = await creerDossier(s.payload, monde, 'B')
  entetes = await entetesDuMonde(s.url, monde)
  collections = s.payload.config.collections
    .filter((c) => !c.slug.startsWith('payload-'))
    .map((c) => ({ slug: c.slug, chemins: ['id', 'createdAt', ...chemins(c.flattenedFields as never)] }))
}, 180_000)
afterAll(async () => s?.arreter())

const lire = (chemin: string, qui: ActeurDuMonde | 'anonyme' = 'admin') => fetch(`${s.url}${chemin}`, { headers: entetes[qui], redirect: 'manual' })

async function refus400(chemin: string, motif: RegExp): Promise<void> {
  const res = await lire(chemin)
  const texte = await res.text()
  expect({ chemin, status: res.status, texte }).toEqual({ chemin, status: 400, texte })
  const corps = JSON.parse(texte) as { errors?: { message?: string }[] }
  expect(corps.errors?.[0]?.message).toMatch(motif)
}

describe('paramètres de liste mal formés → 400 en français, forme d’erreur de Payload', () => {
  it.each([
    ['where[formation.dateDebut][equals]=notadate', /n'est pas une date/],
    ['where[formation.dateDebut][greater_than]=notadate', /n'est pas une date/],
    ['where[createdAt][less_than]=hier', /n'est pas une date/],
    ['where[coutTotalHT][near]=1,2', /coordonnées/],
    ['where[createdAt][near]=x', /coordonnées/],
    ['where[formation][equals]=x', /groupe de champs/],
    ['where[beneficiaire][equals]=x', /groupe de champs/],
    ['where[status][equals][a]=b', /valeur simple/],
    ['where[status][in][a][b]=c', /liste de valeurs simples/],
    ['where=abc', /« where » doit être un objet/],
    ['where[or]=x', /liste de conditions/],
    ['where[status][foo]=x', /opérateur « foo » inconnu/],
    ['where[inconnu][equals]=x', /n'existe pas/],
    ['where[id][equals]=abc', /identifiant/],
    ['where[owner][in]=abc', /identifiant/],
    // Found by an outside probe: Payload dropped the null and wrote `IN ()` (500).
    ['where[opco][in]=null', /pas « null »/],
    ['where[owner][not_in]=null', /pas « null »/],
    ['where[company][in]=null', /pas « null »/],
    ['where[coutTotalHT][in]=null', /pas « null »/],
    ['sort=nope', /Tri impossible/],
    ['sort=-formation.nope', /Tri impossible/],
    ['depth=-1', /« depth »/],
    ['depth=abc', /« depth »/],
    ['depth=99999', /« depth »/],
    ['limit=abc', /« limit »/],
    ['limit=-1&page=-3', /« limit »/],
    ['page=-1', /« page »/],
    ['select=abc', /« select »/],
    ['select[formation]=abc', /« select »/],
  ])('GET /api/dossiers?%s', async (qs, motif) => {
    await refus400(`/api/dossiers?${qs}`, motif)
  })

  it('les mêmes contrôles sur la lecture d’un document et d’une autre collection', async () => {
    await refus400(`/api/dossiers/${dossierA.id}?depth=abc`, /« depth »/)
    await refus400('/api/companies?where[siret][near]=1,2', /coordonnées/)
    await refus400('/api/users?sort=motDePasse', /Tri impossible/)
  })

  it('une adresse trop longue pour le serveur HTTP : 431 avec un message en français, pas une réponse vide', async () => {
    const ids = Array.from({ length: 8000 }, (_, i) => i + 1).join(',')
    const res = await lire(`/api/dossiers?where[id][in]=${ids}`)
    expect(res.status).toBe(431)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/trop longs \(16 Ko au plus\)/)
    // The server still answers afterwards.
    expect((await lire('/api/dossiers?depth=0&limit=1')).status).toBe(200)
  })

  it('les requêtes ordinaires passent toujours', async () => {
    for (const qs of ['', 'depth=0&limit=10&page=1&sort=-createdAt', 'where[or][0][status][equals]=brouillon&where[or][1][reference][like]=MO', 'where[formation.dateDebut][greater_than]=2020-01-01', 'select[reference]=true&select[formation][titre]=true', `where[id][in][0]=${dossierA.id}`]) {
      const res = await lire(`/api/dossiers?${qs}`)
      expect({ qs, status: res.status }).toEqual({ qs, status: 200 })
    }
  })
})

describe('requêtes générées sur la liste de chaque collection (fast-check)', () => {
  const OPERATEURS = ['equals', 'not_equals', 'in', 'not_in', 'all', 'exists', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal', 'like', 'not_like', 'contains', 'near', 'within', 'intersects', 'foo']
  const VALEURS = ['notadate', '2026-02-30', '2026-01-01', '1', '-1', '0', 'abc', '1e400', '99999999999999999999', '', 'null', 'true', '1,2', '%', '%27%20OR%201%3D1', '%00', '[]', '{}', '1.5']
  const valeur = fc.oneof(fc.constantFrom(...VALEURS), fc.string({ maxLength: 10 }).map(encodeURIComponent))
  const suffixe = fc.constantFrom('', '[0]', '[a]', '[a][b]', '[]', '[0][1]')

  it('aucune réponse ≥ 500, puis toutes les listes répondent 200', async () => {
    const seed = Number(process.env.FC_SEED ?? 1234)
    const collection = fc.constantFrom(...collections)
    const requete = collection.chain((c) => {
      const chemin = fc.oneof(fc.constantFrom(...c.chemins), fc.constantFrom('inconnu', 'and', 'or', 'AND', '__proto__', 'constructor', ''))
      const condition = fc
        .tuple(fc.constantFrom('', '[or][0]', '[and][0]', '[or][1][and][0]'), chemin, fc.constantFrom(...OPERATEURS), suffixe, valeur)
        .map(([groupe, ch, op, suf, v]) => `where${groupe}[${ch}][${op}]${suf}=${v}`)
      const autre = fc.oneof(
        fc.tuple(fc.constantFrom('sort', 'depth', 'limit', 'page', 'select', 'populate', 'draft', 'trash', 'locale', 'where', 'pagination', 'joins'), suffixe, valeur).map(([k, suf, v]) => `${k}${suf}=${v}`),
        fc.tuple(fc.constantFrom('-', ''), chemin).map(([sens, ch]) => `sort=${sens}${ch}`),
        fc.tuple(chemin, fc.constantFrom('true', 'false', 'abc', '1')).map(([ch, v]) => `select[${ch.replace(/\./g, '][')}]=${v}`),
      )
      return fc.tuple(fc.constant(c.slug), fc.array(fc.oneof(condition, autre), { minLength: 1, maxLength: 4 }), fc.constantFrom<ActeurDuMonde | 'anonyme'>('admin', 'userA', 'opcoA', 'anonyme'))
    })
    await fc.assert(
      fc.asyncProperty(requete, async ([slug, parties, qui]) => {
        const chemin = `/api/${slug}?${parties.join('&')}`
        const res = await lire(chemin, qui)
        const texte = await res.text()
        expect({ chemin, qui, status: res.status < 500 ? 'moins de 500' : res.status, texte: res.status < 500 ? '' : texte }).toEqual({ chemin, qui, status: 'moins de 500', texte: '' })
        if (res.status === 400) expect((JSON.parse(texte) as { errors: { message: string }[] }).errors[0]!.message.length).toBeGreaterThan(0)
      }),
      { seed, numRuns: Number(process.env.FC_RUNS ?? 400), verbose: 1 },
    )
    for (const { slug } of collections) {
      const res = await lire(`/api/${slug}?limit=5`)
      expect({ slug, status: res.status }).toEqual({ slug, status: 200 })
    }
  }, 300_000)
})

describe('portail : une page refusée n’est jamais une erreur 500', () => {
  // A browser's own navigation (Payload accepts the session cookie only same-origin: CSRF).
  const cookie = (qui: ActeurDuMonde) => ({ Cookie: `monopco-token=${entetes[qui].Authorization!.replace(/^JWT /, '')}`, 'Sec-Fetch-Site': 'none' })
  const page = (chemin: string, qui: ActeurDuMonde) => fetch(`${s.url}${chemin}`, { headers: cookie(qui), redirect: 'manual' })

  it('un identifiant illisible, absent ou d’un autre → la page introuvable (404)', async () => {
    for (const chemin of ['/dossiers/abc', '/dossiers/999999', `/dossiers/${dossierB.id}`, '/dossiers/-1', '/dossiers/1e3', `/dossiers/${dossierB.id}/modifier/formation`, '/dossiers/abc/modifier/formation', `/dossiers/${dossierA.id}/modifier/inconnue`]) {
      const res = await page(chemin, 'userA')
      expect({ chemin, status: res.status }).toEqual({ chemin, status: 404 })
    }
  })

  it('ses propres pages répondent 200, même pour un OPCO ou un admin qui n’a pas de dossier à lui', async () => {
    for (const [chemin, qui] of [['/dossiers', 'userA'], [`/dossiers/${dossierA.id}`, 'userA'], ['/dossiers', 'opcoA'], ['/dossiers', 'admin'], ['/compte', 'userB']] as const) {
      const res = await page(chemin, qui)
      expect({ chemin, qui, status: res.status, vers: res.headers.get('location') }).toEqual({ chemin, qui, status: 200, vers: null })
    }
  })
})
