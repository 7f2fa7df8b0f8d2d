import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What the sender knows about the send in progress, across the provider adapter it cannot
 * change: the idempotency key to put on the request, and what the provider answered (HTTP
 * status, Retry-After) so that the error can be classified (retry or give up).
 */
export interface ContexteEnvoi {
  cleIdempotence: string
  statutHttp: number | null
  retryAfter: string | null
}

export const contexteEnvoi = new AsyncLocalStorage<ContexteEnvoi>()
