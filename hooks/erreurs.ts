import type { AfterErrorHook } from 'payload'

/**
 * Turns errors caused by user input into clear 4xx answers:
 * - validation errors carry each field's own message in the top-level message (Payload's
 *   generic "Le champ suivant n'est pas valide : X" names the field but not the reason);
 * - a non-numeric id or filter value reaches the database as NaN / bad syntax, which the SQL
 *   drivers reject with an exception that would otherwise be a 500.
 */
const ENTREE_INVALIDE =
  /Only finite numbers|invalid input syntax for type|invalid input value for enum|SQLITE_MISMATCH|datatype mismatch|can only bind numbers, strings|cannot be passed as argument to the database|date\/time field value out of range|out of range for type|OFFSET must not be negative|LIMIT must not be negative/i

/** Payload's QueryError (a filter or sort on a path that does not exist or cannot be queried), in French. */
const CHEMIN_NON_FILTRABLE = /^The following paths? cannot be queried: (.*)$/

/**
 * The French 400 for an error caused by the caller's input, or undefined for any other error.
 * One classification for REST (afterError `status`/`response`) and GraphQL (`graphqlResult`).
 */
export function messageEntreeInvalide(error: Error): string | undefined {
  const chemin = error.message.match(CHEMIN_NON_FILTRABLE)
  if (chemin) return `Filtre ou tri impossible sur : ${chemin[1]} (champ inconnu, groupe entier ou champ non filtrable).`
  const cause = `${error.message} ${String((error as { cause?: { message?: unknown } }).cause?.message ?? '')}`
  if (ENTREE_INVALIDE.test(cause)) return 'Identifiant ou valeur de filtre invalide.'
  return undefined
}

/**
 * Payload's refusals whose message is hard-coded in English (not in its translations): the same
 * refusal, same status, in French.
 */
const MESSAGES_PAYLOAD: Record<string, string> = {
  'Token is either invalid or has expired.': 'Le lien de réinitialisation est invalide ou a expiré : demandez-en un nouveau.',
  'A file name is required.': 'Le fichier envoyé doit avoir un nom.',
  'Pasting from URL is not enabled for this collection.': 'L’import d’un fichier depuis une adresse n’est pas activé pour cette collection.',
}

export const messageFrancais = (message: string): string | undefined => MESSAGES_PAYLOAD[message]

/** Set in `req.context` by a collection afterError hook that answered the error itself. */
export const ERREUR_TRAITEE = 'erreurTraitee'

type ErreurChamp = { label?: unknown; path?: unknown; message?: unknown }

export const erreursLisibles: AfterErrorHook = ({ error, result, context, graphqlResult }) => {
  // A collection hook already turned the error into its own answer (e.g. an idempotent replay → 200).
  if (context?.[ERREUR_TRAITEE] === true) return undefined
  if (graphqlResult) {
    // GraphQL reads only `graphqlResult`: the same classification, as the field error's statusCode.
    // graphql-js wraps the thrown error: classify the original one.
    const origine = (error as { originalError?: Error }).originalError ?? error
    const traduit = messageFrancais(origine.message)
    if (traduit) return { graphqlResult: { ...graphqlResult, message: traduit } }
    const message = messageEntreeInvalide(origine)
    if (!message) return undefined
    return { graphqlResult: { ...graphqlResult, message, extensions: { ...graphqlResult.extensions, statusCode: 400 } } }
  }
  const data = (error as { data?: { errors?: ErreurChamp[] } }).data
  if (Array.isArray(data?.errors) && data.errors.length > 0) {
    const details = data.errors.map((e) => `${String(e.label ?? e.path)} : ${String(e.message)}`).join(' ; ')
    return { response: { ...result, errors: [{ name: error.name, message: `${error.message} — ${details}`, data }] } }
  }
  const traduit = messageFrancais(error.message)
  if (traduit) return { response: { ...result, errors: [{ message: traduit }] } }
  const message = messageEntreeInvalide(error)
  if (message) return { status: 400, response: { errors: [{ message }] } }
  return undefined
}
