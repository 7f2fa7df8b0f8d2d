/**
 * The demo must work end to end, invoices included: every demo dossier that is « réalisé » can
 * be invoiced by the admin, which issues complete e-invoices (the OPCO's and the company's
 * SIRENs, the seller's VAT identifier for exempt and 293 B providers: EN 16931 checks run before
 * a number is given, src/services/facturation.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq, type PayloadRequest } from 'payload'
import { seedDemo } from '@/src/seed'
import { ErreurTransition, transitionnerDossier } from '@/src/services/transition'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'

let ctx: ContexteTest
let reqAdmin: () => Promise<PayloadRequest>

beforeAll(async () => {
  ctx = await demarrerPayload('demo-facturation')
  await seedDemo(ctx.payload)
  const admin = (await ctx.payload.find({ collection: 'users', where: { role: { equals: 'admin' } }, limit: 1, depth: 0 })).docs[0]
  reqAdmin = () => createLocalReq({ user: { ...admin, collection: 'users' } as never }, ctx.payload)
}, 180_000)
afterAll(async () => ctx?.fermer())

describe('facturation des dossiers de démonstration', () => {
  it('un OPCO sans SIRET : « Facturer » est refusé (422) avant que le dossier ne bouge, rien n’est écrit', async () => {
    const d = (await ctx.payload.find({ collection: 'dossiers', where: { and: [{ status: { equals: 'realise' } }, { subrogation: { not_equals: false } }] }, limit: 1, depth: 0 })).docs[0]
    expect(d).toBeDefined()
    if (!d) return
    const opcoId = typeof d.opco === 'object' && d.opco !== null ? d.opco.id : d.opco
    const opco = await ctx.payload.findByID({ collection: 'opcos', id: opcoId as number, depth: 0 })
    await ctx.payload.db.updateOne({ collection: 'opcos', id: opco.id, data: { siret: null } })
    if (typeof d.heuresRealisees !== 'number') {
      await ctx.payload.update({ collection: 'dossiers', id: d.id, data: { heuresRealisees: d.formation?.dureeHeures ?? 7 }, req: await reqAdmin(), overrideAccess: false })
    }
    const facturesAvant = (await ctx.payload.count({ collection: 'invoices' })).totalDocs
    const journalAvant = (await ctx.payload.count({ collection: 'logs' })).totalDocs
    try {
      const refus = await transitionnerDossier(await reqAdmin(), d.id, 'invoice', {}).then(
        () => null,
        (e: unknown) => e,
      )
      expect(refus).toBeInstanceOf(ErreurTransition)
      expect((refus as ErreurTransition).status).toBe(422)
      expect((refus as ErreurTransition).message).toContain('SIREN du client')
      expect((refus as ErreurTransition).complements.manquants).toContain('BR-FR-SIREN-ACHETEUR')
      for (let i = 0; i < 2; i++) await ctx.payload.jobs.run({ limit: 100 })
      expect((await ctx.payload.findByID({ collection: 'dossiers', id: d.id, depth: 0 })).status).toBe('realise')
      expect((await ctx.payload.count({ collection: 'invoices' })).totalDocs).toBe(facturesAvant)
      expect((await ctx.payload.count({ collection: 'logs' })).totalDocs).toBe(journalAvant)
    } finally {
      await ctx.payload.db.updateOne({ collection: 'opcos', id: opco.id, data: { siret: opco.siret } })
    }
  })

  it('chaque dossier réalisé de la démo se facture : factures émises et numérotées', async () => {
    const realises = await ctx.payload.find({ collection: 'dossiers', where: { status: { equals: 'realise' } }, pagination: false, depth: 0 })
    expect(realises.docs.length).toBeGreaterThan(0)
    for (const d of realises.docs) {
      // What the admin does first: the hours done, from the attendance sheets.
      if (typeof d.heuresRealisees !== 'number') {
        await ctx.payload.update({ collection: 'dossiers', id: d.id, data: { heuresRealisees: d.formation?.dureeHeures ?? 7 }, req: await reqAdmin(), overrideAccess: false })
      }
      const r = await transitionnerDossier(await reqAdmin(), d.id, 'invoice', {})
      expect(r).toBeDefined()
      // The `invoice` event is handled by the jobs queue (plugins/documents): run it as the worker does.
      for (let i = 0; i < 3; i++) await ctx.payload.jobs.run({ limit: 100 })
      const factures = await ctx.payload.find({ collection: 'invoices', where: { dossier: { equals: d.id } }, pagination: false, depth: 0 })
      expect(factures.docs.length).toBeGreaterThan(0)
      for (const f of factures.docs) {
        expect(f.statut).toBe('emise')
        expect(f.numero).toMatch(/^F-\d{4}-\d{5}$/)
      }
    }
  })
})
