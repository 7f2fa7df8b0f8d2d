/**
 * Next.js start-up hook: loads Payload once before the first request (the environment is
 * validated then) and refuses to serve a database whose migrations are not all applied. Any
 * failure here stops the process with a non-zero code, never a half-working app.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  try {
    const [{ getPayload }, { default: config }, { verifierMigrations }] = await Promise.all([
      import('payload'),
      import('@/payload.config'),
      import('./db/migrations'),
    ])
    const payload = await getPayload({ config })
    await verifierMigrations(payload)
    const { env, descriptionNavigateurPdf } = await import('./config/env')
    payload.logger.info(`Navigateur des PDF : ${descriptionNavigateurPdf(env())}.`)
    // scripts/server.mjs times every request and hands it over through this process-wide hook (it
    // cannot import the app's bundled modules itself): metrics, and one log line per request.
    const { requeteTerminee } = await import('./services/metriques')
    ;(globalThis as Record<symbol, unknown>)[Symbol.for('monopco.requeteTerminee')] = requeteTerminee(payload)
    // …and the dossier list, when the fast read answers it, without Next.js (LISTE_DIRECTE).
    if (env().listeDirecte) {
      const { creerVoieDirecte } = await import('./services/voieDirecte')
      ;(globalThis as Record<symbol, unknown>)[Symbol.for('monopco.voieDirecte')] = creerVoieDirecte(payload)
    }
    // The log line names the authenticated caller: the auth strategies note it in the request's context.
    const { suivreUtilisateurs } = await import('./services/contexteRequete')
    suivreUtilisateurs(payload)
    // Stored values that cannot be read back: a warning with the report, never a refusal to start
    // (tolerant reads keep the lists alive; `npm run verifier-donnees` tells the admin what to do).
    // Not awaited: a large database must not delay serving.
    void import('./services/donneesStockees')
      .then(({ avertirDonneesStockees }) => avertirDonneesStockees(payload))
      .catch((err) => payload.logger.warn(`Vérification des données stockées impossible : ${err instanceof Error ? err.message : String(err)}`))
  } catch (err) {
    console.error(`Démarrage impossible : ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
}
