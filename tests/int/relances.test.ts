/**
 * Daily reminders on a real database: each rule fires for the dossiers it concerns and for the
 * right people, users who opted out get only the essential one, and the job run twice on the
 * same day writes nothing the second time. Also: replaying a transition's event never adds a
 * second workflow e-mail.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq, type Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { executerRelances, TACHE_RELANCES } from '@/plugins/notifications/index'
import { publierEvenement } from '@/src/jobs/evenements'
import type { EvenementDossier } from '@/src/domain/workflow'

let ctx: ContexteTest
let payload: Payload
let monde: Monde
const JOUR = 86_400_000
const ilYa = (n: number) => new Date(Date.now() - n * JOUR).toISOString()
const dansJours = (n: number) => new Date(Date.now() + n * JOUR).toISOString().slice(0, 10)

type Ligne = { to: string; template: string; dossier: unknown; cle: string; text: string }
const relances = async () =>
  ((await payload.find({ collection: 'emails', where: { template: { like: 'relance_' } }, pagination: false, depth: 0, sort: 'id', overrideAccess: true })).docs as unknown as Ligne[])
const resume = (lignes: Ligne[], ids: Record<string, unknown>) => {
  const nom = Object.fromEntries(Object.entries(ids).map(([k, v]) => [String(v), k]))
  return lignes.map((l) => `${nom[String(l.dossier)] ?? '?'} ${l.template} → ${l.to}`).sort()
}

const ids: Record<string, unknown> = {}

beforeAll(async () => {
  ctx = await demarrerPayload('relances')
  payload = ctx.payload
  monde = await creerMonde(payload)
  // user.b has opted out of non-essential reminders.
  await payload.update({ collection: 'users', id: monde.userB.id, data: { recevoirRelances: false } as never })
  const mk = async (nom: string, cote: 'A' | 'B', status: string, extra: Record<string, unknown>) => {
    ids[nom] = (await creerDossier(payload, monde, cote, status, extra)).id
  }
  await mk('piecesA8j', 'A', 'pieces_demandees', { reponseOpcoDate: ilYa(8) })
  await mk('piecesA3j', 'A', 'pieces_demandees', { reponseOpcoDate: ilYa(3) })
  await mk('piecesB8j', 'B', 'pieces_demandees', { reponseOpcoDate: ilYa(8) })
  await mk('opcoA22j', 'A', 'envoye_opco', { envoiOpcoDate: ilYa(22) })
  await mk('opcoA10j', 'A', 'envoye_opco', { envoiOpcoDate: ilYa(10) })
  await mk('debutA10j', 'A', 'valide', { formation: { titre: 'Excel', dateDebut: dansJours(10), dateFin: dansJours(11) } })
  await mk('debutB5j', 'B', 'soumis', { formation: { titre: 'Compta', dateDebut: dansJours(5), dateFin: dansJours(6) } })
  await mk('debutA20j', 'A', 'valide', { formation: { titre: 'Excel', dateDebut: dansJours(20), dateFin: dansJours(21) } })
  await mk('debutEnvoye', 'A', 'envoye_opco', { envoiOpcoDate: ilYa(1), formation: { titre: 'Excel', dateDebut: dansJours(3), dateFin: dansJours(4) } })
  await mk('factureRetard', 'A', 'facture', { montantValide: 100000 })
  await mk('facturePayee', 'A', 'facture', { montantValide: 100000 })
  // The overdue one was invoiced 40 days ago (REMINDER_PAYMENT_DAYS = 30 without an invoice due date).
  await payload.db.updateOne({ collection: 'dossiers', id: ids.factureRetard as number, data: { updatedAt: ilYa(40) } })
  await payload.db.updateOne({ collection: 'dossiers', id: ids.facturePayee as number, data: { updatedAt: ilYa(40), paymentStatus: 'paye' } })
})
afterAll(async () => ctx?.fermer())

describe('relances quotidiennes', () => {
  it('chaque règle, aux bonnes personnes ; la désinscription ne coupe que les rappels non essentiels', async () => {
    await payload.jobs.queue({ task: TACHE_RELANCES as never, input: {} as never })
    await payload.jobs.run()
    expect(resume(await relances(), ids)).toEqual(
      [
        'piecesA8j relance_pieces → user.a@test.fr',
        'opcoA22j relance_opco → admin@test.fr',
        'opcoA22j relance_opco → opco.a@test.fr',
        'debutA10j relance_debut_formation → admin@test.fr',
        'debutA10j relance_debut_formation → user.a@test.fr',
        'debutB5j relance_debut_formation → admin@test.fr',
        'debutB5j relance_debut_formation → user.b@test.fr',
        'factureRetard relance_paiement → admin@test.fr',
      ].sort(),
    )
    const [debut] = (await relances()).filter((l) => l.template === 'relance_debut_formation' && l.to === 'user.b@test.fr')
    expect(debut!.text).toContain('Ce rappel est essentiel')
  })

  it('relancé deux fois le même jour : rien la seconde fois', async () => {
    const avant = (await relances()).length
    await payload.jobs.queue({ task: TACHE_RELANCES as never, input: {} as never })
    await payload.jobs.run()
    expect((await relances()).length).toBe(avant)
    expect((await executerRelances(payload)).creees).toBe(0)
    expect((await relances()).length).toBe(avant)
  })

  it('la fenêtre suivante (N jours plus tard) relance de nouveau, une fois', async () => {
    const avant = await relances()
    const plusTard = new Date(Date.now() + 7 * JOUR)
    const r = await executerRelances(payload, plusTard)
    const nouvelles = (await relances()).slice(avant.length)
    // 15 days after the request: second window of the pieces reminder; start-date reminders are once per start date.
    expect(resume(nouvelles, ids)).toContain('piecesA8j relance_pieces → user.a@test.fr')
    expect(resume(nouvelles, ids).filter((l) => l.includes('relance_debut_formation'))).toEqual(
      ['debutA20j relance_debut_formation → admin@test.fr', 'debutA20j relance_debut_formation → user.a@test.fr'].sort(),
    )
    expect(r.creees).toBe(nouvelles.length)
    expect((await executerRelances(payload, plusTard)).creees).toBe(0)
  })
})

describe('événement rejoué', () => {
  it('publier deux fois le même événement n’écrit qu’une ligne par destinataire', async () => {
    const d = await creerDossier(payload, monde, 'A', 'soumis')
    const req = await createLocalReq({}, payload)
    const evenement: EvenementDossier = {
      type: 'dossier.submit',
      dossier: d.id,
      statutPrecedent: 'brouillon',
      statutCible: 'soumis',
      acteur: { role: 'user', id: monde.userA.id },
      date: new Date().toISOString(),
    }
    await publierEvenement(req, evenement)
    await publierEvenement(req, evenement)
    const lignes = await payload.find({ collection: 'emails', where: { dossier: { equals: d.id } }, pagination: false, depth: 0, overrideAccess: true })
    expect(lignes.docs.map((l) => `${l.template} → ${l.to}`).sort()).toEqual(
      ['accuse_reception → claire@exemple.fr', 'accuse_reception → user.a@test.fr', 'nouveau_dossier_equipe → admin@test.fr'].sort(),
    )
  })
})
