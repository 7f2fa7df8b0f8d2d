import { APIError, type CollectionBeforeOperationHook } from 'payload'
import { estAdmin, idOf } from '@/src/access/roles'
import { STATUT_FACTURE, TYPE_PIECE } from '@/src/domain/facturation'
import type { Invoice } from '@/src/payload-types'
import { estRenseigne, immuable } from './immuable'

/**
 * Written only by the invoice services (numbering, credit note, dossier invoicing), never by an
 * API client — admins included: a number typed by hand, a draft set to `emise` by an update or a
 * credit note that cancels nothing would break the gap-free sequence. Values that say "nothing"
 * (empty number, `brouillon`, `facture`) pass, since the admin form sends every field back.
 */
const CHAMPS_RESERVES: Partial<Record<keyof Invoice, (v: unknown) => boolean>> = {
  numero: estRenseigne,
  statut: (v) => estRenseigne(v) && v !== STATUT_FACTURE.brouillon,
  dateEmission: estRenseigne,
  dateEcheance: estRenseigne,
  cleFacturation: estRenseigne,
  type: (v) => estRenseigne(v) && v !== TYPE_PIECE.facture,
  factureOrigine: estRenseigne,
  motif: estRenseigne,
}

/**
 * API clients: 403 naming the reserved fields they send (rather than silently dropping them);
 * admins and trusted server code: 403 on an update of an issued invoice, before anything else
 * runs (the beforeChange hook repeats it for every path, bulk updates included). Trusted Local API creates (overrideAccess) may set reserved fields: imports of
 * invoices issued elsewhere.
 */
export const refuserEcrituresInterdites: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  // Payload's operation arguments: `data` is what the client sent, not yet validated.
  // The data as the caller sent it (before Payload's checks): its shape is what is being checked.
  const a = args as { data?: Record<string, unknown>; overrideAccess?: boolean; id?: number | string }
  let actuel: Invoice | null = null
  // Admins and trusted code only: anyone else is refused by access rules, without learning
  // whether that id is an issued invoice.
  if (operation === 'update' && a.id !== undefined && (a.overrideAccess === true || estAdmin(req.user))) {
    actuel = await req.payload.findByID({ collection: 'invoices', id: a.id, req, overrideAccess: true, depth: 0, disableErrors: true })
    if (actuel && actuel.statut !== STATUT_FACTURE.brouillon) immuable()
  }
  if (a.overrideAccess === true || !a.data) return args
  const data = a.data
  // On an update, sending back the stored value is not a change (the admin form sends every field).
  const inchange = (champ: keyof Invoice): boolean => actuel !== null && String(idOf(data[champ]) ?? data[champ] ?? '') === String(idOf(actuel[champ]) ?? actuel[champ] ?? '')
  const interdits = Object.entries(CHAMPS_RESERVES)
    .filter(([champ, renseigne]) => champ in data && renseigne!(data[champ]) && !inchange(champ as keyof Invoice))
    .map(([champ]) => champ)
  if (interdits.length > 0) {
    throw new APIError(
      `Vous n'avez pas le droit de modifier : ${interdits.join(', ')} (numéro, statut et dates sont attribués à l'émission : POST /api/invoices/:id/emettre ; un avoir s'émet par POST /api/invoices/:id/avoir).`,
      403,
      { champs: interdits },
      true,
    )
  }
  return args
}
