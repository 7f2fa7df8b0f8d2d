/**
 * Attachment requests (POST /api/companies/rattachements, …/:id/accepter | refuser): the second
 * person of a company asks, is approved by someone already attached (or an admin), then files a
 * dossier for it. Pending or refused, they see nothing of the company or its dossiers. Everyone
 * concerned is told through the outbox; a repeated request makes one row.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, siretValide, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let en: Awaited<ReturnType<typeof entetesDuMonde>>
let dossierA: number | string
const MDP = 'Un-mot-de-passe-solide-2026'

const rest = (methode: string, chemin: string, entetes: Record<string, string>, corps?: unknown) =>
  fetch(`${s.url}${chemin}`, { method: methode, headers: { ...entetes, ...(corps !== undefined ? { 'Content-Type': 'application/json' } : {}) }, body: corps === undefined ? undefined : JSON.stringify(corps) })

async function personne(email: string): Promise<{ id: number; entetes: Record<string, string> }> {
  const r = await rest('POST', '/api/auth/register', {}, { email, password: MDP, nom: 'Petit', prenom: 'Jeanne' })
  expect(r.status).toBe(201)
  const id = ((await r.json()) as { user: { id: number } }).user.id
  return { id, entetes: { Authorization: `JWT ${await connecter(s.url, email, MDP)}` } }
}
const lignes = async () => (await payload.find({ collection: 'rattachements', pagination: false, depth: 0, overrideAccess: true, sort: 'id' })).docs as unknown as Record<string, unknown>[]
const emails = async (modele: string) =>
  ((await payload.find({ collection: 'emails', where: { template: { equals: modele } }, pagination: false, depth: 0, overrideAccess: true })).docs as unknown as { to: string }[]).map((e) => e.to).sort()

/** What a person not (yet) attached must not see: the company, its dossiers, filing in its name. */
async function rienDeLEntreprise(entetes: Record<string, string>) {
  expect([403, 404]).toContain((await rest('GET', `/api/companies/${String(monde.companyA.id)}`, entetes)).status)
  const liste = await rest('GET', '/api/companies', entetes)
  if (liste.status === 200) expect(((await liste.json()) as { docs: unknown[] }).docs).toHaveLength(0)
  else expect(liste.status).toBe(403)
  expect([403, 404]).toContain((await rest('PATCH', `/api/companies/${String(monde.companyA.id)}`, entetes, { raisonSociale: 'X' })).status)
  expect([403, 404]).toContain((await rest('GET', `/api/dossiers/${String(dossierA)}`, entetes)).status)
  expect(((await (await rest('GET', `/api/dossiers?where[company][equals]=${String(monde.companyA.id)}`, entetes)).json()) as { docs: unknown[] }).docs).toHaveLength(0)
  const avant = (await payload.count({ collection: 'dossiers', overrideAccess: true })).totalDocs
  expect((await rest('POST', '/api/dossiers', entetes, { typeFormation: 'formation', company: monde.companyA.id })).status).toBe(403)
  expect((await payload.count({ collection: 'dossiers', overrideAccess: true })).totalDocs).toBe(avant)
}

beforeAll(async () => {
  s = await demarrerServeur('rattachements')
  payload = s.payload
  monde = await creerMonde(payload)
  en = await entetesDuMonde(s.url, monde)
  dossierA = (await creerDossier(payload, monde, 'A')).id
})
afterAll(async () => s?.arreter())

