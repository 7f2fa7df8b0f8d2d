import { defaultLoggerOptions } from 'payload'
import type { Config } from 'payload'

type Journal = Exclude<NonNullable<Config['logger']>, 'sync'>

/** An error that is the caller's doing: Payload's and ours carry an HTTP status below 500. */
function refusAttendu(arg: unknown): { message: string; statut: number } | null {
  if (!arg || typeof arg !== 'object' || !('err' in arg)) return null
  const err = (arg as { err?: { status?: unknown; message?: unknown } }).err
  if (!err || typeof err.status !== 'number' || err.status >= 500) return null
  return { message: String(err.message ?? ''), statut: err.status }
}

/**
 * Payload's logger: one JSON object per line in production (a pretty line in development), and
 * expected refusals — a wrong password, a locked account, a 403, a 404, invalid input — are one
 * `info` line without a stack trace. Payload logs every error it answers at ERROR with its stack,
 * and its per-error-name levels (`loggingLevels`) cannot work on the production build, whose
 * class names are minified: the HTTP status is what tells a refusal from an incident.
 */
export function journalPayload(production: boolean, niveau: string): Journal {
  return {
    options: {
      level: niveau,
      hooks: {
        logMethod(args, method, niveau) {
          const refus = niveau >= 50 ? refusAttendu(args[0]) : null
          if (refus) return this.info({ statut: refus.statut }, refus.message)
          return method.apply(this, args)
        },
      },
    },
    ...(production ? {} : { destination: defaultLoggerOptions }),
  }
}
