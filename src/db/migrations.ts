import fs from 'node:fs'
import type { Payload } from 'payload'

/** Names of the committed migrations for the active adapter (file names without extension). */
export function migrationsAttendues(payload: Payload): string[] {
  const dir = payload.db.migrationDir
  if (!dir || !fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d.*\.(ts|js)$/.test(f))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .sort()
}

export async function migrationsEnAttente(payload: Payload): Promise<string[]> {
  const attendues = migrationsAttendues(payload)
  if (attendues.length === 0) return []
  let appliquees: string[] = []
  try {
    const res = await payload.find({ collection: 'payload-migrations', limit: 0, pagination: false, depth: 0 })
    appliquees = res.docs.map((d) => String((d as { name?: unknown }).name))
  } catch {
    return attendues
  }
  return attendues.filter((n) => !appliquees.includes(n))
}

/**
 * Refuses to serve on a database whose migrations did not all run — the loud failure that
 * catches a `payload migrate` that exited 0 without migrating (docs/notes-techniques.md, silent-exit trap).
 */
export async function verifierMigrations(payload: Payload): Promise<void> {
  const manquantes = await migrationsEnAttente(payload)
  if (manquantes.length > 0) {
    const message = `Migrations non appliquées : ${manquantes.join(', ')}. Lancez \`npm run migrate\`. / Pending migrations: run \`npm run migrate\`.`
    payload.logger.fatal(message)
    throw new Error(message)
  }
}
