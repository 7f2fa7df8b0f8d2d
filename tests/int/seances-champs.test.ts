/**
 * The session's times: Payload's own text checks (required) still run before the HH:MM format —
 * a missing time is a French validation error naming the field, never a database error.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { creerDossier, creerMonde } from '@/tests/helpers/fixtures'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'

let ctx: ContexteTest
let payload: Payload
let dossier: number

beforeAll(async () => {
  ctx = await demarrerPayload('seances-champs')
  payload = ctx.payload
  const monde = await creerMonde(payload)
  dossier = (await creerDossier(payload, monde, 'A', 'en_formation')).id
}, 120_000)
afterAll(async () => ctx?.fermer())

const creer = (data: Record<string, unknown>) =>
  payload.create({ collection: 'seances', data: { dossier, date: '2027-03-01', demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', dureeMinutes: 210, ...data } as never }).then(
    () => 'ok',
    (e: { name?: string; data?: { errors?: { path: string; message: string }[] } }) => `${e.name}: ${(e.data?.errors ?? []).map((x) => `${x.path} ${x.message}`).join(' ; ')}`,
  )

it('heure manquante, mal formée ou trop longue : erreur de validation sur le champ, rien d’écrit', async () => {
  expect(await creer({ heureDebut: undefined })).toMatch(/^ValidationError: heureDebut /)
  expect(await creer({ heureFin: '25:00' })).toBe('ValidationError: heureFin Heure au format HH:MM (par exemple 09:00).')
  expect(await creer({ heureFin: '12:30:00' })).toMatch(/^ValidationError: heureFin /)
  expect((await payload.count({ collection: 'seances' })).totalDocs).toBe(0)
  expect(await creer({ demiJournee: 'apres-midi', heureDebut: '14:00', heureFin: '17:30' })).toBe('ok')
})
