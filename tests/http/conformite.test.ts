/**
 * Conformity and AI over real HTTP (the built app on 127.0.0.1, a local OpenAI-compatible server):
 * a blocking finding stops `validate` with a 422 listing the findings; the report is stored on
 * submit, validate and on demand, and never written through the API; AI suggestions leave no
 * personal data in the prompts, restore them in the answer, and write nothing to the dossier —
 * malformed, truncated, refused, wrongly shaped answers and timeouts give a clear error; anomalies;
 * the bad-input matrix of every endpoint. Without OPENAI_API_KEY: conformite-sans-ia.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, PROGRAMME_TEST, richText, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { demarrerOpenAiFactice, type OpenAiFactice } from '@/tests/helpers/openaiFactice'

const CLE = 'sk-test-conformite'
let s: ServeurDeTest
let ia: OpenAiFactice
let payload: Payload
let monde: Monde
let sansQualiopi: { id: number | string }
type Role = 'admin' | 'userA' | 'userB' | 'opcoA'
const auth = {} as Record<Role, Record<string, string>>

const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
const SIRET_PERSO = siretValide(44445555)

beforeAll(async () => {
  ia = await demarrerOpenAiFactice(CLE)
  s = await demarrerServeur('conformite', { OPENAI_API_KEY: CLE, OPENAI_BASE_URL: ia.url, OPENAI_MODEL: 'modele-test', OPENAI_TIMEOUT_SECONDS: '1', OPENAI_MAX_RETRIES: '0' })
  payload = s.payload
  monde = await creerMonde(payload)
  sansQualiopi = await payload.create({ collection: 'training-providers', data: { nom: 'Sans Certif', siret: siretValide(55556666), nda: '11755555575' } as never })
  const comptes: Record<Role, string> = { admin: monde.admin.email, userA: monde.userA.email, userB: monde.userB.email, opcoA: monde.opcoUserA.email }
  for (const [qui, email] of Object.entries(comptes) as [Role, string][]) auth[qui] = { Authorization: `JWT ${await connecter(s.url, email, MOT_DE_PASSE)}` }
})

afterAll(async () => {
  await s?.arreter()
  await ia?.fermer()
})

async function appel(qui: Role | null, chemin: string, init: RequestInit = {}, base = s.url) {
  const res = await fetch(`${base}${chemin}`, { ...init, headers: { ...(qui ? auth[qui] : {}), 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) } })
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown> & { errors?: { message: string; constats?: { regle: string; severite: string; message: string }[]; manquants?: string[] }[] }
  return { status: res.status, body }
}

const post = (qui: Role | null, chemin: string, body?: unknown) => appel(qui, chemin, { method: 'POST', ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) })
const lire = async (id: number | string) => payload.findByID({ collection: 'dossiers', id, depth: 0 })

async function dossierEnRevue(extra: Record<string, unknown> = {}, formation: Record<string, unknown> = {}) {
  return creerDossier(payload, monde, 'A', 'en_revue', {
    formation: { titre: 'Excel avancé', objectifs: richText('Être capable de construire des tableaux croisés.'), programme: PROGRAMME_TEST, organisme: monde.provider.id, dureeHeures: 14, dateDebut: dansJours(60), dateFin: dansJours(61), modalite: 'presentiel', ...formation },
    ...extra,
  })
}

describe('validation : un constat bloquant arrête validate (422 qui liste les constats)', () => {
  it('organisme sans Qualiopi → 422, statut inchangé, rapport enregistré ; corrigé → 200', async () => {
    const d = await dossierEnRevue({}, { organisme: sansQualiopi.id })
    const r = await post('admin', `/api/dossiers/${d.id}/transition`, { action: 'validate' })
    expect(r.status).toBe(422)
    const e = r.body.errors![0]!
    expect(e.message).toMatch(/Qualiopi/)
    expect(e.constats!.map((c) => [c.regle, c.severite])).toEqual([['organisme-qualiopi', 'bloquant']])
    expect(e.constats![0]!.message).toMatch(/organisme certifié/)
    expect(e.manquants).toContain('formation.organisme')
    const apres = await lire(d.id)
    expect(apres.status).toBe('en_revue')
    expect(apres.validationAdminDate ?? null).toBeNull()
    expect((apres.conformite as { bloquants: number }).bloquants).toBe(1)

    await payload.update({ collection: 'dossiers', id: d.id, data: { formation: { organisme: monde.provider.id } } as never })
    const ok = await post('admin', `/api/dossiers/${d.id}/transition`, { action: 'validate' })
    expect(ok.status).toBe(200)
    const valide = await lire(d.id)
    expect(valide.status).toBe('valide')
    expect((valide.conformite as { bloquants: number; score: number }).bloquants).toBe(0)
  })

  it('plusieurs constats bloquants : tous listés (programme absent, demande après le début)', async () => {
    const d = await dossierEnRevue({}, { programme: '', dateDebut: dansJours(-2), dateFin: dansJours(1) })
    const r = await post('admin', `/api/dossiers/${d.id}/transition`, { action: 'validate' })
    expect(r.status).toBe(422)
    expect(r.body.errors![0]!.constats!.map((c) => c.regle).sort()).toEqual(['dpc-avant-debut', 'programme-present'])
  })

  it('le dépôt (submit) calcule et enregistre le rapport sans jamais refuser sur un constat', async () => {
    const d = await creerDossier(payload, monde, 'A', 'brouillon', { formation: { titre: 'Excel avancé', organisme: sansQualiopi.id, dureeHeures: 14, dateDebut: dansJours(60), dateFin: dansJours(61), modalite: 'presentiel' } })
    const r = await post('userA', `/api/dossiers/${d.id}/transition`, { action: 'submit', certification: true })
    expect(r.status).toBe(200)
    const rapport = (await lire(d.id)).conformite as { bloquants: number; constats: { regle: string }[]; calculeLe: string; resume: string }
    expect(rapport.constats.map((c) => c.regle)).toEqual(expect.arrayContaining(['organisme-qualiopi', 'programme-present', 'objectifs-evaluables']))
    expect(rapport.resume).toMatch(/conseiller/)
  })
})

describe('POST /api/dossiers/:id/conformite', () => {
  let id: number | string
  beforeAll(async () => {
    id = (await creerDossier(payload, monde, 'A', 'brouillon')).id
  })

  it('le titulaire et l’admin recalculent ; le rapport est enregistré', async () => {
    for (const qui of ['userA', 'admin'] as const) {
      const r = await post(qui, `/api/dossiers/${id}/conformite`)
      expect(r.status).toBe(200)
      expect((r.body.conformite as { score: number }).score).toBeGreaterThan(0)
    }
    expect((await lire(id)).conformite).toMatchObject({ bloquants: 0 })
    expect((await post('userA', `/api/dossiers/${id}/conformite`, {})).status).toBe(200)
  })

  it('mauvaises entrées : 401, 404 (autre utilisateur, OPCO avant envoi, inexistant), 400, 413 ; rien d’écrit', async () => {
    const avant = (await lire(id)).conformite
    expect((await post(null, `/api/dossiers/${id}/conformite`)).status).toBe(401)
    expect((await post('userB', `/api/dossiers/${id}/conformite`)).status).toBe(404)
    expect((await post('opcoA', `/api/dossiers/${id}/conformite`)).status).toBe(404)
    expect((await post('admin', `/api/dossiers/999999/conformite`)).status).toBe(404)
    expect((await post('admin', `/api/dossiers/abc/conformite`)).status).toBe(400)
    const malforme = await post('userA', `/api/dossiers/${id}/conformite`, '{"a":')
    expect([malforme.status, malforme.body.errors?.[0]?.message]).toEqual([400, 'Corps de requête invalide : JSON mal formé.'])
    expect((await post('userA', `/api/dossiers/${id}/conformite`, '[1]')).status).toBe(400)
    const inconnu = await post('userA', `/api/dossiers/${id}/conformite`, { score: 100 })
    expect(inconnu.status).toBe(400)
    expect(inconnu.body.errors?.[0]?.message).toMatch(/inconnu/)
    expect((await post('userA', `/api/dossiers/${id}/conformite`, { x: 'a'.repeat(1_100_000) })).status).toBe(413)
    expect((await lire(id)).conformite).toEqual(avant)
  })

  it('le rapport ne s’écrit pas par l’API (403, admins compris)', async () => {
    const avant = (await lire(id)).conformite
    for (const qui of ['userA', 'admin'] as const) {
      const r = await appel(qui, `/api/dossiers/${id}`, { method: 'PATCH', body: JSON.stringify({ conformite: { score: 100, constats: [] } }) })
      expect(r.status).toBe(403)
    }
    expect((await lire(id)).conformite).toEqual(avant)
  })
})

describe('assistance IA (serveur local compatible OpenAI)', () => {
  let id: number | string
  const JUSTIFICATION = `Claire Durand (claire@exemple.fr, 06 01 02 03 04), salariée de l'entreprise SIRET ${SIRET_PERSO}, doit produire les reportings mensuels et maîtrise mal Excel.`
  beforeAll(async () => {
    id = (await dossierEnRevue({ justification: richText(JUSTIFICATION) })).id
  })

  const PERSONNEL = ['Claire', 'Durand', 'claire@exemple.fr', '06 01 02 03 04', '0601020304', SIRET_PERSO]

  it('améliorer la justification : suggestion restaurée, prompts sans donnée personnelle, rien d’écrit, usage journalisé', async () => {
    const avant = await lire(id)
    const n = ia.requetes.length
    const r = await post('admin', `/api/dossiers/${id}/ia/justification`)
    expect(r.status).toBe(200)
    expect((r.body.suggestion as { justification: string }).justification).toMatch(/^Claire Durand doit maîtriser/)
    expect(r.body.usage).toEqual({ prompt: 120, reponse: 45, total: 165 })
    const envoyes = ia.requetes.slice(n)
    expect(envoyes).toHaveLength(1)
    expect(envoyes[0]!.autorisation).toBe(`Bearer ${CLE}`)
    const texte = JSON.stringify(envoyes[0]!.corps)
    for (const p of PERSONNEL) expect(texte).not.toContain(p)
    expect(texte).toContain('[PERSONNE_1] [PERSONNE_2]')
    expect(envoyes[0]!.corps.model).toBe('modele-test')
    expect((envoyes[0]!.corps.response_format as { type: string }).type).toBe('json_schema')
    const apres = await lire(id)
    expect([apres.updatedAt, JSON.stringify(apres.justification), apres.status]).toEqual([avant.updatedAt, JSON.stringify(avant.justification), avant.status])
    const appels = await payload.find({ collection: 'appels-ia', where: { dossier: { equals: id } }, sort: '-createdAt', limit: 1, depth: 0 })
    const a = appels.docs[0] as unknown as Record<string, unknown>
    expect([a.fonction, a.statut, a.tokensTotal, a.modele]).toEqual(['justification', 'ok', 165, 'modele-test'])
    for (const p of PERSONNEL) expect(JSON.stringify(a.envoye)).not.toContain(p)
  })

  it('le journal des appels à l’IA : lu par les admins seulement, écrit par personne par l’API', async () => {
    expect((await appel('admin', '/api/appels-ia')).status).toBe(200)
    for (const qui of ['userA', 'opcoA'] as const) expect((await appel(qui, '/api/appels-ia')).status).toBe(403)
    const premier = (await payload.find({ collection: 'appels-ia', limit: 1, depth: 0 })).docs[0]!
    expect((await post('admin', '/api/appels-ia', { fonction: 'justification', statut: 'ok' })).status).toBe(403)
    expect((await appel('admin', `/api/appels-ia/${premier.id}`, { method: 'PATCH', body: JSON.stringify({ statut: 'erreur' }) })).status).toBe(403)
    expect((await appel('admin', `/api/appels-ia/${premier.id}`, { method: 'DELETE' })).status).toBe(403)
  })

  it('objectifs et programme, synthèse de conformité', async () => {
    const o = await post('admin', `/api/dossiers/${id}/ia/objectifs`)
    expect(o.status).toBe(200)
    expect((o.body.suggestion as { objectifs: string[] }).objectifs[0]).toMatch(/^Être capable/)
    const n = await post('admin', `/api/dossiers/${id}/ia/narratif`)
    expect(n.status).toBe(200)
    expect(n.body.suggestion).toMatchObject({ synthese: expect.any(String) })
    expect((n.body.conformite as { score: number }).score).toBeGreaterThan(0)
  })

  it.each([
    ['JSON mal formé', 502, { type: 'malforme' as const }, /pas un JSON valide/],
    ['réponse tronquée', 502, { type: 'tronque' as const }, /tronquée/],
    ['refus du modèle', 502, { type: 'refus' as const }, /refusé de répondre/],
    ['JSON au mauvais format', 502, { type: 'json' as const, contenu: { justification: 42 } }, /format attendu/],
    ['erreur du fournisseur', 502, { type: 'http' as const, status: 500 }, /erreur/],
    ['délai dépassé', 504, { type: 'lent' as const, ms: 2500 }, /délai/],
  ])('%s → %i avec un message clair, rien d’écrit', async (_nom, status, comportement, message) => {
    const avant = await lire(id)
    ia.programmer(comportement)
    const r = await post('admin', `/api/dossiers/${id}/ia/justification`)
    expect(r.status).toBe(status)
    expect(r.body.errors?.[0]?.message).toMatch(message)
    expect(r.body.errors?.[0]?.message).toMatch(/Rien n'a été modifié/)
    const apres = await lire(id)
    expect([apres.updatedAt, JSON.stringify(apres.justification)]).toEqual([avant.updatedAt, JSON.stringify(avant.justification)])
  })

  it('mauvaises entrées : rôle, autre dossier, corps, fonction, taille', async () => {
    const chemin = `/api/dossiers/${id}/ia/justification`
    const n = ia.requetes.length
    expect((await post(null, chemin)).status).toBe(401)
    expect((await post('userA', chemin)).status).toBe(403)
    expect((await post('opcoA', chemin)).status).toBe(403)
    expect((await post('admin', `/api/dossiers/${id}/ia/inconnue`)).status).toBe(404)
    expect((await post('admin', `/api/dossiers/999999/ia/objectifs`)).status).toBe(404)
    expect((await post('admin', `/api/dossiers/1x/ia/objectifs`)).status).toBe(400)
    expect((await post('admin', chemin, '{"texte":')).status).toBe(400)
    expect((await post('admin', chemin, { texte: 12 })).status).toBe(400)
    expect((await post('admin', chemin, { texte: 'a'.repeat(5001) })).status).toBe(400)
    expect((await post('admin', chemin, { autre: 'x' })).status).toBe(400)
    expect((await post('admin', `/api/dossiers/${id}/ia/objectifs`, { texte: 'x' })).status).toBe(400)
    expect((await post('admin', chemin, { texte: 'a'.repeat(1_100_000) })).status).toBe(413)
    const vide = await creerDossier(payload, monde, 'B', 'brouillon')
    expect((await post('admin', `/api/dossiers/${vide.id}/ia/justification`)).status).toBe(422)
    // None of these reached the model.
    expect(ia.requetes.length).toBe(n)
  })
})

describe('anomalies', () => {
  let doublon: number | string
  beforeAll(async () => {
    const f = { titre: 'Anglais des affaires', organisme: monde.provider.id, dureeHeures: 20, dateDebut: dansJours(90), dateFin: dansJours(95), modalite: 'distanciel' }
    doublon = (await creerDossier(payload, monde, 'B', 'soumis', { beneficiaire: { nom: 'Moreau', prenom: 'Inès', email: 'ines.moreau@exemple.fr' }, formation: f })).id
    await creerDossier(payload, monde, 'B', 'brouillon', { beneficiaire: { nom: 'Moreau', prenom: 'Inès', email: 'ines.moreau@exemple.fr' }, formation: { ...f, dateDebut: dansJours(92), dateFin: dansJours(93) } })
  })

  it('GET /api/conformite/anomalies liste les doublons, chacun avec son dossier ; admins seulement', async () => {
    const r = await appel('admin', '/api/conformite/anomalies')
    expect(r.status).toBe(200)
    const anomalies = r.body.anomalies as { type: string; dossier: number | string; reference: string }[]
    expect(anomalies.filter((a) => a.type === 'doublon').map((a) => String(a.dossier))).toContain(String(doublon))
    expect((await appel('userB', '/api/conformite/anomalies')).status).toBe(403)
    expect((await appel('opcoA', '/api/conformite/anomalies')).status).toBe(403)
    expect((await appel(null, '/api/conformite/anomalies')).status).toBe(401)
  })

  it('expliquer une anomalie : suggestion de l’IA sans donnée personnelle envoyée ; mauvaises entrées', async () => {
    const n = ia.requetes.length
    const r = await post('admin', '/api/conformite/anomalies/expliquer', { dossier: doublon, type: 'doublon' })
    expect(r.status).toBe(200)
    expect((r.body.suggestion as { verifications: string[] }).verifications[0]).toContain('Inès Moreau')
    const texte = JSON.stringify(ia.requetes.slice(n))
    for (const p of ['Moreau', 'Inès', 'ines.moreau']) expect(texte).not.toContain(p)
    const chemin = '/api/conformite/anomalies/expliquer'
    expect((await post('userB', chemin, { dossier: doublon, type: 'doublon' })).status).toBe(403)
    expect((await post('admin', chemin, {})).status).toBe(400)
    expect((await post('admin', chemin, { dossier: doublon, type: 'inconnu' })).status).toBe(400)
    expect((await post('admin', chemin, { dossier: 'x', type: 'doublon' })).status).toBe(400)
    expect((await post('admin', chemin, { dossier: 999999, type: 'doublon' })).status).toBe(404)
    expect((await post('admin', chemin, { dossier: doublon, type: 'cout_horaire' })).status).toBe(404)
    expect((await post('admin', chemin, 'pas du json')).status).toBe(400)
  })

  it('la page /admin/anomalies répond aux admins', async () => {
    const res = await fetch(`${s.url}/admin/anomalies`, { headers: auth.admin })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Anomalies')
  })
})
