/**
 * Unread messages per reader on a real database (SQLite, and PostgreSQL with TEST_DB=postgres):
 * the SQL aggregate of the admin nav equals the pure rule (src/domain/messagesNonLus.ts) for
 * each admin, before and after read marks; one admin's reading clears nothing for another; the
 * beneficiary's marks clear the team's messages for the beneficiary only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, MOT_DE_PASSE, richText, type Monde } from '@/tests/helpers/fixtures'
import { messagesNonLus } from '@/src/services/workflow'
import { compterNonLus } from '@/src/domain/messagesNonLus'
import { lireFil, marquerLu, reperesDe } from '@/src/services/messagerie'

let ctx: ContexteTest
let monde: Monde
let admin2: { id: number | string; role: string; collection: string }

beforeAll(async () => {
  ctx = await demarrerPayload('messages-non-lus')
  monde = await creerMonde(ctx.payload)
  // As an authenticated user object (`collection` set), which the access rules require.
  admin2 = { ...((await ctx.payload.create({ collection: 'users', data: { email: 'admin2@test.fr', password: MOT_DE_PASSE, role: 'admin', nom: 'Deux', prenom: 'Admin' } as never })) as object), collection: 'users' } as never
})
afterAll(async () => ctx?.fermer())

describe('messages non lus : par lecteur, agrégat en base = règle pure', () => {
  it('chaque admin a son compteur ; lire un fil efface ses non-lus, pas ceux des autres ; idem côté bénéficiaire', async () => {
    const { payload } = ctx
    const ecrire = async (dossier: number | string, auteur: number | string) => {
      await payload.create({ collection: 'messages', data: { dossier, author: auteur, body: richText('…') } as never })
      await new Promise((r) => setTimeout(r, 5))
    }
    const A = monde.admin.id
    const U = monde.userA.id
    const [d1, d2, d3] = await Promise.all([creerDossier(payload, monde, 'A'), creerDossier(payload, monde, 'A'), creerDossier(payload, monde, 'A')])
    for (const a of [U, U]) await ecrire(d1!.id, a)
    for (const a of [U, A]) await ecrire(d2!.id, a)
    for (const a of [A, U, A, U, U]) await ecrire(d3!.id, a)

    const attendu = async (lecteur: { id: number | string }, admin: boolean) => {
      const tous = await payload.find({ collection: 'messages', pagination: false, depth: 0 })
      const admins = new Set([String(A), String(admin2.id)])
      const reperes = await reperesDe(payload, lecteur, [d1!.id, d2!.id, d3!.id])
      return compterNonLus(
        tous.docs.map((m) => ({ dossier: m.dossier as number, date: String(m.createdAt), auteur: m.author as number, parAdmin: admins.has(String(m.author)) })),
        { id: lecteur.id, admin },
        reperes,
      )
    }

    // Admin 1 answered on d2 and d3: his own messages count as read marks.
    expect((await messagesNonLus(payload, { id: A })).parDossier).toEqual({ [String(d1!.id)]: 2, [String(d3!.id)]: 2 })
    expect((await messagesNonLus(payload, { id: A })).parDossier).toEqual(await attendu({ id: A }, true))
    // Admin 2 never wrote: every beneficiary message is unread for him.
    expect((await messagesNonLus(payload, admin2)).parDossier).toEqual({ [String(d1!.id)]: 2, [String(d2!.id)]: 1, [String(d3!.id)]: 3 })

    // Admin 2 opens d3's thread: read up to its last message, for him only.
    const fil = await lireFil(payload, admin2, d3!.id)
    expect(fil).toHaveLength(5)
    expect(fil[4]).toMatchObject({ equipe: false, moi: false })
    expect(fil[4]!.dateAffichee).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
    await marquerLu(payload, admin2, d3!.id, fil[4]!.date)
    expect((await messagesNonLus(payload, admin2)).parDossier).toEqual({ [String(d1!.id)]: 2, [String(d2!.id)]: 1 })
    expect((await messagesNonLus(payload, admin2)).parDossier).toEqual(await attendu(admin2, true))
    expect((await messagesNonLus(payload, { id: A })).total).toBe(4)
    // Marking again, or with an older date, changes nothing (one row, never backwards).
    await marquerLu(payload, admin2, d3!.id, fil[0]!.date)
    await marquerLu(payload, admin2, d3!.id, fil[4]!.date)
    expect((await payload.count({ collection: 'lectures', where: { lecteur: { equals: admin2.id } } })).totalDocs).toBe(1)
    expect((await messagesNonLus(payload, admin2)).total).toBe(3)

    // A new beneficiary message after the mark is unread again.
    await ecrire(d3!.id, U)
    expect((await messagesNonLus(payload, admin2)).parDossier[String(d3!.id)]).toBe(1)

    // Beneficiary side: the team's messages on d3 after the beneficiary's last message... none
    // (he wrote last); on d2 the team answered: 1 unread until he opens the thread.
    const benef = { id: U, admin: false }
    expect(await attendu({ id: U }, false)).toEqual({ [String(d2!.id)]: 1 })
    const filBenef = await lireFil(payload, { ...(monde.userA as object), id: U, collection: 'users' } as never, d2!.id)
    expect(filBenef.map((m) => m.moi)).toEqual([true, false])
    expect(filBenef[1]!.auteur).toMatch(/équipe MonOPCO/)
    await marquerLu(payload, { id: U }, d2!.id, filBenef[1]!.date)
    expect(await attendu({ id: U }, benef.admin)).toEqual({})
    // …and the team's counts did not move.
    expect((await messagesNonLus(payload, admin2)).parDossier[String(d2!.id)]).toBe(1)
  })

  it('supprimer un dossier ouvert n’est pas bloqué par les repères de lecture', async () => {
    const { payload } = ctx
    const d = await creerDossier(payload, monde, 'A')
    await marquerLu(payload, { id: monde.admin.id }, d!.id, new Date().toISOString())
    await payload.delete({ collection: 'dossiers', id: d!.id })
    expect((await payload.find({ collection: 'dossiers', where: { id: { equals: d!.id } } })).totalDocs).toBe(0)
  })
})
