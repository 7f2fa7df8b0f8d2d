/**
 * Issue 13, item 8 over real HTTP: a beneficiary submits only with « je certifie » (422 in French
 * without it, nothing written; recorded in the audit log with it), the team is not asked; the
 * dossier list finds a dossier by its company's name and by its SIRET (admin list search and REST).
 * Runs on SQLite, and on PostgreSQL with TEST_DB=postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerServeur, entetesDuMonde, type ActeurDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { siretValide } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let monde: Monde
let h: Record<ActeurDuMonde | 'anonyme', Record<string, string>>

beforeAll(async () => {
  s = await demarrerServeur('certification-recherche')
  monde = await creerMonde(s.payload)
  h = await entetesDuMonde(s.url, monde)
}, 180_000)
afterAll(async () => s?.arreter())

const soumettre = (qui: ActeurDuMonde, id: unknown, parametres: Record<string, unknown>) =>
  fetch(`${s.url}/api/dossiers/${id}/transition`, { method: 'POST', headers: { ...h[qui], 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'submit', ...parametres }) })

describe('« je certifie l’exactitude des informations » au dépôt', () => {
  it('le bénéficiaire sans la case : 422 en français, le dossier reste un brouillon', async () => {
    const d = await creerDossier(s.payload, monde, 'A')
    for (const parametres of [{}, { certification: false }, { certification: 'true' }, { certification: 1 }]) {
      const res = await soumettre('userA', d.id, parametres)
      expect(res.status).toBe(422)
      const corps = (await res.json()) as { errors: { message: string; manquants?: string[] }[] }
      expect(corps.errors[0]!.message).toMatch(/cochez « Je certifie l'exactitude des informations de ce dossier »/)
      expect(corps.errors[0]!.manquants).toContain('certification')
    }
    const relu = await s.payload.findByID({ collection: 'dossiers', id: d.id, depth: 0 })
    expect(relu.status).toBe('brouillon')
    const journal = await s.payload.find({ collection: 'logs', where: { documentId: { equals: String(d.id) }, action: { equals: 'transition' } } })
    expect(journal.totalDocs).toBe(0)
  })

  it('avec la case : accepté, et la certification est au journal avec la transition', async () => {
    const d = await creerDossier(s.payload, monde, 'A')
    const res = await soumettre('userA', d.id, { certification: true })
    expect(res.status).toBe(200)
    expect((await s.payload.findByID({ collection: 'dossiers', id: d.id, depth: 0 })).status).toBe('soumis')
    const journal = await s.payload.find({ collection: 'logs', where: { documentId: { equals: String(d.id) }, action: { equals: 'transition' } } })
    expect(journal.docs).toHaveLength(1)
    expect(journal.docs[0]!.changes).toMatchObject({ action: 'submit', certification: { texte: "Je certifie l'exactitude des informations de ce dossier.", date: expect.any(String) } })
  })

  it('un dossier incomplet sans la case : les deux manques dans la même réponse', async () => {
    const d = await creerDossier(s.payload, monde, 'A', 'brouillon', { coutTotalHT: null })
    const res = await soumettre('userA', d.id, {})
    expect(res.status).toBe(422)
    const corps = (await res.json()) as { errors: { message: string; manquants: string[] }[] }
    expect(corps.errors[0]!.manquants).toEqual(expect.arrayContaining(['coutTotalHT', 'certification']))
  })

  it("l'équipe qui dépose pour le bénéficiaire n'a pas à certifier", async () => {
    const d = await creerDossier(s.payload, monde, 'A')
    expect((await soumettre('admin', d.id, {})).status).toBe(200)
  })

  it('un autre compte reçoit toujours 404, avec ou sans la case', async () => {
    const d = await creerDossier(s.payload, monde, 'A')
    expect((await soumettre('userB', d.id, { certification: true })).status).toBe(404)
    expect((await soumettre('userB', d.id, {})).status).toBe(404)
  })
})

describe('recherche de dossiers par entreprise', () => {
  let reference = ''
  let autre = ''
  beforeAll(async () => {
    reference = String((await creerDossier(s.payload, monde, 'A')).reference)
    autre = String((await creerDossier(s.payload, monde, 'B')).reference)
  })

  it.each([
    ['la raison sociale', 'Alpha Conseil'],
    ['une partie de la raison sociale, sans la casse', 'alpha'],
    ['le SIRET', siretValide(11111111)],
  ])('la liste du panneau trouve un dossier par %s', async (_quoi, recherche) => {
    const res = await fetch(`${s.url}/admin/collections/dossiers?search=${encodeURIComponent(recherche)}&limit=100`, { headers: h.admin })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(reference)
    expect(html).not.toContain(autre)
  })

  it('REST : le même filtre sur company.raisonSociale', async () => {
    const res = await fetch(`${s.url}/api/dossiers?where[company.raisonSociale][like]=${encodeURIComponent('Alpha Conseil')}&depth=0&limit=100`, { headers: h.admin })
    expect(res.status).toBe(200)
    const refs = ((await res.json()) as { docs: { reference: string }[] }).docs.map((d) => d.reference)
    expect(refs).toContain(reference)
    expect(refs).not.toContain(autre)
  })
})
