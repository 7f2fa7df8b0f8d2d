/**
 * « Une liste ne meurt jamais à cause d'une ligne » : des valeurs enregistrées avant que la
 * validation ne soit corrigée (insérées ici en SQL) ne font plus répondre 500 la liste admin,
 * la liste du propriétaire, GraphQL `Dossiers`, la page « Mes dossiers » du portail ni la fiche ;
 * la ligne cassée se corrige (PATCH) ou se supprime par un admin, et le dépôt / la validation
 * des AUTRES dossiers (la conformité lit les autres dossiers du bénéficiaire) fonctionnent.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerServeur, connecter, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { requeteSql, sql } from '@/src/db/sql'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let pg: boolean
let h: Awaited<ReturnType<typeof entetesDuMonde>>
let jetonA: string
const ids = { casse: '', aSupprimer: '', brouillon: '', enRevue: '' }
const executer = (q: string) => requeteSql(payload, undefined, sql.raw(q))

beforeAll(async () => {
  s = await demarrerServeur('donnees_stockees_http')
  payload = s.payload
  pg = s.base.kind === 'postgres'
  monde = await creerMonde(payload)
  ids.casse = String((await creerDossier(payload, monde, 'A')).id)
  ids.aSupprimer = String((await creerDossier(payload, monde, 'A')).id)
  ids.brouillon = String((await creerDossier(payload, monde, 'A')).id)
  ids.enRevue = String((await creerDossier(payload, monde, 'A', 'en_revue')).id)
  if (pg) {
    await executer(`ALTER TYPE "enum_dossiers_type_formation" ADD VALUE IF NOT EXISTS 'ancien'`)
    await executer(`UPDATE dossiers SET formation_date_fin = 'infinity', cout_total_h_t = 'NaN', type_formation = 'ancien' WHERE id IN (${ids.casse}, ${ids.aSupprimer})`)
    await executer(`UPDATE companies SET created_at = '-infinity' WHERE id = ${monde.companyB.id}`)
  } else {
    await executer(`UPDATE dossiers SET formation_date_fin = 'not-a-date', cout_total_h_t = '2027-03-01', type_formation = 'true' WHERE id IN (${ids.casse}, ${ids.aSupprimer})`)
    await executer(`UPDATE companies SET created_at = 'garbage' WHERE id = ${monde.companyB.id}`)
  }
  h = await entetesDuMonde(s.url, monde)
  jetonA = await connecter(s.url, monde.userA.email, MOT_DE_PASSE)
})

afterAll(async () => s?.arreter())

const get = (chemin: string, entetes: Record<string, string>) => fetch(`${s.url}${chemin}`, { headers: entetes })
const json = { 'Content-Type': 'application/json' }

it('REST : liste admin, liste du propriétaire, fiche, entreprises → 200, la valeur cassée lue vide', async () => {
  const admin = await get('/api/dossiers?limit=100&depth=1', h.admin)
  expect(admin.status).toBe(200)
  const docs = ((await admin.json()) as { docs: { id: unknown; typeFormation?: unknown; coutTotalHT?: unknown; formation?: { dateFin?: unknown } }[] }).docs
  const casse = docs.find((d) => String(d.id) === ids.casse)!
  expect(casse.formation?.dateFin ?? null).toBeNull()
  expect(casse.coutTotalHT ?? null).toBeNull()
  expect(casse.typeFormation ?? null).toBeNull()
  expect((await get('/api/dossiers', h.userA)).status).toBe(200)
  expect((await get(`/api/dossiers/${ids.casse}`, h.userA)).status).toBe(200)
  expect((await get('/api/companies', h.admin)).status).toBe(200)
  expect((await get(`/api/companies/${monde.companyB.id}`, h.userB)).status).toBe(200)
  // Se connecter lit l'utilisateur et son entreprise : l'entreprise cassée ne déconnecte personne.
  expect((await get('/api/users/me', h.userB)).status).toBe(200)
})

it('GraphQL Dossiers → 200 sans erreur', async () => {
  const res = await fetch(`${s.url}/api/graphql`, {
    method: 'POST',
    headers: { ...h.admin, ...json },
    body: JSON.stringify({ query: '{ Dossiers(limit: 100) { docs { id reference typeFormation coutTotalHT formation { dateFin } company { raisonSociale createdAt } } } }' }),
  })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { data?: { Dossiers: { docs: { id: unknown }[] } }; errors?: unknown[] }
  expect(body.errors).toBeUndefined()
  expect(body.data!.Dossiers.docs.map((d) => String(d.id))).toEqual(expect.arrayContaining([ids.casse]))
})

it('portail : « Mes dossiers » et la fiche du dossier cassé → 200 ; liste admin → 200', async () => {
  const cookie = { Cookie: `monopco-token=${jetonA}` }
  const liste = await get('/dossiers', cookie)
  expect(liste.status).toBe(200)
  const fiche = await get(`/dossiers/${ids.casse}`, cookie)
  expect(fiche.status).toBe(200)
  const jetonAdmin = h.admin.Authorization!.replace(/^JWT /, '')
  expect((await get('/admin/collections/dossiers', { Cookie: `monopco-token=${jetonAdmin}` })).status).toBe(200)
})

it('les AUTRES dossiers se déposent et se valident (la conformité lit les dossiers cassés du même bénéficiaire)', async () => {
  const depot = await fetch(`${s.url}/api/dossiers/${ids.brouillon}/transition`, { method: 'POST', headers: { ...h.userA, ...json }, body: JSON.stringify({ action: 'submit', certification: true }) })
  expect(depot.status).toBe(200)
  const validation = await fetch(`${s.url}/api/dossiers/${ids.enRevue}/transition`, { method: 'POST', headers: { ...h.admin, ...json }, body: JSON.stringify({ action: 'validate' }) })
  expect(validation.status).toBe(200)
})

it('un admin corrige la ligne cassée (PATCH d’une valeur valide) ou la supprime ; une valeur invalide reste refusée', async () => {
  const refus = await fetch(`${s.url}/api/dossiers/${ids.casse}`, { method: 'PATCH', headers: { ...h.admin, ...json }, body: JSON.stringify({ formation: { dateFin: 'not-a-date' } }) })
  expect(refus.status).toBe(400)
  const patch = await fetch(`${s.url}/api/dossiers/${ids.casse}`, {
    method: 'PATCH',
    headers: { ...h.admin, ...json },
    body: JSON.stringify({ typeFormation: 'formation', coutTotalHT: 150000, formation: { dateFin: '2027-03-02' } }),
  })
  expect(patch.status).toBe(200)
  const brut = (await executer(`SELECT ${pg ? 'formation_date_fin::text' : 'formation_date_fin'} AS fin, ${pg ? 'cout_total_h_t::text' : 'CAST(cout_total_h_t AS TEXT)'} AS cout, type_formation AS type FROM dossiers WHERE id = ${ids.casse}`))[0] as Record<string, string>
  expect(brut.fin).toMatch(/^2027-03-02/)
  expect(brut.cout).toBe('150000')
  expect(brut.type).toBe('formation')
  const suppression = await fetch(`${s.url}/api/dossiers/${ids.aSupprimer}`, { method: 'DELETE', headers: h.admin })
  expect(suppression.status).toBe(200)
  expect((await payload.find({ collection: 'dossiers', where: { id: { equals: ids.aSupprimer } } })).totalDocs).toBe(0)
})
