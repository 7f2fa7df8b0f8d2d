import config from '@payload-config'
import { forbidden } from 'next/navigation'
import { headers } from 'next/headers'
import { getPayload } from 'payload'
import { estAdmin } from '@/src/access/roles'

/**
 * The team's own admin views (bank reconciliation, anomalies, reports, payments): anyone signed
 * in who is not an admin gets an HTTP 403 and the French « accès refusé » page (forbidden.tsx),
 * decided before Payload renders anything. Anonymous visitors are left to Payload, which sends
 * them to the login page.
 */
export const VUES_RESERVEES_ADMIN = ['rapprochement', 'anomalies', 'rapports', 'paiements'] as const

export async function refuserVueReservee(segments: string[] | undefined): Promise<void> {
  if (!segments || segments.length !== 1 || !(VUES_RESERVEES_ADMIN as readonly string[]).includes(segments[0]!)) return
  const payload = await getPayload({ config })
  let utilisateur: unknown = null
  try {
    utilisateur = (await payload.auth({ headers: await headers() })).user
  } catch {
    utilisateur = null
  }
  if (utilisateur && !estAdmin(utilisateur as Parameters<typeof estAdmin>[0])) forbidden()
}
