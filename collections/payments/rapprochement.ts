import {
  APIError,
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionAfterDeleteHook,
  type CollectionAfterErrorHook,
  type CollectionBeforeOperationHook,
  type PayloadRequest,
} from 'payload'
import { idOf } from '@/src/access/roles'
import { comparerPaiement, montantAttenduOpco, statutPaiementDossier, type FactureRapprochee, type PaiementRapproche } from '@/src/domain/paiements'
import { appliquerTransitionSysteme } from '@/collections/dossiers/transition'
import { ERREUR_TRAITEE } from '@/hooks/erreurs'

type Doc = Record<string, unknown>

/** A second recording of an already recorded payment: answered with the existing one (200). */
export class PaiementDejaEnregistre extends APIError {
  constructor(public readonly paiement: Doc) {
    super(`Paiement déjà enregistré (n° ${String(paiement.id)}, même payeur et même référence) : aucun second enregistrement.`, 409, { paiementExistant: paiement.id }, true)
    this.name = 'PaiementDejaEnregistre'
  }
}

async function paiementExistant(req: PayloadRequest, payeur: unknown, reference: unknown, transaction: boolean): Promise<Doc | null> {
  if (typeof payeur !== 'string' || typeof reference !== 'string') return null
  const res = await req.payload.find({
    collection: 'payments',
    where: { and: [{ payeur: { equals: payeur } }, { reference: { equals: reference } }] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    ...(transaction ? { req } : {}),
  })
  return (res.docs[0] as Doc | undefined) ?? null
}

/**
 * Idempotent recording, first line: same payer + reference already recorded → the same
 * payment (PaiementDejaEnregistre, answered 200 with it) when dossier and amount agree,
 * 409 otherwise. Racing requests all pass this check: the unique index (payeur, reference)
 * then stops all but one, and `repondreDoublon` turns that violation into the same answers.
 */
export const verifierDoublon: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create') return args
  const data = (args as { data?: Doc }).data
  if (!data) return args
  const existant = await paiementExistant(req, data.payeur, data.reference, true)
  if (!existant) return args
  const c = comparerPaiement(existant, data)
  if (c.identique) throw new PaiementDejaEnregistre(existant)
  throw new APIError(c.message, 409, { paiementExistant: existant.id }, true)
}

const estViolationUnicite = (err: unknown): boolean =>
  err instanceof ValidationError && (err.data?.errors ?? []).some((e) => (e as { tableName?: string }).tableName === 'payments')

/** Second line (REST): maps a duplicate — found beforehand or stopped by the unique index — to 200 + the existing payment, or 409. */
export const repondreDoublon: CollectionAfterErrorHook = async (args) => {
  const reponse = await reponseDoublon(args)
  if (reponse) args.req.context[ERREUR_TRAITEE] = true
  return reponse
}

const reponseDoublon: CollectionAfterErrorHook = async ({ error, req }) => {
  const creation = req.method === 'POST'
  let existant: Doc | null = null
  if (error instanceof PaiementDejaEnregistre) existant = error.paiement
  else if (estViolationUnicite(error)) {
    const data = (req.data ?? {}) as Doc
    if (!creation) {
      return { status: 409, response: { errors: [{ message: `La référence « ${String(data.reference ?? '')} » est déjà celle d'un autre paiement de ce payeur : modification non enregistrée.` }] } }
    }
    // The failed transaction is gone: read what the winner committed.
    existant = await paiementExistant(req, data.payeur, data.reference, false)
    if (!existant) return undefined
    const c = comparerPaiement(existant, data)
    if (!c.identique) return { status: 409, response: { errors: [{ message: c.message, data: { paiementExistant: existant.id } }] } }
  } else return undefined
  const doc = await req.payload.findByID({ collection: 'payments', id: existant.id as number | string, user: req.user, overrideAccess: false, disableErrors: true })
  return {
    status: 200,
    response: { doc: doc ?? existant, message: `Paiement déjà enregistré (n° ${String(existant.id)}) : aucun second enregistrement.`, dejaEnregistre: true },
  }
}

/**
 * The dossier's `paymentStatus`, derived from its payments after every change, and the
 * automatic `paiement-complet` transition (facture → paye, 'systeme' actor, audited) once the
 * OPCO's payments cover what it owes (its issued invoices, else the validated amount).
 */
export async function rapprocherDossier(req: PayloadRequest, dossierId: number | string): Promise<void> {
  const dossier = (await req.payload.findByID({ collection: 'dossiers', id: dossierId, depth: 0, req, overrideAccess: true, disableErrors: true })) as Doc | null
  if (!dossier) return
  const paiements = await req.payload.find({ collection: 'payments', where: { dossier: { equals: dossierId } }, depth: 0, pagination: false, req, overrideAccess: true })
  const factures = await req.payload.find({ collection: 'invoices', where: { dossier: { equals: dossierId } }, depth: 0, pagination: false, req, overrideAccess: true })
  const attendu = montantAttenduOpco(dossier.montantValide as number | null, factures.docs as FactureRapprochee[])
  const statut = statutPaiementDossier(attendu, paiements.docs as PaiementRapproche[])
  if (dossier.paymentStatus !== statut) {
    await req.payload.update({ collection: 'dossiers', id: dossierId, data: { paymentStatus: statut } as never, depth: 0, req, overrideAccess: true })
  }
  if (dossier.status === 'facture' && (statut === 'paye' || statut === 'trop_percu')) {
    // A 409 here means another request moved the dossier first: nothing left to do.
    await appliquerTransitionSysteme(req, dossierId, 'paiement-complet')
  }
}

export const apresEcriture: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const dossiers = new Set<string | number>()
  const actuel = idOf(doc.dossier)
  if (actuel !== null) dossiers.add(actuel)
  const precedent = operation === 'update' ? idOf(previousDoc?.dossier) : null
  if (precedent !== null) dossiers.add(precedent)
  for (const d of dossiers) await rapprocherDossier(req, d)
  return doc
}

export const apresSuppression: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const d = idOf(doc.dossier)
  if (d !== null) await rapprocherDossier(req, d)
  return doc
}
