import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerPayload, type ContexteTest } from '../helpers/payload'
import { creerDossier, creerMonde, richText, type Monde } from '../helpers/fixtures'
import { messagesNonLus } from '../../collections/dossiers/workflowUi'
import { compterNonLus } from '../../src/domain/messagesNonLus'

let ctx: ContexteTest
let monde: Monde

beforeAll(async () => {
  ctx = await demarrerPayload('messages-non-lus')
  monde = await creerMonde(ctx.payload)
})
afterAll(async () => ctx?.fermer())

describe('messages non lus : agrégat en base', () => {
  it('donne le même résultat que la règle pure, dossier par dossier', async () => {
    const { payload } = ctx
    const ecrire = async (dossier: number | string, admin: boolean) => {
      await payload.create({ collection: 'messages', data: { dossier, author: admin ? monde.admin.id : monde.userA.id, body: richText('…') } as never })
      await new Promise((r) => setTimeout(r, 5))
    }
    const [d1, d2, d3] = await Promise.all([creerDossier(payload, monde, 'A'), creerDossier(payload, monde, 'A'), creerDossier(payload, monde, 'A')])
    for (const admin of [false, false]) await ecrire(d1!.id, admin)
    for (const admin of [false, true]) await ecrire(d2!.id, admin)
    for (const admin of [true, false, true, false, false]) await ecrire(d3!.id, admin)

    const resultat = await messagesNonLus(payload)
    expect(resultat.parDossier).toEqual({ [String(d1!.id)]: 2, [String(d3!.id)]: 2 })
    expect(resultat.total).toBe(4)

    const tous = await payload.find({ collection: 'messages', pagination: false, depth: 0 })
    const attendu = compterNonLus(tous.docs.map((m) => ({ dossier: m.dossier as number, date: String(m.createdAt), parAdmin: m.author === monde.admin.id })))
    expect(resultat.parDossier).toEqual(attendu)
  })
})
