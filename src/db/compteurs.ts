import type { Payload, PayloadRequest } from 'payload'
import { requeteSql, sql } from './sql'

/**
 * Atomic named counters (dossier references, later invoice numbers). One UPSERT … RETURNING
 * statement: the row lock it takes serialises concurrent callers, and running inside the
 * caller's transaction means a rolled-back create also gives its number back.
 */
export async function incrementerCompteur(payload: Payload, req: Partial<PayloadRequest> | undefined, cle: string): Promise<number> {
  const now = new Date().toISOString()
  const rows = await requeteSql<{ valeur: number | string }>(
    payload,
    req,
    sql`INSERT INTO compteurs (cle, valeur, updated_at, created_at) VALUES (${cle}, 1, ${now}, ${now})
        ON CONFLICT (cle) DO UPDATE SET valeur = compteurs.valeur + 1, updated_at = ${now}
        RETURNING valeur`,
  )
  const valeur = Number(rows[0]?.valeur)
  if (!Number.isSafeInteger(valeur)) throw new Error(`Compteur ${cle} illisible`)
  return valeur
}

/** Raises a counter to at least `minimum` (bulk imports and seeds that write rows directly). */
export async function ajusterCompteur(payload: Payload, cle: string, minimum: number): Promise<void> {
  const now = new Date().toISOString()
  await requeteSql(
    payload,
    undefined,
    sql`INSERT INTO compteurs (cle, valeur, updated_at, created_at) VALUES (${cle}, ${minimum}, ${now}, ${now})
        ON CONFLICT (cle) DO UPDATE SET valeur = CASE WHEN compteurs.valeur < ${minimum} THEN ${minimum} ELSE compteurs.valeur END`,
  )
}
