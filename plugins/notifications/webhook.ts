import { env } from '@/src/config/env'
import { RANG_STATUT_EMAIL, STATUTS_EMAIL_EN_ERREUR, type StatutEmail } from '@/src/domain/notifications/statuts'
import { endpoint } from '@/src/endpoints/endpoint'
import { erreur, json } from '@/src/endpoints/http'
import { verifierSvix } from '@/src/security/svix'

/**
 * POST /api/webhooks/resend — Resend's delivery events, signed with the Svix scheme
 * (RESEND_WEBHOOK_SECRET). Nothing is read before the signature checks out: bad or missing
 * signature, or a timestamp outside 5 minutes (replay) → 401 and nothing changed; a signed but
 * malformed body → 400; an e-mail id we never sent (another environment on the same Resend
 * account) → 200 « ignoré », so Resend does not retry it forever. Without the secret the
 * endpoint answers 503: it never accepts unsigned input, and Resend keeps retrying until the
 * secret is configured.
 */

/** The status each Resend event moves a row to (never down: RANG_STATUT_EMAIL). */
const STATUT_EVENEMENT: Record<string, StatutEmail> = {
  'email.sent': 'sent',
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.failed': 'failed',
}

interface EvenementResend {
  type: string
  created_at?: string
  data: { email_id: string; bounce?: { message?: string; type?: string }; failed?: { reason?: string } }
}

function lireEvenement(texte: string): EvenementResend | string {
  let v: unknown
  try {
    v = JSON.parse(texte)
  } catch {
    return 'Corps invalide : JSON mal formé.'
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'Corps invalide : un objet JSON est attendu.'
  const e = v as { type?: unknown; data?: unknown }
  if (typeof e.type !== 'string' || e.type.length > 100) return 'Champ « type » manquant ou invalide.'
  if (e.data === null || typeof e.data !== 'object') return 'Champ « data » manquant.'
  const id = (e.data as { email_id?: unknown }).email_id
  if (typeof id !== 'string' || id === '' || id.length > 200) return 'Champ « data.email_id » manquant ou invalide.'
  return v as EvenementResend
}

export const endpointWebhookResend = endpoint({
  path: '/webhooks/resend',
  method: 'post',
  // Signed, not signed in: the Svix signature is the authentication.
  public: true,
  handler: async ({ req }) => {
    const secret = env().emails.resendWebhookSecret
    if (!secret) return erreur(503, 'Webhook Resend non configuré (RESEND_WEBHOOK_SECRET absent) : aucun événement n’est accepté.')
    let corps: string
    try {
      corps = req.text ? await req.text() : ''
    } catch {
      return erreur(400, 'Corps de requête illisible.')
    }
    const h = req.headers
    const verification = verifierSvix({ secret, id: h.get('svix-id'), timestamp: h.get('svix-timestamp'), signature: h.get('svix-signature'), corps })
    if (!verification.ok) return erreur(401, verification.raison)
    const evenement = lireEvenement(corps)
    if (typeof evenement === 'string') return erreur(400, evenement)
    const statut = STATUT_EVENEMENT[evenement.type]
    if (!statut) return json({ message: `Événement « ${evenement.type} » sans effet sur le statut : ignoré.` })
    const trouves = await req.payload.find({ collection: 'emails', where: { providerId: { equals: evenement.data.email_id } }, limit: 1, depth: 0, overrideAccess: true })
    const email = trouves.docs[0]
    if (!email) return json({ message: 'E-mail inconnu de cette instance : ignoré.', ignore: true })
    if (RANG_STATUT_EMAIL[statut] <= RANG_STATUT_EMAIL[email.status ?? 'queued']) return json({ message: 'Statut déjà à jour.', status: email.status })
    const raison = evenement.data.bounce?.message ?? evenement.data.failed?.reason
    await req.payload.update({
      collection: 'emails',
      id: email.id,
      overrideAccess: true,
      depth: 0,
      context: { audit: false },
      data: {
        status: statut,
        statusAt: new Date().toISOString(),
        ...(STATUTS_EMAIL_EN_ERREUR.includes(statut) ? { lastError: `Resend : ${evenement.type}${raison ? ` — ${String(raison).slice(0, 500)}` : ''}` } : {}),
      },
    })
    return json({ message: 'Statut mis à jour.', status: statut })
  },
})
