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
      import('../payload.config'),
      import('./db/migrations'),
    ])
    const payload = await getPayload({ config })
    await verifierMigrations(payload)
  } catch (err) {
    console.error(`Démarrage impossible : ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
}
