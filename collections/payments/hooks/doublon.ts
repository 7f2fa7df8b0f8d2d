import { APIError, ValidationError, type CollectionAfterErrorHook, type CollectionBeforeOperationHook } from 'payload'
import { comparerPaiement } from '@/src/domain/paiements'
import type { Payment } from '@/src/payload-types'
import { paiementParReference } from '@/src/services/paiements'
import { ERREUR_TRAITEE } from '@/hooks/erreurs'

/** What a create or an update sends: not validated yet (the duplicate check runs before). */
type Demande = Partial<Record<Exclude<keyof Payment, 'id'>, unknown>>

/** A second recording of an already recorded payment: answered with the existing one (200). */
export class PaiementDejaEnregistre extends APIError {
  constructor(public readonly paiement: Payment) {
    super(`Paiement déjà enregistré (n° ${String(paiement.id)}, même payeur et même référence) : aucun second enregistrement.`, 409, { paiementExistant: paiement.id }, true)
    this.name = 'PaiementDejaEnregistre'
  }
}

/**
 * Idempotent recording, first line: same payer + reference already recorded → the same
 * payment (PaiementDejaEnregistre, answered 200 with it) when dossier and amount agree,
 * 409 otherwise. Racing requests all pass this check: the unique index (payeur, reference)
 * then stops all but one, and `repondreDoublon` turns that violation into the same answers.
 */
export const verifierDoublon: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create') return args
  const data = (args as { data?: Demande }).data
  if (!data) return args
  const existant = await paiementParReference(req, data.payeur, data.reference, true)
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
  let existant: Payment | null = null
  if (error instanceof PaiementDejaEnregistre) existant = error.paiement
  else if (estViolationUnicite(error)) {
    const data: Demande = req.data ?? {}
    if (!creation) {
      return { status: 409, response: { errors: [{ message: `La référence « ${String(data.reference ?? '')} » est déjà celle d'un autre paiement de ce payeur : modification non enregistrée.` }] } }
    }
    // The failed transaction is gone: read what the winner committed.
    existant = await paiementParReference(req, data.payeur, data.reference, false)
    if (!existant) return undefined
    const c = comparerPaiement(existant, data)
    if (!c.identique) return { status: 409, response: { errors: [{ message: c.message, data: { paiementExistant: existant.id } }] } }
  } else return undefined
  const doc = await req.payload.findByID({ collection: 'payments', id: existant.id, user: req.user, overrideAccess: false, disableErrors: true })
  return {
    status: 200,
    response: { doc: doc ?? existant, message: `Paiement déjà enregistré (n° ${String(existant.id)}) : aucun second enregistrement.`, dejaEnregistre: true },
  }
}
