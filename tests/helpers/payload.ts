import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { creerBaseDeTest, type BaseDeTest } from './database'

/**
 * Payload's Local API on a fresh migrated database, for integration tests. Environment is set
 * before the config is imported, since the config validates it once at import time.
 */
export interface ContexteTest {
  payload: Payload
  base: BaseDeTest
  /** This test's UPLOADS_DIR (documents in `<dossierFichiers>/documents`), removed by fermer(). */
  dossierFichiers: string
  fermer: () => Promise<void>
}

export async function demarrerPayload(nom: string, envSupplementaire: Record<string, string> = {}): Promise<ContexteTest> {
  const base = await creerBaseDeTest(nom)
  process.env.DATABASE_URL = base.url
  ;(process.env as Record<string, string>).NODE_ENV = 'test'
  process.env.SEED_DEMO_DATA = 'false'
  process.env.JOBS_AUTORUN = 'false'
  // Files of its own, out of the repository's data/uploads: checks of « nothing written » see
  // only this test's files, and parallel test files never share a folder.
  const dossierFichiers = envSupplementaire.UPLOADS_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'monopco-fichiers-'))
  process.env.UPLOADS_DIR = dossierFichiers
  Object.assign(process.env, envSupplementaire)
  const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('@/payload.config')])
  const payload = await getPayload({ config })
  // Generated migration files are not type-checked (tsconfig excludes them): import by path.
  const dossierMigrations = `../../migrations/${base.kind}/index`
  const { migrations } = (await import(dossierMigrations)) as { migrations: unknown[] }
  await payload.db.migrate({ migrations: migrations as never })
  return {
    payload,
    base,
    dossierFichiers,
    fermer: async () => {
      await fermerPayload(payload)
      await base.supprimer()
      if (!envSupplementaire.UPLOADS_DIR) fs.rmSync(dossierFichiers, { recursive: true, force: true })
    },
  }
}

/** Destroys a Payload instance and closes its PostgreSQL pool before its database is dropped. */
export async function fermerPayload(payload: Payload): Promise<void> {
  // The PDF renderer's warm Chromium (launched only if this test generated documents).
  await (await import('@/src/pdf/renderer')).fermerRenderer()
  await payload.destroy()
  const pool = (payload.db as unknown as { pool?: { end: () => Promise<void>; on: (e: string, f: () => void) => void; ended?: boolean } }).pool
  if (pool && !pool.ended) {
    // Idle clients error out when the database is dropped under them: ignore that.
    pool.on('error', () => undefined)
    await Promise.race([pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))])
  }
}
