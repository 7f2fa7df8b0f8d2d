import { erreur, json } from '@/src/endpoints/http'
import { ErreurFacturation } from '@/src/services/facturation'

/**
 * The answer of an invoice service: its result with `status`, or its refusal with `manquants`
 * beside the message (`errors[0].manquants`, the shape integrators read since the first version);
 * any other error goes on to the endpoint wrapper.
 */
export async function repondreFacturation(status: 200 | 201, service: () => Promise<object>): Promise<Response> {
  try {
    return json(await service(), status)
  } catch (err) {
    if (err instanceof ErreurFacturation) return erreur(err.status, err.message, err.manquants ? { manquants: err.manquants } : {})
    throw err
  }
}
