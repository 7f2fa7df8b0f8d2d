import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { REGEX_REFERENCE_DOSSIER } from '@/src/domain/reference'

let ctx: ContexteTest
let payload: Payload
let monde: Monde

beforeAll(async () => {
  ctx = await demarrerPayload('dossiers')
  payload = ctx.payload
  monde = await creerMonde(payload)
})
afterAll(async () => ctx?.fermer())

describe('dossiers (Local API, base réelle)', () => {
  it('attribue une référence MO-<année>-<6 chiffres> et le statut brouillon par défaut', async () => {
    const d = await payload.create({ collection: 'dossiers', data: { typeFormation: 'bilan' } as never })
    expect(d.reference).toMatch(REGEX_REFERENCE_DOSSIER)
    expect(d.reference!.startsWith(`MO-${new Date().getUTCFullYear()}-`)).toBe(true)
    expect(d.status).toBe('brouillon')
  })

  it('garde des références uniques sous concurrence (20 créations simultanées)', async () => {
    const crees = await Promise.all(Array.from({ length: 20 }, () => creerDossier(payload, monde, 'A')))
    const refs = new Set(crees.map((d) => d.reference))
    expect(refs.size).toBe(20)
  })

  it("impose le propriétaire au créateur quand c'est un bénéficiaire", async () => {
    const d = await payload.create({
      collection: 'dossiers',
      data: { typeFormation: 'formation', company: monde.companyA.id } as never,
      user: monde.userA,
      overrideAccess: false,
    })
    expect(d.owner && typeof d.owner === 'object' ? d.owner.id : d.owner).toBe(monde.userA.id)
  })

  it('refuse les montants négatifs ou fractionnaires sans rien écrire', async () => {
    const avant = await payload.count({ collection: 'dossiers' })
    await expect(creerDossier(payload, monde, 'A', 'brouillon', { coutTotalHT: -5 })).rejects.toThrow()
    await expect(creerDossier(payload, monde, 'A', 'brouillon', { coutTotalHT: 12.5 })).rejects.toThrow()
    await expect(creerDossier(payload, monde, 'A', 'brouillon', { status: 'inconnu' })).rejects.toThrow()
    expect((await payload.count({ collection: 'dossiers' })).totalDocs).toBe(avant.totalDocs)
  })
})

describe('identifiants', () => {
  it("ne réutilise jamais l'identifiant d'un dossier supprimé (le journal y fait référence)", async () => {
    const d = await creerDossier(payload, monde, 'A')
    await payload.delete({ collection: 'dossiers', id: d.id })
    const suivant = await creerDossier(payload, monde, 'A')
    expect(Number(suivant.id)).toBeGreaterThan(Number(d.id))
  })
})

describe("journal d'audit", () => {
  it('enregistre création, modification (avant → après) et suppression', async () => {
    const d = await creerDossier(payload, monde, 'B')
    await payload.update({ collection: 'dossiers', id: d.id, data: { coutTotalHT: 99900 } as never })
    await payload.delete({ collection: 'dossiers', id: d.id })
    const logs = await payload.find({ collection: 'logs', where: { documentId: { equals: String(d.id) }, collectionSlug: { equals: 'dossiers' } }, sort: 'createdAt', limit: 10 })
    expect(logs.docs.map((l) => l.action)).toEqual(['create', 'update', 'delete'])
    expect((logs.docs[1]!.changes as Record<string, { avant: unknown; apres: unknown }>).coutTotalHT).toEqual({ avant: 140000, apres: 99900 })
  })

  it('ne laisse personne modifier ni supprimer une entrée, même le code serveur', async () => {
    const log = (await payload.find({ collection: 'logs', limit: 1 })).docs[0]!
    await expect(payload.update({ collection: 'logs', id: log.id, data: { ip: '1.2.3.4' } as never })).rejects.toThrow(/ajout seul/)
    await expect(payload.delete({ collection: 'logs', id: log.id })).rejects.toThrow(/ajout seul/)
    const relu = await payload.findByID({ collection: 'logs', id: log.id })
    expect(relu.ip).toBe(log.ip)
  })

  it("ne journalise jamais le mot de passe ni le hash", async () => {
    const u = await payload.create({ collection: 'users', data: { email: 'secret@test.fr', password: 'Un-mot-de-passe-long', role: 'user' } as never })
    const logs = await payload.find({ collection: 'logs', where: { documentId: { equals: String(u.id) }, collectionSlug: { equals: 'users' } } })
    const json = JSON.stringify(logs.docs)
    expect(json).not.toMatch(/Un-mot-de-passe-long|"hash"|"salt"/)
    expect(logs.docs).toHaveLength(1)
  })
})

