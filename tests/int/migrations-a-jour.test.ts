/**
 * The committed migrations describe the collections as they are: what `npm run migrate:create`
 * would generate now (the latest snapshot of migrations/<db>/ against the schema Payload builds
 * from payload.config.ts) is empty. A field added without its migration, or a migration generated
 * while someone else's collection was half-written, fails here rather than on an operator's
 * `npm start` (which refuses to serve without the migration) or, worse, in a column missing on
 * one database only.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'

/** The part of the SQL adapters that `migrate:create` uses (@payloadcms/drizzle buildCreateMigration). */
interface AdaptateurAvecDrizzleKit {
  migrationDir: string
  schema: unknown
  requireDrizzleKit: () => {
    generateDrizzleJson: (schema: unknown) => Promise<{ version: string }> | { version: string }
    generateMigration: (avant: unknown, apres: unknown) => Promise<string[]>
    upSnapshot?: (s: unknown) => unknown
  }
}

let ctx: ContexteTest
beforeAll(async () => {
  ctx = await demarrerPayload('migrations-a-jour')
}, 120_000)
afterAll(async () => ctx?.fermer())

describe('migrations à jour', () => {
  it('le schéma des collections ne diffère pas du dernier instantané des migrations', async () => {
    const db = ctx.payload.db as unknown as AdaptateurAvecDrizzleKit
    const { generateDrizzleJson, generateMigration, upSnapshot } = db.requireDrizzleKit()
    const apres = await generateDrizzleJson(db.schema)
    const dernier = fs.readdirSync(db.migrationDir).filter((f) => f.endsWith('.json')).sort().reverse()[0]
    expect(dernier).toBeDefined()
    let avant = JSON.parse(fs.readFileSync(path.join(db.migrationDir, dernier as string), 'utf8')) as { version: string }
    if (upSnapshot && avant.version < apres.version) avant = upSnapshot(avant) as { version: string }
    const instructions = await generateMigration(avant, apres)
    // Printed in full when it fails: the statements a missing migration would hold.
    expect(instructions).toEqual([])
  })

  it('chaque migration est listée dans index.ts, dans l’ordre des fichiers', () => {
    const dir = (ctx.payload.db as unknown as AdaptateurAvecDrizzleKit).migrationDir
    const fichiers = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort()
    const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8')
    const listees = [...index.matchAll(/name: '([^']+)'/g)].map((m) => m[1])
    expect(listees).toEqual(fichiers)
  })
})
