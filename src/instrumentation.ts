/**
 * Next.js start-up hook: loads Payload once before the first request and refuses to serve a
 * database whose migrations are not all applied (a loud failure, never a half-migrated app).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const [{ getPayload }, { default: config }, { verifierMigrations }] = await Promise.all([
    import('payload'),
    import('../payload.config'),
    import('./db/migrations'),
  ])
  const payload = await getPayload({ config })
  try {
    await verifierMigrations(payload)
  } catch (err) {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  }
}
