/**
 * Bad input over real HTTP: malformed, missing, oversized, hostile, wrong type, another user's
 * ids. Each gets a clear 4xx with a message, and the database is checked to be unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, richText, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let auth: Record<'admin' | 'userA' | 'userB', Record<string, string>>
let dossierA: { id: number | string }
let dossierB: { id: number | string }

beforeAll(async () => {
  s = await demarrerServeur('bad-input')
  payload = s.payload
  monde = await creerMonde(payload)
  dossierA = await creerDossier(payload, monde, 'A')
  dossierB = await creerDossier(payload, monde, 'B')
  auth = {
    admin: { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` },
    userA: { Authorization: `JWT ${await connecter(s.url, monde.userA.email, MOT_DE_PASSE)}` },
    userB: { Authorization: `JWT ${await connecter(s.url, monde.userB.email, MOT_DE_PASSE)}` },
  }
})
afterAll(async () => s?.arreter())

const envoyer = (methode: string, chemin: string, qui: keyof typeof auth, body: unknown) =>
  fetch(`${s.url}${chemin}`, {
    method: methode,
    headers: { ...auth[qui], 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const compter = async (collection: 'dossiers' | 'companies' | 'documents' | 'messages') => (await payload.count({ collection })).totalDocs

async function attendreRefus(res: Response, statuts: number[], motif?: RegExp): Promise<string> {
  const texte = await res.text()
  expect({ status: res.status, texte }).toEqual({ status: statuts.includes(res.status) ? res.status : statuts[0], texte })
  const message = (JSON.parse(texte) as { errors?: { message: string; data?: unknown }[] }).errors?.map((e) => `${e.message} ${JSON.stringify(e.data ?? '')}`).join(' ') ?? ''
  expect(message.length).toBeGreaterThan(0)
  if (motif) expect(message).toMatch(motif)
  return message
}

describe('entreprises', () => {
  it.each([
    ['un SIRET à la clé fausse', { siret: '12345678900011', raisonSociale: 'X' }, /SIRET/],
    ['un SIRET trop court', { siret: '123', raisonSociale: 'X' }, /14 chiffres/],
    ['un SIRET non textuel', { siret: 12345678901234, raisonSociale: 'X' }, /SIRET/],
    ['une raison sociale manquante', { siret: '73282932000074' }, /raisonSociale|Raison sociale/i],
    ['un effectif négatif', { siret: '73282932000074', raisonSociale: 'X', effectif: -3 }, /ffectif/],
    ['un code NAF fantaisiste', { siret: '73282932000074', raisonSociale: 'X', codeNaf: 'ZZZ' }, /NAF/],
  ])('refuse %s (400) sans rien écrire', async (_cas, body, motif) => {
    const avant = await compter('companies')
    await attendreRefus(await envoyer('POST', '/api/companies', 'admin', body), [400], motif)
    expect(await compter('companies')).toBe(avant)
  })
})

describe('dossiers', () => {
  it.each([
    ['un montant négatif', { coutTotalHT: -5 }, /centimes/],
    ['un montant fractionnaire', { coutTotalHT: 12.5 }, /centimes/],
    ['un montant textuel', { coutTotalHT: 'mille' }, /centimes|nombre|number/i],
    ['un type de formation inconnu', { typeFormation: 'stage' }, /typeFormation|Type/],
    ['une durée négative', { formation: { dureeHeures: -2 } }, /heures|dureeHeures/i],
    ['une date illisible', { formation: { dateDebut: 'demain' } }, /date/i],
    ['une fin avant le début', { formation: { dateDebut: '2027-03-10', dateFin: '2027-03-01' } }, /postérieure/],
    ['un bénéficiaire de mauvais type', { beneficiaire: 'Jean' }, /./],
    ['un e-mail de bénéficiaire invalide', { beneficiaire: { email: 'pas-un-mail' } }, /mail/i],
  ])('refuse %s (400) sans rien écrire', async (_cas, extra, motif) => {
    const avant = await compter('dossiers')
    await attendreRefus(await envoyer('POST', '/api/dossiers', 'userA', { typeFormation: 'formation', ...extra }), [400], motif)
    expect(await compter('dossiers')).toBe(avant)
  })

  it('refuse un statut inconnu, même pour un admin (le statut ne se choisit pas à la création)', async () => {
    const avant = await compter('dossiers')
    await attendreRefus(await envoyer('POST', '/api/dossiers', 'admin', { typeFormation: 'formation', status: 'inconnu' }), [400, 403], /status|Statut/)
    expect(await compter('dossiers')).toBe(avant)
  })

  it('refuse au bénéficiaire les champs réservés (statut, montant validé, propriétaire)', async () => {
    for (const champ of [{ status: 'valide' }, { montantValide: 100 }, { owner: monde.userB.id }, { reference: 'MO-2026-999999' }]) {
      const avant = await compter('dossiers')
      await attendreRefus(await envoyer('POST', '/api/dossiers', 'userA', { typeFormation: 'formation', ...champ }), [403], /droit/)
      expect(await compter('dossiers')).toBe(avant)
    }
    const relu = await payload.findByID({ collection: 'dossiers', id: dossierA.id })
    await attendreRefus(await envoyer('PATCH', `/api/dossiers/${dossierA.id}`, 'userA', { status: 'valide' }), [403])
    expect((await payload.findByID({ collection: 'dossiers', id: dossierA.id })).status).toBe(relu.status)
  })

  it("refuse l'entreprise d'un autre", async () => {
    const avant = await compter('dossiers')
    await attendreRefus(await envoyer('POST', '/api/dossiers', 'userA', { typeFormation: 'formation', company: monde.companyB.id }), [403], /propre entreprise/)
    expect(await compter('dossiers')).toBe(avant)
  })

  it("ne laisse ni lire, ni modifier, ni filtrer les dossiers d'un autre", async () => {
    expect([403, 404]).toContain((await fetch(`${s.url}/api/dossiers/${dossierB.id}`, { headers: auth.userA })).status)
    const avant = await payload.findByID({ collection: 'dossiers', id: dossierB.id })
    expect([403, 404]).toContain((await envoyer('PATCH', `/api/dossiers/${dossierB.id}`, 'userA', { coutTotalHT: 1 })).status)
    expect((await payload.findByID({ collection: 'dossiers', id: dossierB.id })).coutTotalHT).toBe(avant.coutTotalHT)
    const liste = await fetch(`${s.url}/api/dossiers?where[owner][equals]=${monde.userB.id}`, { headers: auth.userA })
    expect(((await liste.json()) as { docs: unknown[] }).docs).toHaveLength(0)
  })

  it('répond 4xx, jamais 500, à des identifiants et filtres absurdes', async () => {
    for (const chemin of [
      '/api/dossiers/abc',
      '/api/dossiers/99999999',
      '/api/dossiers?where[status][equals]=inconnu',
      '/api/dossiers?where[coutTotalHT][greater_than]=abc',
      '/api/dossiers?where[nexistepas][equals]=1',
      '/api/dossiers?sort=nexistepas',
      '/api/dossiers?limit=-5',
      "/api/dossiers?where[reference][equals]=' OR 1=1 --",
    ]) {
      const res = await fetch(`${s.url}${chemin}`, { headers: auth.admin })
      expect({ chemin, status: res.status < 500 }).toEqual({ chemin, status: true })
    }
  })

  it('refuse un corps trop volumineux (413) sans rien écrire', async () => {
    const avant = await payload.findByID({ collection: 'dossiers', id: dossierA.id })
    const res = await envoyer('PATCH', `/api/dossiers/${dossierA.id}`, 'userA', { motifRefus: 'x'.repeat(3 * 1024 * 1024) })
    expect(res.status).toBe(413)
    expect((await payload.findByID({ collection: 'dossiers', id: dossierA.id })).updatedAt).toBe(avant.updatedAt)
  })

  it('GraphQL : montant négatif ou fractionnaire refusé avec un message, rien écrit', async () => {
    for (const montant of [-1, 10.5]) {
      const avant = await compter('dossiers')
      const res = await fetch(`${s.url}/api/graphql`, {
        method: 'POST',
        headers: { ...auth.userA, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: `mutation { createDossier(data: { typeFormation: formation, coutTotalHT: ${montant} }) { id } }` }),
      })
      const body = (await res.json()) as { errors?: { message: string; extensions?: { statusCode?: number } }[] }
      expect(body.errors?.[0]?.message).toBeTruthy()
      expect(body.errors?.[0]?.extensions?.statusCode).toBe(400)
      expect(await compter('dossiers')).toBe(avant)
    }
  })
})

// Documents (hostile files and names, other users' dossiers, file access): tests/security/uploads.test.ts.

describe('messages', () => {
  it("refuse un message sur le dossier d'un autre et un auteur imposé", async () => {
    const avant = await compter('messages')
    await attendreRefus(await envoyer('POST', '/api/messages', 'userA', { dossier: dossierB.id, body: richText('Bonjour') }), [403])
    await attendreRefus(await envoyer('POST', '/api/messages', 'userA', { dossier: dossierA.id, author: monde.userB.id, body: richText('Bonjour') }), [403])
    await attendreRefus(await envoyer('POST', '/api/messages', 'userA', { dossier: dossierA.id }), [400])
    expect(await compter('messages')).toBe(avant)
  })
})
