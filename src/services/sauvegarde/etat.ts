import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { lireDerniereSauvegarde, type DerniereSauvegarde } from '@/src/domain/sauvegarde'

/**
 * The last successful backup (date, archive, size), kept in two places: Payload's key-value store
 * (the `payload_kv` table: every instance reads it — the metric, the admin) and
 * `derniere-sauvegarde.json` next to the archives (for the operator, and the instance that has
 * no database at hand). Light on purpose: the metrics route imports it.
 */

export const CLE_DERNIERE_SAUVEGARDE = 'monopco:derniere-sauvegarde'
export const FICHIER_DERNIERE_SAUVEGARDE = 'derniere-sauvegarde.json'

/** Where the database copy goes: `payload.kv` in the app, a plain SQL upsert in `npm run backup`. */
export interface MagasinCles {
  set: (cle: string, valeur: DerniereSauvegarde) => Promise<void>
}

export async function enregistrerDerniereSauvegarde(dossier: string, derniere: DerniereSauvegarde, base?: MagasinCles): Promise<void> {
  const fichier = path.join(dossier, FICHIER_DERNIERE_SAUVEGARDE)
  const temporaire = `${fichier}.${process.pid}.tmp`
  fs.writeFileSync(temporaire, `${JSON.stringify(derniere, null, 2)}\n`, { mode: 0o600 })
  fs.renameSync(temporaire, fichier)
  if (base) await base.set(CLE_DERNIERE_SAUVEGARDE, derniere)
}

/** From the database (any instance); null when no backup ever succeeded or the store is unreadable. */
export async function derniereSauvegarde(payload: Payload): Promise<DerniereSauvegarde | null> {
  try {
    return lireDerniereSauvegarde(await payload.kv.get(CLE_DERNIERE_SAUVEGARDE))
  } catch {
    return null
  }
}

/** From `derniere-sauvegarde.json` in a backup folder; null when absent or unreadable. */
export function derniereSauvegardeDuDossier(dossier: string): DerniereSauvegarde | null {
  try {
    return lireDerniereSauvegarde(JSON.parse(fs.readFileSync(path.join(dossier, FICHIER_DERNIERE_SAUVEGARDE), 'utf8')))
  } catch {
    return null
  }
}
