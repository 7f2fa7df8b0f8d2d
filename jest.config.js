/** Jest for an ESM-only Payload app: SWC transform, native ESM (run with --experimental-vm-modules). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@payload-config$': '<rootDir>/payload.config.ts',
    '^@/(.*)$': '<rootDir>/$1',
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // Servers and workers started by the tests ignore a local .env (tests/helpers/sansConfigurationLocale.ts).
  setupFiles: ['<rootDir>/tests/helpers/sansConfigurationLocale.ts'],
  testTimeout: 120_000,
  // Each integration/HTTP file starts its own database (and server); two at a time fits 2 cores.
  maxWorkers: 2,
}
