import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The admin is served under /admin; the portal (later) under /.
  experimental: {},
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
