import type { Payload } from 'payload'
import { requeteSql, sql } from './sql'

/**
 * Lease rows shared by every process on the database (SQLite file or PostgreSQL): the row
 * `compteurs.cle = <cle>` holds the expiry (epoch ms) of the current holder's lease. One
 * INSERT … ON CONFLICT DO UPDATE … WHERE statement takes it only when it is free or expired, so
 * two processes never both hold it; a holder that dies frees it when the lease runs out.
 */
export async function prendreBail(payload: Payload, cle: string, dureeMs: number): Promise<number | null> {
  const maintenant = Date.now()
  const expiration = maintenant + dureeMs
  const horodatage = new Date(maintenant).toISOString()
  const lignes = await requeteSql<{ valeur: number | string }>(
    payload,
    undefined,
    sql`INSERT INTO compteurs (cle, valeur, updated_at, created_at) VALUES (${cle}, ${expiration}, ${horodatage}, ${horodatage})
        ON CONFLICT (cle) DO UPDATE SET valeur = ${expiration}, updated_at = ${horodatage} WHERE compteurs.valeur < ${maintenant}
        RETURNING valeur`,
  )
  return lignes.length === 1 ? expiration : null
}

/** Gives the lease back early, if it is still ours (`jeton`: what prendreBail returned). */
export async function rendreBail(payload: Payload, cle: string, jeton: number): Promise<void> {
  await requeteSql(payload, undefined, sql`UPDATE compteurs SET valeur = 0 WHERE cle = ${cle} AND valeur = ${jeton}`)
}
