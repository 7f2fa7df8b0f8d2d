/**
 * The tests must not read a developer's local configuration: `npm run demo` writes a `.env`
 * (COOKIE_SECURE=false, a secret…) that Next.js and the Payload CLI would load into every server
 * and worker the tests start. @next/env skips its files when this marker is set (it is how Next
 * tells its own child processes that the environment is already loaded); children inherit it.
 */
export const SANS_FICHIERS_ENV = { __NEXT_PROCESSED_ENV: 'true' } as const

Object.assign(process.env, SANS_FICHIERS_ENV)
