/**
 * Posting a message with an `Idempotency-Key` header: a retried (or doubled) request makes one
 * row, even 20 at once; the same key with another message is refused; keys belong to their author.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerServeur, entetesDuMonde, type ActeurDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, richText, type Monde } from '@/tests/helpers/fixtures'

type Id = number | string
let s: ServeurDeTest
let monde: Monde
let h: Record<ActeurDuMonde | 'anonyme', Record<string, string>>
let dossier: Id

beforeAll(async () => {
  s = await demarrerServeur('messages-idempotence')
  monde = await creerMonde(s.payload)
  h = await entetesDuMonde(s.url, monde)
  dossier = (await creerDossier(s.payload, monde, 'A')).id
})
afterAll(async () => s?.arreter())

const poster = (acteur: ActeurDuMonde, texte: string, cle?: string) =>
  fetch(`${s.url}/api/messages`, {
    method: 'POST',
    headers: { ...h[acteur], 'Content-Type': 'application/json', ...(cle !== undefined ? { 'Idempotency-Key': cle } : {}) },
    body: JSON.stringify({ dossier, body: richText(texte) }),
  })
const compter = async () => (await s.payload.count({ collection: 'messages', where: { dossier: { equals: dossier } }, overrideAccess: true })).totalDocs

describe('POST /api/messages avec Idempotency-Key', () => {
  it('20 envois simultanés avec la même clé : une seule ligne, le même message rendu à tous', async () => {
    const avant = await compter()
    const reponses = await Promise.all(Array.from({ length: 20 }, () => poster('userA', 'Bonjour, voici le devis.', 'envoi-devis-0001')))
    const statuts = reponses.map((r) => r.status)
    expect(statuts.every((st) => st === 200 || st === 201)).toBe(true)
    expect(statuts.filter((st) => st === 201)).toHaveLength(1)
    const ids = new Set(await Promise.all(reponses.map(async (r) => ((await r.json()) as { doc: { id: Id } }).doc.id)))
    expect(ids.size).toBe(1)
    expect(await compter()).toBe(avant + 1)
    // A later retry gets the same message back.
    const plusTard = await poster('userA', 'Bonjour, voici le devis.', 'envoi-devis-0001')
    expect(plusTard.status).toBe(200)
    expect(((await plusTard.json()) as { doc: { id: Id } }).doc.id).toBe([...ids][0])
    expect(await compter()).toBe(avant + 1)
  })

  it('la même clé pour un autre message : 422, rien de plus', async () => {
    expect((await poster('userA', 'Premier message.', 'cle-reutilisee')).status).toBe(201)
    const avant = await compter()
    const res = await poster('userA', 'Un tout autre message.', 'cle-reutilisee')
    expect(res.status).toBe(422)
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/clé d.idempotence/i)
    expect(await compter()).toBe(avant)
  })

  it("une clé appartient à son auteur ; sans clé, chaque envoi crée un message", async () => {
    expect((await poster('userA', 'Question sur le devis.', 'partagee')).status).toBe(201)
    expect((await poster('admin', 'Question sur le devis.', 'partagee')).status).toBe(201)
    const avant = await compter()
    expect((await poster('userA', 'Sans clé.')).status).toBe(201)
    expect((await poster('userA', 'Sans clé.')).status).toBe(201)
    expect(await compter()).toBe(avant + 2)
  })

  it('refuse une clé vide, trop longue ou non imprimable (400), et toujours le dossier d’un autre (403/404)', async () => {
    const avant = await compter()
    for (const cle of ['', 'x'.repeat(300), 'clé-accentuée', 'avec espace']) expect((await poster('userA', 'Mauvaise clé.', cle)).status).toBe(400)
    expect(await compter()).toBe(avant)
    const autre = await poster('userB', 'Intrus.', 'intrus-1')
    expect([403, 404]).toContain(autre.status)
    expect(await compter()).toBe(avant)
  })
})
