import type { Dossier } from '@/src/payload-types'
/**
 * POST /api/dossiers/:id/estimation (the portal's live estimate): the same figures as the
 * estimate stored on save, for whoever may read the dossier, nothing written; bad input → 400,
 * anonymous → 401, someone else's or an unknown dossier → 404.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
type Qui = 'admin' | 'userA' | 'userB' | 'opcoA'
const auth = {} as Record<Qui, Record<string, string>>
let dossier: Dossier

const estimer = (qui: Qui | null, id: unknown, corps: string) =>
  fetch(`${s.url}/api/dossiers/${String(id)}/estimation`, { method: 'POST', headers: { ...(qui ? auth[qui] : {}), 'Content-Type': 'application/json' }, body: corps })

beforeAll(async () => {
  s = await demarrerServeur('estimation')
  payload = s.payload
  monde = await creerMonde(payload)
  // A rule of OPCO A: 50 € HT per hour, companies under 11.
  await payload.update({
    collection: 'opcos',
    id: monde.opcoA.id,
    data: { reglesFinancement: [{ libelle: 'Test', annee: 2027, typeFormation: 'formation', effectifMin: 0, effectifMax: 10, plafondHoraireHT: 5000, exemple: true }] } as never,
  })
  Object.assign(auth, await entetesDuMonde(s.url, monde))
  dossier = await creerDossier(payload, monde, 'A')
})
afterAll(async () => s?.arreter())

describe('estimation pendant la saisie', () => {
  it('donne les chiffres que l’enregistrement donnerait, sans rien écrire', async () => {
    const avant = await payload.findByID({ collection: 'dossiers', id: dossier.id, depth: 0 })
    const res = await estimer('userA', dossier.id, JSON.stringify({ coutTotalHT: 200000 }))
    expect(res.status).toBe(200)
    const corps = (await res.json()) as { montantEstime: number | null; estimationFinancement: { resteACharge: number | null } }
    const apres = await payload.findByID({ collection: 'dossiers', id: dossier.id, depth: 0 })
    expect(apres.updatedAt).toBe(avant.updatedAt)
    expect(apres.coutTotalHT).toBe(avant.coutTotalHT)
    // Saving that cost gives the same figures.
    const enregistre = await payload.update({ collection: 'dossiers', id: dossier.id, data: { coutTotalHT: 200000 } as never })
    expect(corps.montantEstime).toBe(enregistre.montantEstime)
    expect(corps.estimationFinancement.resteACharge).toBe((enregistre.estimationFinancement as { resteACharge: number | null }).resteACharge)
    expect(corps.montantEstime).toBe(70000)
    expect(corps.estimationFinancement.resteACharge).toBe(130000)
  })

  it('les heures tapées comptent aussi', async () => {
    const res = await estimer('admin', dossier.id, JSON.stringify({ coutTotalHT: 200000, dureeHeures: 10 }))
    expect(res.status).toBe(200)
    expect(((await res.json()) as { montantEstime: number }).montantEstime).toBe(50000)
  })

  it('401 anonyme, 404 pour qui ne voit pas le dossier, 400 pour un identifiant absurde', async () => {
    expect((await estimer(null, dossier.id, '{}')).status).toBe(401)
    for (const qui of ['userB', 'opcoA'] as Qui[]) expect((await estimer(qui, dossier.id, '{"coutTotalHT":100}')).status).toBe(404)
    // An id that cannot name a dossier is a 400 (src/endpoints/endpoint.ts); an unknown one a 404.
    for (const id of ['abc', '999999', '1e3', '-1']) expect({ id, status: (await estimer('admin', id, '{"coutTotalHT":100}')).status }).toEqual({ id, status: id === '999999' ? 404 : 400 })
  })

  it.each([
    ['JSON mal formé', '{"coutTotalHT":'],
    ['pas un objet', '[1,2]'],
    ['vide', ''],
    ['champ inconnu', '{"montantValide":1}'],
    ['montant négatif', '{"coutTotalHT":-1}'],
    ['montant non entier', '{"coutTotalHT":10.5}'],
    ['montant en texte', '{"coutTotalHT":"1 400,00"}'],
    ['montant démesuré', '{"coutTotalHT":1e300}'],
    ['heures nulles', '{"dureeHeures":0}'],
    ['heures au quart', '{"dureeHeures":1.25}'],
    ['heures en texte', '{"dureeHeures":"14"}'],
  ])('400 : %s', async (_cas, corps) => {
    const res = await estimer('userA', dossier.id, corps)
    expect(res.status).toBe(400)
    const message = ((await res.json()) as { errors: { message: string }[] }).errors[0]!.message
    expect(message).toMatch(/[a-zé]/i)
    expect(message).not.toMatch(/undefined|NaN|stack/i)
  })
})
