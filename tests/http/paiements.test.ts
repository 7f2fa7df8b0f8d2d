/**
 * Payments over real HTTP: recording is idempotent (sequential and concurrent replays → one
 * row), a reused reference with other data is a 409, the dossier's paymentStatus follows its
 * payments, and a paid invoice moves the dossier to `paye` by itself (audited, 'systeme').
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
const auth: Record<'admin' | 'userA' | 'opcoA', Record<string, string>> = { admin: {}, userA: {}, opcoA: {} }

beforeAll(async () => {
  s = await demarrerServeur('paiements')
  payload = s.payload
  monde = await creerMonde(payload)
  auth.admin = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` }
  auth.userA = { Authorization: `JWT ${await connecter(s.url, monde.userA.email, MOT_DE_PASSE)}` }
  auth.opcoA = { Authorization: `JWT ${await connecter(s.url, monde.opcoUserA.email, MOT_DE_PASSE)}` }
})
afterAll(async () => s?.arreter())

const dossierFacture = (status = 'facture', montantValide = 120_000) => creerDossier(payload, monde, 'A', status, { montantValide, numeroDossierOpco: 'ATL-77' })

type Reponse = { status: number; body: { doc?: { id: unknown }; message?: string; errors?: { message: string }[]; dejaEnregistre?: boolean } }
const payer = async (dossier: unknown, montant: number, reference: string, qui: keyof typeof auth = 'admin', payeur = 'opco'): Promise<Reponse> => {
  const res = await fetch(`${s.url}/api/payments`, {
    method: 'POST',
    headers: { ...auth[qui], 'Content-Type': 'application/json' },
    body: JSON.stringify({ dossier, montant, date: '2027-04-02', payeur, reference }),
  })
  return { status: res.status, body: (await res.json()) as Reponse['body'] }
}
const compter = async (reference: string) => (await payload.count({ collection: 'payments', where: { reference: { equals: reference } } })).totalDocs
const relire = (id: unknown) => payload.findByID({ collection: 'dossiers', id: id as number, depth: 0 })

describe('enregistrement idempotent', () => {
  it('le même paiement envoyé deux fois : le même identifiant, une seule ligne', async () => {
    const d = await dossierFacture('realise')
    const premier = await payer(d.id, 30_000, 'VIR-SEQ-1')
    expect(premier.status).toBe(201)
    const second = await payer(d.id, 30_000, 'VIR-SEQ-1')
    expect(second.status).toBe(200)
    expect(second.body.doc?.id).toBe(premier.body.doc?.id)
    expect(second.body.dejaEnregistre).toBe(true)
    expect(second.body.message).toMatch(/déjà enregistré/)
    expect(await compter('VIR-SEQ-1')).toBe(1)
    // Same reference from the other payer is another payment.
    expect((await payer(d.id, 30_000, 'VIR-SEQ-1', 'admin', 'entreprise')).status).toBe(201)
  })

  it('la même référence pour un autre montant ou un autre dossier : 409 avec un message clair, rien écrit', async () => {
    const d = await dossierFacture('realise')
    const autre = await dossierFacture('realise')
    expect((await payer(d.id, 40_000, 'VIR-CONFLIT')).status).toBe(201)
    const montant = await payer(d.id, 41_000, 'VIR-CONFLIT')
    expect(montant.status).toBe(409)
    expect(montant.body.errors?.[0]?.message).toMatch(/VIR-CONFLIT.*montant est différent/)
    const dossier = await payer(autre.id, 40_000, 'VIR-CONFLIT')
    expect(dossier.status).toBe(409)
    expect(dossier.body.errors?.[0]?.message).toMatch(/autre dossier/)
    expect(await compter('VIR-CONFLIT')).toBe(1)
  })

  it("une modification qui reprend la référence d'un autre paiement : 409, pas 500", async () => {
    const d = await dossierFacture('realise')
    await payer(d.id, 1_000, 'VIR-MAJ-A')
    const b = await payer(d.id, 1_000, 'VIR-MAJ-B')
    const res = await fetch(`${s.url}/api/payments/${String(b.body.doc?.id)}`, { method: 'PATCH', headers: { ...auth.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ reference: 'VIR-MAJ-A' }) })
    expect(res.status).toBe(409)
    expect(JSON.stringify(await res.json())).toMatch(/VIR-MAJ-A/)
  })

  it('dix envois simultanés identiques : une seule ligne, une seule transition', async () => {
    const d = await dossierFacture('facture', 90_000)
    const reponses = await Promise.all(Array.from({ length: 10 }, () => payer(d.id, 90_000, 'VIR-CONCURRENT')))
    const codes = reponses.map((r) => r.status)
    expect(codes.filter((c) => c === 201)).toHaveLength(1)
    expect(codes.every((c) => c === 200 || c === 201)).toBe(true)
    expect(new Set(reponses.map((r) => r.body.doc?.id)).size).toBe(1)
    expect(await compter('VIR-CONCURRENT')).toBe(1)
    expect((await relire(d.id)).status).toBe('paye')
    const transitions = await payload.find({ collection: 'logs', where: { documentId: { equals: String(d.id) }, action: { equals: 'transition' } } })
    expect(transitions.totalDocs).toBe(1)
  })

  it('seul un admin enregistre un paiement (403 sinon, rien écrit)', async () => {
    const d = await dossierFacture('facture')
    expect((await payer(d.id, 1_000, 'VIR-USER', 'userA')).status).toBe(403)
    expect((await payer(d.id, 1_000, 'VIR-OPCO', 'opcoA')).status).toBe(403)
    expect(await compter('VIR-USER')).toBe(0)
    expect(await compter('VIR-OPCO')).toBe(0)
  })
})

describe('statut de paiement du dossier', () => {
  it('aucun → partiel → payé (le dossier facturé passe à « payé » tout seul) → trop-perçu, et retour après suppression', async () => {
    const d = await dossierFacture('facture', 120_000)
    expect((await relire(d.id)).paymentStatus).toBe('aucun')
    // The company's share does not cover what the OPCO committed.
    await payer(d.id, 20_000, 'VIR-ENT-1', 'admin', 'entreprise')
    expect((await relire(d.id)).paymentStatus).toBe('aucun')
    await payer(d.id, 50_000, 'VIR-ST-1')
    let relu = await relire(d.id)
    expect([relu.paymentStatus, relu.status]).toEqual(['partiel', 'facture'])
    await payer(d.id, 70_000, 'VIR-ST-2')
    relu = await relire(d.id)
    expect([relu.paymentStatus, relu.status]).toEqual(['paye', 'paye'])

    const journal = await payload.find({ collection: 'logs', where: { documentId: { equals: String(d.id) }, action: { equals: 'transition' } } })
    expect(journal.totalDocs).toBe(1)
    expect(journal.docs[0]).toMatchObject({ actorLabel: 'systeme', changes: { action: 'paiement-complet', status: { avant: 'facture', apres: 'paye' } } })
    const taches = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'evenementDossier' } }, limit: 1000, pagination: false })
    const evenements = taches.docs.map((j) => (j.input as { evenement: { type: string; dossier: unknown; acteur: { role: string } } }).evenement).filter((e) => String(e.dossier) === String(d.id))
    expect(evenements).toEqual([expect.objectContaining({ type: 'dossier.paiement-complet', acteur: expect.objectContaining({ role: 'systeme' }) })])

    const trop = await payer(d.id, 1_500, 'VIR-ST-3')
    relu = await relire(d.id)
    expect([relu.paymentStatus, relu.status]).toEqual(['trop_percu', 'paye'])
    await fetch(`${s.url}/api/payments/${String(trop.body.doc?.id)}`, { method: 'DELETE', headers: auth.admin })
    expect((await relire(d.id)).paymentStatus).toBe('paye')
  })

  it('trop-perçu signalé même avant la facture, sans changer le statut du dossier', async () => {
    const d = await dossierFacture('realise', 10_000)
    await payer(d.id, 12_000, 'VIR-AVANCE')
    const relu = await relire(d.id)
    expect([relu.paymentStatus, relu.status]).toEqual(['trop_percu', 'realise'])
  })

  it('le statut de paiement ne s’écrit pas à la main par un non-admin', async () => {
    const d = await creerDossier(payload, monde, 'A')
    const res = await fetch(`${s.url}/api/dossiers/${d.id}`, { method: 'PATCH', headers: { ...auth.userA, 'Content-Type': 'application/json' }, body: JSON.stringify({ paymentStatus: 'paye' }) })
    expect(res.status).toBe(403)
    expect((await relire(d.id)).paymentStatus).toBe('aucun')
  })
})
