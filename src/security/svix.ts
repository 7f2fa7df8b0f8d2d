/**
 * Resend webhooks are signed with the Svix scheme: HMAC-SHA256, keyed with the base64 part of
 * `whsec_…`, over `<svix-id>.<svix-timestamp>.<raw body>`; `svix-signature` lists
 * space-separated `v1,<base64>` signatures (several during a key rotation). The timestamp must
 * be within 5 minutes of now, so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const TOLERANCE_SECONDES = 5 * 60

export type VerificationSvix = { ok: true } | { ok: false; raison: string }

export function signerSvix(secret: string, id: string, timestamp: string, corps: string): string {
  const cle = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  return createHmac('sha256', cle).update(`${id}.${timestamp}.${corps}`).digest('base64')
}

export function verifierSvix(args: {
  secret: string
  id: string | null
  timestamp: string | null
  signature: string | null
  corps: string
  maintenant?: Date
}): VerificationSvix {
  const { secret, id, timestamp, signature, corps } = args
  if (!id || !timestamp || !signature) return { ok: false, raison: 'En-têtes de signature manquants (svix-id, svix-timestamp, svix-signature).' }
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, raison: 'Horodatage de signature invalide.' }
  const maintenant = Math.floor((args.maintenant ?? new Date()).getTime() / 1000)
  if (Math.abs(maintenant - Number(timestamp)) > TOLERANCE_SECONDES) return { ok: false, raison: 'Horodatage hors de la fenêtre de 5 minutes : requête trop ancienne (rejouée ?) ou dans le futur.' }
  const attendue = Buffer.from(signerSvix(secret, id, timestamp, corps), 'base64')
  for (const partie of signature.split(' ')) {
    const [version, valeur] = partie.split(',', 2)
    if (version !== 'v1' || !valeur) continue
    const recue = Buffer.from(valeur, 'base64')
    if (recue.length === attendue.length && timingSafeEqual(recue, attendue)) return { ok: true }
  }
  return { ok: false, raison: 'Signature invalide.' }
}
