/**
 * Reports and exports over real HTTP: the statistics endpoints (figures equal to the Local API's),
 * the export request → job → download round trip with the file parsed, the PDF report, the admin
 * pages, and the bad-input matrix of each endpoint (malformed, unknown fields, oversized, wrong
 * role) — each refusal a clear 4xx in French, nothing written; non-admins get 403 on REST and GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { lireCsv } from '@/tests/helpers/csv'
import { calculerStatistiques } from '@/src/services/rapports/statistiques'
import { COLONNES_DOSSIERS } from '@/src/domain/reports/colonnes'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
type Qui = 'admin' | 'userA' | 'opcoA' | 'anonyme'
const auth: Record<Qui, Record<string, string>> = { admin: {}, userA: {}, opcoA: {}, anonyme: {} }
const references: string[] = []

beforeAll(async () => {
  s = await demarrerServeur('rapports')
  payload = s.payload
  monde = await creerMonde(payload)
  auth.admin = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` }
  auth.userA = { Authorization: `JWT ${await connecter(s.url, monde.userA.email, MOT_DE_PASSE)}` }
  auth.opcoA = { Authorization: `JWT ${await connecter(s.url, monde.opcoUserA.email, MOT_DE_PASSE)}` }
  const annee = new Date().getUTCFullYear()
  for (let i = 0; i < 6; i++) {
    const d = await creerDossier(payload, monde, i % 2 ? 'B' : 'A', i < 3 ? 'soumis' : 'brouillon', {
      coutTotalHT: 150_000 + i * 101,
      ...(i < 3 ? { soumissionDate: new Date(Date.UTC(annee, 0, 10 + i)).toISOString() } : {}),
    })
    references.push(String(d.reference))
  }
})
afterAll(async () => s?.arreter())

type Corps = { doc?: Record<string, unknown>; errors?: { message: string }[] } & Record<string, unknown>
const appeler = async (chemin: string, qui: Qui, init: RequestInit = {}) => {
  const res = await fetch(`${s.url}${chemin}`, { ...init, headers: { ...auth[qui], ...(init.headers as Record<string, string> | undefined) } })
  return res
}
const lireJson = async (res: Response) => {
  const texte = await res.text()
  return (texte ? JSON.parse(texte) : {}) as Corps
}
const messageFrancais = (b: Corps) => expect(b.errors?.[0]?.message).toMatch(/[a-zà-ÿ]{3,}/i)
const compterExports = async () => (await payload.count({ collection: 'exports' })).totalDocs
const graphql = async (query: string, qui: Qui) => {
  const res = await appeler('/api/graphql', qui, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) })
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { statusCode?: number } }[] }
}

describe('GET /api/rapports/*', () => {
  it('admin : les chiffres de l’API sont ceux du module de rapports', async () => {
    const annee = new Date().getUTCFullYear()
    const res = await appeler(`/api/rapports/statistiques?du=${annee}-01-01&au=${annee}-12-31`, 'admin')
    expect(res.status).toBe(200)
    const corps = await lireJson(res)
    const local = await calculerStatistiques(payload, { du: `${annee}-01-01`, au: `${annee}-12-31` })
    expect(corps).toEqual(JSON.parse(JSON.stringify(local)))
    expect((corps as unknown as { soumis: { periode: number } }).soumis.periode).toBe(3)
    for (const chemin of ['/api/rapports/paiements', '/api/rapports/a-traiter']) expect((await appeler(chemin, 'admin')).status).toBe(200)
  })

  it('mauvais rôle : user et OPCO → 403, anonyme → 401', async () => {
    for (const chemin of ['/api/rapports/statistiques', '/api/rapports/paiements', '/api/rapports/a-traiter', '/api/rapports/pdf']) {
      for (const qui of ['userA', 'opcoA'] as const) {
        const r = await appeler(chemin, qui)
        expect(r.status).toBe(403)
        messageFrancais(await lireJson(r))
      }
      expect((await appeler(chemin, 'anonyme')).status).toBe(401)
    }
  })

  it('filtres invalides, inconnus ou trop longs → 400 avec un message clair', async () => {
    const cas: [string, RegExp][] = [
      ['du=2026-13-01', /AAAA-MM-JJ/],
      ['du=hier', /AAAA-MM-JJ/],
      ['du=2026-03-01&au=2026-01-01', /précéder/],
      ['opco=abc', /identifiant/],
      ['opco=0', /identifiant/],
      ['statut=soumis', /Filtre inconnu/],
      [`du=${'9'.repeat(2100)}`, /trop longs/],
    ]
    for (const chemin of ['/api/rapports/statistiques', '/api/rapports/pdf', '/api/rapports/paiements']) {
      for (const [requete, message] of cas) {
        const r = await appeler(`${chemin}?${requete}`, 'admin')
        expect(r.status).toBe(400)
        expect((await lireJson(r)).errors?.[0]?.message).toMatch(message)
      }
    }
  })

  it('rapport PDF : un vrai PDF, journalisé', async () => {
    const r = await appeler(`/api/rapports/pdf?opco=${String(monde.opcoA.id)}`, 'admin')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/pdf')
    const octets = Buffer.from(await r.arrayBuffer())
    expect(octets.subarray(0, 5).toString()).toBe('%PDF-')
    const logs = await payload.find({ collection: 'logs', where: { action: { equals: 'export' }, documentId: { equals: 'rapport-pdf' } }, depth: 0 })
    expect(logs.docs[0]).toMatchObject({ actor: monde.admin.id, changes: { format: 'pdf', filtres: { opco: Number(monde.opcoA.id) } } })
    expect((await appeler('/api/rapports/pdf?opco=999999', 'admin')).status).toBe(404)
  }, 60_000)
})

describe('POST /api/exports → tâche → GET /api/exports/:id/telecharger', () => {
  const demander = (qui: Qui, corps: string) => appeler('/api/exports', qui, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: corps })

  it('admin : export CSV filtré, progression, téléchargement du fichier réel, journal', async () => {
    const r = await demander('admin', JSON.stringify({ format: 'csv', filtres: { opco: Number(monde.opcoA.id), statuts: ['soumis'] } }))
    expect(r.status).toBe(201)
    const id = (await lireJson(r)).doc!.id as number
    const pasPret = await appeler(`/api/exports/${id}/telecharger`, 'admin')
    expect(pasPret.status).toBe(409)
    await payload.jobs.run()
    const etat = await lireJson(await appeler(`/api/exports/${id}`, 'admin'))
    expect(etat).toMatchObject({ statut: 'termine', progression: 100, lignes: 2, total: 2 })
    const f = await appeler(`/api/exports/${id}/telecharger`, 'admin')
    expect(f.status).toBe(200)
    expect(f.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(f.headers.get('content-disposition')).toMatch(/^attachment; filename="dossiers-.*\.csv"$/)
    const octets = Buffer.from(await f.arrayBuffer())
    expect([...octets.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const table = lireCsv(octets.subarray(3).toString('utf8'))
    expect(table[0]).toEqual(COLONNES_DOSSIERS.map((c) => c.entete))
    expect(table.slice(1).map((l) => [l[0], l[1], l[11]])).toEqual([
      [references[0], 'Soumis', '1500,00'],
      [references[2], 'Soumis', '1502,02'],
    ])
    const logs = await payload.find({ collection: 'logs', where: { action: { equals: 'export' }, documentId: { equals: String(id) } }, depth: 0, sort: 'createdAt' })
    expect(logs.docs.map((l) => (l.changes as { etape: string }).etape)).toEqual(['demande', 'telechargement'])
  })

  it('XLSX avec 0 ligne : téléchargeable, type MIME Excel', async () => {
    const r = await demander('admin', JSON.stringify({ format: 'xlsx', filtres: { du: '2031-01-01', au: '2031-01-02' } }))
    expect(r.status).toBe(201)
    const id = (await lireJson(r)).doc!.id as number
    await payload.jobs.run()
    const f = await appeler(`/api/exports/${id}/telecharger`, 'admin')
    expect(f.status).toBe(200)
    expect(f.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(Buffer.from(await f.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')
  })

  it('mauvais rôle : user et OPCO → 403 (REST et GraphQL), anonyme refusé ; rien n’est créé', async () => {
    const avant = await compterExports()
    for (const qui of ['userA', 'opcoA'] as const) {
      const r = await demander(qui, JSON.stringify({ format: 'csv', filtres: {} }))
      expect(r.status).toBe(403)
      expect((await appeler('/api/exports', qui)).status).toBe(403)
      const g = await graphql('mutation { createExport(data: { format: csv }) { id } }', qui)
      expect(g.errors?.[0]?.extensions?.statusCode).toBe(403)
      const q = await graphql('{ Exports { docs { id } } }', qui)
      expect(q.errors?.[0]?.extensions?.statusCode).toBe(403)
    }
    expect([401, 403]).toContain((await demander('anonyme', JSON.stringify({ format: 'csv' }))).status)
    expect(await compterExports()).toBe(avant)
    // The admin may use GraphQL too.
    const ok = await graphql('mutation { createExport(data: { format: csv }) { id statut } }', 'admin')
    expect(ok.data?.createExport).toMatchObject({ statut: 'en_attente' })
  })

  it('téléchargement : mauvais rôle 403, anonyme 401, identifiant invalide 400, inconnu 404', async () => {
    const r = await demander('admin', JSON.stringify({ format: 'csv' }))
    const id = (await lireJson(r)).doc!.id as number
    await payload.jobs.run()
    for (const qui of ['userA', 'opcoA'] as const) expect((await appeler(`/api/exports/${id}/telecharger`, qui)).status).toBe(403)
    expect((await appeler(`/api/exports/${id}/telecharger`, 'anonyme')).status).toBe(401)
    expect((await appeler('/api/exports/abc/telecharger', 'admin')).status).toBe(400)
    expect((await appeler('/api/exports/99999999/telecharger', 'admin')).status).toBe(404)
  })

  it('matrice des mauvaises entrées → 4xx clair, rien n’est créé', async () => {
    const avant = await compterExports()
    const cas: [string, number, RegExp][] = [
      ['{"format": "csv"', 400, /JSON|invalide|mal formé/i],
      ['[]', 400, /objet|format|invalide/i],
      [JSON.stringify({ format: 'pdf' }), 400, /format/i], // the strict input check names the field « Format » first
      [JSON.stringify({}), 400, /format/i],
      [JSON.stringify({ format: 'csv', pirate: 'x' }), 400, /non accepté/],
      [JSON.stringify({ format: 'csv', filtres: { pirate: 1 } }), 400, /Filtre inconnu/],
      [JSON.stringify({ format: 'csv', filtres: { du: '2026-02-31' } }), 400, /AAAA-MM-JJ/],
      [JSON.stringify({ format: 'csv', filtres: { statuts: 'soumis,bidon' } }), 400, /statuts/],
      [JSON.stringify({ format: 'csv', filtres: { recherche: 'x'.repeat(5000) } }), 400, /volumineux|trop long/],
    ]
    for (const [corps, statut, message] of cas) {
      const r = await demander('admin', corps)
      expect(r.status).toBe(statut)
      const b = await lireJson(r)
      expect(b.errors?.[0]?.message).toMatch(message)
    }
    const enorme = await demander('admin', JSON.stringify({ format: 'csv', filtres: { recherche: 'x'.repeat(2_000_000) } }))
    expect(enorme.status).toBe(413)
    expect(await compterExports()).toBe(avant)
    // Server-controlled fields sent by the admin form are overwritten, never trusted.
    const force = await demander('admin', JSON.stringify({ format: 'csv', statut: 'termine', progression: 100, lignes: 5 }))
    expect(force.status).toBe(201)
    expect((await lireJson(force)).doc).toMatchObject({ statut: 'en_attente', progression: 0, lignes: null })
  })
})

describe('pages d’administration', () => {
  it('accueil : tableau de bord en français avec les indicateurs ; rapports et paiements', async () => {
    const accueil = await appeler('/admin', 'admin')
    expect(accueil.status).toBe(200)
    const html = await accueil.text()
    expect(html).toContain('Tableau de bord')
    expect(html).toContain('À traiter aujourd’hui')
    expect(html).toContain('data-kpi="taux-validation"')
    expect(html).toContain('<svg')
    for (const reference of references.slice(0, 3)) expect(html).toContain(reference)
    const rapports = await appeler(`/admin/rapports?annee=${new Date().getUTCFullYear()}&mois=1`, 'admin')
    expect(rapports.status).toBe(200)
    expect(await rapports.text()).toContain('Rapport mensuel')
    const paiements = await appeler('/admin/paiements', 'admin')
    expect(paiements.status).toBe(200)
    expect(await paiements.text()).toContain('Paiements attendus et reçus')
  })

  it('un utilisateur OPCO ne voit ni le tableau de bord ni les rapports', async () => {
    const accueil = await (await appeler('/admin', 'opcoA')).text()
    expect(accueil).not.toContain('data-kpi=')
    const rapports = await (await appeler('/admin/rapports', 'opcoA')).text()
    expect(rapports).not.toContain('data-kpi=')
  })
})
