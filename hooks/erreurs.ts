import type { AfterErrorHook } from 'payload'

/**
 * Turns errors caused by user input into clear 4xx answers:
 * - validation errors carry each field's own message in the top-level message (Payload's
 *   generic "Le champ suivant n'est pas valide : X" names the field but not the reason);
 * - a non-numeric id or filter value reaches the database as NaN / bad syntax, which the SQL
 *   drivers reject with an exception that would otherwise be a 500.
 */
const ENTREE_INVALIDE = /Only finite numbers|invalid input syntax for type|invalid input value for enum|SQLITE_MISMATCH|datatype mismatch/i

/** Set in `req.context` by a collection afterError hook that answered the error itself. */
export const ERREUR_TRAITEE = 'erreurTraitee'

type ErreurChamp = { label?: unknown; path?: unknown; message?: unknown }

export const erreursLisibles: AfterErrorHook = ({ error, result, context }) => {
  // A collection hook already turned the error into its own answer (e.g. an idempotent replay → 200).
  if (context?.[ERREUR_TRAITEE] === true) return undefined
  const data = (error as { data?: { errors?: ErreurChamp[] } }).data
  if (Array.isArray(data?.errors) && data.errors.length > 0) {
    const details = data.errors.map((e) => `${String(e.label ?? e.path)} : ${String(e.message)}`).join(' ; ')
    return { response: { ...result, errors: [{ name: error.name, message: `${error.message} — ${details}`, data }] } }
  }
  const cause = `${error.message} ${String((error as { cause?: { message?: unknown } }).cause?.message ?? '')}`
  if (ENTREE_INVALIDE.test(cause)) {
    return { status: 400, response: { errors: [{ message: 'Identifiant ou valeur de filtre invalide.' }] } }
  }
  return undefined
}