describe('demande de rattachement', () => {
  it('entrées refusées : anonyme 401, OPCO 403, SIRET manquant ou invalide 400, inconnu 404 ; rien écrit', async () => {
    const c = await personne('refus.entrees@test.fr')
    expect((await rest('POST', '/api/companies/rattachements', {}, { siret: siretValide(11111111) })).status).toBe(401)
    expect((await rest('POST', '/api/companies/rattachements', en.opcoA, { siret: siretValide(11111111) })).status).toBe(403)
    for (const corps of [{}, { siret: '' }, { siret: 123 }, { siret: '12345678901234' }, { siret: 'abc' }]) {
      const r = await rest('POST', '/api/companies/rattachements', c.entetes, corps)
      expect(r.status).toBe(400)
      expect(((await r.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/SIRET|siret/)
    }
    for (const corps of ['[]', 'null', '"x"', '{']) {
      const r = await fetch(`${s.url}/api/companies/rattachements`, { method: 'POST', headers: { ...c.entetes, 'Content-Type': 'application/json' }, body: corps })
      expect(r.status).toBe(400)
    }
    const inconnu = await rest('POST', '/api/companies/rattachements', c.entetes, { siret: siretValide(99999999) })
    expect(inconnu.status).toBe(404)
    expect(((await inconnu.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/Aucune entreprise/)
    // Already attached: nothing to ask.
    expect((await rest('POST', '/api/companies/rattachements', en.userA, { siret: siretValide(11111111) })).status).toBe(409)
    expect(await lignes()).toHaveLength(0)
  })

  let demandeur: { id: number; entetes: Record<string, string> }
  let idDemande: number

  it('enregistrée une fois (répétée, même en parallèle), en attente ; le demandeur, l’entreprise et l’équipe sont prévenus', async () => {
    demandeur = await personne('seconde.personne@test.fr')
    const r = await rest('POST', '/api/companies/rattachements', demandeur.entetes, { siret: ` ${siretValide(11111111).replace(/(\d{3})/g, '$1 ')}` })
    expect(r.status).toBe(201)
    const corps = (await r.json()) as { message: string; rattachement: { id: number; statut: string; company: number } }
    expect(corps.rattachement.statut).toBe('en_attente')
    expect(corps.message).toMatch(/enregistrée/)
    idDemande = corps.rattachement.id
    const encore = await Promise.all(Array.from({ length: 4 }, () => rest('POST', '/api/companies/rattachements', demandeur.entetes, { siret: siretValide(11111111) })))
    for (const e of encore) {
      expect(e.status).toBe(200)
      expect(((await e.json()) as { rattachement: { id: number } }).rattachement.id).toBe(idDemande)
    }
    expect((await lignes()).filter((l) => String(l.demandeur) === String(demandeur.id))).toHaveLength(1)
    expect(await emails('rattachement_demande')).toEqual(['seconde.personne@test.fr'])
    expect(await emails('rattachement_a_traiter')).toEqual([monde.userA.email])
    expect(await emails('rattachement_a_traiter_equipe')).toEqual([monde.admin.email])
  })

  it('en attente : le demandeur ne voit rien de l’entreprise ni de ses dossiers', async () => {
    await rienDeLEntreprise(demandeur.entetes)
  })

  it('qui voit la demande : le demandeur, les personnes de l’entreprise, l’équipe ; pas les autres', async () => {
    const vus = async (e: Record<string, string>) => ((await (await rest('GET', '/api/rattachements', e)).json()) as { docs?: { id: number }[] }).docs?.map((d) => d.id) ?? []
    expect(await vus(demandeur.entetes)).toEqual([idDemande])
    expect(await vus(en.userA)).toEqual([idDemande])
    expect(await vus(en.admin)).toEqual([idDemande])
    expect(await vus(en.userB)).toEqual([])
    expect(await vus(en.opcoA)).toEqual([])
    // Nobody writes the rows through the API, admins included: a decision also attaches the person.
    expect([403, 405]).toContain((await rest('PATCH', `/api/rattachements/${idDemande}`, en.admin, { statut: 'accepte' })).status)
    expect([403, 405]).toContain((await rest('POST', '/api/rattachements', en.userA, { demandeur: monde.userA.id, company: monde.companyB.id })).status)
  })

  it('ne décident ni le demandeur, ni une autre entreprise, ni un OPCO (404), ni un anonyme (401) ; id absurde 404', async () => {
    for (const e of [demandeur.entetes, en.userB, en.opcoA]) {
      expect((await rest('POST', `/api/companies/rattachements/${idDemande}/accepter`, e)).status).toBe(404)
    }
    expect((await rest('POST', `/api/companies/rattachements/${idDemande}/accepter`, {})).status).toBe(401)
    for (const id of ['abc', '0x1', '999999', '1e3']) expect((await rest('POST', `/api/companies/rattachements/${id}/accepter`, en.admin)).status).toBe(404)
    expect((await payload.findByID({ collection: 'rattachements', id: idDemande, depth: 0, overrideAccess: true })).statut).toBe('en_attente')
    expect(((await payload.findByID({ collection: 'users', id: demandeur.id, depth: 0, overrideAccess: true })) as { company?: unknown }).company ?? null).toBeNull()
  })

  it('acceptée par une personne de l’entreprise : rattaché, prévenu, puis dépose un dossier pour elle', async () => {
    const r = await rest('POST', `/api/companies/rattachements/${idDemande}/accepter`, en.userA)
    expect(r.status).toBe(200)
    expect(((await r.json()) as { rattachement: { statut: string } }).rattachement.statut).toBe('accepte')
    const ligne = await payload.findByID({ collection: 'rattachements', id: idDemande, depth: 0, overrideAccess: true })
    expect([ligne.statut, ligne.decidePar, typeof ligne.decideLe]).toEqual(['accepte', monde.userA.id, 'string'])
    expect(((await payload.findByID({ collection: 'users', id: demandeur.id, depth: 0, overrideAccess: true })) as { company?: unknown }).company).toBe(monde.companyA.id)
    expect(await emails('rattachement_accepte')).toEqual(['seconde.personne@test.fr'])
    expect(await emails('rattachement_accepte_entreprise')).toEqual([monde.userA.email])
    // Decided once.
    expect((await rest('POST', `/api/companies/rattachements/${idDemande}/refuser`, en.admin)).status).toBe(409)
    expect((await rest('POST', `/api/companies/rattachements/${idDemande}/accepter`, en.userA)).status).toBe(409)

    expect((await rest('GET', `/api/companies/${String(monde.companyA.id)}`, demandeur.entetes)).status).toBe(200)
    const d = await rest('POST', '/api/dossiers', demandeur.entetes, { typeFormation: 'formation', company: monde.companyA.id, beneficiaire: { nom: 'Petit', prenom: 'Jeanne' } })
    expect(d.status).toBe(201)
    const doc = ((await d.json()) as { doc: { id: number; company: unknown; owner: unknown } }).doc
    const relu = await payload.findByID({ collection: 'dossiers', id: doc.id, depth: 0, overrideAccess: true })
    expect([relu.company, relu.owner]).toEqual([monde.companyA.id, demandeur.id])
    // Their own dossiers only: the company's other dossiers stay their owners'.
    expect([403, 404]).toContain((await rest('GET', `/api/dossiers/${String(dossierA)}`, demandeur.entetes)).status)
  })

  it('refusée par l’équipe (avec motif) : toujours rien de l’entreprise, prévenu ; une nouvelle demande reste possible', async () => {
    const d = await personne('refusee@test.fr')
    const r = await rest('POST', '/api/companies/rattachements', d.entetes, { siret: siretValide(11111111) })
    const id = ((await r.json()) as { rattachement: { id: number } }).rattachement.id
    expect((await rest('POST', `/api/companies/rattachements/${id}/refuser`, en.admin, { motif: 123 })).status).toBe(400)
    const refus = await rest('POST', `/api/companies/rattachements/${id}/refuser`, en.admin, { motif: 'Personne inconnue du service RH.' })
    expect(refus.status).toBe(200)
    const ligne = await payload.findByID({ collection: 'rattachements', id, depth: 0, overrideAccess: true })
    expect([ligne.statut, ligne.decidePar, ligne.motif]).toEqual(['refuse', monde.admin.id, 'Personne inconnue du service RH.'])
    await rienDeLEntreprise(d.entetes)
    expect(await emails('rattachement_refuse')).toEqual(['refusee@test.fr'])
    expect((await rest('POST', `/api/companies/rattachements/${id}/accepter`, en.admin)).status).toBe(409)
    const encore = await rest('POST', '/api/companies/rattachements', d.entetes, { siret: siretValide(11111111) })
    expect(encore.status).toBe(201)
    expect(((await encore.json()) as { rattachement: { id: number } }).rattachement.id).not.toBe(id)
  })
})