describe('suppression', () => {
  it("un dossier qui a des pièces ne se supprime pas (409, rien d'effacé) ; un dossier vide, si", async () => {
    const { ajouterDocumentsEnvoi } = await import('@/tests/helpers/fixtures')
    const plein = await creerDossier(payload, monde, 'A', 'valide')
    await ajouterDocumentsEnvoi(payload, plein.id)
    await expect(payload.delete({ collection: 'dossiers', id: plein.id })).rejects.toMatchObject({ status: 409 })
    expect((await payload.findByID({ collection: 'dossiers', id: plein.id })).id).toBe(plein.id)
    // Convention, demande de prise en charge, and the signed convention (ajouterDocumentsEnvoi signs it).
    expect((await payload.count({ collection: 'documents', where: { dossier: { equals: plein.id } } })).totalDocs).toBe(3)
    const vide = await creerDossier(payload, monde, 'A')
    await payload.delete({ collection: 'dossiers', id: vide.id })
    expect((await payload.count({ collection: 'dossiers', where: { id: { equals: vide.id } } })).totalDocs).toBe(0)
  })
})

describe('documents envoyés', () => {
  it("un document parti en pièce jointe d'un e-mail ne se supprime pas (409), les autres si", async () => {
    const { ajouterDocumentsEnvoi } = await import('@/tests/helpers/fixtures')
    const d = await creerDossier(payload, monde, 'A', 'valide')
    await ajouterDocumentsEnvoi(payload, d.id)
    // The signature request points to the convention (which it protects): not what this test is about.
    await payload.delete({ collection: 'signatures-convention', where: { dossier: { equals: d.id } } })
    const [joint, libre] = (await payload.find({ collection: 'documents', where: { and: [{ dossier: { equals: d.id } }, { documentType: { not_equals: 'convention_signee' } }] }, depth: 0 })).docs
    await payload.create({ collection: 'emails', data: { to: 'opco@exemple.fr', template: 'envoi_opco', subject: 'Dossier', dossier: d.id, pieceJointe: joint!.id } as never })
    await expect(payload.delete({ collection: 'documents', id: joint!.id })).rejects.toMatchObject({ status: 409 })
    await payload.delete({ collection: 'documents', id: libre!.id })
    const restants = (await payload.find({ collection: 'documents', where: { and: [{ dossier: { equals: d.id } }, { documentType: { not_equals: 'convention_signee' } }] }, depth: 0 })).docs
    expect(restants.map((x) => x.id)).toEqual([joint!.id])
  })
})

describe('références sans trou', () => {
  it('une création refusée — par les contrôles d’entrée ou par une règle du champ — ne consomme pas de numéro', async () => {
    const numero = (ref: string) => Number(ref.slice(-6))
    const avant = await creerDossier(payload, monde, 'A')
    // Past the input checks, refused by the field's own rule (end before start), after the collection's hooks.
    await expect(creerDossier(payload, monde, 'A', 'brouillon', { formation: { titre: 'X', dateDebut: '2027-03-02', dateFin: '2027-03-01' } })).rejects.toThrow(/date de fin/i)
    // Refused by the input checks: an impossible date, an unsafe amount, a dangling relation.
    await expect(creerDossier(payload, monde, 'A', 'brouillon', { formation: { dateDebut: '2027-02-30' } })).rejects.toThrow()
    await expect(creerDossier(payload, monde, 'A', 'brouillon', { coutTotalHT: 2 ** 53 })).rejects.toThrow()
    await expect(creerDossier(payload, monde, 'A', 'brouillon', { opco: 999_999 })).rejects.toThrow(/OPCO/)
    const apres = await creerDossier(payload, monde, 'A')
    expect(numero(apres.reference!) - numero(avant.reference!)).toBe(1)
  })
})
