import type { AsyncLocalStorage } from 'node:async_hooks'
import type { Payload } from 'payload'

/**
 * Who made the current HTTP request, for its log line. scripts/server.mjs runs each request
 * inside an AsyncLocalStorage it puts on globalThis (the server cannot import the app's bundled
 * modules, nor the app the server); Payload's authentication strategies, wrapped here once at
 * start-up, write the authenticated user's id and role into that request's context, and the
 * server hands them to `requeteTerminee` (src/services/metriques.ts) when the answer is sent.
 * Only the id, the role and the collection: never an e-mail or a name.
 */
export interface UtilisateurRequete {
  id: number | string
  role: string | null
  collection: string
}

export interface ContexteRequete {
  utilisateur?: UtilisateurRequete
}

const CLE_CONTEXTE = Symbol.for('monopco.contexteRequete')
const ENVELOPPEE = Symbol.for('monopco.strategieSuivie')

/** The current request's context, or undefined outside our server (tests' Local API, scripts, jobs). */
export function contexteRequete(): ContexteRequete | undefined {
  const als = (globalThis as Record<symbol, unknown>)[CLE_CONTEXTE] as AsyncLocalStorage<ContexteRequete> | undefined
  return als?.getStore()
}

type Strategie = Payload['authStrategies'][number]

/** Makes every authentication strategy of this Payload record the user it authenticates (idempotent). */
export function suivreUtilisateurs(payload: Payload): void {
  for (const strategie of payload.authStrategies as (Strategie & { [ENVELOPPEE]?: true })[]) {
    if (strategie[ENVELOPPEE]) continue
    const authentifier = strategie.authenticate
    strategie.authenticate = async (args) => {
      const resultat = await authentifier(args)
      const user = resultat.user as { id?: number | string; role?: unknown; collection?: string } | null | undefined
      const ctx = contexteRequete()
      if (ctx && user && user.id !== undefined) {
        ctx.utilisateur = { id: user.id, role: typeof user.role === 'string' ? user.role : null, collection: String(user.collection ?? 'users') }
      }
      return resultat
    }
    strategie[ENVELOPPEE] = true
  }
}
