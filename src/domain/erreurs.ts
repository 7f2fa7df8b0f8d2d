/**
 * A refusal the business rules explain to the caller: a status in the 4xx range and a French
 * message. Services throw it (or a subclass); the endpoint wrapper (src/endpoints/endpoint.ts)
 * turns it into Payload's error shape. It never carries a 5xx: an unexpected failure is any
 * other error, logged once and answered « Erreur interne. ».
 */
export type StatutRefus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429

export class ErreurMetier extends Error {
  constructor(
    message: string,
    readonly status: StatutRefus = 400,
    /** Machine-readable details, sent as `errors[0].data` (fields refused, rules failed…). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'ErreurMetier'
  }
}

export const estErreurMetier = (err: unknown): err is ErreurMetier => err instanceof ErreurMetier
