import type { PayloadRequest } from 'payload'
import { montantAttenduOpco, statutPaiementDossier } from '@/src/domain/paiements'
import type { Payment } from '@/src/payload-types'
import { appliquerTransitionSysteme } from '@/src/services/transition'

/**
 * Payments and their dossier: the payment already recorded under a payer's transfer reference
 * (idempotent recording), and the reconciliation that derives the dossier's `paymentStatus`.
 */

/**
 * The payment recorded under this payer and reference, or null. `dansLaTransaction`: read in the
 * request's transaction (before writing); false after a failed insert, whose transaction is gone,
 * to read what the winner committed.
 */
export async function paiementParReference(req: PayloadRequest, payeur: unknown, reference: unknown, dansLaTransaction: boolean): Promise<Payment | null> {
  if (typeof payeur !== 'string' || typeof reference !== 'string') return null
  const res = await req.payload.find({
    collection: 'payments',
    where: { and: [{ payeur: { equals: payeur } }, { reference: { equals: reference } }] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    ...(dansLaTransaction ? { req } : {}),
  })
  return res.docs[0] ?? null
}

/**
 * The dossier's `paymentStatus`, derived from its payments after every change, and the
 * automatic `paiement-complet` transition (facture → paye, 'systeme' actor, audited) once the
 * OPCO's payments cover what it owes (its issued invoices, else the validated amount).
 */
export async function rapprocherDossier(req: PayloadRequest, dossierId: number): Promise<void> {
  const dossier = await req.payload.findByID({ collection: 'dossiers', id: dossierId, depth: 0, req, overrideAccess: true, disableErrors: true })
  if (!dossier) return
  const paiements = await req.payload.find({ collection: 'payments', where: { dossier: { equals: dossierId } }, depth: 0, pagination: false, req, overrideAccess: true })
  const factures = await req.payload.find({ collection: 'invoices', where: { dossier: { equals: dossierId } }, depth: 0, pagination: false, req, overrideAccess: true })
  const attendu = montantAttenduOpco(dossier.montantValide, factures.docs)
  const statut = statutPaiementDossier(attendu, paiements.docs)
  if (dossier.paymentStatus !== statut) {
    await req.payload.update({ collection: 'dossiers', id: dossierId, data: { paymentStatus: statut }, depth: 0, req, overrideAccess: true })
  }
  if (dossier.status === 'facture' && (statut === 'paye' || statut === 'trop_percu')) {
    // A 409 here means another request moved the dossier first: nothing left to do.
    await appliquerTransitionSysteme(req, dossierId, 'paiement-complet')
  }
}
